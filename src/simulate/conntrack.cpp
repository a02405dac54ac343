// Connection tracking (netfilter's, with RouterOS's timeouts) and address lists: the
// Simulator::State members declared under those headings in engine_parts.hpp.
#include <string>
#include <string_view>
#include <utility>

#include "simulate/engine_parts.hpp"

namespace rosgen::simulate {

using detail::Connection;
using detail::FlowKey;
using detail::kSecond;
using detail::TcpPhase;

// ---- connection tracking ----

// A new record of the connection (or flow) of `packet`, its first packet; `from_client`:
// the packet comes from the side shown as the client.
ConnectionRecord Simulator::State::record_of(const capture::Packet& packet, bool from_client,
                                             const std::string* label) {
  ConnectionRecord record;
  record.client = from_client ? packet.src : packet.dst;
  record.server = from_client ? packet.dst : packet.src;
  record.client_port = from_client ? packet.src_port : packet.dst_port;
  record.server_port = from_client ? packet.dst_port : packet.src_port;
  record.protocol = packet.protocol;
  record.first_us = packet.time_us;
  if (label != nullptr)
    record.label = *label;
  return record;
}

std::int64_t Simulator::State::timeout_of(const Connection& c) {
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

void Simulator::State::schedule(std::int64_t slot) {
  Connection& c = connections[static_cast<std::size_t>(slot)];
  std::int64_t second = c.expires_us / kSecond;
  if (c.scheduled_second != 0 && c.scheduled_second <= second)
    return;  // an earlier bucket re-checks it then
  c.scheduled_second = second;
  auto& [cached_second, bucket] = expiry_cache[static_cast<std::size_t>(second) & 7];
  if (bucket == nullptr || cached_second != second) {
    cached_second = second;
    bucket = &expiry[second];
  }
  bucket->push_back(slot);
}

// Takes the connection out of every connection-limit count that holds it.
void Simulator::State::uncount_limits(std::int64_t slot) {
  Connection& c = connections[static_cast<std::size_t>(slot)];
  for (auto [rule, key] : c.limit_rules) {
    auto& by_key = rule_state[static_cast<std::size_t>(rule)].connections_by_key;
    auto it = by_key.find(key);
    if (it != by_key.end() && it->second.erase(slot) > 0 && it->second.empty())
      by_key.erase(it);
  }
  c.limit_rules.clear();
}

// Follows a TCP connection's teardown with this packet (see Connection::closed).
void Simulator::State::follow_teardown(Connection& c, const capture::Packet& packet,
                                       std::int64_t slot) {
  if (packet.protocol != capture::kTcp)
    return;
  const std::uint8_t flags = packet.tcp_flags;
  if (flags & (capture::kFin | capture::kRst))
    c.phase = TcpPhase::Closing;
  bool both_fins = c.fin_from_origin && c.fin_from_reply;
  if (flags & capture::kFin)
    (p.src == c.origin_address && packet.src_port == c.origin_port ? c.fin_from_origin
                                                                   : c.fin_from_reply) = true;
  if (!c.closed && ((flags & capture::kRst) || (both_fins && !(flags & capture::kFin)))) {
    c.closed = true;
    uncount_limits(slot);
  }
}

void Simulator::State::destroy(std::int64_t slot) {
  Connection& c = connections[static_cast<std::size_t>(slot)];
  uncount_limits(slot);
  by_flow.erase(c.key);
  c = Connection{};
  free_slots.push_back(slot);
}

// Destroys the connections whose timeout has passed at `until_us`. A bucket holds the
// entries due within one second: earlier seconds are emptied whole; the current second's
// bucket is looked through at most every kPartialScanUs, its due entries destroyed and the
// others kept (so a timeout takes effect within 10 ms, and a busy second costs little).
void Simulator::State::expire(std::int64_t until_us) {
  constexpr std::int64_t kPartialScanUs = 10000;
  if (!expiry.empty() && expiry.begin()->first * kSecond <= until_us &&
      (expiry.begin()->first + 1) * kSecond > until_us) {
    if (until_us - last_partial_scan_us < kPartialScanUs)
      return;
    last_partial_scan_us = until_us;
    auto it = expiry.begin();
    std::int64_t second = it->first;
    std::vector<std::int64_t> keep, later;
    for (std::int64_t slot : it->second) {
      Connection& c = connections[static_cast<std::size_t>(slot)];
      if (!c.alive || c.scheduled_second != second)
        continue;
      if (c.expires_us <= until_us) {
        c.scheduled_second = 0;
        destroy(slot);
      } else if (c.expires_us / kSecond == second) {
        keep.push_back(slot);
      } else {
        later.push_back(slot);  // its timeout was extended past this second
      }
    }
    it->second.swap(keep);
    if (it->second.empty()) {
      auto& cached = expiry_cache[static_cast<std::size_t>(second) & 7];
      if (cached.first == second)
        cached = {0, nullptr};
      expiry.erase(it);
    }
    for (std::int64_t slot : later) {
      connections[static_cast<std::size_t>(slot)].scheduled_second = 0;
      schedule(slot);
    }
    return;
  }
  while (!expiry.empty() && (expiry.begin()->first + 1) * kSecond <= until_us) {
    auto node = expiry.extract(expiry.begin());
    auto& cached = expiry_cache[static_cast<std::size_t>(node.key()) & 7];
    if (cached.first == node.key())
      cached = {0, nullptr};
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

std::int64_t Simulator::State::new_connection(const FlowKey& key, const capture::Packet& packet,
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
  by_flow.set(key, slot);
  ++totals.connections;
  if (options.keep_connections) {
    // The client is the side that opened the connection; a TCP connection picked up in
    // the middle (no SYN: it began before the capture) is shown from the client host's
    // side when one end is a client host and the other is not.
    bool syn = packet.protocol == capture::kTcp && (packet.tcp_flags & capture::kSyn) &&
               !(packet.tcp_flags & capture::kAck);
    bool from_client = packet.protocol != capture::kTcp || syn || is_client(p.src) ||
                       is_router(p.src) || is_router(p.dst) || !is_client(p.dst);
    ConnectionRecord record = record_of(packet, from_client, label);
    record.picked_up = packet.protocol == capture::kTcp && !syn;
    c.record = static_cast<std::int64_t>(records.size());
    records.push_back(std::move(record));
  }
  return slot;
}

// The packet's flow, the same key in both directions.
FlowKey Simulator::State::flow_key(const capture::Packet& packet) const {
  FlowKey key;
  key.protocol = packet.protocol;
  bool ports = packet.protocol == capture::kTcp || packet.protocol == capture::kUdp;
  std::uint16_t sport = ports ? packet.src_port : 0, dport = ports ? packet.dst_port : 0;
  if (std::pair{p.src, sport} <= std::pair{p.dst, dport}) {
    key.low_address = p.src, key.low_port = sport, key.high_address = p.dst, key.high_port = dport;
  } else {
    key.low_address = p.dst, key.low_port = dport, key.high_address = p.src, key.high_port = sport;
  }
  return key;
}

// The connection an ICMP error is about (destination unreachable, source quench,
// redirect, time exceeded, parameter problem: RFC 792), from the IP header and first
// transport bytes it quotes; netfilter calls such a packet related to it. -1 if none.
std::int64_t Simulator::State::related_connection(const capture::Packet& packet) const {
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
  return by_flow.find(key);
}

// Finds or creates the packet's connection and sets p.state. Returns the slot, or -1
// for an invalid packet (an RST, FIN or SYN-ACK without a connection).
std::int64_t Simulator::State::track(const capture::Packet& packet, const std::string* label,
                                     bool& created) {
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
  std::int64_t found = by_flow.find(key);
  if (found >= 0) {
    Connection& c = connections[static_cast<std::size_t>(found)];
    bool expired = c.expires_us <= now;
    bool reused = syn && c.phase == TcpPhase::Closing;  // a new connection on old ports
    if (expired || reused) {
      destroy(found);
      found = -1;
    }
  }
  if (found < 0) {
    // Without an entry, netfilter's TCP tracker calls an RST, a FIN or a SYN-ACK
    // invalid; a SYN, or any other segment (loose pickup), starts a connection.
    std::uint8_t flags = packet.tcp_flags;
    bool synack = (flags & capture::kSyn) && (flags & capture::kAck);
    // A segment with no flags at all (a NULL scan) is invalid too.
    if (packet.protocol == capture::kTcp &&
        ((flags & (capture::kRst | capture::kFin)) || synack || flags == 0)) {
      p.state = kStateInvalid;
      return -1;
    }
    created = true;
    std::int64_t slot = new_connection(key, packet, label);
    p.state = kStateNew;
    return slot;
  }
  Connection& c = connections[static_cast<std::size_t>(found)];
  bool from_origin = p.src == c.origin_address && sport == (ports ? c.origin_port : 0);
  if (!from_origin)
    c.seen_reply = true;
  p.state = c.seen_reply ? kStateEstablished : kStateNew;
  return found;
}

// ---- address lists ----

bool Simulator::State::in_list(int list, std::uint32_t address) {
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
void Simulator::State::add_to_list(int list, std::uint32_t address, std::int64_t timeout_us) {
  dynamic_lists[list_key(list, address)] = timeout_us == 0 ? 0 : now + timeout_us;
}

}  // namespace rosgen::simulate
