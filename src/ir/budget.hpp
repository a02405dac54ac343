// The policy-wide item budget, checked on the final output of lowering: how many items
// (rules, address-list entries, queue types and trees, anchor jumps) a policy generates,
// and who generates them. Entry points: count_items(), check_item_budget().
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ir/ir.hpp"
#include "sema/model.hpp"
#include "support/diagnostics.hpp"

namespace rosgen::ir {

// A share of the output: a rule ("signature 'smtp-bot'"), an address list, or the
// policy's own items ("the anchor jumps", "the quarantine drops").
struct ItemShare {
  std::string what;
  std::string rule;  // the rule's name when `what` is a rule, else empty
  std::size_t items = 0;
};

// Every item of `ruleset` (items and anchors) attributed by its ownership id
// (comment="rosgen:<policy>:<id>", the id's first part is the rule name; a queue type,
// which has no comment, belongs to the queue tree of its name). Largest first, then by
// name.
std::vector<ItemShare> count_items(const sema::Policy& policy, const Ruleset& ruleset);

// Reports an error when `ruleset` holds more items than policy.site.item_budget, naming
// the largest contributors (with a note at each of the rules among the first few), at
// the 'item-budget' value, else the policy block, else without a location. Returns whether
// the ruleset is within budget.
bool check_item_budget(const sema::Policy& policy, const Ruleset& ruleset,
                       support::DiagnosticEngine& diags);

}  // namespace rosgen::ir
