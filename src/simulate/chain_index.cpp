// The per-chain decision structure (see chain_index.hpp).
#include "simulate/chain_index.hpp"

#include <algorithm>
#include <set>

namespace rosgen::simulate {

namespace {

// Entries (interval x candidate) an index may hold per chain: past this the chain is
// evaluated rule by rule (a chain of thousands of rules with distinct ports).
constexpr std::size_t kMaxEntries = 1 << 22;

bool has_ports(std::uint8_t protocol) {
  return protocol == 6 || protocol == 17;
}

// Whether `rule` may match a packet of `protocol` to `port`, judging by its protocol and
// dst-port matchers only (the same tests as Simulator's matches()).
bool candidate(const Rule& rule, std::uint8_t protocol, std::uint16_t port) {
  if (rule.protocol && (protocol == *rule.protocol) == rule.neg_protocol)
    return false;
  if (rule.dst_port && !(has_ports(protocol) && rule.dst_port->contains(port) != rule.neg_dst_port))
    return false;
  return true;
}

}  // namespace

const std::vector<std::uint32_t>* ChainIndex::candidates(std::uint8_t protocol,
                                                         std::uint16_t dst_port) const {
  if (!indexed_)
    return nullptr;
  const Bucket* bucket = &buckets_.back();  // "other"
  for (const Bucket& b : buckets_) {
    if (!b.other && b.protocol == protocol) {
      bucket = &b;
      break;
    }
  }
  std::uint32_t port = has_ports(protocol) ? dst_port : 0;
  auto it = std::upper_bound(
      bucket->intervals.begin(), bucket->intervals.end(), port,
      [](std::uint32_t value, const Interval& interval) { return value < interval.first_port; });
  return &std::prev(it)->positions;
}

ChainIndex build_chain_index(const Rules& rules, const std::vector<int>& chain) {
  ChainIndex index;
  std::set<std::uint8_t> named;
  std::set<std::uint32_t> breaks{0};
  for (int i : chain) {
    const Rule& rule = rules.rules[static_cast<std::size_t>(i)];
    if (rule.protocol)
      named.insert(*rule.protocol);
    if (rule.dst_port) {
      for (const auto& [low, high] : rule.dst_port->ranges) {
        breaks.insert(low);
        breaks.insert(std::uint32_t{high} + 1);
      }
    }
  }
  breaks.erase(65536);
  // A protocol number no rule names stands for all the others.
  std::uint8_t other = 0;
  while (named.count(other) != 0 && other < 255) ++other;
  std::vector<std::pair<std::uint8_t, bool>> protocols;
  for (std::uint8_t protocol : named) protocols.emplace_back(protocol, false);
  protocols.emplace_back(other, true);
  if (breaks.size() * chain.size() * protocols.size() > 4 * kMaxEntries)
    return index;  // unindexed: building it would cost more than it saves
  std::size_t entries = 0;
  for (const auto& [protocol, is_other] : protocols) {
    ChainIndex::Bucket bucket;
    bucket.protocol = protocol;
    bucket.other = is_other;
    std::vector<std::uint32_t> starts =
        has_ports(protocol) ? std::vector<std::uint32_t>(breaks.begin(), breaks.end())
                            : std::vector<std::uint32_t>{0};
    for (std::uint32_t start : starts) {
      ChainIndex::Interval interval;
      interval.first_port = start;
      for (std::size_t position = 0; position < chain.size(); ++position) {
        const Rule& rule = rules.rules[static_cast<std::size_t>(chain[position])];
        if (candidate(rule, protocol, static_cast<std::uint16_t>(start)))
          interval.positions.push_back(static_cast<std::uint32_t>(position));
      }
      entries += interval.positions.size() + 1;
      if (entries > kMaxEntries)
        return ChainIndex{};  // unindexed
      bucket.intervals.push_back(std::move(interval));
    }
    index.buckets_.push_back(std::move(bucket));
  }
  index.indexed_ = true;
  return index;
}

}  // namespace rosgen::simulate
