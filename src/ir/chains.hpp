// Rosgen's own firewall chains in a ruleset and the jumps between them, shared by the pass
// that names chains by their content (lower/version.hpp) and the order of a patch
// (diff/plan.hpp). Entry points: owned_chains(), chain_heights().
#pragma once

#include <compare>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ir/ir.hpp"

namespace rosgen::ir {

// A chain is named within its menu: mangle's "x" and filter's "x" are two chains.
struct ChainKey {
  Menu menu = Menu::Filter;
  std::string name;
  auto operator<=>(const ChainKey&) const = default;
};

struct OwnedChains {
  // Each chain whose name starts with "rosgen-<policy>-", with the indices of its items in
  // ruleset.items, in order.
  std::map<ChainKey, std::vector<std::size_t>> items;
  // Entry chains: the targets of jumps from chains that are not rosgen's (built-in chains
  // such as forward: the anchors and FastTrack guards).
  std::set<ChainKey> entries;
};

// The owned chains and entry chains of `ruleset` (items, anchors and guards).
OwnedChains owned_chains(const Ruleset& ruleset);

// Per owned chain, its height in the jump graph: 0 for a chain that jumps into no owned
// chain, else 1 + the largest height of the owned chains it jumps to. A jump that closes a
// cycle is not followed (rosgen's chains form a DAG; lower/version.cpp refuses a cycle).
std::map<ChainKey, std::size_t> chain_heights(const Ruleset& ruleset, const OwnedChains& chains);

}  // namespace rosgen::ir
