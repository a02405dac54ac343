// Owned RouterOS names two rules would share. rosgen names its chains, marks and queues
// after rules, with '-' and a suffix ("rosgen-p-sig-a" + "-2", "rosgen-p-a" + "-1"), and a
// rule name may hold '-', so a rule named "a-2" can meet a name derived from rule "a";
// the optimiser's cover chains ("...-lit1-3") too. Two rules in one chain, or setting one
// mark, would take each other's packets. Entry points: find_name_clashes(),
// check_name_clashes().
#pragma once

#include <string>
#include <vector>

#include "ir/ir.hpp"
#include "sema/model.hpp"
#include "support/diagnostics.hpp"

namespace rosgen::lower {

// One name two origins share. An origin is the first part of an item's id (a rule's name,
// or "anchor" / "guard" for rosgen's own jumps into its hook chains).
struct NameClash {
  std::string what;    // "chain", "connection mark", "packet mark", "queue tree", ...
  std::string name;    // the RouterOS name, "rosgen-p-sig-a-2"
  std::string first;   // the origin met first in script order
  std::string second;  // the other
  bool operator==(const NameClash&) const = default;
};

// The clashes in `ruleset` (items, anchors and guards of one policy), in script order, one
// per name:
//  - a chain rosgen's anchors or guard jump to (its hook chains) that a rule's item also
//    jumps to, or a chain holding or entered by items of two rules;
//  - a connection or packet mark two rules set;
//  - a name (name=) two items of one menu carry.
std::vector<NameClash> find_name_clashes(const ir::Ruleset& ruleset);

// Reports each clash as an error at the rule's name in `policy` (both rules when both are
// the author's), with the fix: rename one. Returns true when there is none.
bool check_name_clashes(const ir::Ruleset& ruleset, const sema::Policy& policy,
                        support::DiagnosticEngine& diags);

}  // namespace rosgen::lower
