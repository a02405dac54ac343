// Expanding a validated scenario into packets: real IPv4/IPv6 headers (with checksums),
// TCP segments with consistent sequence numbers, UDP datagrams, ICMP echoes. Each packet
// is built as bytes and then read back with decode_frame(), so its fields are exactly
// what a capture of the same bytes would give. Entry points: expand_scenario(),
// packets_per_connection(), ScenarioSource (declared in scenario.hpp).
#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "capture/decode.hpp"
#include "capture/scenario.hpp"

namespace rosgen::capture {

namespace {

void put16(std::string& bytes, std::size_t at, std::uint32_t value) {
  bytes[at] = static_cast<char>((value >> 8) & 0xff);
  bytes[at + 1] = static_cast<char>(value & 0xff);
}

void put32(std::string& bytes, std::size_t at, std::uint32_t value) {
  put16(bytes, at, value >> 16);
  put16(bytes, at + 2, value & 0xffff);
}

// Adds `bytes` to a one's complement sum as 16-bit big-endian words (RFC 1071).
std::uint64_t add_words(std::uint64_t sum, std::string_view bytes) {
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2)
    sum += (std::uint32_t{static_cast<std::uint8_t>(bytes[i])} << 8) |
           static_cast<std::uint8_t>(bytes[i + 1]);
  if (bytes.size() % 2 != 0)
    sum += std::uint32_t{static_cast<std::uint8_t>(bytes.back())} << 8;
  return sum;
}

std::uint16_t fold(std::uint64_t sum) {
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum & 0xffff);
}

std::string_view address_bytes(const Address& a) {
  return {reinterpret_cast<const char*>(a.bytes.data()), a.v6 ? 16u : 4u};
}

// The IP packet from `src` to `dst` carrying `transport` (header and payload), whose
// checksum field at `checksum_at` is filled in (with the pseudo-header except for ICMP).
std::string ip_packet(const Address& src, const Address& dst, std::uint8_t protocol,
                      std::string transport, std::size_t checksum_at, std::uint16_t ip_id) {
  auto length = static_cast<std::uint32_t>(transport.size());
  // The pseudo-header: addresses, then v4: zero, protocol, 16-bit length (RFC 9293);
  // v6: 32-bit length, three zeros, next header (RFC 8200).
  std::string pseudo = std::string(address_bytes(src)) + std::string(address_bytes(dst));
  std::size_t at = pseudo.size();
  if (src.v6) {
    pseudo.append(8, '\0');
    put32(pseudo, at, length);
    pseudo[at + 7] = static_cast<char>(protocol);
  } else {
    pseudo.append(4, '\0');
    pseudo[at + 1] = static_cast<char>(protocol);
    put16(pseudo, at + 2, length);
  }
  std::uint16_t sum = fold(add_words(protocol == kIcmp ? 0 : add_words(0, pseudo), transport));
  if (protocol == kUdp && sum == 0)
    sum = 0xffff;  // 0 means "no checksum" in UDP
  put16(transport, checksum_at, sum);
  std::string out;
  if (src.v6) {
    out.assign(40, '\0');
    out[0] = 0x60;
    put16(out, 4, length);
    out[6] = static_cast<char>(protocol);
    out[7] = 64;  // hop limit
    out.replace(8, 16, address_bytes(src));
    out.replace(24, 16, address_bytes(dst));
  } else {
    out.assign(20, '\0');
    out[0] = 0x45;
    put16(out, 2, 20 + length);
    put16(out, 4, ip_id);
    put16(out, 6, 0x4000);  // don't fragment
    out[8] = 64;            // TTL
    out[9] = static_cast<char>(protocol);
    out.replace(12, 4, address_bytes(src));
    out.replace(16, 4, address_bytes(dst));
    put16(out, 10, fold(add_words(0, out)));
  }
  return out + transport;
}

// Emits the packets of one connection, advancing its time by `gap_us` per packet.
class Builder {
 public:
  Builder(std::vector<Packet>& out, const ScenarioConnection& c, const ScenarioFlow& flow,
          std::int64_t start_us, std::int64_t gap_us, std::uint16_t& ip_id)
      : out_(out), c_(c), flow_(flow), time_us_(start_us), gap_us_(gap_us), ip_id_(ip_id) {}

  void tcp() {
    std::uint32_t client_seq = kClientIsn;
    std::uint32_t server_seq = kServerIsn;
    segment(true, client_seq++, 0, kSyn, {});
    if (!c_.handshake)
      return;
    segment(false, server_seq++, client_seq, kSyn | kAck, {});
    segment(true, client_seq, server_seq, kAck, {});
    for (const ScenarioPayload& p : c_.payloads) {
      std::string_view bytes = p.bytes;
      for (std::size_t at = 0; at < bytes.size(); at += c_.segment) {
        std::string_view piece = bytes.substr(at, c_.segment);
        std::uint32_t& seq = p.from_client ? client_seq : server_seq;
        std::uint32_t ack = p.from_client ? server_seq : client_seq;
        segment(p.from_client, seq, ack, kAck | kPsh, piece);
        seq += static_cast<std::uint32_t>(piece.size());
      }
    }
    if (c_.close == Close::Fin) {
      segment(true, client_seq++, server_seq, kFin | kAck, {});
      segment(false, server_seq++, client_seq, kFin | kAck, {});
      segment(true, client_seq, server_seq, kAck, {});
    } else if (c_.close == Close::Rst) {
      segment(true, client_seq, server_seq, kRst | kAck, {});
    }
  }

  void udp() {
    if (c_.payloads.empty())
      datagram(true, {});
    for (const ScenarioPayload& p : c_.payloads) datagram(p.from_client, p.bytes);
  }

  void icmp(std::uint16_t id) {
    std::uint16_t requests = 0;
    std::uint16_t replies = 0;
    if (c_.payloads.empty()) {
      echo(true, id, ++requests, {});
      echo(false, id, ++replies, {});
    }
    for (const ScenarioPayload& p : c_.payloads)
      echo(p.from_client, id, p.from_client ? ++requests : ++replies, p.bytes);
  }

 private:
  void segment(bool from_client, std::uint32_t seq, std::uint32_t ack, std::uint8_t flags,
               std::string_view payload) {
    std::string header(20, '\0');
    put16(header, 0, from_client ? flow_.client_port : flow_.server_port);
    put16(header, 2, from_client ? flow_.server_port : flow_.client_port);
    put32(header, 4, seq);
    put32(header, 8, ack);
    header[12] = 0x50;  // data offset: 5 words
    header[13] = static_cast<char>(flags);
    put16(header, 14, 65535);  // window
    emit(from_client, header + std::string(payload), 16);
  }

  void datagram(bool from_client, std::string_view payload) {
    std::string header(8, '\0');
    put16(header, 0, from_client ? flow_.client_port : flow_.server_port);
    put16(header, 2, from_client ? flow_.server_port : flow_.client_port);
    put16(header, 4, static_cast<std::uint32_t>(8 + payload.size()));
    emit(from_client, header + std::string(payload), 6);
  }

  void echo(bool request, std::uint16_t id, std::uint16_t sequence, std::string_view payload) {
    bool v6 = c_.protocol == kIcmpV6;
    std::string header(8, '\0');
    header[0] = static_cast<char>(v6 ? (request ? 128 : 129) : (request ? 8 : 0));
    put16(header, 4, id);
    put16(header, 6, sequence);
    emit(request, header + std::string(payload), 2);
  }

  void emit(bool from_client, std::string transport, std::size_t checksum_at) {
    const Address& src = from_client ? c_.client : c_.server;
    const Address& dst = from_client ? c_.server : c_.client;
    std::string ip = ip_packet(src, dst, c_.protocol, std::move(transport), checksum_at, ++ip_id_);
    Frame frame{kLinkRawFile, ip, static_cast<std::uint32_t>(ip.size()), time_us_};
    time_us_ += gap_us_;
    Packet packet;
    std::string reason;
    if (!decode_frame(frame, packet, reason))
      throw std::logic_error("a generated scenario packet does not decode: " + reason);
    out_.push_back(std::move(packet));
  }

  std::vector<Packet>& out_;
  const ScenarioConnection& c_;
  const ScenarioFlow& flow_;
  std::int64_t time_us_;
  std::int64_t gap_us_;
  std::uint16_t& ip_id_;
};

std::int64_t microseconds(double seconds) {
  return std::llround(seconds * 1e6);
}

}  // namespace

std::uint64_t packets_per_connection(const ScenarioConnection& c) {
  if (c.protocol == kUdp)
    return std::max<std::uint64_t>(1, c.payloads.size());
  if (c.protocol != kTcp)
    return c.payloads.empty() ? 2 : c.payloads.size();
  if (!c.handshake)
    return 1;
  std::uint64_t n = 3 + (c.close == Close::Fin ? 3 : (c.close == Close::Rst ? 1 : 0));
  for (const ScenarioPayload& p : c.payloads) n += (p.bytes.size() + c.segment - 1) / c.segment;
  return n;
}

ExpandedScenario expand_scenario(const Scenario& scenario) {
  ExpandedScenario out;
  std::uint64_t total = 0;
  for (const ScenarioConnection& c : scenario.connections)
    total += packets_per_connection(c) * c.count;
  out.packets.reserve(static_cast<std::size_t>(total));
  std::map<Address, std::uint64_t> default_ports;  // by client: how many taken
  std::uint16_t icmp_id = 0;
  std::uint16_t ip_id = 0;
  for (std::size_t i = 0; i < scenario.connections.size(); ++i) {
    const ScenarioConnection& c = scenario.connections[i];
    bool icmp = c.protocol == kIcmp || c.protocol == kIcmpV6;
    for (std::uint32_t k = 0; k < c.count; ++k) {
      ScenarioFlow flow{c.client, 0, c.server, c.server_port, c.protocol, i};
      if (!icmp)
        flow.client_port = c.client_port ? static_cast<std::uint16_t>(*c.client_port + k)
                                         : default_client_port(default_ports[c.client]++);
      out.flows.push_back(flow);
      std::int64_t start = microseconds(c.start) + std::int64_t{k} * microseconds(c.every);
      Builder build(out.packets, c, out.flows.back(), kScenarioEpochUs + start, microseconds(c.gap),
                    ip_id);
      if (c.protocol == kTcp)
        build.tcp();
      else if (c.protocol == kUdp)
        build.udp();
      else
        build.icmp(++icmp_id);
    }
  }
  std::stable_sort(out.packets.begin(), out.packets.end(),
                   [](const Packet& a, const Packet& b) { return a.time_us < b.time_us; });
  return out;
}

ScenarioSource::ScenarioSource(std::string name, Scenario scenario)
    : name_(std::move(name)), scenario_(std::move(scenario)) {
  ExpandedScenario expanded = expand_scenario(scenario_);
  packets_ = std::move(expanded.packets);
  for (const ScenarioFlow& f : expanded.flows) {
    flows_.emplace(Key{f.client, f.client_port, f.server, f.server_port, f.protocol}, f.connection);
  }
}

bool ScenarioSource::next(Packet& out) {
  if (next_ >= packets_.size())
    return false;
  out = std::move(packets_[next_++]);  // each packet is handed out once
  return true;
}

const ScenarioConnection* ScenarioSource::connection_of(const Packet& packet) const {
  auto it =
      flows_.find({packet.src, packet.src_port, packet.dst, packet.dst_port, packet.protocol});
  if (it == flows_.end())
    it = flows_.find({packet.dst, packet.dst_port, packet.src, packet.src_port, packet.protocol});
  return it == flows_.end() ? nullptr : &scenario_.connections[it->second];
}

std::string ScenarioSource::label_of(const Packet& packet) const {
  const ScenarioConnection* c = connection_of(packet);
  return c == nullptr ? std::string() : c->name;
}

}  // namespace rosgen::capture
