// Owned names two rules would share (see clashes.hpp).
#include "lower/clashes.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace rosgen::lower {

namespace {

bool built_in(const std::string& chain) {
  return chain == "forward" || chain == "input" || chain == "output" || chain == "prerouting" ||
         chain == "postrouting" || chain == "srcnat" || chain == "dstnat";
}

// rosgen's own jumps into its hook chains come from these ids.
bool own_origin(const std::string& origin) {
  return origin == "anchor" || origin == "guard";
}

// Records, per name, the origins in the order met; a second origin makes a clash.
class Names {
 public:
  void add(const std::string& what, const std::string& name, const std::string& origin) {
    auto& origins = seen_[{what, name}];
    if (std::find(origins.begin(), origins.end(), origin) != origins.end())
      return;
    origins.push_back(origin);
    if (origins.size() == 2)
      order_.push_back({what, name});
  }

  std::vector<NameClash> clashes() const {
    std::vector<NameClash> out;
    for (const auto& key : order_) {
      const auto& origins = seen_.at(key);
      out.push_back({key.first, key.second, origins[0], origins[1]});
    }
    return out;
  }

 private:
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> seen_;
  std::vector<std::pair<std::string, std::string>> order_;
};

}  // namespace

std::vector<NameClash> find_name_clashes(const ir::Ruleset& ruleset) {
  const std::string tag = ir::owner_comment(ruleset.policy, "");
  std::vector<const ir::Item*> all;
  for (const auto* part : {&ruleset.items, &ruleset.anchors, &ruleset.guards})
    for (const ir::Item& item : *part) all.push_back(&item);
  auto origin_of = [&](const ir::Item& item) -> std::string {
    const std::string* comment = item.get("comment");
    if (comment == nullptr || comment->rfind(tag, 0) != 0)
      return "";
    std::string id = comment->substr(tag.size());
    return id.substr(0, id.find('.'));
  };
  // The hook chains: where rosgen's anchors and guard jump.
  std::set<std::string> hooks;
  for (const ir::Item* item : all)
    if (const std::string* target = item->get("jump-target");
        target && own_origin(origin_of(*item)))
      hooks.insert(*target);
  Names chains, marks, named;
  std::size_t index = 0;
  for (const ir::Item* item : all) {
    std::string origin = origin_of(*item);
    ++index;
    if (!origin.empty() && ir::is_firewall_table(item->menu)) {
      const std::string* chain = item->get("chain");
      if (chain != nullptr && !built_in(*chain) && hooks.count(*chain) == 0)
        chains.add("chain", *chain, origin);
      if (const std::string* target = item->get("jump-target")) {
        if (hooks.count(*target) == 0) {
          chains.add("chain", *target, origin);
        } else if (!own_origin(origin)) {  // a rule's jump into a hook chain
          chains.add("chain", *target, "anchor");
          chains.add("chain", *target, origin);
        }
      }
      if (const std::string* mark = item->get("new-connection-mark"))
        marks.add("connection mark", *mark, origin);
      if (const std::string* mark = item->get("new-packet-mark"))
        marks.add("packet mark", *mark, origin);
    }
    if (const std::string* name = item->get("name"))
      named.add(std::string(ir::menu_path(item->menu)) + " name", *name,
                origin.empty() ? "#" + std::to_string(index) : origin);
  }
  std::vector<NameClash> out;
  for (const Names* names : {&chains, &marks, &named})
    for (NameClash& clash : names->clashes()) out.push_back(std::move(clash));
  return out;
}

bool check_name_clashes(const ir::Ruleset& ruleset, const sema::Policy& policy,
                        support::DiagnosticEngine& diags) {
  std::vector<NameClash> clashes = find_name_clashes(ruleset);
  auto range_of = [&](const std::string& origin) -> const support::SourceRange* {
    auto it = policy.sources.rules.find(origin);
    return it == policy.sources.rules.end() ? nullptr : &it->second;
  };
  const support::SourceRange none{};
  // A name written twice by items without an owner (queue types) follows from a clash of
  // rules already reported (a rule "a-throttle" and the throttle of "a"): said once.
  bool by_rules = std::any_of(clashes.begin(), clashes.end(), [&](const NameClash& c) {
    return range_of(c.first) != nullptr || range_of(c.second) != nullptr;
  });
  std::set<std::pair<std::string, std::string>> said;  // one error per pair of origins
  for (const NameClash& clash : clashes) {
    if (by_rules && range_of(clash.first) == nullptr && range_of(clash.second) == nullptr)
      continue;
    if (!said.insert(std::minmax(clash.first, clash.second)).second)
      continue;
    std::string first_rule = clash.first, second_rule = clash.second;
    const support::SourceRange* first = range_of(first_rule);
    const support::SourceRange* second = range_of(second_rule);
    // Named in the order written: the error at the later rule, a note at the earlier.
    if (first != nullptr && second != nullptr && first->file == second->file &&
        first->begin > second->begin) {
      std::swap(first, second);
      std::swap(first_rule, second_rule);
    }
    const support::SourceRange* at = second != nullptr      ? second
                                     : first != nullptr     ? first
                                     : policy.sources.block ? &*policy.sources.block
                                                            : &none;
    std::string message;
    if (first != nullptr && second != nullptr) {
      message = "rules '" + first_rule + "' and '" + second_rule + "' would both use RouterOS " +
                clash.what + " '" + clash.name +
                "' (rosgen names chains, marks and queues after rules, joined with '-', so a "
                "rule name that extends another's with '-' can meet one of its names): rename "
                "one";
    } else if (first != nullptr || second != nullptr) {
      message = "rule '" + (second != nullptr ? second_rule : first_rule) +
                "' would use RouterOS " + clash.what + " '" + clash.name +
                "', which rosgen uses for its own items; give the rule another name";
    } else {
      message = "RouterOS " + clash.what + " '" + clash.name +
                "' is written twice (a rosgen bug: please report it)";
    }
    support::Diagnostic& d = diags.error(*at, message);
    if (first != nullptr && second != nullptr)
      d.notes.push_back(support::make_note(*first, "'" + first_rule + "' is defined here"));
  }
  return clashes.empty();
}

}  // namespace rosgen::lower
