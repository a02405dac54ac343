// Choosing case-variant covers (see cover.hpp).
#include "optimise/cover.hpp"

#include <algorithm>

namespace rosgen::optimise {

std::uint64_t case_forms(const Text& text) {
  if (!text.nocase)
    return 1;
  std::uint64_t forms = 1;
  for (char c : text.bytes) {
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (letter && forms < (std::uint64_t{1} << 62))
      forms *= 2;
  }
  return forms;
}

std::optional<Cover> choose_cover(const std::vector<Text>& alternatives,
                                  const FragmentProbability& probability, double min_saving,
                                  std::size_t min_fragment) {
  Cover best;
  double plain = 0;
  for (const Text& text : alternatives) plain += static_cast<double>(case_forms(text));
  best.plain_tests = plain;
  // Each alternative's probe is chosen on its own: the cheapest of forms(f) + p(f) x its
  // full forms, against its full forms alone (no probe). An alternative without a probe
  // keeps its full forms where they were; the probed ones' full forms are tested only on
  // packets that hold a probe (any of them: bounded by the sum of their probabilities).
  double probe_tests = 0, unprobed_tests = 0, probed_full = 0, pass = 0;
  for (const Text& text : alternatives) {
    double own = static_cast<double>(case_forms(text));
    std::string chosen = text.bytes;
    double chosen_forms = own, chosen_p = 0, chosen_cost = own;
    for (std::size_t length = min_fragment; length < text.bytes.size(); ++length) {
      for (std::size_t at = 0; at + length <= text.bytes.size(); ++at) {
        Text fragment{text.bytes.substr(at, length), text.nocase};
        double forms = static_cast<double>(case_forms(fragment));
        double p = std::clamp(probability(fragment.bytes, fragment.nocase), 0.0, 1.0);
        double cost = forms + p * own;
        if (cost < chosen_cost - 1e-12)
          chosen = fragment.bytes, chosen_forms = forms, chosen_p = p, chosen_cost = cost;
      }
    }
    best.probes.push_back(chosen);
    if (chosen == text.bytes) {
      unprobed_tests += own;
      best.full_rules += static_cast<std::uint64_t>(own);
      continue;
    }
    probe_tests += chosen_forms;
    probed_full += own;
    pass += chosen_p;
    best.probe_rules += static_cast<std::uint64_t>(chosen_forms);
    best.full_rules += static_cast<std::uint64_t>(own);
  }
  best.expected_tests = probe_tests + unprobed_tests + std::min(1.0, pass) * probed_full;
  if (probe_tests == 0 || plain - best.expected_tests < min_saving)
    return std::nullopt;
  return best;
}

}  // namespace rosgen::optimise
