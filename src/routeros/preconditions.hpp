// What a single firewall rule must say for RouterOS to accept one of its actions or
// matchers: one table of per-action and per-matcher preconditions (tarpit and tcp-reset
// need protocol=tcp on the same rule, ports need a protocol with ports, ...). The
// lowering consults it while building rules, a test checks every emitted item against it,
// and the in-memory model of RouterOS (script_reader's import mode) refuses an add that
// breaks it, as RouterOS does. Entry points: kPreconditions, violations().
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ir/ir.hpp"

namespace rosgen::routeros {

// One rule of the table. The precondition applies to an item of `menu` (Mangle or Filter)
// when property `property` is present and, if `value` is not empty, equals `value`.
// It then requires property `requires_property` to hold one of `allowed` (a comma-free
// list of exact values), or, when `allowed` is empty, merely to be present.
struct Precondition {
  ir::Menu menu;
  std::string_view property;
  std::string_view value;  // empty: any value
  std::string_view requires_property;
  std::span<const std::string_view> allowed;  // empty: presence is enough
  std::string_view source;                    // where the fact comes from
};

// The table, for both firewall menus (filter first, then mangle).
std::span<const Precondition> preconditions();

// Every precondition `item` breaks, as a sentence each ("action=tarpit needs protocol=tcp
// on the same rule (MikroTik GPL ipt_TARPIT check)"); empty when it is acceptable.
// Items of menus other than filter and mangle have no preconditions here.
std::vector<std::string> violations(const ir::Item& item);

}  // namespace rosgen::routeros
