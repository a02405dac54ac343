// The router's configuration as rosgen sees it: for each modeled menu, its items in list
// order (the order RouterOS evaluates them). Exports read into it, patches are applied
// to it, and a compiled Ruleset can be "imported" into it. Entry points: RouterState,
// import_ruleset().
#pragma once

#include <array>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ir/ir.hpp"

namespace rosgen::routeros {

// In the order a script adds them (what rules name comes first); indexed by the enum's value
// in RouterState::menus.
inline constexpr std::array<ir::Menu, 10> kModeledMenus = {ir::Menu::InterfaceList,
                                                           ir::Menu::InterfaceListMember,
                                                           ir::Menu::AddressList,
                                                           ir::Menu::QueueType,
                                                           ir::Menu::Layer7Protocol,
                                                           ir::Menu::Raw,
                                                           ir::Menu::Mangle,
                                                           ir::Menu::Filter,
                                                           ir::Menu::Nat,
                                                           ir::Menu::QueueTree};

struct RouterState {
  std::array<std::vector<ir::Item>, kModeledMenus.size()> menus;
  // The router's interfaces and interface lists, when the model knows them (tests of
  // import mode); exports do not list physical interfaces, so readers leave this unset.
  std::optional<std::set<std::string>> interfaces;
  std::optional<std::set<std::string>> interface_lists;

  std::vector<ir::Item>& items(ir::Menu menu) { return menus[static_cast<std::size_t>(menu)]; }

  const std::vector<ir::Item>& items(ir::Menu menu) const {
    return menus[static_cast<std::size_t>(menu)];
  }

  std::size_t size() const;
  bool operator==(const RouterState&) const = default;
};

// True for an item RouterOS made itself (dynamic=yes): FastTrack's counter rule, rules
// of hotspot or UPnP. Such items are listed by print, never exported, and refuse to be
// changed, moved or placed before ("failure: cannot change builtin", reference §5.1).
bool is_dynamic(const ir::Item& item);

// The dynamic rule RouterOS keeps at the top of /ip firewall filter while an enabled
// fasttrack-connection rule exists: "special dummy rule to show fasttrack counters"
// (reference §5.1, pear2/Net_RouterOS#36). Its properties are rosgen's rendering.
ir::Item fasttrack_counter_rule();

// True for an enabled (disabled!=yes), non-dynamic action=fasttrack-connection rule.
bool enables_fasttrack(const ir::Item& item);

// Adds or removes fasttrack_counter_rule() at the top of the filter table so that it is
// there exactly while an enabled (disabled!=yes) action=fasttrack-connection rule is.
void sync_dynamic_items(RouterState& state);

// The state as /export prints it: without dynamic items.
RouterState exported(RouterState state);

// The position of the first enabled action=fasttrack-connection rule of `chain` in
// `items`, if any (what emit::before_fasttrack's `find` picks).
std::optional<std::size_t> first_fasttrack(const std::vector<ir::Item>& items,
                                           std::string_view chain);

// Inserts `item` directly before the first enabled fasttrack-connection rule of its chain;
// returns false (and changes nothing) when there is none.
bool place_before_fasttrack(RouterState& state, const ir::Item& item);

// What importing the compiled script does: items appended in order, then each anchor
// placed at the top of its menu (place-before=0), or appended with 'anchor bottom', then
// each FastTrack guard placed before the first fasttrack-connection rule (none on an
// empty router).
RouterState import_ruleset(const ir::Ruleset& ruleset);

// The same state with every item's remarks dropped (exports carry no remarks).
RouterState without_remarks(RouterState state);

}  // namespace rosgen::routeros
