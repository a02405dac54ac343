// The rollback script of a push (see rollback.hpp).
//
// The script has three parts, in this order:
//  1. Removes: every key the forward plan adds and `old` does not hold, in the reverse of
//     the plan's order (what names an item goes before what it names), then every key
//     `old` holds more than once (hand-made copies: the patch replaces them all, and no
//     selector tells copies apart; they come back in part 2).
//  2. Per menu, in the order scripts add them (routeros::kModeledMenus: queue types and
//     layer7 protocols before the rules that name them):
//     - in a firewall table, with N0 the table's non-dynamic items in `old`:
//       a. each item the plan moves is moved to the end of the table, in N0 order;
//       b. in N0 order, each item the plan removes is added when its key finds nothing
//          (each copy of a copied key unconditionally), before the item at index c of
//          the non-dynamic items, c counting the N0 items before it that the plan does
//          not move;
//       c. in N0 order, each moved item is moved before the item at its own index in N0,
//          unless only moved items follow it (they are already behind it, in order).
//     - in other menus (whose order means nothing), removed items are added at the end.
//  3. Sets: each property the plan changes, back to the value read ('!name' or the
//     explicit default where there was none; plan.hpp set_argument).
//
// Why the indices hold, from any prefix of the patch: the patch never touches an item it
// does not own, and of the owned ones only those it moves, removes or adds change place.
// After part 1, the table holds N0's other items in N0 order, the removed ones either in
// their old place or missing, and the moved ones anywhere. After 2a the moved ones are
// behind everything else, in N0 order. In 2b, every item before an added one is in place,
// so index c is its place; after 2b the table is N0 without the moved items, followed by
// them; 2c puts each back, first to last, before the item holding its index. Imported a
// second time, every guard finds its item, the moves end where they start and the sets
// write what is there: nothing changes.
//
// RouterOS facts relied on: `remove [find ...]` with an empty find does nothing (the
// preamble of every compiled script relies on it too); `move X` without a destination
// moves X to the end ([CLI], reference §5); ':if ([:len [find ...]] = 0) do={ ... }' is
// the guarded add of public scripts (reference §5). Unverified on a router: that `find`
// lists items in print order (the same assumption as emit::at_top_of_table: public scripts
// make it), so [:pick $top N] is the N-th item that is not dynamic.
#include "diff/rollback.hpp"

#include <algorithm>
#include <map>

#include "emit/quote.hpp"
#include "emit/rsc_writer.hpp"

namespace rosgen::diff {

namespace {

// What the plan does to an owned item of `old`.
enum class Fate { Kept, Moved, Removed, Copy };

struct OldItem {
  const ir::Item* item = nullptr;
  std::optional<std::string> key;  // nullopt: not owned
  Fate fate = Fate::Kept;
};

struct Counts {
  std::size_t removed = 0, added = 0, moved = 0, changed = 0;
};

std::string path_of(ir::Menu menu) {
  return std::string(ir::menu_path(menu));
}

std::string add_command(const ir::Item& item) {
  std::string out = path_of(item.menu) + " add";
  for (const ir::Property& p : item.properties) out += " " + emit::property_text(p);
  return out;
}

// `command` with "<suffix>[:pick $top N]" appended, run when the table has a non-dynamic
// item N; else `otherwise` (nothing when empty). Read by the reader's top_block.
std::string at_index(ir::Menu menu, std::size_t n, const std::string& command,
                     const std::string& suffix, const std::string& otherwise) {
  std::string index = std::to_string(n);
  std::string out = "{ :local top [" + path_of(menu) +
                    " find where dynamic=no]; :if ([:len $top] > " + index + ") do={ " + command +
                    suffix + "[:pick $top " + index + "] }";
  if (!otherwise.empty())
    out += " else={ " + otherwise + " }";
  return out + " }";
}

// `statement` run only when `key` finds nothing in `menu` (the reader's guard_block).
std::string when_missing(ir::Menu menu, const std::string& key, const std::string& statement) {
  return ":if ([:len [" + path_of(menu) + " " + selector(key).substr(1) + "] = 0) do={ " +
         statement + " }";
}

class Rollback {
 public:
  Rollback(const Plan& forward, const routeros::RouterState& old) : forward_(forward) {
    for (ir::Menu menu : routeros::kModeledMenus) {
      std::vector<OldItem>& items = old_[menu];
      for (const ir::Item& item : old.items(menu)) {
        if (routeros::is_dynamic(item))
          continue;
        items.push_back({&item, owner_key(item, forward.policy), Fate::Kept});
        if (items.back().key)
          ++copies_[{menu, *items.back().key}];
      }
    }
    for (const Change& c : forward.changes) {
      std::size_t copies = copies_of(c.menu, c.key);
      if (c.op == Op::Remove && copies > 0)
        fate_[{c.menu, c.key}] = copies > 1 ? Fate::Copy : Fate::Removed;
      else if (c.op == Op::Move && copies == 1)
        fate_[{c.menu, c.key}] = Fate::Moved;
    }
    for (auto& [menu, items] : old_) {
      for (OldItem& o : items) {
        auto it = o.key ? fate_.find({menu, *o.key}) : fate_.end();
        o.fate = it == fate_.end() ? Fate::Kept : it->second;
      }
    }
  }

  std::string body() {
    std::string out;
    // 1. What the patch adds, last added first; then copied keys.
    for (auto c = forward_.changes.rbegin(); c != forward_.changes.rend(); ++c) {
      if (c->op == Op::Add && copies_of(c->menu, c->key) == 0) {
        out += path_of(c->menu) + " remove " + selector(c->key) + "\n";
        ++counts_.removed;
      }
    }
    for (const auto& [where, fate] : fate_) {
      if (fate != Fate::Copy)
        continue;
      out += path_of(where.first) + " remove " + selector(where.second) + "\n";
      ++counts_.removed;
    }
    // 2. Places and re-adds, menu by menu.
    for (ir::Menu menu : routeros::kModeledMenus) {
      out += ir::is_firewall_table(menu) ? table(menu) : unordered(menu);
    }
    // 3. Properties, back to the values read.
    for (const Change& c : forward_.changes) {
      const ir::Item* item = c.op == Op::Change ? single(c.menu, c.key) : nullptr;
      if (item == nullptr)
        continue;  // a temporary comment's rename: that item is removed in part 1
      std::string arguments;
      for (const PropertyChange& p : c.properties) {
        const std::string* value = item->get(p.name);
        arguments +=
            set_argument(c.menu, p.name, value ? std::optional<std::string>(*value) : std::nullopt);
      }
      if (arguments.empty())
        continue;
      out += path_of(c.menu) + " set " + selector(c.key) + arguments + "\n";
      ++counts_.changed;
    }
    return out;
  }

  const Counts& counts() const { return counts_; }

  // Owned items of `old` per menu, for the header.
  std::map<ir::Menu, std::size_t> owned() const {
    std::map<ir::Menu, std::size_t> out;
    for (const auto& [menu, items] : old_) {
      for (const OldItem& o : items) out[menu] += o.key ? 1 : 0;
      if (out[menu] == 0)
        out.erase(menu);
    }
    return out;
  }

 private:
  std::size_t copies_of(ir::Menu menu, const std::string& key) const {
    auto it = copies_.find({menu, key});
    return it == copies_.end() ? 0 : it->second;
  }

  // The one item of `old` with `key`, or nullptr (none, or copies).
  const ir::Item* single(ir::Menu menu, const std::string& key) const {
    if (copies_of(menu, key) != 1)
      return nullptr;
    for (const OldItem& o : old_.at(menu)) {
      if (o.key == key)
        return o.item;
    }
    return nullptr;
  }

  // True when an item after items[i] has `fate`.
  static bool followed_by(const std::vector<OldItem>& items, std::size_t i, Fate fate) {
    return std::any_of(items.begin() + static_cast<std::ptrdiff_t>(i) + 1, items.end(),
                       [&](const OldItem& o) { return o.fate == fate; });
  }

  // Part 2 for a firewall table (see the top of this file).
  std::string table(ir::Menu menu) {
    const std::vector<OldItem>& items = old_[menu];
    std::string path = path_of(menu);
    std::string out;
    for (const OldItem& o : items) {  // a: moved items to the end
      if (o.fate == Fate::Moved)
        out += path + " move " + selector(*o.key) + "\n";
    }
    // b: removed items back. Index `before` (the N0 items before this one that are not
    // moved) holds an item when a kept item follows or a moved one waits at the end; when
    // neither may, the add falls back to the end, which is then the same place.
    bool any_moved = std::any_of(items.begin(), items.end(),
                                 [](const OldItem& o) { return o.fate == Fate::Moved; });
    std::size_t before = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const OldItem& o = items[i];
      if (o.fate == Fate::Moved)
        continue;
      if (o.fate == Fate::Removed || o.fate == Fate::Copy) {
        std::string add = add_command(*o.item);
        std::string placed = add;
        if (any_moved || followed_by(items, i, Fate::Kept))
          placed = at_index(menu, before, add, " place-before=", "");
        else if (i + 1 < items.size())
          placed = at_index(menu, before, add, " place-before=", add);
        out += (o.fate == Fate::Copy ? placed : when_missing(menu, *o.key, placed)) + "\n";
        ++counts_.added;
      }
      ++before;
    }
    for (std::size_t i = 0; i < items.size(); ++i) {  // c: moved items back, first to last
      if (items[i].fate != Fate::Moved)
        continue;
      if (followed_by(items, i, Fate::Kept) || followed_by(items, i, Fate::Removed) ||
          followed_by(items, i, Fate::Copy)) {
        out += at_index(menu, i, path + " move " + selector(*items[i].key), " destination=", "") +
               "\n";
      }
      ++counts_.moved;
    }
    return out;
  }

  // Part 2 for a menu whose order means nothing: removed items come back at the end.
  std::string unordered(ir::Menu menu) {
    std::string out;
    for (const OldItem& o : old_[menu]) {
      if (o.fate != Fate::Removed && o.fate != Fate::Copy)
        continue;
      std::string add = add_command(*o.item);
      out += (o.fate == Fate::Copy ? add : when_missing(menu, *o.key, add)) + "\n";
      ++counts_.added;
    }
    return out;
  }

  const Plan& forward_;
  std::map<ir::Menu, std::vector<OldItem>> old_;  // non-dynamic items of each menu, in order
  std::map<std::pair<ir::Menu, std::string>, std::size_t> copies_;  // owned key -> items
  std::map<std::pair<ir::Menu, std::string>, Fate> fate_;           // keys the plan touches
  Counts counts_;
};

// Comment lines hold text from the router: keep each one printable line.
std::string comment_text(const std::string& text) {
  return emit::quote_value(text, true);
}

}  // namespace

std::string render_rollback(const Plan& forward, const routeros::RouterState& old,
                            const RollbackContext& context) {
  Rollback rollback(forward, old);
  std::string body = rollback.body();
  const Counts& n = rollback.counts();
  std::size_t total = 0;
  std::string menus;
  for (const auto& [menu, count] : rollback.owned()) {
    total += count;
    menus += (menus.empty() ? "" : ", ") + path_of(menu) + " " + std::to_string(count);
  }
  std::string out = "# rosgen rollback: policy " + comment_text(forward.policy) + ", as " +
                    comment_text(context.against) + " showed it before the push\n";
  out += "# Restores the " + std::to_string(total) + " item(s) the policy owned" +
         (menus.empty() ? "" : " (" + menus + ")") +
         ": their properties, their order and their places among the other items.\n";
  out += "# Undoes the patch: " + std::to_string(n.removed) + " removal(s), " +
         std::to_string(n.added) + " re-add(s), " + std::to_string(n.moved) + " move(s) back, " +
         std::to_string(n.changed) +
         " change(s) back. Items rosgen does not own are not touched.\n";
  out +=
      "# Safe to import more than once, and at any moment of the patch (before it, after a\n"
      "# part of it, after all of it): each step does nothing where the item is already as\n"
      "# it was. [:pick $top N] is the N-th item of the table that is not dynamic.\n";
  return out + body;
}

}  // namespace rosgen::diff
