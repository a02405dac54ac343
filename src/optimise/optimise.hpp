// The optimiser: a stage of its own between lowering and emit (`--no-optimise` skips it).
// It rewrites each stage's content rules (ir::ContentGroup) into a case-variant cover when
// the model expects fewer content tests per packet (cover.hpp), and reports what it did
// for `compile --explain`. It never changes which packets match: a cover's probe holds a
// fragment of the literal, so every packet holding a full form passes a probe first.
// Entry points: optimise(), Decision.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "ir/ir.hpp"
#include "optimise/cover.hpp"
#include "profile/profile.hpp"
#include "sema/model.hpp"

namespace rosgen::optimise {

// What the optimiser decided for one stage.
struct Decision {
  std::string stage;               // the stage's id, "proxy-connect.lit1"
  std::vector<Text> alternatives;  // as written
  std::optional<Cover> cover;      // nullopt: kept as lowering wrote it
  double plain_tests = 0;          // expected content tests per packet without a cover
  bool operator==(const Decision&) const = default;
};

// A profile's estimate (profile::Estimate, profile::DataShare) that rests on fewer
// packets than this says little: probability_from() takes the default per-byte model
// instead, and `compile --explain` assumes every gate packet carries data.
inline constexpr std::uint64_t kMinGatePackets = 30;

// P(fragment) at a signature's gate: a profile's estimate, else the default model.
using SignatureProbability = std::function<FragmentProbability(const std::string& signature)>;

// P(fragment) at each signature's gate of `policy`: `traffic`'s estimate where it has one
// from at least kMinGatePackets packets (the gate, else gates on overlapping ports, else all its
// gates), else the default per-byte model (lower/likelihood.hpp). Keeps a pointer to `traffic`,
// which must outlive the result.
SignatureProbability probability_from(const profile::Profile& traffic, const sema::Policy& policy);

// P(a packet at the gate holds any alternative of `stage`), the alternatives taken as
// independent: 1 - the product of (1 - p) over them, p from `probability` clamped to [0, 1].
double stage_probability(const sema::Stage& stage, const FragmentProbability& probability);

// Covers chosen once per signature and stage: order_stages() and optimise() need the same
// ones (choose_cover() is the expensive part of the optimiser).
class CoverCache {
 public:
  // Which signatures share covers: those whose names map to the same string (the same
  // texts under the same traffic model). Default: each signature alone.
  using ModelOf = std::function<std::string(const std::string& signature)>;
  CoverCache() = default;

  explicit CoverCache(ModelOf model_of) : model_of_(std::move(model_of)) {}

  // choose_cover(alternatives, probability), remembered under `signature` and the texts.
  const std::optional<Cover>& cover(const std::string& signature,
                                    const std::vector<Text>& alternatives,
                                    const FragmentProbability& probability);

 private:
  ModelOf model_of_;
  std::unordered_map<std::string, std::optional<Cover>> covers_;
};

// The traffic model of each signature of `policy` as probability_from() answers it: the
// signature's own name when `traffic` knows its gate (or one overlapping it), else one
// name shared by every signature whose gate it does not know (they get the same answers).
CoverCache::ModelOf models_of(const profile::Profile& traffic, const sema::Policy& policy);

// Orders the stages of every in-one-packet signature of `policy` without an `at start`
// stage (its layer7 data depends on which packets reach it) by cost / (1 - p), smallest
// first: cost is the stage's expected content tests (its cover's, when one pays
// off, else one per case form), p the chance a packet at the gate holds it (alternatives
// taken as independent; at most 0.999). Ties keep the author's order; in-sequence
// signatures keep the author's order, which is their meaning.
sema::Policy order_stages(sema::Policy policy, const SignatureProbability& probability,
                          CoverCache* covers = nullptr);

// Rewrites `ruleset` in place: for a stage with a cover, the probe forms (each a jump to a
// new chain "<chain>-lit<k>") take the place of the full forms in the stage's chain, and
// the full forms of the probed alternatives move, unchanged but for their chain, into the
// new chain. Ids: "<stage>[.alt<j>].probe[.v<mask>]". `probability` gives P(fragment) at
// the stage (a profile, else the default model). Returns one decision per stage, in order.
std::vector<Decision> optimise(ir::Ruleset& ruleset, const SignatureProbability& probability,
                               CoverCache* covers = nullptr);

}  // namespace rosgen::optimise
