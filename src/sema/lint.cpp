// Lints over several rules (see lint.hpp).
#include "sema/lint.hpp"

#include <map>
#include <optional>

namespace rosgen::sema {

namespace {

// Ports already watched by earlier signatures: disjoint intervals, each with the first
// signature that covers it. Finding an overlap and adding a signature's ports cost
// O(log n) per interval touched, so the lint stays linear-ish on large policies.
class PortCoverage {
 public:
  // The first earlier signature overlapping `ports`, if any; then records `ports` as
  // covered by `owner` wherever nothing covered them yet.
  std::optional<std::size_t> add(const PortSet& ports, std::size_t owner) {
    auto& covered = by_protocol_[ports.protocol == Protocol::Tcp ? 0 : 1];
    std::vector<PortRange> ranges = ports.ranges;
    if (ranges.empty())
      ranges.push_back({1, 65535});
    std::optional<std::size_t> overlap;
    for (const PortRange& range : ranges) {
      std::uint32_t next = range.first;  // first port of the range not yet handled
      auto it = covered.upper_bound(range.first);
      if (it != covered.begin() && std::prev(it)->second.last >= range.first)
        --it;
      std::vector<std::pair<std::uint32_t, std::uint32_t>> gaps;
      for (; it != covered.end() && it->first <= range.last; ++it) {
        if (!overlap || it->second.owner < *overlap)
          overlap = it->second.owner;
        if (it->first > next)
          gaps.emplace_back(next, it->first - 1);
        next = std::max<std::uint32_t>(next, std::uint32_t{it->second.last} + 1);
      }
      if (next <= range.last)
        gaps.emplace_back(next, range.last);
      for (auto [first, last] : gaps) {
        covered[static_cast<std::uint16_t>(first)] = {static_cast<std::uint16_t>(last), owner};
      }
    }
    return overlap;
  }

 private:
  struct Interval {
    std::uint16_t last = 0;
    std::size_t owner = 0;
  };

  std::map<std::uint16_t, Interval> by_protocol_[2];
};

}  // namespace

void lint_overlapping_signatures_of(const std::vector<SignatureAt>& signatures,
                                    support::DiagnosticEngine& diags) {
  PortCoverage coverage;
  for (std::size_t j = 0; j < signatures.size(); ++j) {
    auto i = coverage.add(signatures[j].signature->ports, j);
    if (!i)
      continue;
    diags
        .warning(signatures[j].name,
                 "signatures '" + signatures[*i].signature->name + "' and '" +
                     signatures[j].signature->name +
                     "' watch the same ports; a connection carries one connection mark, so "
                     "a match of one can overwrite the other's progress")
        .notes.push_back(support::make_note(signatures[*i].name, "the other signature"));
  }
}

}  // namespace rosgen::sema
