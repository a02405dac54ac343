// Content-addressed names for layer7 protocols and non-entry chains (see version.hpp).
#include "lower/version.hpp"

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "ir/chains.hpp"
#include "support/digest.hpp"

namespace rosgen::lower {

namespace {

using ir::ChainKey;

// Appends one item's canonical text to `out`: each property but comment (sorted by name,
// as ir::Item keeps them; chain= and name= hold the names before versioning) as
// "<name>=<byte count>:<bytes>\n" (values are raw bytes that may hold any character, so
// they are length-prefixed), then an end line.
void append_item(std::string& out, const ir::Item& item) {
  for (const ir::Property& p : item.properties) {
    if (p.name == "comment")
      continue;
    out += p.name;
    out += '=';
    out += std::to_string(p.value.size());
    out += ':';
    out += p.value;
    out += '\n';
  }
  out += "end\n";
}

std::string short_hash(const std::string& text) {
  return support::sha256(text).substr(0, kVersionDigits);
}

void add_version_to_comment(ir::Item& item, const std::string& hash) {
  if (const std::string* comment = item.get("comment"))
    item.set("comment", *comment + kVersionSeparator + hash);
}

// Every item of the ruleset, in script order: items, anchors, guards.
template <typename F>
void for_each_item(ir::Ruleset& ruleset, F f) {
  for (auto* part : {&ruleset.items, &ruleset.anchors, &ruleset.guards})
    for (ir::Item& item : *part) f(item);
}

// Layer7 protocols: name and comment take the hash of the entry's text (its name and
// regexp), and every layer7-protocol= naming an entry follows.
void version_layer7(ir::Ruleset& ruleset) {
  std::map<std::string, std::string> renamed;  // old name -> new name
  for (ir::Item& item : ruleset.items) {
    const std::string* name = item.get("name");
    if (item.menu != ir::Menu::Layer7Protocol || name == nullptr)
      continue;
    std::string text = "layer7-protocol\n";
    append_item(text, item);
    std::string hash = short_hash(text);
    std::string new_name = *name + "-" + hash;
    renamed.emplace(*name, new_name);
    item.set("name", new_name);
    add_version_to_comment(item, hash);
  }
  if (renamed.empty())
    return;
  for_each_item(ruleset, [&](ir::Item& item) {
    const std::string* used = item.get("layer7-protocol");
    if (!ir::is_firewall_table(item.menu) || used == nullptr)
      return;
    auto it = renamed.find(*used);
    if (it != renamed.end())
      item.set("layer7-protocol", it->second);
  });
}

// The Merkle walk that names the non-entry chains of one ruleset.
class ChainVersions {
 public:
  explicit ChainVersions(ir::Ruleset& ruleset)
      : ruleset_(ruleset), chains_(ir::owned_chains(ruleset)) {}

  // Hashes every non-entry chain (leaves first) and rewrites chain, jump-target and
  // comment of every item.
  void run() {
    for (const auto& [key, items] : chains_.items) {
      if (chains_.entries.count(key) == 0)
        hash_of(key);
    }
    for_each_item(ruleset_, [&](ir::Item& item) {
      if (!ir::is_firewall_table(item.menu))
        return;
      if (const std::string* target = item.get("jump-target")) {
        auto it = hashes_.find({item.menu, *target});
        if (it != hashes_.end())
          item.set("jump-target", *target + "-" + it->second);
      }
      if (const std::string* chain = item.get("chain")) {
        auto it = hashes_.find({item.menu, *chain});
        if (it != hashes_.end()) {
          std::string hash = it->second;
          item.set("chain", *chain + "-" + hash);
          add_version_to_comment(item, hash);
        }
      }
    });
    for (ir::ContentGroup& group : ruleset_.content_groups) {
      for (ir::Menu menu : {ir::Menu::Mangle, ir::Menu::Filter}) {
        auto it = hashes_.find({menu, group.chain});
        if (it != hashes_.end()) {
          group.chain += "-" + it->second;
          break;
        }
      }
    }
  }

 private:
  // The hash of a renamed chain, computed after those of the chains it jumps to.
  const std::string& hash_of(const ChainKey& key) {
    auto done = hashes_.find(key);
    if (done != hashes_.end())
      return done->second;
    if (!on_path_.insert(key).second)
      throw std::logic_error("internal error: rosgen's chains jump in a cycle: " + cycle(key));
    path_.push_back(key);
    std::string text = std::string(ir::menu_short_name(key.menu)) + " chain\n";
    for (std::size_t i : chains_.items.at(key)) {
      ir::Item canonical = ruleset_.items[i];
      if (const std::string* target = ruleset_.items[i].get("jump-target")) {
        ChainKey next{key.menu, *target};
        if (chains_.items.count(next) != 0 && chains_.entries.count(next) == 0)
          canonical.set("jump-target", *target + "-" + hash_of(next));
      }
      append_item(text, canonical);
    }
    path_.pop_back();
    on_path_.erase(key);
    return hashes_.emplace(key, short_hash(text)).first->second;
  }

  // "mangle rosgen-p-a -> rosgen-p-b -> rosgen-p-a", from the first visit of `key`.
  std::string cycle(const ChainKey& key) const {
    std::string out = std::string(ir::menu_short_name(key.menu));
    bool in_cycle = false;
    for (const ChainKey& step : path_) {
      in_cycle = in_cycle || step == key;
      if (in_cycle)
        out += " " + step.name + " ->";
    }
    return out + " " + key.name;
  }

  ir::Ruleset& ruleset_;
  ir::OwnedChains chains_;
  std::map<ChainKey, std::string> hashes_;  // renamed chain -> its hash
  std::set<ChainKey> on_path_;              // the walk's current path, for cycles
  std::vector<ChainKey> path_;
};

}  // namespace

void version_names(ir::Ruleset& ruleset) {
  version_layer7(ruleset);
  ChainVersions(ruleset).run();
}

}  // namespace rosgen::lower
