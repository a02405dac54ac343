// The simulated packet path (see engine.hpp). What is modeled, and from where:
//  - Path (help.mikrotik.com "Packet Flow in RouterOS"): raw prerouting, connection
//    tracking, mangle prerouting, NAT dstnat, the routing decision (to one of the router's
//    addresses: input; else forward), then mangle input and filter input, or mangle
//    forward, filter forward, mangle postrouting and NAT srcnat. A packet the router sends
//    (from one of its addresses) takes the output path: raw output, connection tracking,
//    mangle output, filter output, mangle postrouting, NAT srcnat. Queue trees with
//    parent=global after mangle input and after mangle postrouting (the Queues page: HTB
//    attaches "at input and postrouting"), interface queues on egress.
//  - Raw (reference §1.2): before connection tracking; action=notrack leaves the packet
//    untracked (connection-state=untracked, no connection entry) and, like netfilter's CT
//    --notrack target, does not end the chain (RouterOS: unverified).
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
//  - NAT (/ip firewall nat): its chains run for the first packet of a connection only, as
//    netfilter's NAT does: dstnat after mangle prerouting, srcnat after mangle postrouting.
//    A masquerade, src-nat or same rule makes the connection src-nated, a dst-nat or
//    redirect rule dst-nated (netmap: by the hook), which is what connection-nat-state
//    matches. Addresses and ports are not rewritten: a redirect to the router still takes
//    the forward path in the model. Without NAT rules no connection is NATed.
//  - layer7-protocol (reference §1.6): l7-filter's model, in layer7.hpp.
//  - ipsec-policy: no IPsec traffic, so "...,none" always matches and "...,ipsec" never.
//  - PCQ (reference §2, approximate): each sub-stream (pcq-classifier) is a FIFO sent at
//    pcq-rate bit/s with pcq-limit bytes of buffer; a packet that does not fit is dropped,
//    one that fits is delayed until the ones before it are sent. Not modeled: the 1/4-rate
//    start of a new sub-stream, pcq-total-limit, bursts, the parent's max-limit sharing.
#include "simulate/engine.hpp"

#include <algorithm>
#include <tuple>

#include "simulate/engine_parts.hpp"

namespace rosgen::simulate {

using detail::Connection;
using detail::Exit;
using detail::Path;
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
  raw_prerouting = rules.raw.chain("prerouting");
  raw_output = rules.raw.chain("output");
  mangle_prerouting = rules.mangle.chain("prerouting");
  mangle_input = rules.mangle.chain("input");
  mangle_forward = rules.mangle.chain("forward");
  mangle_output = rules.mangle.chain("output");
  mangle_postrouting = rules.mangle.chain("postrouting");
  filter_input = rules.filter.chain("input");
  filter_forward = rules.filter.chain("forward");
  filter_output = rules.filter.chain("output");
  nat_dstnat = rules.nat.chain("dstnat");
  nat_srcnat = rules.nat.chain("srcnat");
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
  bool from_router = is_router(p.src);
  bool input = is_router(p.dst);  // from a client or from the uplink
  if (from_router || input)
    from_client = from_client && !from_router, to_client = to_client && !input;
  if (p.dst >= 0xE0000000u || p.dst == 0xFFFFFFFFu) {
    ++totals.not_routed["multicast or broadcast (not forwarded)"];
    return Fate::Passed;
  }
  if (from_router && is_router(p.dst)) {
    ++totals.not_routed["from the router to itself"];
    return Fate::Passed;
  }
  if (from_router || input) {
    // the router's LAN address lies in the client prefix: it is not a client host
  } else if (from_client && to_client) {
    ++totals.not_routed["both addresses are clients (bridged, not routed)"];
    return Fate::Passed;
  } else if (!from_client && !to_client) {
    ++totals.not_routed["neither address is a client (see --clients)"];
    return Fate::Passed;
  }
  if (options.stop_flows_after_drop && stopped_flows.count(flow_key(packet)) > 0) {
    ++totals.not_sent;
    return Fate::Dropped;
  }
  ++totals.packets;
  Path path = from_router ? Path::Output : input ? Path::Input : Path::Forward;
  p.in = from_router ? 0 : from_client ? lan : wan;
  p.out = input ? 0 : (to_client ? lan : wan);
  (path == Path::Output ? totals.output : input ? totals.input : totals.forward) += 1;

  // Raw, before connection tracking; a fast-tracked connection's packets skip it too.
  int raw_chain = path == Path::Output ? raw_output : raw_prerouting;
  if (!rules.raw.chains[static_cast<std::size_t>(raw_chain)].empty() && !fast_tracked(packet)) {
    Exit exit = run_hook(raw_run, raw_chain);
    if (exit != Exit::Continue) {
      Fate fate = exit == Exit::Drop ? Fate::Dropped : Fate::Passed;
      finish_packet(fate, -1, false,
                    untracked_record(packet, label, "stopped in raw, before connection tracking"));
      return fate;
    }
  }

  bool created = false;
  std::int64_t slot = -1;
  if (p.untracked)
    p.state = kStateUntracked;
  else
    slot = track(packet, label, created);
  p.created = created;
  if (slot >= 0) {
    p.conn = &connections[static_cast<std::size_t>(slot)];
    Connection& c = *p.conn;
    c.bytes += packet.ip_length;
    ++c.packets;
    follow_teardown(c, packet, slot);
  }
  ConnectionRecord* record =
      p.conn != nullptr
          ? (p.conn->record >= 0 ? &records[static_cast<std::size_t>(p.conn->record)] : nullptr)
          : untracked_record(
                packet, label,
                p.untracked ? "untracked (raw notrack)" : "invalid (no connection entry)");
  if (record != nullptr && p.conn != nullptr) {
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
    fate = slow_path(path);
  }
  finish_packet(fate, slot, created, record);
  return fate;
}

// True when the packet belongs to a live fast-tracked connection that has seen a reply
// (what run() sends down FastTrack's path), looked up without changing anything.
bool Simulator::State::fast_tracked(const capture::Packet& packet) const {
  std::int64_t slot = by_flow.find(flow_key(packet));
  if (slot < 0)
    return false;
  const Connection& c = connections[static_cast<std::size_t>(slot)];
  return c.fasttracked && c.seen_reply && c.expires_us > now;
}

// NAT's `chain` for a connection's first packet; `bit`: the hook's kind (for netmap).
void Simulator::State::nat(int chain, std::uint8_t bit) {
  if (!p.created || rules.nat.chains[static_cast<std::size_t>(chain)].empty())
    return;
  p.nat_hook = bit;
  run_hook(nat_run, chain);
  p.nat_hook = 0;
}

Fate Simulator::State::slow_path(Path path) {
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
  Exit exit = Exit::Continue;
  if (path != Path::Output) {
    exit = run_hook(mangle_run, mangle_prerouting);
    if (exit != Exit::Continue)
      return fate_of(exit);
    nat(nat_dstnat, kNatDstnat);
  }
  if (path == Path::Input) {
    exit = run_hook(mangle_run, mangle_input);
    if (exit == Exit::Continue)
      exit = run_hook(filter_run, filter_input);
    if (exit != Exit::Continue)
      return fate_of(exit);
    return queue(true, 0) ? Fate::Passed : Fate::QueueDropped;
  }
  bool output = path == Path::Output;
  exit = run_hook(mangle_run, output ? mangle_output : mangle_forward);
  if (exit == Exit::Continue)
    exit = run_hook(filter_run, output ? filter_output : filter_forward);
  if (exit == Exit::Continue)
    exit = run_hook(mangle_run, mangle_postrouting);
  if (exit != Exit::Continue)
    return fate_of(exit);
  nat(nat_srcnat, kNatSrcnat);
  return queue(true, p.out) ? Fate::Passed : Fate::QueueDropped;
}

// The record of the flow of `packet`, which has no connection entry (`why`), counting the
// packet; nullptr without keep_connections. One record per flow and reason.
ConnectionRecord* Simulator::State::untracked_record(const capture::Packet& packet,
                                                     const std::string* label, const char* why) {
  if (!options.keep_connections)
    return nullptr;
  detail::FlowKey key = flow_key(packet);
  auto [it, inserted] = untracked_records.try_emplace(key, records.size());
  if (!inserted && records[it->second].tracking != why) {
    it->second = records.size();  // the same flow for another reason: a record of its own
    inserted = true;
  }
  if (inserted) {
    ConnectionRecord record = record_of(packet, is_client(p.src) && !is_router(p.src), label);
    record.tracking = why;
    records.push_back(std::move(record));
    ++totals.untracked_flows;
  }
  ConnectionRecord& record = records[it->second];
  ++record.packets;
  record.last_us = packet.time_us;
  return &record;
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
  sum.layer7_tests += p.cost.layer7_tests;
  sum.layer7_bytes += p.cost.layer7_bytes;
  totals.max_layer7_tests = std::max(totals.max_layer7_tests, p.cost.layer7_tests);
  totals.max_rules_visited = std::max(totals.max_rules_visited, p.cost.rules_visited);
  totals.max_content_tests = std::max(totals.max_content_tests, p.cost.content_tests);
  totals.max_content_bytes = std::max(totals.max_content_bytes, p.cost.content_bytes);
  if (record != nullptr) {
    if (p.conn != nullptr && p.conn->fasttracked)
      record->fasttracked = true;
    if (fate == Fate::QueueDropped)
      ++record->packets_queue_dropped;
    if (verdict) {
      ++record->packets_stopped;
      if (!record->fate) {
        record->fate = fate;
        record->stopped_by = p.stopped_by != nullptr ? *p.stopped_by : std::string();
        record->stopped_at_packet = record->packets;
        ++(record->tracking.empty() ? totals.connections_stopped : totals.untracked_flows_stopped);
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

std::vector<Simulator::ListEntryState> Simulator::address_list_entries() const {
  std::vector<ListEntryState> out;
  for (const auto& [key, expires] : state_->dynamic_lists) {
    if (expires != 0 && expires <= state_->now)
      continue;
    ListEntryState entry;
    entry.list = state_->rules.names.name(static_cast<int>(key >> 32)).substr(5);  // "list:"
    auto address = static_cast<std::uint32_t>(key);
    entry.address.bytes = {
        static_cast<std::uint8_t>(address >> 24), static_cast<std::uint8_t>(address >> 16),
        static_cast<std::uint8_t>(address >> 8), static_cast<std::uint8_t>(address)};
    if (expires != 0)
      entry.expires_us = expires;
    out.push_back(std::move(entry));
  }
  std::sort(out.begin(), out.end(), [](const ListEntryState& a, const ListEntryState& b) {
    return std::tie(a.list, a.address) < std::tie(b.list, b.address);
  });
  return out;
}

std::int64_t Simulator::now_us() const {
  return state_->now;
}

std::size_t Simulator::live_connections() const {
  return state_->by_flow.size();
}

}  // namespace rosgen::simulate
