// RouterState helpers.
#include "routeros/state.hpp"

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
  return state;
}

RouterState without_remarks(RouterState state) {
  for (auto& list : state.menus) {
    for (ir::Item& item : list) item.remarks.clear();
  }
  return state;
}

}  // namespace rosgen::routeros
