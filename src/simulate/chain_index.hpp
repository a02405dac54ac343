// A decision structure over one chain, so that the simulator evaluates only the rules a
// packet's protocol and destination port can match, while still counting the work
// RouterOS does on every rule it walks past. Entry points: ChainIndex, build_chain_index().
//
// RouterOS tests a rule's matchers in a fixed order, protocol and ports among the first
// (reference §1.2): a rule whose protocol or dst-port does not match costs one visit and
// has no effect (no token taken, no connection counted). So the rules of a chain can be
// bucketed by (protocol, destination port interval): the candidates of a bucket are the
// rules that may match such a packet, in chain order; every rule between two candidates
// is a visit that fails, counted without being run.
#pragma once

#include <cstdint>
#include <vector>

#include "simulate/rules.hpp"

namespace rosgen::simulate {

class ChainIndex {
 public:
  // Positions (indices into the chain's rule list) of the rules that may match a packet
  // of `protocol` to `dst_port`, ascending; nullptr when the chain is not indexed (too
  // large to index: every rule is a candidate).
  const std::vector<std::uint32_t>* candidates(std::uint8_t protocol, std::uint16_t dst_port) const;

 private:
  friend ChainIndex build_chain_index(const Rules& rules, const std::vector<int>& chain);

  struct Interval {
    std::uint32_t first_port = 0;  // the interval runs to the next one's first port - 1
    std::vector<std::uint32_t> positions;
  };

  struct Bucket {
    std::uint8_t protocol = 0;
    bool other = false;  // any protocol no rule of the chain names
    std::vector<Interval> intervals;
  };

  bool indexed_ = false;
  std::vector<Bucket> buckets_;
};

// Builds the index of `chain` (rule indices into rules.rules). Chains whose index would
// exceed a fixed size (intervals x rules) stay unindexed: correct, only slower.
ChainIndex build_chain_index(const Rules& rules, const std::vector<int>& chain);

}  // namespace rosgen::simulate
