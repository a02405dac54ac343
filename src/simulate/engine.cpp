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

#include "simulate/engine_parts.hpp"

namespace rosgen::simulate {

using detail::Connection;
using detail::Exit;
using detail::TcpPhase;

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

std::uint32_t v4(const capture::Address& address) {
  return (std::uint32_t{address.bytes[0]} << 24) | (std::uint32_t{address.bytes[1]} << 16) |
         (std::uint32_t{address.bytes[2]} << 8) | std::uint32_t{address.bytes[3]};
}

}  // namespace

Simulator::State::State(Rules r, SimulateOptions o) : rules(std::move(r)), options(std::move(o)) {
  rule_stats.resize(rules.rules.size());
  evaluated_direct_.resize(rules.rules.size());
  evaluated_base_.resize(rules.rules.size());
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
  build_indexes();
}

// ---- one packet ----

Fate Simulator::State::run(const capture::Packet& packet, const std::string* label) {
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

Fate Simulator::State::slow_path(bool input) {
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

void Simulator::State::finish_packet(Fate fate, std::int64_t slot, bool created,
                                     ConnectionRecord* record) {
  ++totals.fates[fate];
  // A queue drop is packet loss TCP recovers from, not a verdict: the flow goes on.
  bool verdict = fate != Fate::Passed && fate != Fate::QueueDropped;
  if (verdict && options.stop_flows_after_drop)
    stopped_flows.insert(flow_key(*p.raw));
  Cost& sum = totals.cost;
  sum.rules_visited += p.cost.rules_visited;
  sum.content_tests += p.cost.content_tests;
  sum.content_bytes += p.cost.content_bytes;
  totals.max_rules_visited = std::max(totals.max_rules_visited, p.cost.rules_visited);
  totals.max_content_tests = std::max(totals.max_content_tests, p.cost.content_tests);
  totals.max_content_bytes = std::max(totals.max_content_bytes, p.cost.content_bytes);
  if (record != nullptr) {
    if (p.conn->fasttracked)
      record->fasttracked = true;
    if (fate == Fate::QueueDropped)
      ++record->packets_queue_dropped;
    if (verdict) {
      ++record->packets_stopped;
      if (!record->fate) {
        record->fate = fate;
        record->stopped_by = p.stopped_by != nullptr ? *p.stopped_by : std::string();
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
