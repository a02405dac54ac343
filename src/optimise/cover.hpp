// Case-variant covers: how to test every case form of a nocase literal while most packets
// pay only a few content tests. Entry points: Cover, choose_cover().
//
// A literal of k ASCII letters written nocase has 2^k case forms, and RouterOS content= is
// a case-sensitive substring test (reference §1.3), so the plain way costs 2^k tests on
// every packet that reaches the stage. A cover first tests a short fragment of the literal
// in all its case forms (the probe: 2^j tests for j letters); only a packet that holds
// one of them goes on to the 2^k full forms. Every case form of the literal contains some
// case form of the fragment, so exactly the same packets match: the cover changes the
// cost, never the verdict.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace rosgen::optimise {

// One alternative of a stage: the literal's bytes as written, and whether it is nocase.
struct Text {
  std::string bytes;
  bool nocase = false;
  bool operator==(const Text&) const = default;
};

// P(a packet reaching the stage holds `fragment`): in any case form when `nocase`, else
// exactly; in [0, 1]. Supplied by a profile, else the default per-byte model.
using FragmentProbability = std::function<double(const std::string& fragment, bool nocase)>;

// The chosen probe per alternative (a substring of its bytes; the whole literal means no
// probe for that alternative) and the model's expected content tests per packet that
// reaches the stage, with the cover and without it.
struct Cover {
  std::vector<std::string> probes;  // one per alternative, same order
  double expected_tests = 0;        // with the cover
  double plain_tests = 0;           // every case form of every alternative, on every packet
  std::uint64_t probe_rules = 0;    // content rules of the probes (plus one jump per form)
  std::uint64_t full_rules = 0;     // content rules of the full forms
  bool operator==(const Cover&) const = default;
};

// The number of case forms of `text`: 2^(ASCII letters) when nocase, else 1.
std::uint64_t case_forms(const Text& text);

// Chooses, for the alternatives of one stage, the probes with the least expected cost:
// sum of probe forms + P(any probe present) x sum of full forms, where P(any) is taken as
// the largest probe probability plus the others' (capped at 1: conservative). Candidates
// are every substring of each alternative of at least `min_fragment` bytes. nullopt when
// no cover is cheaper than the plain rules by more than `min_saving` tests per packet
// (then the stage stays as lowering wrote it).
std::optional<Cover> choose_cover(const std::vector<Text>& alternatives,
                                  const FragmentProbability& probability, double min_saving = 0.5,
                                  std::size_t min_fragment = 2);

}  // namespace rosgen::optimise
