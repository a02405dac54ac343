// IR helpers: menu names, sorted property access, ownership comments, the test dump.
#include "ir/ir.hpp"

#include <algorithm>

namespace rosgen::ir {

namespace {

struct MenuName {
  Menu menu;
  std::string_view path;
  std::string_view short_name;
};

constexpr MenuName kMenus[] = {
    {Menu::AddressList, "/ip firewall address-list", "address-list"},
    {Menu::QueueType, "/queue type", "queue-type"},
    {Menu::Mangle, "/ip firewall mangle", "mangle"},
    {Menu::Filter, "/ip firewall filter", "filter"},
    {Menu::QueueTree, "/queue tree", "queue-tree"},
    {Menu::Layer7Protocol, "/ip firewall layer7-protocol", "layer7-protocol"},
    {Menu::Raw, "/ip firewall raw", "raw"},
    {Menu::Nat, "/ip firewall nat", "nat"},
    {Menu::InterfaceList, "/interface list", "interface-list"},
    {Menu::InterfaceListMember, "/interface list member", "interface-list-member"},
};

const MenuName& lookup(Menu menu) {
  for (const MenuName& m : kMenus) {
    if (m.menu == menu)
      return m;
  }
  return kMenus[0];
}

}  // namespace

std::string_view menu_path(Menu menu) {
  return lookup(menu).path;
}

std::string_view menu_short_name(Menu menu) {
  return lookup(menu).short_name;
}

std::optional<Menu> menu_from_path(std::string_view path) {
  for (const MenuName& m : kMenus) {
    if (m.path == path)
      return m.menu;
  }
  return std::nullopt;
}

const std::string* Item::get(std::string_view name) const {
  for (const Property& p : properties) {
    if (p.name == name)
      return &p.value;
  }
  return nullptr;
}

void Item::set(std::string name, std::string value) {
  auto it = std::lower_bound(properties.begin(), properties.end(), name,
                             [](const Property& p, const std::string& n) { return p.name < n; });
  if (it != properties.end() && it->name == name) {
    it->value = std::move(value);
    return;
  }
  properties.insert(it, Property{std::move(name), std::move(value)});
}

std::string owner_comment(std::string_view policy, std::string_view id) {
  std::string out = "rosgen:";
  out += policy;
  out += ':';
  out += id;
  return out;
}

std::string dump(const Ruleset& ruleset) {
  std::string out;
  auto dump_items = [&](const std::vector<Item>& items) {
    for (const Item& item : items) {
      out += lookup(item.menu).short_name;
      out += " add";
      for (const Property& p : item.properties) {
        out += ' ';
        out += p.name;
        out += '=';
        out += p.value;
      }
      out += '\n';
    }
  };
  dump_items(ruleset.items);
  dump_items(ruleset.anchors);
  dump_items(ruleset.guards);
  return out;
}

std::string routeros_duration(std::uint32_t seconds) {
  static constexpr std::pair<std::uint32_t, char> kUnits[] = {
      {604800, 'w'}, {86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}};
  if (seconds == 0)
    return "0s";
  std::string out;
  for (auto [size, unit] : kUnits) {
    if (seconds >= size) {
      out += std::to_string(seconds / size) + unit;
      seconds %= size;
    }
  }
  return out;
}

}  // namespace rosgen::ir
