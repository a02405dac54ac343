// Desired (compiled) vs running (read from an export) -> the smallest patch that makes
// the running owned items equal the desired ones. Entry points: make_plan(), and the
// three renderings (human, JSON, .rsc script).
//
// Only items this policy owns are compared: comment="rosgen:<policy>:..." (queue types,
// which have no comment, by name "rosgen-<policy>-..."). Everything else is counted and
// never touched. Values are compared in canonical form (routeros/canonical.hpp). Order
// matters only within a chain of mangle/filter, and only among owned items; moves are
// the items outside a longest increasing subsequence, so the fewest items move.
//
// The script's order keeps every moment at least as protective as both end states (issue
// 10 §3): a chain whose content changed has a new name (lower/version.hpp), so it is built
// beside the old one and swapped by one atomic `set` of the jump into it. In order:
//  1. moves among existing items;
//  2. removals that must come first: a queue tree, queue type or layer7 protocol whose name
//     an add of this plan takes (RouterOS refuses a second one; a queue missing for a
//     moment only leaves packets unshaped), and leftovers of an interrupted replacement;
//  3. adds: what rules name first (address lists, queue types, layer7 protocols), then the
//     firewall items chain by chain from the leaf chains up, so that a chain is complete
//     before anything jumps to it, the entry chains' items last, then queue trees;
//  4. new anchors and FastTrack guards (at the top, before FastTrack);
//  5. sets, among them the ones that repoint a jump to a new chain version;
//  6. removals: rules (filter, then mangle: among them the old chain versions, which no
//     jump enters once the sets have run), then queue trees, queue types and layer7
//     protocols, then address-list entries;
//  7. renames of items added under a temporary comment to replace hand-made copies.
// Items are addressed by [find where comment="..."] (queue types by name), never by print
// numbers. The renderings live in render.cpp (human, script) and json.cpp.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/ir.hpp"
#include "routeros/state.hpp"

namespace rosgen::diff {

enum class Op { Add, Change, Move, Remove };

struct PropertyChange {
  std::string name;
  std::optional<std::string> from;  // absent: the property was not set
  std::optional<std::string> to;
  bool operator==(const PropertyChange&) const = default;
};

struct Change {
  Op op = Op::Add;
  ir::Menu menu = ir::Menu::Filter;
  std::string key;  // the owning comment, or "name=<queue type name>"
  ir::Item item;    // desired item (add, change, move) or running item (remove)
  std::vector<PropertyChange> properties;  // change
  std::optional<std::string> before;       // add, move: the key it goes before
  bool top = false;  // anchor add/move: before the first non-dynamic item (emit::at_top_of_table)
  // FastTrack guard add/move: directly before the first enabled fasttrack-connection rule
  // of its chain (emit::before_fasttrack)
  bool before_fasttrack = false;
  bool operator==(const Change&) const = default;
};

struct Summary {
  std::size_t owned_in_sync = 0;
  std::map<ir::Menu, std::size_t> unowned;  // items of other owners, left alone
  // Of those, items of other rosgen policies (comment="rosgen:<policy>:..."), per policy:
  // another policy on the router, or this one under its old name.
  std::map<std::string, std::size_t> other_policies;
  std::size_t count(Op op) const;
  std::map<Op, std::size_t> ops;
};

struct Plan {
  std::string policy;
  std::vector<Change> changes;  // in script order
  Summary summary;

  bool in_sync() const { return changes.empty(); }
};

// `major`: RouterOS major version of the running router (canonical values depend on it).
Plan make_plan(const ir::Ruleset& desired, const routeros::RouterState& running, int major);

// The owner key of an item for `policy`, or nullopt when the policy does not own it.
std::optional<std::string> owner_key(const ir::Item& item, const std::string& policy);

// How a script selects the owned item of `key`: [find where comment="<key>"], or
// [find where name="<name>"] for a key "name=<name>" (queue types); always quoted.
std::string selector(const std::string& key);

// One argument of a set command giving property `name` of an item of `menu` the value
// `value`: " name=value"; for an absent value the property's explicit default
// (routeros::explicit_default: " disabled=no") or else " !name" (unset). "" for a name
// RouterOS cannot print (never written bare).
std::string set_argument(ir::Menu menu, const std::string& name,
                         const std::optional<std::string>& value);

struct RenderContext {
  std::string against;                        // the export's file name
  std::map<std::string, std::size_t> opaque;  // statements rosgen does not model, per menu
  std::map<std::string, std::vector<std::uint32_t>> opaque_lines;  // the first few lines of each
  bool color = false;
};

std::string render_human(const Plan& plan, const RenderContext& context);
// The short view a push prints (a whole plan can be hundreds of lines): render_human()
// when its changes take at most `max_lines` lines, else the first line of each of the
// first `max_lines` changes, then "… and N more changes (<more>)" (`more`: how to see
// them all), then the counts as render_human() ends.
std::string render_human_brief(const Plan& plan, const RenderContext& context,
                               std::size_t max_lines, std::string_view more);
// Schema rosgen-diff/1 (README): keys in the documented order, one change per line. A
// string that is not UTF-8 is written as {"hex": "...", "text": "..."} (an object key as
// "hex:..."), so the output is valid JSON and keeps every byte. `pending` (a live diff:
// whether another push was pending on the router) is written after "in_sync" when known.
std::string render_json(const Plan& plan, const RenderContext& context,
                        std::optional<bool> pending = std::nullopt);
std::string render_script(const Plan& plan, const RenderContext& context);

}  // namespace rosgen::diff
