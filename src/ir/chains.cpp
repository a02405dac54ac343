// Rosgen's own chains and their jumps (see chains.hpp).
#include "ir/chains.hpp"

#include <algorithm>
#include <functional>

namespace rosgen::ir {

OwnedChains owned_chains(const Ruleset& ruleset) {
  OwnedChains out;
  const std::string prefix = "rosgen-" + ruleset.policy + "-";
  for (std::size_t i = 0; i < ruleset.items.size(); ++i) {
    const Item& item = ruleset.items[i];
    const std::string* chain = item.get("chain");
    if (is_firewall_table(item.menu) && chain != nullptr && chain->starts_with(prefix))
      out.items[{item.menu, *chain}].push_back(i);
  }
  for (const auto* part : {&ruleset.items, &ruleset.anchors, &ruleset.guards}) {
    for (const Item& item : *part) {
      const std::string* chain = item.get("chain");
      const std::string* target = item.get("jump-target");
      if (is_firewall_table(item.menu) && chain != nullptr && target != nullptr &&
          !chain->starts_with(prefix))
        out.entries.insert({item.menu, *target});
    }
  }
  return out;
}

std::map<ChainKey, std::size_t> chain_heights(const Ruleset& ruleset, const OwnedChains& chains) {
  std::map<ChainKey, std::size_t> heights;
  std::set<ChainKey> visiting;
  std::function<std::size_t(const ChainKey&)> height = [&](const ChainKey& key) -> std::size_t {
    auto known = heights.find(key);
    if (known != heights.end())
      return known->second;
    visiting.insert(key);
    std::size_t h = 0;
    for (std::size_t i : chains.items.at(key)) {
      const std::string* target = ruleset.items[i].get("jump-target");
      if (target == nullptr)
        continue;
      ChainKey next{key.menu, *target};
      if (chains.items.count(next) != 0 && visiting.count(next) == 0)
        h = std::max(h, height(next) + 1);
    }
    visiting.erase(key);
    return heights[key] = h;
  };
  for (const auto& [key, items] : chains.items) height(key);
  return heights;
}

}  // namespace rosgen::ir
