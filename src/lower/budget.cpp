// The item budget (see budget.hpp).
#include "lower/budget.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <string_view>

#include "sema/check.hpp"

namespace rosgen::lower {

namespace {

// How many contributors the error names.
constexpr std::size_t kNamed = 5;

const char* rule_kind(const sema::Rule& rule) {
  if (std::holds_alternative<sema::Cap>(rule))
    return "cap";
  if (std::holds_alternative<sema::Rate>(rule))
    return "rate";
  return "signature";
}

// The id of an owned item's comment ("rosgen:<policy>:<id>"), or empty.
std::string_view owned_id(const ir::Item& item, std::string_view prefix) {
  const std::string* comment = item.get("comment");
  if (comment == nullptr || !std::string_view(*comment).starts_with(prefix))
    return {};
  return std::string_view(*comment).substr(prefix.size());
}

}  // namespace

std::vector<ItemShare> count_items(const sema::Policy& policy, const ir::Ruleset& ruleset) {
  const std::string& name = ruleset.policy;
  const std::string prefix = "rosgen:" + name + ":";
  std::map<std::string, const char*, std::less<>> kinds;
  for (const sema::Rule& rule : policy.rules) kinds.emplace(sema::rule_name(rule), rule_kind(rule));
  // Queue types have no comment: they share the id of the queue tree of the same name.
  std::map<std::string, std::string, std::less<>> tree_ids;
  for (const ir::Item& item : ruleset.items) {
    const std::string* tree_name = item.get("name");
    if (item.menu == ir::Menu::QueueTree && tree_name != nullptr)
      tree_ids.emplace(*tree_name, std::string(owned_id(item, prefix)));
  }
  std::map<std::string, ItemShare, std::less<>> shares;
  auto count = [&](const ir::Item& item) {
    std::string_view id = owned_id(item, prefix);
    if (item.menu == ir::Menu::QueueType) {
      const std::string* type_name = item.get("name");
      auto it = type_name != nullptr ? tree_ids.find(*type_name) : tree_ids.end();
      if (it != tree_ids.end())
        id = it->second;
    }
    std::string_view head = id.substr(0, id.find('.'));
    std::string key(head);
    ItemShare share;
    if (auto kind = kinds.find(head); kind != kinds.end()) {
      share.what = std::string(kind->second) + " '" + key + "'";
      share.rule = key;
    } else if (head == "list") {  // "list.<list>.<prefix>"
      std::string_view rest = id.substr(std::min(id.size(), head.size() + 1));
      key = "list." + std::string(rest.substr(0, rest.find('.')));
      share.what = "address list 'rosgen-" + name + "-" + key.substr(5) + "'";
    } else if (head == "anchor") {
      share.what = "the anchor jumps";
    } else if (head == "guard") {
      share.what = "the FastTrack guard";
    } else if (head == "quarantine") {
      share.what = "the quarantine drops";
    } else {
      share.what = head.empty() ? "items without an id" : "'" + key + "' items";
    }
    auto [it, inserted] = shares.try_emplace(key, std::move(share));
    ++it->second.items;
  };
  for (const ir::Item& item : ruleset.items) count(item);
  for (const ir::Item& item : ruleset.anchors) count(item);
  for (const ir::Item& item : ruleset.guards) count(item);
  std::vector<ItemShare> out;
  out.reserve(shares.size());
  for (auto& [key, share] : shares) out.push_back(std::move(share));
  // Largest first; equal shares in author order, the policy's own items after the rules.
  std::map<std::string, std::size_t, std::less<>> position;
  for (const sema::Rule& rule : policy.rules)
    position.emplace(sema::rule_name(rule), position.size());
  auto place = [&](const ItemShare& share) {
    auto it = position.find(share.rule);
    return it == position.end() ? position.size() : it->second;
  };
  std::stable_sort(out.begin(), out.end(), [&](const ItemShare& a, const ItemShare& b) {
    return a.items != b.items ? a.items > b.items : place(a) < place(b);
  });
  return out;
}

namespace {

// The error for `total` items over the budget (`at_least`: a lower bound counted before
// lowering), naming the largest of `shares` (sorted largest first).
void report_over_budget(const sema::Policy& policy, std::uint64_t total, bool at_least,
                        const std::vector<ItemShare>& shares, support::DiagnosticEngine& diags) {
  std::uint32_t budget = policy.site.item_budget;
  std::string largest;
  for (std::size_t i = 0; i < shares.size() && i < kNamed; ++i) {
    largest += (i == 0 ? "" : ", ") + shares[i].what + " (" + std::to_string(shares[i].items) +
               (i == 0 ? " items)" : ")");
  }
  if (shares.size() > kNamed)
    largest += " and " + std::to_string(shares.size() - kNamed) + " more";
  // item-budget takes at most 2^32-1: a larger total cannot be allowed by raising it.
  std::string raise = total <= std::numeric_limits<std::uint32_t>::max()
                          ? "raise the budget with 'item-budget " + std::to_string(total) +
                                ";' in the policy block, or make them smaller"
                          : "make them smaller";
  support::SourceRange at =
      policy.sources.item_budget.value_or(policy.sources.block.value_or(support::SourceRange{}));
  support::Diagnostic& error = diags.error(
      at, "policy '" + policy.site.policy + "' compiles to " + (at_least ? "at least " : "") +
              std::to_string(total) + " RouterOS items, over the item budget of " +
              std::to_string(budget) + "; the largest contributors are " + largest + " (" + raise +
              (!shares.empty() && shares.front().what.starts_with("signature")
                   ? ": each case form of a nocase literal is a rule)"
                   : ")"));
  for (std::size_t i = 0; i < shares.size() && i < kNamed; ++i) {
    auto range = policy.sources.rules.find(shares[i].rule);
    if (range != policy.sources.rules.end()) {
      error.notes.push_back(support::make_note(
          range->second, shares[i].what + " generates " + (at_least ? "at least " : "") +
                             std::to_string(shares[i].items) + " items"));
    }
  }
}

}  // namespace

std::uint64_t minimum_items(const sema::Rule& rule) {
  const auto* signature = std::get_if<sema::Signature>(&rule);
  if (signature == nullptr)
    return 0;
  // Every alternative of every stage, and one layer7-protocol entry per anchored stage.
  std::uint64_t total = 0;
  for (const sema::Stage& stage : signature->stages) {
    std::uint64_t items = sema::case_forms(stage) + (stage.at_start ? 1 : 0);
    total = items > ~std::uint64_t{0} - total ? ~std::uint64_t{0} : total + items;
  }
  return total;
}

bool check_item_budget_before_lowering(const sema::Policy& policy,
                                       support::DiagnosticEngine& diags) {
  std::uint64_t total = 0;
  std::vector<ItemShare> shares;
  for (const sema::Rule& rule : policy.rules) {
    std::uint64_t items = minimum_items(rule);
    if (items == 0)
      continue;
    total += items;
    std::string name = sema::rule_name(rule);
    shares.push_back(
        {std::string(rule_kind(rule)) + " '" + name + "'", name, static_cast<std::size_t>(items)});
  }
  if (total <= policy.site.item_budget)
    return true;
  std::stable_sort(shares.begin(), shares.end(),
                   [](const ItemShare& a, const ItemShare& b) { return a.items > b.items; });
  report_over_budget(policy, total, true, shares, diags);
  return false;
}

bool check_item_budget(const sema::Policy& policy, const ir::Ruleset& ruleset,
                       support::DiagnosticEngine& diags) {
  std::size_t total = ruleset.items.size() + ruleset.anchors.size() + ruleset.guards.size();
  if (total <= policy.site.item_budget)
    return true;
  report_over_budget(policy, total, false, count_items(policy, ruleset), diags);
  return false;
}

}  // namespace rosgen::lower
