// `rosgen compile --explain`: the expected content tests per packet of the emitted rules,
// of the --no-optimise rules and, with --against, of another script (against.hpp), per
// signature and in total, with the model's assumptions. Entry point: explain().
#pragma once

#include <string>
#include <vector>

#include "optimise/against.hpp"
#include "optimise/optimise.hpp"
#include "sema/model.hpp"

namespace rosgen::optimise {

// What explain() needs to know about the compiled policy.
struct ExplainInput {
  const sema::Policy* authored = nullptr;            // stages as written (--no-optimise)
  const sema::Policy* ordered = nullptr;             // stages as emitted (the optimiser's order)
  const std::vector<Decision>* decisions = nullptr;  // the covers, by stage id
  SignatureProbability probability;  // P(fragment in a packet at a signature's gate)
  // What `probability` answers from: the profile's name ("the built-in profile ..."), which
  // the report completes with probability_from()'s rule when `profile` is set; else the
  // whole model's name ("the per-byte model").
  std::string model;
  std::size_t items = 0, plain_items = 0;  // RouterOS items, optimised and not
  const AgainstScript* against = nullptr;  // --against: another script, costed at each gate
  // The profile `probability` comes from: where each signature's p come from (the gate's
  // own counts, counts borrowed from other gates, or the per-byte model where the profile
  // saw fewer than kMinGatePackets packets) and the data share of each gate (used under
  // the same rule); null: not said, every gate packet taken to carry data.
  const profile::Profile* profile = nullptr;
};

// The report, as text. Per signature: the gate, where its p come from, the share of the
// gate's packets that reach the content tests, each stage in order with its tests (a
// cover's probe and full forms, the largest leaf chain) and p, and the expected content
// tests per packet that reaches the gate: sum over stages k of (product of p of the
// stages before k) x cost of stage k. In sequence the same product is used, as if a
// packet reached stage k by holding stage k - 1 itself; on the router every later packet
// of a connection that passed stage k - 1 tests stage k (and no longer the stages before)
// until the window ends, which the per-packet profile cannot tell, so the report says
// that such figures can be off several-fold (`rosgen simulate` measures them). The total
// adds the per-gate-packet figures of all signatures, whose gates see different packets,
// and says so. With `against`, each signature also gets that script's cost at its gate
// (against_cost()), the total its sum, and the report ends with that model's assumptions.
std::string explain(const ExplainInput& input);

}  // namespace rosgen::optimise
