// The policy-wide item budget, checked on the final output of lowering: how many items
// (rules, address-list entries, queue types and trees, anchor jumps) a policy generates,
// and who generates them. Entry points: count_items(), check_item_budget(), and
// check_item_budget_before_lowering() (a lower bound, so huge outputs are never built).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ir/ir.hpp"
#include "sema/model.hpp"
#include "support/diagnostics.hpp"

namespace rosgen::lower {

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
std::vector<ItemShare> count_items(const sema::Policy& policy, const ir::Ruleset& ruleset);

// A lower bound on the items `rule` generates, computed without generating them: one
// rule per case form of each alternative of each of a signature's stages, plus the
// layer7-protocol entry of each 'at start' stage (0 for caps and rates, whose item counts
// do not grow faster than their text). Units: items.
std::uint64_t minimum_items(const sema::Rule& rule);

// Reports an error, like check_item_budget(), when the minimum_items() of the policy's
// rules already exceed the budget, so that a policy whose output would exhaust memory
// is refused before lowering (issue 7, section 6). Returns whether lowering may proceed.
bool check_item_budget_before_lowering(const sema::Policy& policy,
                                       support::DiagnosticEngine& diags);

// Reports an error when `ruleset` holds more items than policy.site.item_budget, naming
// the largest contributors (with a note at each of the rules among the first few), at
// the 'item-budget' value, else the policy block, else without a location. Returns whether
// the ruleset is within budget.
bool check_item_budget(const sema::Policy& policy, const ir::Ruleset& ruleset,
                       support::DiagnosticEngine& diags);

}  // namespace rosgen::lower
