// Planning and rendering of the patch (see plan.hpp).
#include "diff/plan.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "ir/chains.hpp"
#include "routeros/canonical.hpp"
#include "routeros/properties.hpp"

namespace rosgen::diff {

namespace {

using routeros::kModeledMenus;

// Marks an item added to replace hand-made copies until they are gone.
constexpr const char* kReplacing = " (rosgen: replacing copies)";

bool ordered_menu(ir::Menu menu) {
  return ir::is_firewall_table(menu);
}

// Menus whose names are unique on the router: RouterOS refuses a second queue type or
// queue tree of a name, so a replacement must wait for the old item's removal.
bool unique_names(ir::Menu menu) {
  return menu == ir::Menu::QueueType || menu == ir::Menu::QueueTree ||
         menu == ir::Menu::Layer7Protocol;
}

const std::string& property_or_empty(const ir::Item& item, const std::string& name) {
  static const std::string kEmpty;
  const std::string* v = item.get(name);
  return v ? *v : kEmpty;
}

// Indices (into `values`) of one longest strictly increasing subsequence.
std::vector<std::size_t> longest_increasing(const std::vector<std::size_t>& values) {
  std::vector<std::size_t> tails;  // index into values of the tail of each length
  std::vector<std::size_t> parent(values.size(), SIZE_MAX);
  for (std::size_t i = 0; i < values.size(); ++i) {
    auto it = std::lower_bound(tails.begin(), tails.end(), values[i],
                               [&](std::size_t t, std::size_t v) { return values[t] < v; });
    if (it != tails.begin())
      parent[i] = *(it - 1);
    if (it == tails.end()) {
      tails.push_back(i);
    } else {
      *it = i;
    }
  }
  std::vector<std::size_t> out;
  for (std::size_t i = tails.empty() ? SIZE_MAX : tails.back(); i != SIZE_MAX; i = parent[i]) {
    out.push_back(i);
  }
  std::reverse(out.begin(), out.end());
  return out;
}

struct Owned {
  std::string key;
  const ir::Item* item;
  std::size_t position;  // in the menu list
};

std::vector<PropertyChange> compare(const ir::Item& desired, const ir::Item& running, int major) {
  if (desired.properties == running.properties)
    return {};  // the common case: as written
  // Both canonical items keep properties sorted by name: merge them.
  ir::Item want = routeros::canonical_item(desired, major);
  ir::Item have = routeros::canonical_item(running, major);
  // A name RouterOS cannot print cannot be unset safely: `!name` is written bare. The
  // reader never stores one (routeros::is_property_name); a state from elsewhere may.
  std::erase_if(have.properties,
                [](const ir::Property& p) { return !routeros::is_property_name(p.name); });
  std::vector<PropertyChange> out;
  auto w = want.properties.begin(), h = have.properties.begin();
  while (w != want.properties.end() || h != have.properties.end()) {
    bool take_want =
        h == have.properties.end() || (w != want.properties.end() && w->name < h->name);
    bool take_have =
        w == want.properties.end() || (h != have.properties.end() && h->name < w->name);
    const std::string& name = take_want ? w->name : h->name;
    if (!take_want && !take_have && w->value == h->value) {
      ++w;
      ++h;
      continue;
    }
    PropertyChange change{name, {}, {}};
    if (const std::string* raw = running.get(name); raw != nullptr && !take_want)
      change.from = *raw;
    if (!take_have)
      change.to = *desired.get(name);
    out.push_back(std::move(change));
    if (!take_have)
      ++w;
    if (!take_want)
      ++h;
  }
  return out;
}

// Owner keys for one policy, with the prefixes built once.
class Ownership {
 public:
  explicit Ownership(const std::string& policy)
      : comment_prefix_("rosgen:" + policy + ":"), name_prefix_("rosgen-" + policy + "-") {}

  std::optional<std::string> key(const ir::Item& item) const {
    if (item.menu == ir::Menu::QueueType) {
      const std::string* name = item.get("name");
      if (name != nullptr && name->starts_with(name_prefix_))
        return "name=" + *name;
      return std::nullopt;
    }
    const std::string* comment = item.get("comment");
    if (comment != nullptr && comment->starts_with(comment_prefix_))
      return *comment;
    // Queue tree and layer7-protocol names are unique, and rosgen-<policy>- is this
    // policy's (policy names hold no '-'): an item of that name with another comment is
    // ours, to be replaced.
    if (item.menu == ir::Menu::QueueTree || item.menu == ir::Menu::Layer7Protocol) {
      const std::string* name = item.get("name");
      if (name != nullptr && name->starts_with(name_prefix_))
        return "name=" + *name;
    }
    return std::nullopt;
  }

 private:
  std::string comment_prefix_;
  std::string name_prefix_;
};

}  // namespace

std::size_t Summary::count(Op op) const {
  auto it = ops.find(op);
  return it == ops.end() ? 0 : it->second;
}

std::optional<std::string> owner_key(const ir::Item& item, const std::string& policy) {
  return Ownership(policy).key(item);
}

namespace {

// The changes of one plan, by group; the script runs the groups in this order.
struct Groups {
  std::vector<Change> moves, clears, adds, anchor_adds, sets, removes, renames;
};

// Plans one menu: matches desired and running owned items by key, then derives moves,
// adds, changes and removes.
class MenuPlanner {
 public:
  MenuPlanner(ir::Menu menu, const Ownership& ownership, const std::set<std::string>& anchors,
              const std::set<std::string>& guards, bool anchor_top, int major, Summary& summary,
              Groups& groups)
      : menu_(menu),
        ownership_(ownership),
        anchors_(anchors),
        guards_(guards),
        anchor_top_(anchor_top),
        major_(major),
        summary_(summary),
        groups_(groups) {}

  void run(const std::vector<const ir::Item*>& wanted, const std::vector<ir::Item>& running) {
    index_desired(wanted);
    index_running(running);
    if (ordered_menu(menu_)) {
      plan_moves();
      if (anchor_top_)
        plan_anchor_positions(running);
      plan_guard_positions(running);
    }
    plan_adds();
    plan_changes_and_removes();
  }

 private:
  bool is_anchor(const std::string& key) const { return anchors_.count(key) != 0; }

  bool is_guard(const std::string& key) const { return guards_.count(key) != 0; }

  // A FastTrack guard of any rosgen policy: comment="rosgen:<policy>:guard.<chain>".
  static bool is_any_guard(const ir::Item& item) {
    const std::string* comment = item.get("comment");
    if (comment == nullptr || !comment->starts_with("rosgen:"))
      return false;
    std::size_t colon = comment->find(':', 7);
    return colon != std::string::npos && comment->compare(colon + 1, 6, "guard.") == 0;
  }

  // The anchor jump of another rosgen policy: comment="rosgen:<other>:anchor.<hook>".
  bool is_foreign_anchor(const ir::Item& item) const {
    const std::string* comment = item.get("comment");
    if (comment == nullptr || !comment->starts_with("rosgen:") || ownership_.key(item))
      return false;
    std::size_t colon = comment->find(':', 7);
    return colon != std::string::npos && comment->compare(colon + 1, 7, "anchor.") == 0;
  }

  bool exists(const std::string& key) const { return have_index_.count(key) != 0; }

  void index_desired(const std::vector<const ir::Item*>& wanted) {
    for (std::size_t i = 0; i < wanted.size(); ++i) {
      want_.push_back({*ownership_.key(*wanted[i]), wanted[i], i});
      want_keys_.insert(want_.back().key);
    }
  }

  void index_running(const std::vector<ir::Item>& running) {
    std::vector<std::optional<std::string>> keys;
    keys.reserve(running.size());
    std::unordered_map<std::string, std::size_t> copies;
    for (const ir::Item& item : running) {
      keys.push_back(ownership_.key(item));
      if (keys.back())
        ++copies[*keys.back()];
    }
    for (std::size_t i = 0; i < running.size(); ++i) {
      if (!keys[i]) {
        if (!routeros::is_dynamic(running[i]))  // exports never show dynamic items
          ++summary_.unowned[menu_];
        const std::string* comment = running[i].get("comment");
        if (comment != nullptr && comment->starts_with("rosgen:")) {
          std::size_t colon = comment->find(':', 7);
          if (colon != std::string::npos && colon > 7)
            ++summary_.other_policies[comment->substr(7, colon - 7)];
        }
        continue;
      }
      const std::string& key = *keys[i];
      if (copies[key] > 1) {
        // Hand-made copies share the comment, so no selector can keep one of them: the
        // item is added afresh under a temporary comment, every copy is removed, then
        // the fresh one takes the comment back. It is never absent.
        if (duplicated_.insert(key).second) {
          groups_.removes.push_back({Op::Remove, menu_, key, running[i], {}, {}, false});
        }
        continue;
      }
      have_index_[key] = have_.size();
      have_.push_back({key, &running[i], i});
    }
  }

  // Per chain, the existing items outside a longest increasing subsequence move, each
  // before its successor in desired order (processed from the end, so it is in place).
  void plan_moves() {
    std::map<std::string, std::vector<const Owned*>> chains;  // chain -> existing, desired order
    for (const Owned& w : want_) {
      if (!is_anchor(w.key) && !is_guard(w.key) && exists(w.key))
        chains[property_or_empty(*w.item, "chain")].push_back(&w);
    }
    for (auto& [chain, existing] : chains) {
      std::vector<std::pair<std::size_t, std::size_t>> by_position;  // (running position, rank)
      by_position.reserve(existing.size());
      for (std::size_t rank = 0; rank < existing.size(); ++rank) {
        by_position.emplace_back(have_[have_index_.at(existing[rank]->key)].position, rank);
      }
      std::sort(by_position.begin(), by_position.end());
      std::vector<std::size_t> ranks;
      ranks.reserve(by_position.size());
      for (const auto& [position, rank] : by_position) ranks.push_back(rank);
      std::vector<bool> kept(existing.size(), false);
      for (std::size_t i : longest_increasing(ranks)) kept[ranks[i]] = true;
      for (std::size_t i = existing.size(); i-- > 0;) {
        if (kept[i])
          continue;
        Change move{Op::Move, menu_, existing[i]->key, *existing[i]->item, {}, {}, false};
        if (i + 1 < existing.size())
          move.before = existing[i + 1]->key;
        groups_.moves.push_back(std::move(move));
      }
    }
  }

  // An anchor must come before every other rule of its built-in chain.
  void plan_anchor_positions(const std::vector<ir::Item>& running) {
    std::set<std::string> chains_seen;  // chains with a rule above the current position
    std::size_t scanned = 0;
    for (const Owned& h : have_) {  // in running order
      for (; scanned < h.position; ++scanned) {
        // Dynamic items are RouterOS's own and never in an export; another rosgen policy's
        // anchor is no operator rule either: two policies' anchors may sit in either order
        // (else each diff would move its own above the other, forever).
        // This policy's other anchors of the chain (the reply anchor beside the forward one)
        // may sit in either order too.
        std::optional<std::string> key = ownership_.key(running[scanned]);
        bool own_anchor = key && is_anchor(*key);
        if (!routeros::is_dynamic(running[scanned]) && !is_foreign_anchor(running[scanned]) &&
            !own_anchor)
          chains_seen.insert(property_or_empty(running[scanned], "chain"));
      }
      if (!is_anchor(h.key))
        continue;
      if (chains_seen.count(property_or_empty(*h.item, "chain")) != 0) {
        groups_.moves.push_back({Op::Move, menu_, h.key, *h.item, {}, {}, true});
      }
    }
  }

  // A guard must sit directly before the first enabled fasttrack-connection rule of its
  // chain, with only other policies' guards between; else it moves there.
  void plan_guard_positions(const std::vector<ir::Item>& running) {
    for (const Owned& h : have_) {
      if (!is_guard(h.key))
        continue;
      auto fasttrack = routeros::first_fasttrack(running, property_or_empty(*h.item, "chain"));
      if (!fasttrack)
        continue;  // not wanted then: removed
      bool in_place = h.position < *fasttrack;
      for (std::size_t i = h.position + 1; in_place && i < *fasttrack; ++i)
        in_place = is_any_guard(running[i]);
      if (!in_place) {
        Change move{Op::Move, menu_, h.key, *h.item, {}, {}, false};
        move.before_fasttrack = true;
        groups_.moves.push_back(std::move(move));
      }
    }
  }

  // Adds in desired order, each before the next existing item of its chain.
  void plan_adds() {
    std::vector<std::optional<std::string>> next_existing(want_.size());
    std::unordered_map<std::string, std::string> latest;  // chain -> next existing key
    for (std::size_t i = want_.size(); i-- > 0;) {
      const std::string& chain = property_or_empty(*want_[i].item, "chain");
      auto it = latest.find(chain);
      if (it != latest.end())
        next_existing[i] = it->second;
      if (exists(want_[i].key))
        latest[chain] = want_[i].key;
    }
    for (std::size_t i = 0; i < want_.size(); ++i) {
      const Owned& w = want_[i];
      if (exists(w.key))
        continue;
      Change add{Op::Add, menu_, w.key, *w.item, {}, {}, false};
      // Copies are replaced under a temporary comment, so the item is never absent; a
      // queue tree or type cannot be (its name is unique): its copies go first (make_plan).
      if (duplicated_.count(w.key) != 0 && !unique_names(menu_)) {
        std::string temporary = w.key + kReplacing;
        add.key = temporary;
        add.item.set("comment", temporary);
        groups_.renames.push_back(
            {Op::Change, menu_, temporary, *w.item, {{"comment", temporary, w.key}}, {}, false});
      }
      if (is_anchor(w.key)) {
        add.top = anchor_top_;
        groups_.anchor_adds.push_back(std::move(add));
        continue;
      }
      if (is_guard(w.key)) {
        add.before_fasttrack = true;
        groups_.anchor_adds.push_back(std::move(add));
        continue;
      }
      if (ordered_menu(menu_))
        add.before = next_existing[i];
      groups_.adds.push_back(std::move(add));
    }
  }

  void plan_changes_and_removes() {
    for (const Owned& w : want_) {
      auto it = have_index_.find(w.key);
      if (it == have_index_.end())
        continue;
      auto properties = compare(*w.item, *have_[it->second].item, major_);
      if (properties.empty()) {
        ++summary_.owned_in_sync;
        continue;
      }
      groups_.sets.push_back({Op::Change, menu_, w.key, *w.item, std::move(properties), {}, false});
    }
    for (const Owned& h : have_) {
      if (want_keys_.count(h.key) == 0) {
        groups_.removes.push_back({Op::Remove, menu_, h.key, *h.item, {}, {}, false});
      }
    }
  }

  ir::Menu menu_;
  const Ownership& ownership_;
  const std::set<std::string>& anchors_;
  const std::set<std::string>& guards_;
  bool anchor_top_;
  int major_;
  Summary& summary_;
  Groups& groups_;
  std::vector<Owned> want_, have_;  // have_ is in running order
  std::unordered_set<std::string> want_keys_;
  std::unordered_map<std::string, std::size_t> have_index_;  // key -> index into have_
  std::set<std::string> duplicated_;
};

// Removes: rules first, then what they name (queue trees before queue types).
int remove_rank(ir::Menu menu) {
  switch (menu) {
    case ir::Menu::Filter:
    case ir::Menu::Raw:
    case ir::Menu::Nat:
      return 0;
    case ir::Menu::Mangle:
      return 1;
    case ir::Menu::QueueTree:
      return 2;
    case ir::Menu::QueueType:
    case ir::Menu::Layer7Protocol:  // after the rules that name it
      return 3;
    case ir::Menu::InterfaceListMember:  // never owned: listed for completeness
    case ir::Menu::InterfaceList:
      return 5;
    case ir::Menu::AddressList:
      return 4;
  }
  return 5;
}

// Adds in the order that keeps every moment at least as protective as an end state: what
// rules name first (address lists, queue types, layer7 protocols, in kModeledMenus order),
// then the firewall items chain by chain from the leaves up, so that a chain is complete
// before anything that jumps to it is added (or repointed by a later set), entry chains
// (ir::OwnedChains::entries) last; queue trees at the end. Within a chain, desired order.
void order_adds(std::vector<Change>& adds, const ir::Ruleset& desired) {
  ir::OwnedChains chains = ir::owned_chains(desired);
  std::map<ir::ChainKey, std::size_t> heights = ir::chain_heights(desired, chains);
  std::size_t entry_rank = 1;
  for (const auto& [key, height] : heights) entry_rank = std::max(entry_rank, height + 2);
  auto rank = [&](const Change& c) -> std::size_t {
    if (!ir::is_firewall_table(c.menu))
      return c.menu == ir::Menu::QueueTree ? SIZE_MAX : 0;
    ir::ChainKey key{c.menu, property_or_empty(c.item, "chain")};
    auto it = heights.find(key);
    std::size_t height = it == heights.end() ? 0 : it->second;
    return (chains.entries.count(key) != 0 ? entry_rank : 1) + height;
  };
  std::stable_sort(adds.begin(), adds.end(),
                   [&](const Change& a, const Change& b) { return rank(a) < rank(b); });
}

}  // namespace

Plan make_plan(const ir::Ruleset& desired, const routeros::RouterState& running, int major) {
  Plan plan;
  plan.policy = desired.policy;
  Ownership ownership(desired.policy);
  // The desired list of each menu as importing the script makes it: anchors on top.
  std::array<std::vector<const ir::Item*>, kModeledMenus.size()> wanted;
  std::set<std::string> anchor_keys;
  for (const ir::Item& anchor : desired.anchors) anchor_keys.insert(*ownership.key(anchor));
  if (desired.anchor_top) {
    for (auto it = desired.anchors.rbegin(); it != desired.anchors.rend(); ++it) {
      wanted[static_cast<std::size_t>(it->menu)].push_back(&*it);
    }
  }
  for (const ir::Item& item : desired.items) {
    wanted[static_cast<std::size_t>(item.menu)].push_back(&item);
  }
  if (!desired.anchor_top) {
    for (const ir::Item& anchor : desired.anchors) {
      wanted[static_cast<std::size_t>(anchor.menu)].push_back(&anchor);
    }
  }
  // A FastTrack guard is wanted only where the router fast-tracks (the script adds it
  // only then): before the first enabled fasttrack-connection rule of its chain.
  std::set<std::string> guard_keys;
  for (const ir::Item& guard : desired.guards) {
    if (!routeros::first_fasttrack(running.items(guard.menu), property_or_empty(guard, "chain")))
      continue;
    guard_keys.insert(*ownership.key(guard));
    wanted[static_cast<std::size_t>(guard.menu)].push_back(&guard);
  }

  Groups groups;
  for (ir::Menu menu : kModeledMenus) {
    MenuPlanner(menu, ownership, anchor_keys, guard_keys, desired.anchor_top, major, plan.summary,
                groups)
        .run(wanted[static_cast<std::size_t>(menu)], running.items(menu));
  }
  std::stable_sort(
      groups.removes.begin(), groups.removes.end(),
      [](const Change& a, const Change& b) { return remove_rank(a.menu) < remove_rank(b.menu); });
  // An item of a menu whose names are unique is removed before anything is added when
  // this plan adds another item of its name (RouterOS refuses a second one; trees go
  // before types); otherwise with the other removals, last. Content-addressed layer7 names
  // (lower/version.hpp) never meet: a changed regexp is a new name, and the old entry is
  // removed after the rules that name it.
  // So is a leftover of an interrupted replacement (comment "<key> (rosgen: replacing
  // copies)") when this plan adds under that same temporary comment: removed later, its
  // selector would also take the fresh item.
  std::set<std::pair<ir::Menu, std::string>> added_keys, added_names;
  for (const auto* group : {&groups.adds, &groups.anchor_adds}) {
    for (const Change& c : *group) {
      added_keys.emplace(c.menu, c.key);
      if (const std::string* name = c.item.get("name"); name != nullptr && unique_names(c.menu))
        added_names.emplace(c.menu, *name);
    }
  }
  auto first =
      std::stable_partition(groups.removes.begin(), groups.removes.end(), [&](const Change& c) {
        const std::string* name = c.item.get("name");
        bool name_taken = name != nullptr && added_names.count({c.menu, *name}) != 0;
        return !name_taken && added_keys.count({c.menu, c.key}) == 0;
      });
  groups.clears.assign(std::make_move_iterator(first),
                       std::make_move_iterator(groups.removes.end()));
  groups.removes.erase(first, groups.removes.end());
  order_adds(groups.adds, desired);
  for (auto* group : {&groups.moves, &groups.clears, &groups.adds, &groups.anchor_adds,
                      &groups.sets, &groups.removes, &groups.renames}) {
    for (Change& c : *group) {
      ++plan.summary.ops[c.op];
      plan.changes.push_back(std::move(c));
    }
  }
  return plan;
}

}  // namespace rosgen::diff
