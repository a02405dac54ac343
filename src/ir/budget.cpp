// The item budget (see budget.hpp).
#include "ir/budget.hpp"

#include <algorithm>
#include <map>
#include <string_view>

namespace rosgen::ir {

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
std::string_view owned_id(const Item& item, std::string_view prefix) {
  const std::string* comment = item.get("comment");
  if (comment == nullptr || !std::string_view(*comment).starts_with(prefix))
    return {};
  return std::string_view(*comment).substr(prefix.size());
}

}  // namespace

std::vector<ItemShare> count_items(const sema::Policy& policy, const Ruleset& ruleset) {
  const std::string& name = ruleset.policy;
  const std::string prefix = "rosgen:" + name + ":";
  std::map<std::string, const char*, std::less<>> kinds;
  for (const sema::Rule& rule : policy.rules) kinds.emplace(sema::rule_name(rule), rule_kind(rule));
  // Queue types have no comment: they share the id of the queue tree of the same name.
  std::map<std::string, std::string, std::less<>> tree_ids;
  for (const Item& item : ruleset.items) {
    const std::string* tree_name = item.get("name");
    if (item.menu == Menu::QueueTree && tree_name != nullptr)
      tree_ids.emplace(*tree_name, std::string(owned_id(item, prefix)));
  }
  std::map<std::string, ItemShare, std::less<>> shares;
  auto count = [&](const Item& item) {
    std::string_view id = owned_id(item, prefix);
    if (item.menu == Menu::QueueType) {
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
    } else if (head == "quarantine") {
      share.what = "the quarantine drops";
    } else {
      share.what = head.empty() ? "items without an id" : "'" + key + "' items";
    }
    auto [it, inserted] = shares.try_emplace(key, std::move(share));
    ++it->second.items;
  };
  for (const Item& item : ruleset.items) count(item);
  for (const Item& item : ruleset.anchors) count(item);
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

bool check_item_budget(const sema::Policy& policy, const Ruleset& ruleset,
                       support::DiagnosticEngine& diags) {
  std::size_t total = ruleset.items.size() + ruleset.anchors.size();
  std::uint32_t budget = policy.site.item_budget;
  if (total <= budget)
    return true;
  std::vector<ItemShare> shares = count_items(policy, ruleset);
  std::string largest;
  for (std::size_t i = 0; i < shares.size() && i < kNamed; ++i) {
    largest += (i == 0 ? "" : ", ") + shares[i].what + " (" + std::to_string(shares[i].items) +
               (i == 0 ? " items)" : ")");
  }
  if (shares.size() > kNamed)
    largest += " and " + std::to_string(shares.size() - kNamed) + " more";
  support::SourceRange at =
      policy.sources.item_budget.value_or(policy.sources.block.value_or(support::SourceRange{}));
  support::Diagnostic& error =
      diags.error(at, "policy '" + policy.site.policy + "' compiles to " + std::to_string(total) +
                          " RouterOS items, over the item budget of " + std::to_string(budget) +
                          "; the largest contributors are " + largest +
                          " (raise the budget with 'item-budget " + std::to_string(total) +
                          ";' in the policy block, or make them smaller" +
                          (shares.front().what.starts_with("signature")
                               ? ": each case form of a nocase literal is a rule)"
                               : ")"));
  for (std::size_t i = 0; i < shares.size() && i < kNamed; ++i) {
    auto range = policy.sources.rules.find(shares[i].rule);
    if (range != policy.sources.rules.end()) {
      error.notes.push_back(support::make_note(
          range->second,
          shares[i].what + " generates " + std::to_string(shares[i].items) + " items"));
    }
  }
  return false;
}

}  // namespace rosgen::ir
