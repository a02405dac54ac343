// The simulated packet path (see engine.hpp). What is modeled, and from where:
//  - Path (help.mikrotik.com "Packet Flow in RouterOS"): mangle prerouting, the routing
//    decision (to one of the router's addresses: input; else forward), then mangle input
//    and filter input, or mangle forward, filter forward and mangle postrouting; queue
//    trees with parent=global after mangle input and after mangle postrouting (the Queues
//    page: HTB attaches "at input and postrouting"), interface queues on egress.
//  - Connection tracking as netfilter does it: the first packet of a flow is new; the
//    originator's packets stay new until the other side answers, then every packet is
//    established (a SYN-ACK already is). A TCP packet without an entry is picked up as
//    new (RouterOS's loose-tcp-tracking=yes default), except an RST (invalid). A dropped
//    packet that created its entry destroys it (netfilter's unconfirmed entries).
//    Timeouts: RouterOS's /ip firewall connection tracking defaults (tcp-syn-sent 5s,
//    tcp-established 1d, FIN/RST seen 10s, udp 10s, udp-stream 3m, icmp 10s, other 10m;
//    from the RouterOS manual, not in the project's reference: unverified).
//  - FastTrack (reference §5.1, [FASTTRACK]): a packet that passes an
//    action=fasttrack-connection rule marks its connection; every later packet of it
//    skips mangle, filter and parent=global queues. RouterOS lets some packets of a
//    fast-tracked connection take the slow path; which ones is not documented, so none do
//    here (the hardest case for rules that must keep seeing a connection).
//  - connection-limit (reference §1.4): per rule, the connections this rule's matcher has
//    seen, keyed by the source address under the prefix; a match when the count exceeds N.
//  - limit and dst-limit (reference §1.5): token buckets, full at the start, a packet
//    (limit ...:bit: its bits) per match; dst-limit keeps one bucket per flow key and
//    forgets a flow idle for longer than its expire.
//  - content (reference §1.3): a case-sensitive substring of the IP packet's bytes,
//    headers included, within one packet.
//  - connection-bytes: bytes of both directions including this packet (netfilter
//    connbytes, counted in conntrack before the firewall), "to" 0 meaning no limit.
//  - connection-nat-state: NAT rules are not read; connections from clients out through
//    the WAN interface are taken as src-nated (the default masquerade), none as dst-nated.
//  - ipsec-policy: no IPsec traffic, so "...,none" always matches and "...,ipsec" never.
//  - PCQ (reference §2, approximate): each sub-stream (pcq-classifier) is a FIFO sent at
//    pcq-rate bit/s with pcq-limit bytes of buffer; a packet that does not fit is dropped,
//    one that fits is delayed until the ones before it are sent. Not modeled: the 1/4-rate
//    start of a new sub-stream, pcq-total-limit, bursts, the parent's max-limit sharing.
#include "simulate/engine.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "simulate/chain_index.hpp"

namespace rosgen::simulate {

std::string_view fate_name(Fate fate) {
  switch (fate) {
    case Fate::Passed:
      return "passed";
    case Fate::Dropped:
      return "dropped";
    case Fate::Rejected:
      return "rejected";
    case Fate::Tarpitted:
      return "tarpitted";
    case Fate::QueueDropped:
      return "dropped by a queue";
  }
  return "?";
}

namespace {

constexpr std::int64_t kSecond = 1000000;

std::uint32_t v4(const capture::Address& address) {
  return (std::uint32_t{address.bytes[0]} << 24) | (std::uint32_t{address.bytes[1]} << 16) |
         (std::uint32_t{address.bytes[2]} << 8) | std::uint32_t{address.bytes[3]};
}

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

enum class TcpPhase { Open, Closing };

struct Connection {
  bool alive = false;
  FlowKey key;
  std::uint32_t origin_address = 0;  // the originator's address and port
  std::uint16_t origin_port = 0;
  bool seen_reply = false;
  bool fasttracked = false;
  TcpPhase phase = TcpPhase::Open;
  int mark = 0;
  std::uint8_t nat = 0;
  std::uint64_t bytes = 0;
  std::int64_t expires_us = 0;
  std::int64_t scheduled_second = 0;
  // connection-limit rules that counted this connection, with the key it was counted under
  std::vector<std::pair<int, std::uint32_t>> limit_rules;
  std::int64_t record = -1;  // index into the connection records
  std::uint64_t packets = 0;
};

struct BucketState {
  double tokens = 0;
  std::int64_t last_us = 0;
  bool started = false;
};

// Takes one packet's cost from `state` refilled at `now`; false when it is not there.
bool take(const Bucket& bucket, BucketState& state, std::int64_t now, double cost) {
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

enum class Hook { Prerouting, Input, Forward, Postrouting };

// How a table's traversal ended for the packet.
enum class Exit { Continue, Accept, Drop, Reject, Tarpit };

}  // namespace

// A table with its chains' indexes and, per chain, a difference array of the rule visits
// the index skipped (position a..b-1 visited: +1 at a, -1 at b), summed into the rules'
// `evaluated` counts when they are read.
struct TableRun {
  const Table* table = nullptr;
  std::vector<ChainIndex> index;
  std::vector<std::vector<std::int64_t>> skipped;

  void build(const Rules& rules, const Table& t) {
    table = &t;
    for (const std::vector<int>& chain : t.chains) {
      index.push_back(build_chain_index(rules, chain));
      skipped.emplace_back(chain.size() + 1, 0);
    }
  }
};

struct Simulator::State {
  Rules rules;
  SimulateOptions options;
  mutable std::vector<RuleStats> rule_stats;     // `evaluated` completed by stats()
  std::vector<std::uint64_t> evaluated_direct_;  // visits that ran the rule's matchers
  mutable std::vector<std::int64_t> evaluated_base_;
  TableRun mangle_run, filter_run;
  // The built-in chains' ids.
  int mangle_prerouting = -1, mangle_input = -1, mangle_forward = -1, mangle_postrouting = -1,
      filter_input = -1, filter_forward = -1;
  std::vector<RuleState> rule_state;
  std::vector<QueueStats> queue_stats;
  std::vector<QueueState> queue_state;
  Totals totals;
  std::vector<ConnectionRecord> records;

  std::vector<Connection> connections;
  std::vector<std::int64_t> free_slots;
  std::unordered_map<FlowKey, std::int64_t, FlowHash> by_flow;
  std::unordered_set<FlowKey, FlowHash> stopped_flows;       // stop_flows_after_drop
  std::map<std::int64_t, std::vector<std::int64_t>> expiry;  // second -> slots
  std::int64_t now = 0;

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
    Connection* conn = nullptr;
    Cost cost;
    std::string stopped_by;
  } p;

  State(Rules r, SimulateOptions o) : rules(std::move(r)), options(std::move(o)) {
    rule_stats.resize(rules.rules.size());
    evaluated_direct_.resize(rules.rules.size());
    evaluated_base_.resize(rules.rules.size());
    mangle_run.build(rules, rules.mangle);
    filter_run.build(rules, rules.filter);
    mangle_prerouting = rules.mangle.chain("prerouting");
    mangle_input = rules.mangle.chain("input");
    mangle_forward = rules.mangle.chain("forward");
    mangle_postrouting = rules.mangle.chain("postrouting");
    filter_input = rules.filter.chain("input");
    filter_forward = rules.filter.chain("forward");
    rule_state.resize(rules.rules.size());
    queue_stats.resize(rules.queues.size());
    queue_state.resize(rules.queues.size());
    lan = rules.names.id("iface:" + options.lan_interface);
    wan = rules.names.id("iface:" + options.wan_interface);
    list_members[rules.names.id("ilist:LAN")] = {lan};
    list_members[rules.names.id("ilist:WAN")] = {wan};
    list_members[rules.names.id("ilist:all")] = {lan, wan};
    list_members[rules.names.id("ilist:none")] = {};
    for (const auto& [list, members] : options.interface_lists) {
      std::set<int>& ids = list_members[rules.names.id("ilist:" + list)];
      ids.clear();
      for (const std::string& member : members) ids.insert(rules.names.id("iface:" + member));
    }
    for (const ListEntry& entry : rules.list_entries) {
      auto& set = static_lists[entry.list];
      set.ranges.insert(set.ranges.end(), entry.addresses.ranges.begin(),
                        entry.addresses.ranges.end());
    }
    router_addresses = options.router_addresses;
    if (router_addresses.empty() && !options.clients.empty())
      router_addresses.push_back(options.clients.front().first + 1);
  }

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

  // ---- address lists ----

  static std::uint64_t list_key(int list, std::uint32_t address) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(list)) << 32) | address;
  }

  bool in_list(int list, std::uint32_t address) {
    auto it = static_lists.find(list);
    if (it != static_lists.end() && it->second.contains(address))
      return true;
    auto d = dynamic_lists.find(list_key(list, address));
    if (d == dynamic_lists.end())
      return false;
    if (d->second != 0 && d->second <= now) {
      dynamic_lists.erase(d);
      return false;
    }
    return true;
  }

  // Adds `address` to `list` for `timeout_us` (0: until reboot); an existing dynamic
  // entry gets the new timeout (inferred from the kernel's address-list code, reference
  // [GPL-XTMISC]: unverified for every version).
  void add_to_list(int list, std::uint32_t address, std::int64_t timeout_us) {
    dynamic_lists[list_key(list, address)] = timeout_us == 0 ? 0 : now + timeout_us;
  }

  // ---- connection tracking ----

  static std::int64_t timeout_of(const Connection& c) {
    if (c.key.protocol == capture::kTcp) {
      if (c.phase == TcpPhase::Closing)
        return 10 * kSecond;
      return c.seen_reply ? 86400 * kSecond : 5 * kSecond;
    }
    if (c.key.protocol == capture::kUdp)
      return c.seen_reply ? 180 * kSecond : 10 * kSecond;
    if (c.key.protocol == capture::kIcmp)
      return 10 * kSecond;
    return 600 * kSecond;
  }

  void schedule(std::int64_t slot) {
    Connection& c = connections[static_cast<std::size_t>(slot)];
    std::int64_t second = c.expires_us / kSecond;
    if (c.scheduled_second != 0 && c.scheduled_second <= second)
      return;  // an earlier bucket re-checks it then
    c.scheduled_second = second;
    expiry[second].push_back(slot);
  }

  void destroy(std::int64_t slot) {
    Connection& c = connections[static_cast<std::size_t>(slot)];
    for (auto [rule, key] : c.limit_rules) {
      auto& by_key = rule_state[static_cast<std::size_t>(rule)].connections_by_key;
      auto it = by_key.find(key);
      if (it != by_key.end() && it->second.erase(slot) > 0 && it->second.empty())
        by_key.erase(it);
    }
    by_flow.erase(c.key);
    c = Connection{};
    free_slots.push_back(slot);
  }

  void expire(std::int64_t until_us) {
    while (!expiry.empty() && expiry.begin()->first * kSecond < until_us - kSecond) {
      auto node = expiry.extract(expiry.begin());
      for (std::int64_t slot : node.mapped()) {
        Connection& c = connections[static_cast<std::size_t>(slot)];
        if (!c.alive || c.scheduled_second != node.key())
          continue;
        c.scheduled_second = 0;
        if (c.expires_us <= until_us)
          destroy(slot);
        else
          schedule(slot);
      }
    }
  }

  std::int64_t new_connection(const FlowKey& key, const capture::Packet& packet,
                              const std::string* label) {
    std::int64_t slot;
    if (!free_slots.empty()) {
      slot = free_slots.back();
      free_slots.pop_back();
    } else {
      slot = static_cast<std::int64_t>(connections.size());
      connections.emplace_back();
    }
    Connection& c = connections[static_cast<std::size_t>(slot)];
    c.alive = true;
    c.key = key;
    c.origin_address = p.src;
    c.origin_port = packet.src_port;
    by_flow[key] = slot;
    ++totals.connections;
    if (options.keep_connections) {
      ConnectionRecord record;
      bool from_client = is_client(p.src) || !is_client(p.dst);
      record.client = from_client ? packet.src : packet.dst;
      record.server = from_client ? packet.dst : packet.src;
      record.client_port = from_client ? packet.src_port : packet.dst_port;
      record.server_port = from_client ? packet.dst_port : packet.src_port;
      record.protocol = packet.protocol;
      record.first_us = packet.time_us;
      if (label != nullptr)
        record.label = *label;
      c.record = static_cast<std::int64_t>(records.size());
      records.push_back(std::move(record));
    }
    return slot;
  }

  // Finds or creates the packet's connection and sets p.state. Returns the slot, or -1
  // for an invalid packet (an RST, FIN or SYN-ACK without a connection).
  FlowKey flow_key(const capture::Packet& packet) const {
    FlowKey key;
    key.protocol = packet.protocol;
    bool ports = packet.protocol == capture::kTcp || packet.protocol == capture::kUdp;
    std::uint16_t sport = ports ? packet.src_port : 0, dport = ports ? packet.dst_port : 0;
    if (std::pair{p.src, sport} <= std::pair{p.dst, dport}) {
      key.low_address = p.src, key.low_port = sport, key.high_address = p.dst,
      key.high_port = dport;
    } else {
      key.low_address = p.dst, key.low_port = dport, key.high_address = p.src,
      key.high_port = sport;
    }
    return key;
  }

  // The connection an ICMP error is about (destination unreachable, source quench,
  // redirect, time exceeded, parameter problem: RFC 792), from the IP header and first
  // transport bytes it quotes; netfilter calls such a packet related to it. -1 if none.
  std::int64_t related_connection(const capture::Packet& packet) const {
    if (packet.protocol != capture::kIcmp || packet.payload_offset < 8)
      return -1;
    std::string_view data(packet.data);
    std::size_t icmp = packet.payload_offset - 8;
    auto type = static_cast<unsigned char>(data[icmp]);
    if (type != 3 && type != 4 && type != 5 && type != 11 && type != 12)
      return -1;
    std::string_view quoted = data.substr(packet.payload_offset);
    if (quoted.size() < 28 || (static_cast<unsigned char>(quoted[0]) >> 4) != 4)
      return -1;
    auto byte = [&](std::size_t i) {
      return static_cast<std::uint32_t>(static_cast<unsigned char>(quoted[i]));
    };
    std::size_t header = (byte(0) & 15) * 4;
    if (header < 20 || quoted.size() < header + 4)
      return -1;
    std::uint8_t protocol = static_cast<std::uint8_t>(byte(9));
    std::uint32_t src = (byte(12) << 24) | (byte(13) << 16) | (byte(14) << 8) | byte(15);
    std::uint32_t dst = (byte(16) << 24) | (byte(17) << 16) | (byte(18) << 8) | byte(19);
    bool ports = protocol == capture::kTcp || protocol == capture::kUdp;
    auto sport = static_cast<std::uint16_t>(ports ? (byte(header) << 8) | byte(header + 1) : 0);
    auto dport = static_cast<std::uint16_t>(ports ? (byte(header + 2) << 8) | byte(header + 3) : 0);
    FlowKey key;
    key.protocol = protocol;
    if (std::pair{src, sport} <= std::pair{dst, dport}) {
      key.low_address = src, key.low_port = sport, key.high_address = dst, key.high_port = dport;
    } else {
      key.low_address = dst, key.low_port = dport, key.high_address = src, key.high_port = sport;
    }
    auto it = by_flow.find(key);
    return it == by_flow.end() ? -1 : it->second;
  }

  std::int64_t track(const capture::Packet& packet, const std::string* label, bool& created) {
    created = false;
    if (std::int64_t related = related_connection(packet); related >= 0) {
      p.state = kStateRelated;
      return related;
    }
    FlowKey key = flow_key(packet);
    bool ports = packet.protocol == capture::kTcp || packet.protocol == capture::kUdp;
    std::uint16_t sport = ports ? packet.src_port : 0;
    bool syn = packet.protocol == capture::kTcp && (packet.tcp_flags & capture::kSyn) &&
               !(packet.tcp_flags & capture::kAck);
    auto it = by_flow.find(key);
    if (it != by_flow.end()) {
      Connection& c = connections[static_cast<std::size_t>(it->second)];
      bool expired = c.expires_us <= now;
      bool reused = syn && c.phase == TcpPhase::Closing;  // a new connection on old ports
      if (expired || reused) {
        destroy(it->second);
        it = by_flow.end();
      }
    }
    if (it == by_flow.end()) {
      // Without an entry, netfilter's TCP tracker calls an RST, a FIN or a SYN-ACK
      // invalid; a SYN, or any other segment (loose pickup), starts a connection.
      std::uint8_t flags = packet.tcp_flags;
      bool synack = (flags & capture::kSyn) && (flags & capture::kAck);
      if (packet.protocol == capture::kTcp &&
          ((flags & (capture::kRst | capture::kFin)) || synack)) {
        p.state = kStateInvalid;
        return -1;
      }
      created = true;
      std::int64_t slot = new_connection(key, packet, label);
      p.state = kStateNew;
      return slot;
    }
    Connection& c = connections[static_cast<std::size_t>(it->second)];
    bool from_origin = p.src == c.origin_address && sport == (ports ? c.origin_port : 0);
    if (!from_origin)
      c.seen_reply = true;
    p.state = c.seen_reply ? kStateEstablished : kStateNew;
    return it->second;
  }

  // ---- matchers, in RouterOS's fixed order (reference §1.2) ----

  bool interface_in_list(int list, int interface) {
    auto it = list_members.find(list);
    return it != list_members.end() && it->second.count(interface) > 0;
  }

  bool matches(int index) {
    const Rule& r = rules.rules[static_cast<std::size_t>(index)];
    RuleStats& stats = rule_stats[static_cast<std::size_t>(index)];
    const capture::Packet& packet = *p.raw;
    ++evaluated_direct_[static_cast<std::size_t>(index)];
    ++p.cost.rules_visited;
    auto check = [](bool value, bool negate) { return value != negate; };
    if (r.protocol && !check(packet.protocol == *r.protocol, r.neg_protocol))
      return false;
    if (r.src_address && !check(r.src_address->contains(p.src), r.neg_src_address))
      return false;
    if (r.dst_address && !check(r.dst_address->contains(p.dst), r.neg_dst_address))
      return false;
    if (r.in_interface && !check(p.in == r.in_interface, r.neg_in_interface))
      return false;
    if (r.out_interface && !check(p.out == r.out_interface, r.neg_out_interface))
      return false;
    if (r.in_list && !check(interface_in_list(r.in_list, p.in), r.neg_in_list))
      return false;
    if (r.out_list && !check(interface_in_list(r.out_list, p.out), r.neg_out_list))
      return false;
    if (r.src_list && !check(in_list(r.src_list, p.src), r.neg_src_list))
      return false;
    if (r.dst_list && !check(in_list(r.dst_list, p.dst), r.neg_dst_list))
      return false;
    if (r.packet_size && !check(packet.ip_length >= r.packet_size->first &&
                                    packet.ip_length <= r.packet_size->second,
                                r.neg_packet_size))
      return false;
    bool has_ports = packet.protocol == capture::kTcp || packet.protocol == capture::kUdp;
    if (r.dst_port && !(has_ports && check(r.dst_port->contains(packet.dst_port), r.neg_dst_port)))
      return false;
    if (r.src_port && !(has_ports && check(r.src_port->contains(packet.src_port), r.neg_src_port)))
      return false;
    if (r.any_port && !(has_ports && check(r.any_port->contains(packet.src_port) ||
                                               r.any_port->contains(packet.dst_port),
                                           r.neg_any_port)))
      return false;
    if (r.has_tcp_flags &&
        !(packet.protocol == capture::kTcp && (packet.tcp_flags & r.tcp_set) == r.tcp_set &&
          (packet.tcp_flags & r.tcp_clear) == 0))
      return false;
    if (r.packet_mark && !check(p.mark == *r.packet_mark, r.neg_packet_mark))
      return false;
    int conn_mark = p.conn != nullptr ? p.conn->mark : 0;
    if (r.connection_mark && !check(conn_mark == *r.connection_mark, r.neg_connection_mark))
      return false;
    if (r.connection_state && !check((p.state & r.connection_state) != 0, r.neg_connection_state))
      return false;
    if (r.nat_state) {
      std::uint8_t nat = p.conn != nullptr ? p.conn->nat : 0;
      if (!check((nat & r.nat_state) != 0, r.neg_nat_state))
        return false;
    }
    if (r.connection_bytes) {
      if (p.conn == nullptr)
        return false;
      std::uint64_t bytes = p.conn->bytes;
      bool in = bytes >= r.connection_bytes->first &&
                (r.connection_bytes->second == 0 || bytes <= r.connection_bytes->second);
      if (!check(in, r.neg_connection_bytes))
        return false;
    }
    if (r.connection_limit) {
      if (p.conn == nullptr)
        return false;  // untracked or invalid: never counted (reference §1.4)
      auto [count, prefix] = *r.connection_limit;
      std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
      std::int64_t slot = p.conn - connections.data();
      auto& seen = rule_state[static_cast<std::size_t>(index)].connections_by_key[p.src & mask];
      if (seen.insert(slot).second)
        p.conn->limit_rules.emplace_back(index, p.src & mask);
      if (!check(seen.size() > count, r.neg_connection_limit))
        return false;
    }
    if (r.ipsec_matches && !*r.ipsec_matches)
      return false;
    if (!r.unmodeled.empty()) {
      ++stats.unmodeled;
      return false;
    }
    if (r.content) {
      ++p.cost.content_tests;
      ++stats.content_tests;
      std::string_view data(packet.data);
      std::size_t at = data.find(*r.content);
      p.cost.content_bytes += at == std::string_view::npos ? data.size() : at + r.content->size();
      if (!check(at != std::string_view::npos, r.neg_content))
        return false;
    }
    if (r.limit) {
      double cost = r.limit->bits ? packet.ip_length * 8.0 : 1.0;
      if (!take(*r.limit, rule_state[static_cast<std::size_t>(index)].limit, now, cost))
        return false;
    }
    if (r.dst_limit) {
      DstLimitKeyValue key;
      switch (r.dst_limit->key) {
        case DstLimitKey::SrcAddress:
          key.a = p.src;
          break;
        case DstLimitKey::DstAddress:
          key.a = p.dst;
          break;
        case DstLimitKey::SrcAndDstAddresses:
          key.a = p.src, key.b = p.dst;
          break;
        case DstLimitKey::DstAddressAndPort:
          key.a = p.dst, key.b = packet.dst_port;
          break;
        case DstLimitKey::AddressesAndDstPort:
          key.a = (std::uint64_t{p.src} << 32) | p.dst, key.b = packet.dst_port;
          break;
      }
      BucketState& bucket = rule_state[static_cast<std::size_t>(index)].dst_limit[key];
      if (bucket.started && r.dst_limit->expire_us > 0 &&
          now - bucket.last_us > r.dst_limit->expire_us)
        bucket = BucketState{};
      double cost = r.dst_limit->bucket.bits ? packet.ip_length * 8.0 : 1.0;
      bool under = take(r.dst_limit->bucket, bucket, now, cost);
      bucket.last_us = now;
      if (!under)
        return false;
    }
    ++stats.matched;
    return true;
  }

  // ---- chains ----

  void set_connection_mark(int mark) {
    if (p.conn == nullptr)
      return;
    p.conn->mark = mark;
    if (p.conn->record >= 0 && mark != 0) {
      auto& marks = records[static_cast<std::size_t>(p.conn->record)].marks;
      const std::string& name = rules.names.name(mark);
      std::string shown = name.substr(5);  // "mark:"
      if (std::find(marks.begin(), marks.end(), shown) == marks.end())
        marks.push_back(shown);
    }
  }

  // Counts rules [from, to) of `chain` as visited and failed without running them: the
  // index knows their protocol or dst-port does not match (chain_index.hpp).
  void skip(TableRun& run, int chain, std::size_t from, std::size_t to) {
    if (from >= to)
      return;
    p.cost.rules_visited += static_cast<std::uint32_t>(to - from);
    auto& diff = run.skipped[static_cast<std::size_t>(chain)];
    ++diff[from];
    --diff[to];
  }

  // Runs `chain` of `run`'s table; Continue when the packet reached its end (or a return).
  Exit run_chain(TableRun& run, int chain, int depth) {
    if (chain < 0 || depth > 32)  // RouterOS refuses loops; a bound keeps the model finite
      return Exit::Continue;
    const std::vector<int>& rules_of_chain = run.table->chains[static_cast<std::size_t>(chain)];
    const std::vector<std::uint32_t>* candidates =
        run.index[static_cast<std::size_t>(chain)].candidates(p.raw->protocol, p.raw->dst_port);
    std::size_t count = candidates != nullptr ? candidates->size() : rules_of_chain.size();
    std::size_t next = 0;  // the first position not yet accounted for
    for (std::size_t k = 0; k < count; ++k) {
      std::size_t position = candidates != nullptr ? (*candidates)[k] : k;
      skip(run, chain, next, position);
      next = position + 1;
      int index = rules_of_chain[position];
      if (!matches(index))
        continue;
      const Rule& r = rules.rules[static_cast<std::size_t>(index)];
      switch (r.action) {
        case Action::Accept:
          return Exit::Accept;
        case Action::Drop:
          p.stopped_by = r.label;
          return Exit::Drop;
        case Action::Reject:
          p.stopped_by = r.label;
          return Exit::Reject;
        case Action::Tarpit:
          p.stopped_by = r.label;
          return Exit::Tarpit;
        case Action::Return:
          return Exit::Continue;
        case Action::Jump: {
          Exit exit = run_chain(run, r.jump_target, depth + 1);
          if (exit != Exit::Continue)
            return exit;
          break;
        }
        case Action::FasttrackConnection:
          if (p.conn != nullptr && (p.state & (kStateEstablished | kStateRelated)))
            p.conn->fasttracked = true;
          break;
        case Action::AddSrcToAddressList:
          add_to_list(r.address_list, p.src, r.address_list_timeout_us);
          break;
        case Action::AddDstToAddressList:
          add_to_list(r.address_list, p.dst, r.address_list_timeout_us);
          break;
        case Action::MarkConnection:
          set_connection_mark(r.new_mark);
          if (!r.passthrough)
            return Exit::Accept;
          break;
        case Action::MarkPacket:
          p.mark = r.new_mark;
          if (!r.passthrough)
            return Exit::Accept;
          break;
        case Action::Passthrough:
        case Action::Log:
        case Action::Other:
          break;
      }
    }
    skip(run, chain, next, rules_of_chain.size());
    return Exit::Continue;
  }

  // The rules' stats with the visits the indexes skipped added to `evaluated`.
  const std::vector<RuleStats>& stats() const {
    std::vector<RuleStats>& out = rule_stats;
    for (const TableRun* run : {&mangle_run, &filter_run}) {
      for (std::size_t c = 0; c < run->table->chains.size(); ++c) {
        const auto& diff = run->skipped[c];
        const auto& chain = run->table->chains[c];
        std::int64_t running = 0;
        for (std::size_t position = 0; position < chain.size(); ++position) {
          running += diff[position];
          evaluated_base_[static_cast<std::size_t>(chain[position])] = running;
        }
      }
    }
    for (std::size_t i = 0; i < out.size(); ++i)
      out[i].evaluated = evaluated_direct_[i] + static_cast<std::uint64_t>(evaluated_base_[i]);
    return out;
  }

  Exit run_hook(TableRun& run, int chain) {
    Exit exit = run_chain(run, chain, 0);
    return exit == Exit::Accept ? Exit::Continue : exit;  // accept ends this chain only
  }

  // ---- queues ----

  // Queues the packet in every queue tree that takes it at this point; returns false when
  // one drops it (the buffer of its sub-stream is full).
  bool queue(bool global_point, int egress) {
    const capture::Packet& packet = *p.raw;
    for (std::size_t i = 0; i < rules.queues.size(); ++i) {
      const Queue& q = rules.queues[i];
      if (q.packet_mark == 0 || q.packet_mark != p.mark)
        continue;
      if (q.global ? !global_point : q.parent_interface != egress)
        continue;
      QueueStats& stats = queue_stats[i];
      ++stats.packets;
      if (q.rate_bps <= 0)
        continue;
      DstLimitKeyValue key;
      if (q.pcq) {
        key.a = (q.classify_src ? std::uint64_t{p.src} << 32 : 0) | (q.classify_dst ? p.dst : 0);
        key.b = (q.classify_src_port ? std::uint64_t{packet.src_port} << 16 : 0) |
                (q.classify_dst_port ? packet.dst_port : 0);
      }
      SubStream& stream = queue_state[i].streams[key];
      std::int64_t start = std::max(stream.busy_until_us, now);
      double backlog_bytes = static_cast<double>(start - now) * q.rate_bps / 8.0 / kSecond;
      if (q.limit_bytes > 0 &&
          backlog_bytes + packet.ip_length > static_cast<double>(q.limit_bytes)) {
        ++stats.dropped;
        p.stopped_by = "queue " + q.label;
        return false;
      }
      auto service = static_cast<std::int64_t>(packet.ip_length * 8.0 * kSecond / q.rate_bps);
      stream.busy_until_us = start + service;
      std::int64_t delay = stream.busy_until_us - now;
      stats.max_delay_us = std::max(stats.max_delay_us, delay);
      stats.total_delay_us += static_cast<double>(delay);
      if (p.conn != nullptr && p.conn->record >= 0) {
        auto& record = records[static_cast<std::size_t>(p.conn->record)];
        record.max_queue_delay_us = std::max(record.max_queue_delay_us, delay);
      }
    }
    return true;
  }

  // ---- one packet ----

  Fate run(const capture::Packet& packet, const std::string* label) {
    now = std::max(now, packet.time_us);
    expire(now);
    p = Packet{};
    p.raw = &packet;
    p.src = v4(packet.src);
    p.dst = v4(packet.dst);
    bool from_client = is_client(p.src);
    bool to_client = is_client(p.dst);
    bool input = from_client && is_router(p.dst);
    if (p.dst >= 0xE0000000u || p.dst == 0xFFFFFFFFu) {
      ++totals.not_routed["multicast or broadcast (not forwarded)"];
      return Fate::Passed;
    }
    if (is_router(p.src)) {
      ++totals.not_routed["sent by the router (the output chain is not simulated)"];
      return Fate::Passed;
    }
    if (from_client && to_client && !input) {
      ++totals.not_routed["both addresses are clients (bridged, not routed)"];
      return Fate::Passed;
    }
    if (!from_client && !to_client) {
      ++totals.not_routed["neither address is a client (see --clients)"];
      return Fate::Passed;
    }
    if (options.stop_flows_after_drop && stopped_flows.count(flow_key(packet)) > 0) {
      ++totals.not_sent;
      return Fate::Dropped;
    }
    ++totals.packets;
    p.in = from_client ? lan : wan;
    p.out = input ? 0 : (from_client ? wan : lan);
    (input ? totals.input : totals.forward) += 1;

    bool created = false;
    std::int64_t slot = track(packet, label, created);
    if (slot >= 0) {
      p.conn = &connections[static_cast<std::size_t>(slot)];
      Connection& c = *p.conn;
      c.bytes += packet.ip_length;
      ++c.packets;
      if (created && from_client && !input)
        c.nat = kNatSrcnat;  // the default masquerade (see the header comment)
      if (packet.protocol == capture::kTcp && (packet.tcp_flags & (capture::kFin | capture::kRst)))
        c.phase = TcpPhase::Closing;
    }
    ConnectionRecord* record = p.conn != nullptr && p.conn->record >= 0
                                   ? &records[static_cast<std::size_t>(p.conn->record)]
                                   : nullptr;
    if (record != nullptr) {
      ++record->packets;
      record->last_us = packet.time_us;
    }

    Fate fate = Fate::Passed;
    bool fast = p.conn != nullptr && p.conn->fasttracked && (p.state & kStateEstablished);
    if (fast) {
      ++totals.fasttracked;
      if (record != nullptr)
        ++record->packets_fasttracked;
      // Interface queues still see fast-tracked packets; parent=global ones do not.
      if (!input && !queue(false, p.out))
        fate = Fate::QueueDropped;
    } else {
      fate = slow_path(input);
    }
    finish_packet(fate, slot, created, record);
    return fate;
  }

  Fate slow_path(bool input) {
    auto fate_of = [](Exit exit) {
      switch (exit) {
        case Exit::Drop:
          return Fate::Dropped;
        case Exit::Reject:
          return Fate::Rejected;
        case Exit::Tarpit:
          return Fate::Tarpitted;
        default:
          return Fate::Passed;
      }
    };
    Exit exit = run_hook(mangle_run, mangle_prerouting);
    if (exit != Exit::Continue)
      return fate_of(exit);
    if (input) {
      exit = run_hook(mangle_run, mangle_input);
      if (exit == Exit::Continue)
        exit = run_hook(filter_run, filter_input);
      if (exit != Exit::Continue)
        return fate_of(exit);
      return queue(true, 0) ? Fate::Passed : Fate::QueueDropped;
    }
    exit = run_hook(mangle_run, mangle_forward);
    if (exit == Exit::Continue)
      exit = run_hook(filter_run, filter_forward);
    if (exit == Exit::Continue)
      exit = run_hook(mangle_run, mangle_postrouting);
    if (exit != Exit::Continue)
      return fate_of(exit);
    return queue(true, p.out) ? Fate::Passed : Fate::QueueDropped;
  }

  void finish_packet(Fate fate, std::int64_t slot, bool created, ConnectionRecord* record) {
    ++totals.fates[fate];
    if (fate != Fate::Passed && options.stop_flows_after_drop)
      stopped_flows.insert(flow_key(*p.raw));
    Cost& sum = totals.cost;
    sum.rules_visited += p.cost.rules_visited;
    sum.content_tests += p.cost.content_tests;
    sum.content_bytes += p.cost.content_bytes;
    totals.max_rules_visited = std::max(totals.max_rules_visited, p.cost.rules_visited);
    totals.max_content_tests = std::max(totals.max_content_tests, p.cost.content_tests);
    if (record != nullptr) {
      if (p.conn->fasttracked)
        record->fasttracked = true;
      if (fate != Fate::Passed) {
        ++record->packets_stopped;
        if (!record->fate) {
          record->fate = fate;
          record->stopped_by = p.stopped_by;
          record->stopped_at_packet = record->packets;
          ++totals.connections_stopped;
        }
      }
    }
    if (slot < 0)
      return;
    Connection& c = connections[static_cast<std::size_t>(slot)];
    if (fate != Fate::Passed && created) {
      destroy(slot);  // an unconfirmed entry dies with its first packet
      return;
    }
    c.expires_us = now + timeout_of(c);
    schedule(slot);
  }
};

Simulator::Simulator(Rules rules, SimulateOptions options)
    : state_(std::make_unique<State>(std::move(rules), std::move(options))) {}

Simulator::~Simulator() = default;

Fate Simulator::process(const capture::Packet& packet, const std::string* label) {
  if (packet.src.v6) {
    ++state_->totals.ipv6;
    return Fate::Passed;
  }
  return state_->run(packet, label);
}

const Rules& Simulator::rules() const {
  return state_->rules;
}

const std::vector<RuleStats>& Simulator::rule_stats() const {
  return state_->stats();
}

const std::vector<QueueStats>& Simulator::queue_stats() const {
  return state_->queue_stats;
}

const Totals& Simulator::totals() const {
  return state_->totals;
}

const std::vector<ConnectionRecord>& Simulator::connections() const {
  return state_->records;
}

std::size_t Simulator::live_connections() const {
  return state_->by_flow.size();
}

}  // namespace rosgen::simulate
