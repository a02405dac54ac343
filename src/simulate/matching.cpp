// Rule evaluation: the matchers, the chain walk (with the chain indexes' skipped visits)
// and queue trees; Simulator::State members declared in engine_parts.hpp.
#include <algorithm>
#include <memory>
#include <string>
#include <string_view>

#include "simulate/engine_parts.hpp"

namespace rosgen::simulate {

using detail::BucketState;
using detail::DstLimitKeyValue;
using detail::Exit;
using detail::kSecond;
using detail::SubStream;
using detail::TableRun;

// ---- matchers, in RouterOS's fixed order (reference §1.2) ----

bool Simulator::State::interface_in_list(int list, int interface) const {
  auto it = list_members.find(list);
  return it != list_members.end() && it->second.count(interface) > 0;
}

// layer7-protocol (layer7.hpp's model of l7-filter): a classified connection matches its
// pattern only; an unclassified one within its window runs the pattern over its data when
// this packet added bytes to it, and is classified by the first pattern that matches.
bool Simulator::State::layer7_matches(int pattern, RuleStats& stats) {
  if (p.conn == nullptr)  // untracked or invalid: layer7 lives in the connection entry
    return false;
  const std::uint8_t protocol = p.raw->protocol;
  if (protocol != capture::kTcp && protocol != capture::kUdp && protocol != capture::kIcmp)
    return false;
  detail::Connection& c = *p.conn;
  if (c.layer7 == detail::kLayer7Unset && !c.layer7_started) {
    // l7-filter allocates the data buffer only when the connection's first packet reaches
    // a layer7 matcher; a connection whose first packet did not is never classified.
    if (c.packets != 1) {
      c.layer7 = detail::kLayer7Unknown;
      return false;
    }
    c.layer7_started = true;
  }
  if (c.layer7 == detail::kLayer7Unset && c.packets > kLayer7Packets) {
    c.layer7 = detail::kLayer7Unknown;  // the window passed without a match: given up
    std::string().swap(c.layer7_data);
  }
  if (c.layer7 != detail::kLayer7Unset)
    return c.layer7 == pattern;
  if (!p.layer7_fed) {
    p.layer7_fed = true;
    std::size_t before = c.layer7_data.size();
    append_layer7_data(c.layer7_data, p.raw->payload());
    p.layer7_added = c.layer7_data.size() > before;
  }
  if (!p.layer7_added)
    return false;  // no new data: the result cannot have changed
  ++p.cost.layer7_tests;
  ++stats.layer7_tests;
  p.cost.layer7_bytes += c.layer7_data.size();
  if (!rules.layer7[static_cast<std::size_t>(pattern)].pattern.search(c.layer7_data))
    return false;
  c.layer7 = pattern;
  std::string().swap(c.layer7_data);
  return true;
}

bool Simulator::State::matches(int index) {
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
  if (r.packet_size &&
      !check(packet.ip_length >= r.packet_size->first && packet.ip_length <= r.packet_size->second,
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
    if (!p.conn->closed && seen.insert(slot).second)  // a closed one is not counted
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
  if (r.layer7 >= 0 && !check(layer7_matches(r.layer7, stats), r.neg_layer7))
    return false;
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

// Builds the chain indexes; interfaces and interface lists must be known.
void Simulator::State::build_indexes() {
  IndexContext context;
  context.interfaces = {0, lan, wan};
  for (const auto& [list, members] : list_members)
    context.interfaces.insert(context.interfaces.end(), members.begin(), members.end());
  context.in_interface_list = [this](int list, int interface) {
    return interface_in_list(list, interface);
  };
  context.ports = std::make_shared<const PortClasses>(port_classes(rules));
  raw_run.build(rules, rules.raw, context);
  mangle_run.build(rules, rules.mangle, context);
  filter_run.build(rules, rules.filter, context);
  nat_run.build(rules, rules.nat, context);
}

void Simulator::State::set_connection_mark(int mark) {
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
void Simulator::State::skip(TableRun& run, int chain, std::size_t from, std::size_t to) {
  if (from >= to)
    return;
  p.cost.rules_visited += static_cast<std::uint32_t>(to - from);
  auto& diff = run.skipped[static_cast<std::size_t>(chain)];
  ++diff[from];
  --diff[to];
}

// The packet's values of the chain indexes' keys (marks as they are now).
IndexKeys Simulator::State::index_keys() const {
  const capture::Packet& packet = *p.raw;
  bool has_ports = packet.protocol == capture::kTcp || packet.protocol == capture::kUdp;
  IndexKeys keys;
  keys[IndexKey::ProtocolPort] =
      (std::int64_t{packet.protocol} << 16) | (has_ports ? packet.dst_port : 0);
  keys[IndexKey::Src] = p.src;
  keys[IndexKey::Dst] = p.dst;
  keys[IndexKey::In] = p.in;
  keys[IndexKey::Out] = p.out;
  keys[IndexKey::State] = p.state;
  keys[IndexKey::PacketMark] = p.mark;
  keys[IndexKey::ConnMark] = p.conn != nullptr ? p.conn->mark : 0;
  return keys;
}

// Runs `chain` of `run`'s table; Continue when the packet reached its end (or a return).
Exit Simulator::State::run_chain(TableRun& run, int chain, int depth) {
  if (chain < 0 || depth > 32)  // RouterOS refuses loops; a bound keeps the model finite
    return Exit::Continue;
  const std::vector<int>& rules_of_chain = run.table->chains[static_cast<std::size_t>(chain)];
  const ChainIndex& chain_index = run.index[static_cast<std::size_t>(chain)];
  IndexKeys keys = index_keys();
  ChainIndex::Selection selection;
  chain_index.select(keys, selection);
  std::size_t count = rules_of_chain.size();
  std::size_t next = 0;  // the first position not yet accounted for
  for (std::size_t position = chain_index.next(selection, 0); position < count;
       position = chain_index.next(selection, position + 1)) {
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
        p.stopped_by = &r.label;
        return Exit::Drop;
      case Action::Reject:
        p.stopped_by = &r.label;
        return Exit::Reject;
      case Action::Tarpit:
        p.stopped_by = &r.label;
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
        // Only TCP and UDP connections are fast-tracked (help.mikrotik.com, FastTrack:
        // "only TCP and UDP"); others stay on the slow path.
        if (p.conn != nullptr && (p.state & (kStateEstablished | kStateRelated)) &&
            (p.raw->protocol == capture::kTcp || p.raw->protocol == capture::kUdp))
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
      case Action::Notrack:  // non-terminating, as netfilter's CT --notrack (unverified)
        p.untracked = true;
        break;
      case Action::SrcNat:
      case Action::DstNat:
      case Action::Netmap:
        // Only the connection's NAT state is modeled: addresses are not rewritten, so a
        // dst-nat keeps the packet's path (engine.cpp's header comment).
        if (p.conn != nullptr) {
          std::uint8_t bit = r.action == Action::SrcNat   ? kNatSrcnat
                             : r.action == Action::DstNat ? kNatDstnat
                                                          : p.nat_hook;
          if (bit == kNatDstnat && !(p.conn->nat & kNatDstnat))
            ++totals.dstnat_connections;
          p.conn->nat |= bit;
        }
        return Exit::Accept;  // a NAT action ends the NAT chains for this connection
      case Action::Passthrough:
      case Action::Log:
      case Action::Other:
        break;
    }
    // A mark-packet or mark-connection here or in a chain jumped to: the rest of this
    // chain is selected by the new marks.
    if (chain_index.uses_marks()) {
      int connection_mark = p.conn != nullptr ? p.conn->mark : 0;
      if (p.mark != keys[IndexKey::PacketMark] || connection_mark != keys[IndexKey::ConnMark]) {
        keys[IndexKey::PacketMark] = p.mark;
        keys[IndexKey::ConnMark] = connection_mark;
        chain_index.select(keys, selection);
      }
    }
  }
  skip(run, chain, next, count);
  return Exit::Continue;
}

// The rules' stats with the visits the indexes skipped added to `evaluated`.
const std::vector<RuleStats>& Simulator::State::stats() const {
  std::vector<RuleStats>& out = rule_stats;
  for (const TableRun* run : {&raw_run, &mangle_run, &filter_run, &nat_run}) {
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

Exit Simulator::State::run_hook(TableRun& run, int chain) {
  Exit exit = run_chain(run, chain, 0);
  return exit == Exit::Accept ? Exit::Continue : exit;  // accept ends this chain only
}

// ---- queues ----

// Queues the packet in every queue tree that takes it at this point; returns false when
// one drops it (the buffer of its sub-stream is full).
bool Simulator::State::queue(bool global_point, int egress) {
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
      queue_stop = "queue " + q.label;
      p.stopped_by = &queue_stop;
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

}  // namespace rosgen::simulate
