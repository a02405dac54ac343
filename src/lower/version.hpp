// Content-addressed names (issue 10 §3 step 5): the last pass on a compiled ruleset, after
// the optimiser, the rule-order pass and the owned-name clash check. Entry points:
// version_names(), kVersionSeparator.
//
// It lives in lower/ because it finishes what lowering started, naming the RouterOS items
// rosgen owns (lower.cpp names the chains, clashes.cpp checks those names); it reads and
// writes only ir:: values and needs nothing from the optimiser, which runs before it.
//
// Why: a push must never pass through a state less protective than both end states. A
// chain whose content changes is therefore never edited in place (between two statements a
// signature could test stage 1 new and stage 2 old, and stop nothing); it gets a new name,
// is built beside the old one, and one `set` of the jump into it swaps the two (an in-place
// `set` of one item is atomic); the old one is removed last (diff/plan.hpp). An unchanged
// chain keeps its name, so an edit still sends a small patch.
//
// What is renamed, and how:
//  - every /ip firewall layer7-protocol item: name "<name>-<h>", comment "<comment>#<h>",
//    <h> = the first kVersionDigits hex digits of the SHA-256 of its canonical text: the
//    menu, then every property but comment (so its name and regexp). Every
//    layer7-protocol= that named it is rewritten. A changed regexp is then a new item,
//    never a `set` that the old chain would see half-way;
//  - every owned mangle and filter chain that is not an entry chain (a rosgen chain that a
//    jump from a chain outside rosgen's, a built-in chain such as forward, enters: the
//    anchors' and FastTrack guards' targets): chain "<chain>-<h>", <h> from the chain's
//    canonical text (its menu, then its items in order, each with every property but
//    comment, chain= and jump-target= as before renaming except that a jump-target that is
//    renamed is written renamed: a Merkle hash, leaves first), and the comment of each of
//    its items "<comment>#<h>", so that old and new items have distinct keys and
//    [find where comment=...] stays unique while both are on the router. The old name is
//    part of the text: two chains of equal items but different names (cover chains
//    numbered anew) never give one item key to two chains. A chain entered from two
//    places has one name.
// Entry chains, marks, queue types and trees and address lists keep their names.
// The same ruleset gives byte-identical names. Two renamed names cannot meet: each ends
// in '-' and kVersionDigits hex digits, so equal names come from equal old names.
#pragma once

#include <cstddef>

#include "ir/ir.hpp"

namespace rosgen::lower {

// Between an item's id and the version hash in its comment: "rosgen:cafe:x.lit1.v00#3fa9c1".
// Ids are made of letters, digits, '_', '-' and '.' (rule names, grammar/policy.ebnf, joined
// with '.'), so the separator is never part of one.
inline constexpr char kVersionSeparator = '#';

// Number of hex digits of the SHA-256 kept in a name.
inline constexpr std::size_t kVersionDigits = 6;

// Renames `ruleset`'s layer7 protocols and non-entry chains as above (items, anchors,
// guards and content groups). Rosgen's chains form a DAG; a jump cycle among renamed chains
// is a bug in rosgen: std::logic_error("internal error: ...") naming the cycle.
void version_names(ir::Ruleset& ruleset);

}  // namespace rosgen::lower
