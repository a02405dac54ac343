// Private to src/simulate: the simulator's internal types (rosgen::simulate::detail) and
// the definition of Simulator::State, whose member functions are defined in engine.cpp (the
// packet path), conntrack.cpp (connection tracking, address lists) and matching.cpp (rules).
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "capture/packet.hpp"
#include "simulate/chain_index.hpp"
#include "simulate/engine.hpp"
#include "simulate/rules.hpp"

namespace rosgen::simulate {

namespace detail {

inline constexpr std::int64_t kSecond = 1000000;

// A flow in either direction: the two endpoints in a fixed order.
struct FlowKey {
  std::uint32_t low_address = 0, high_address = 0;
  std::uint16_t low_port = 0, high_port = 0;
  std::uint8_t protocol = 0;
  bool operator==(const FlowKey&) const = default;
};

struct FlowHash {
  std::size_t operator()(const FlowKey& k) const {
    std::uint64_t h = (std::uint64_t{k.low_address} << 32) ^ k.high_address;
    h ^= (std::uint64_t{k.low_port} << 40) ^ (std::uint64_t{k.high_port} << 16) ^ k.protocol;
    h *= 0x9E3779B97F4A7C15ULL;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
};

// The live connections by flow: open addressing with linear probing, erase by shifting
// back (no tombstones), so that a lookup touches one or two cache lines and a new
// connection allocates nothing.
class FlowTable {
 public:
  static constexpr std::int64_t kNone = -1;

  std::size_t size() const { return size_; }

  std::int64_t find(const FlowKey& key) const {
    if (size_ == 0)
      return kNone;
    for (std::size_t i = home(key);; i = (i + 1) & mask_) {
      const Entry& e = entries_[i];
      if (e.slot == kNone)
        return kNone;
      if (e.key == key)
        return e.slot;
    }
  }

  // Sets `key`'s slot (adds the key when new).
  void set(const FlowKey& key, std::int64_t slot) {
    if ((size_ + 1) * 2 > entries_.size())
      grow();
    for (std::size_t i = home(key);; i = (i + 1) & mask_) {
      Entry& e = entries_[i];
      if (e.slot == kNone) {
        e.key = key;
        e.slot = slot;
        ++size_;
        return;
      }
      if (e.key == key) {
        e.slot = slot;
        return;
      }
    }
  }

  void erase(const FlowKey& key) {
    if (size_ == 0)
      return;
    std::size_t i = home(key);
    for (;; i = (i + 1) & mask_) {
      if (entries_[i].slot == kNone)
        return;
      if (entries_[i].key == key)
        break;
    }
    // Shift back the entries after the hole that may not stay past it.
    for (std::size_t j = (i + 1) & mask_;; j = (j + 1) & mask_) {
      if (entries_[j].slot == kNone)
        break;
      std::size_t h = home(entries_[j].key);
      bool movable = i <= j ? (h <= i || h > j) : (h <= i && h > j);
      if (movable) {
        entries_[i] = entries_[j];
        i = j;
      }
    }
    entries_[i].slot = kNone;
    --size_;
  }

 private:
  struct Entry {
    FlowKey key;
    std::int64_t slot = kNone;
  };

  // The hash's top bits: its low bits do not see the ports.
  std::size_t home(const FlowKey& key) const {
    return static_cast<std::size_t>(std::uint64_t{FlowHash()(key)} >> shift_);
  }

  void grow() {
    std::vector<Entry> old = std::move(entries_);
    entries_.assign(old.empty() ? 64 : old.size() * 2, Entry{});
    mask_ = entries_.size() - 1;
    shift_ = 64 - static_cast<unsigned>(std::countr_zero(entries_.size()));
    size_ = 0;
    for (const Entry& e : old) {
      if (e.slot != kNone)
        set(e.key, e.slot);
    }
  }

  std::vector<Entry> entries_;
  std::size_t mask_ = 0, size_ = 0;
  unsigned shift_ = 63;
};

enum class TcpPhase { Open, Closing };

struct Connection {
  bool alive = false;
  FlowKey key;
  std::uint32_t origin_address = 0;  // the originator's address and port
  std::uint16_t origin_port = 0;
  bool seen_reply = false;
  bool fasttracked = false;
  TcpPhase phase = TcpPhase::Open;
  // TCP teardown: a FIN seen from each side; closed once an RST passed or the packet after
  // both FINs (the last ACK: TIME_WAIT) did. connection-limit does not count a closed
  // connection (Linux xt_connlimit / nf_conncount, already_closed(): TIME_WAIT and CLOSE).
  bool fin_from_origin = false, fin_from_reply = false, closed = false;
  int mark = 0;
  std::uint8_t nat = 0;
  std::uint64_t bytes = 0;
  std::int64_t expires_us = 0;
  std::int64_t scheduled_second = 0;
  // connection-limit rules that counted this connection, with the key it was counted under
  std::vector<std::pair<int, std::uint32_t>> limit_rules;
  std::int64_t record = -1;  // index into the connection records
  std::uint64_t packets = 0;
  // Layer7 (layer7.hpp): the classification (a Rules::layer7 index, kLayer7Unset while
  // still looking, kLayer7Unknown once the window passed without a match) and the data.
  int layer7 = -1;
  bool layer7_started = false;  // its first packet reached a layer7 matcher
  std::string layer7_data;
};

inline constexpr int kLayer7Unset = -1;
inline constexpr int kLayer7Unknown = -2;

struct BucketState {
  double tokens = 0;
  std::int64_t last_us = 0;
  bool started = false;
};

// Takes one packet's cost from `state` refilled at `now`; false when it is not there.
inline bool take(const Bucket& bucket, BucketState& state, std::int64_t now, double cost) {
  if (!state.started) {
    state.started = true;
    state.tokens = bucket.burst;
    state.last_us = now;
  }
  double refill = bucket.rate * static_cast<double>(now - state.last_us) /
                  static_cast<double>(bucket.period_us);
  state.tokens = std::min(bucket.burst, state.tokens + std::max(0.0, refill));
  state.last_us = std::max(state.last_us, now);
  if (state.tokens + 1e-9 < cost)
    return false;
  state.tokens -= cost;
  return true;
}

struct DstLimitKeyValue {
  std::uint64_t a = 0, b = 0;
  bool operator==(const DstLimitKeyValue&) const = default;
};

struct DstLimitHash {
  std::size_t operator()(const DstLimitKeyValue& k) const {
    return std::hash<std::uint64_t>()(k.a * 0x9E3779B97F4A7C15ULL ^ k.b);
  }
};

struct RuleState {
  BucketState limit;
  std::unordered_map<DstLimitKeyValue, BucketState, DstLimitHash> dst_limit;
  std::unordered_map<std::uint32_t, std::unordered_set<std::int64_t>> connections_by_key;
};

struct SubStream {
  std::int64_t busy_until_us = 0;
};

struct QueueState {
  std::unordered_map<DstLimitKeyValue, SubStream, DstLimitHash> streams;
};

// The three paths through the router (help.mikrotik.com "Packet Flow in RouterOS").
enum class Path { Forward, Input, Output };

// How a table's traversal ended for the packet.
enum class Exit { Continue, Accept, Drop, Reject, Tarpit };

// A table with its chains' indexes and, per chain, a difference array of the rule visits
// the index skipped (position a..b-1 visited: +1 at a, -1 at b), summed into the rules'
// `evaluated` counts when they are read.
struct TableRun {
  const Table* table = nullptr;
  std::vector<ChainIndex> index;
  std::vector<std::vector<std::int64_t>> skipped;

  void build(const Rules& rules, const Table& t, const IndexContext& context) {
    table = &t;
    for (const std::vector<int>& chain : t.chains) {
      index.push_back(build_chain_index(rules, chain, context));
      skipped.emplace_back(chain.size() + 1, 0);
    }
  }
};

}  // namespace detail

struct Simulator::State {
  Rules rules;
  SimulateOptions options;
  mutable std::vector<RuleStats> rule_stats;     // `evaluated` completed by stats()
  std::vector<std::uint64_t> evaluated_direct_;  // visits that ran the rule's matchers
  mutable std::vector<std::int64_t> evaluated_base_;
  detail::TableRun raw_run, mangle_run, filter_run, nat_run;
  // The built-in chains' ids.
  int raw_prerouting = -1, raw_output = -1, mangle_prerouting = -1, mangle_input = -1,
      mangle_forward = -1, mangle_output = -1, mangle_postrouting = -1, filter_input = -1,
      filter_forward = -1, filter_output = -1, nat_dstnat = -1, nat_srcnat = -1;
  std::vector<detail::RuleState> rule_state;
  std::vector<QueueStats> queue_stats;
  std::vector<detail::QueueState> queue_state;
  Totals totals;
  std::vector<ConnectionRecord> records;

  std::vector<detail::Connection> connections;
  std::vector<std::int64_t> free_slots;
  detail::FlowTable by_flow;
  std::unordered_set<detail::FlowKey, detail::FlowHash> stopped_flows;  // stop_flows_after_drop
  std::map<std::int64_t, std::vector<std::int64_t>> expiry;             // second -> slots
  // The buckets of expiry used last, by second % 8: most connections are scheduled a few
  // fixed timeouts from now, so this saves a walk down the map per new connection.
  std::array<std::pair<std::int64_t, std::vector<std::int64_t>*>, 8> expiry_cache{};
  std::int64_t now = 0;
  std::int64_t last_partial_scan_us = 0;  // expire(): the current second's last look

  // address lists: static ranges per list id; dynamic entries (list, address) -> expiry
  std::unordered_map<int, Ipv4Set> static_lists;
  std::unordered_map<std::uint64_t, std::int64_t> dynamic_lists;  // 0: no timeout

  int lan = 0, wan = 0;
  std::unordered_map<int, std::set<int>> list_members;  // interface list id -> interfaces
  std::vector<std::uint32_t> router_addresses;

  // The packet being processed.
  struct Packet {
    const capture::Packet* raw = nullptr;
    std::uint32_t src = 0, dst = 0;
    int in = 0, out = 0;
    int mark = 0;
    std::uint8_t state = 0;
    detail::Connection* conn = nullptr;
    bool created = false;       // this packet created its connection (NAT runs only then)
    bool untracked = false;     // a raw notrack rule matched
    std::uint8_t nat_hook = 0;  // kNatDstnat or kNatSrcnat while a NAT chain runs
    bool layer7_fed = false;    // the payload has been offered to the layer7 buffer
    bool layer7_added = false;  // ... and added bytes to it
    Cost cost;
    const std::string* stopped_by = nullptr;  // the rule's label, or queue_stop
  } p;

  std::string queue_stop;  // "queue <label>" of the queue that dropped the packet

  State(Rules r, SimulateOptions o);

  bool is_client(std::uint32_t address) const {
    for (const auto& [low, high] : options.clients) {
      if (address >= low && address <= high)
        return true;
    }
    return false;
  }

  bool is_router(std::uint32_t address) const {
    return std::find(router_addresses.begin(), router_addresses.end(), address) !=
           router_addresses.end();
  }

  // ---- address lists (conntrack.cpp) ----

  static std::uint64_t list_key(int list, std::uint32_t address) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(list)) << 32) | address;
  }

  bool in_list(int list, std::uint32_t address);
  void add_to_list(int list, std::uint32_t address, std::int64_t timeout_us);

  // ---- connection tracking (conntrack.cpp) ----

  static std::int64_t timeout_of(const detail::Connection& c);
  void schedule(std::int64_t slot);
  void destroy(std::int64_t slot);
  void uncount_limits(std::int64_t slot);
  static ConnectionRecord record_of(const capture::Packet& packet, bool from_client,
                                    const std::string* label);
  void follow_teardown(detail::Connection& c, const capture::Packet& packet, std::int64_t slot);
  void expire(std::int64_t until_us);
  std::int64_t new_connection(const detail::FlowKey& key, const capture::Packet& packet,
                              const std::string* label);
  detail::FlowKey flow_key(const capture::Packet& packet) const;
  std::int64_t related_connection(const capture::Packet& packet) const;
  std::int64_t track(const capture::Packet& packet, const std::string* label, bool& created);

  // ---- matchers, chains and queues (matching.cpp) ----

  bool interface_in_list(int list, int interface) const;
  bool layer7_matches(int pattern, RuleStats& stats);
  void build_indexes();
  IndexKeys index_keys() const;
  bool matches(int index);
  void set_connection_mark(int mark);
  void skip(detail::TableRun& run, int chain, std::size_t from, std::size_t to);
  detail::Exit run_chain(detail::TableRun& run, int chain, int depth);
  const std::vector<RuleStats>& stats() const;
  detail::Exit run_hook(detail::TableRun& run, int chain);
  bool queue(bool global_point, int egress);

  // ---- one packet (engine.cpp) ----

  Fate run(const capture::Packet& packet, const std::string* label);
  bool fast_tracked(const capture::Packet& packet) const;
  Fate slow_path(detail::Path path);
  void nat(int chain, std::uint8_t bit);
  void finish_packet(Fate fate, std::int64_t slot, bool created, ConnectionRecord* record);
  ConnectionRecord* untracked_record(const capture::Packet& packet, const std::string* label,
                                     const char* why);
  std::unordered_map<detail::FlowKey, std::size_t, detail::FlowHash> untracked_records;
};

}  // namespace rosgen::simulate
