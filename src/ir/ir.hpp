// The IR shared by every stage: a list of RouterOS items (menu, properties, ownership
// comment) in value types with ==. The compiler produces it (lower.cpp), the emitter
// writes it (emit/), and later the export reader, diff, push and simulator use it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rosgen::ir {

// The menus rosgen reads and writes. routeros::kModeledMenus gives the order a script adds
// them: address lists, queue types and layer7 protocols before the rules and queue trees
// that name them. Raw, NAT and interface lists are read (exports, for the simulator) and
// never owned.
enum class Menu {
  AddressList,
  QueueType,
  Mangle,
  Filter,
  QueueTree,
  Layer7Protocol,
  Raw,
  Nat,
  InterfaceList,
  InterfaceListMember
};

// True for the firewall tables, whose items are rules in chains evaluated in list order
// (mangle, filter, raw, nat).
constexpr bool is_firewall_table(Menu menu) {
  return menu == Menu::Mangle || menu == Menu::Filter || menu == Menu::Raw || menu == Menu::Nat;
}

// True for the menus in which rosgen may own items (all but raw, NAT and interface lists,
// which are read for the simulator only): there, an item the reader cannot read could be an owned
// one.
constexpr bool may_hold_owned_items(Menu menu) {
  return menu != Menu::Raw && menu != Menu::Nat && menu != Menu::InterfaceList &&
         menu != Menu::InterfaceListMember;
}

std::string_view menu_path(Menu menu);        // "/ip firewall mangle"
std::string_view menu_short_name(Menu menu);  // "mangle", "queue-tree"
std::optional<Menu> menu_from_path(std::string_view path);

// One name=value pair. Values are raw bytes; quoting and escaping are the emitter's job.
struct Property {
  std::string name;
  std::string value;
  bool operator==(const Property&) const = default;
};

struct Item {
  Menu menu = Menu::Filter;
  std::vector<Property> properties;  // kept sorted by name, as RouterOS exports print them
  std::vector<std::string> remarks;  // "# ..." lines the emitter writes above the item

  const std::string* get(std::string_view name) const;
  void set(std::string name, std::string value);  // insert or replace, keeping the order
  bool operator==(const Item&) const = default;
};

// One stage's content rules as lowering wrote them, for the optimiser (src/optimise/): in
// `chain`, for each alternative (`texts`, in order), the items whose ids are `ids[j]`, one
// per case form, identical but for content=. Emit and diff ignore it.
struct ContentGroup {
  std::string chain;
  std::string signature;  // its signature's name
  std::string id;         // the stage's id ("proxy-connect.lit1"): new ids extend it

  struct Text {
    std::string bytes;
    bool nocase = false;
    bool operator==(const Text&) const = default;
  };

  std::vector<Text> texts;
  std::vector<std::vector<std::string>> ids;
  bool operator==(const ContentGroup&) const = default;
};

struct Ruleset {
  std::string policy;
  int routeros = 7;
  std::optional<int> routeros_minor;  // "routeros 6.49" in the policy: 49
  std::vector<Item> items;            // owned chains, lists, queues: in script order
  std::vector<Item> anchors;          // the jumps from built-in chains, added last
  bool anchor_top = true;             // anchors go first in their chain (place-before=0), else last
  // FastTrack guards: jumps placed directly before the router's first enabled
  // action=fasttrack-connection rule of their chain (found when the script runs; none when
  // the router has no such rule). Their chain accepts the established packets rosgen must
  // keep seeing, so FastTrack never takes those connections (reference §5.1).
  std::vector<Item> guards;
  std::vector<ContentGroup> content_groups;  // the stages' content rules (optimiser input)
  bool operator==(const Ruleset&) const = default;
};

// "rosgen:<policy>:<id>", the ownership tag every item carries in comment=, except
// queue types: /queue type has no comment, so those are owned by their name, which
// starts with "rosgen-<policy>-".
std::string owner_comment(std::string_view policy, std::string_view id);

// A stable one-line-per-item text form for tests: "mangle add action=jump chain=...".
std::string dump(const Ruleset& ruleset);

// RouterOS time text for a number of seconds: 90 -> "1m30s", 3600 -> "1h", 0 -> "0s".
std::string routeros_duration(std::uint32_t seconds);

}  // namespace rosgen::ir
