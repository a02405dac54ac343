// The shortest payload that can match a signature (see payload.hpp).
#include "lower/payload.hpp"

#include <algorithm>
#include <climits>
#include <string>
#include <vector>

#include "sema/check.hpp"
#include "support/ascii.hpp"

namespace rosgen::lower {

namespace {

// The longest suffix of `a` that is a prefix of `b` (both lower-cased), shorter than both.
std::size_t overlap(const std::string& a, const std::string& b) {
  for (std::size_t k = std::min(a.size(), b.size()) - 1; k > 0; --k)
    if (a.compare(a.size() - k, k, b, 0, k) == 0)
      return k;
  return 0;
}

// The shortest common superstring of `texts` (lower-cased): texts inside another are
// dropped, then the cheapest order of the rest by dynamic programming over subsets (a
// superstring of a substring-free set is shortest when consecutive texts overlap fully).
std::size_t shortest_superstring(std::vector<std::string> texts) {
  std::sort(texts.begin(), texts.end());
  texts.erase(std::unique(texts.begin(), texts.end()), texts.end());
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    bool inside = false;
    for (std::size_t j = 0; j < texts.size() && !inside; ++j)
      inside = j != i && texts[j].size() > texts[i].size() &&
               texts[j].find(texts[i]) != std::string::npos;
    if (!inside && !texts[i].empty())
      kept.push_back(texts[i]);
  }
  const std::size_t n = kept.size();
  if (n == 0)
    return 0;
  // best[mask][last]: the shortest string holding the texts in `mask`, ending with `last`.
  std::vector<std::vector<std::size_t>> best(std::size_t{1} << n,
                                             std::vector<std::size_t>(n, SIZE_MAX));
  for (std::size_t i = 0; i < n; ++i) best[std::size_t{1} << i][i] = kept[i].size();
  for (std::size_t mask = 1; mask < best.size(); ++mask) {
    for (std::size_t last = 0; last < n; ++last) {
      if (best[mask][last] == SIZE_MAX)
        continue;
      for (std::size_t next = 0; next < n; ++next) {
        if (mask & (std::size_t{1} << next))
          continue;
        std::size_t length = best[mask][last] + kept[next].size() - overlap(kept[last], kept[next]);
        std::size_t& slot = best[mask | (std::size_t{1} << next)][next];
        slot = std::min(slot, length);
      }
    }
  }
  return *std::min_element(best.back().begin(), best.back().end());
}

}  // namespace

std::size_t shortest_payload(const sema::Signature& signature) {
  if (signature.stages.empty())
    return 0;
  if (signature.conjunction == sema::Conjunction::Sequence && signature.stages.size() > 1) {
    std::size_t shortest = SIZE_MAX;
    for (const sema::Stage& stage : signature.stages)
      shortest = std::min(shortest, sema::shortest_alternative(stage));
    return shortest;
  }
  std::size_t weak = 0, combinations = 1;
  for (const sema::Stage& stage : signature.stages) {
    weak = std::max(weak, sema::shortest_alternative(stage));
    combinations *= std::max<std::size_t>(1, stage.alternatives.size());
    if (combinations > 4096)
      break;
  }
  if (combinations > 4096 || signature.stages.size() > 8)
    return weak;
  // Every choice of one alternative per stage, in mixed radix.
  std::size_t shortest = SIZE_MAX;
  for (std::size_t index = 0; index < combinations; ++index) {
    std::vector<std::string> texts;
    std::size_t rest = index;
    for (const sema::Stage& stage : signature.stages) {
      if (stage.alternatives.empty())
        continue;
      texts.push_back(
          support::ascii_lower(stage.alternatives[rest % stage.alternatives.size()].bytes));
      rest /= stage.alternatives.size();
    }
    shortest = std::min(shortest, shortest_superstring(std::move(texts)));
  }
  return std::max(shortest, weak);
}

}  // namespace rosgen::lower
