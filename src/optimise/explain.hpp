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
  SignatureProbability probability;           // P(fragment in a packet at a signature's gate)
  std::string model;                          // the model's name, e.g. "default per-byte model"
  std::size_t items = 0, plain_items = 0;     // RouterOS items, optimised and not
  const AgainstScript* against = nullptr;     // --against: another script, costed at each gate
  const profile::Profile* profile = nullptr;  // the data share of each gate; null: all data
};

// The report, as text. Per signature: the gate, each stage in order with its tests
// (a cover's probe and full forms) and p, and the expected content tests per packet that
// reaches the gate: sum over stages k of (product of p of the stages before k) x cost of
// stage k (in sequence: the same product, the chance a connection got that far). With
// `against`, each signature also gets that script's cost at its gate (against_cost()), the
// total its sum, and the report ends with that model's assumptions.
std::string explain(const ExplainInput& input);

}  // namespace rosgen::optimise
