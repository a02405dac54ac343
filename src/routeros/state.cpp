// RouterState helpers.
#include "routeros/state.hpp"

#include <algorithm>

namespace rosgen::routeros {

std::size_t RouterState::size() const {
  std::size_t n = 0;
  for (const auto& list : menus) n += list.size();
  return n;
}

RouterState import_ruleset(const ir::Ruleset& ruleset) {
  RouterState state;
  for (const ir::Item& item : ruleset.items) state.items(item.menu).push_back(item);
  for (const ir::Item& anchor : ruleset.anchors) {
    auto& list = state.items(anchor.menu);
    list.insert(ruleset.anchor_top ? list.begin() : list.end(), anchor);
  }
  for (const ir::Item& guard : ruleset.guards) place_before_fasttrack(state, guard);
  return state;
}

std::optional<std::size_t> first_fasttrack(const std::vector<ir::Item>& items,
                                           std::string_view chain) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string* c = items[i].get("chain");
    if (enables_fasttrack(items[i]) && c != nullptr && *c == chain)
      return i;
  }
  return std::nullopt;
}

bool place_before_fasttrack(RouterState& state, const ir::Item& item) {
  auto& list = state.items(item.menu);
  const std::string* chain = item.get("chain");
  auto at = first_fasttrack(list, chain != nullptr ? *chain : "forward");
  if (!at)
    return false;
  list.insert(list.begin() + static_cast<std::ptrdiff_t>(*at), item);
  return true;
}

bool is_dynamic(const ir::Item& item) {
  const std::string* dynamic = item.get("dynamic");
  return dynamic != nullptr && (*dynamic == "yes" || *dynamic == "true");
}

ir::Item fasttrack_counter_rule() {
  ir::Item item;
  item.menu = ir::Menu::Filter;
  item.set("action", "passthrough");
  item.set("chain", "forward");
  item.set("comment", "special dummy rule to show fasttrack counters");
  item.set("dynamic", "yes");
  return item;
}

bool enables_fasttrack(const ir::Item& item) {
  const std::string* action = item.get("action");
  const std::string* disabled = item.get("disabled");
  return !is_dynamic(item) && action != nullptr && *action == "fasttrack-connection" &&
         (disabled == nullptr || *disabled != "yes");
}

void sync_dynamic_items(RouterState& state) {
  auto& filter = state.items(ir::Menu::Filter);
  bool fasttrack = std::any_of(filter.begin(), filter.end(), enables_fasttrack);
  const ir::Item counter = fasttrack_counter_rule();
  auto it = std::find(filter.begin(), filter.end(), counter);
  if (fasttrack && it == filter.end())
    filter.insert(filter.begin(), counter);
  if (!fasttrack && it != filter.end())
    filter.erase(it);
}

RouterState exported(RouterState state) {
  for (auto& list : state.menus) std::erase_if(list, is_dynamic);
  return state;
}

RouterState without_remarks(RouterState state) {
  for (auto& list : state.menus) {
    for (ir::Item& item : list) item.remarks.clear();
  }
  return state;
}

}  // namespace rosgen::routeros
