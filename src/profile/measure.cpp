// Counting fragments at gates on a stream of packets, with the flow model described in
// measure.hpp.
#include "profile/measure.hpp"

#include <algorithm>
#include <set>

namespace rosgen::profile {

namespace {

constexpr std::int64_t kSecond = 1000000;
constexpr std::int64_t kTcpIdle = 86400 * kSecond;     // tcp-established timeout
constexpr std::int64_t kTcpClosedIdle = 10 * kSecond;  // tcp-close / time-wait, roughly
constexpr std::int64_t kUdpIdle = 180 * kSecond;       // udp-stream timeout
constexpr std::uint64_t kSweepEvery = 65536;           // packets between sweeps of idle flows

std::uint32_t v4(const capture::Address& address) {
  return (std::uint32_t{address.bytes[0]} << 24) | (std::uint32_t{address.bytes[1]} << 16) |
         (std::uint32_t{address.bytes[2]} << 8) | std::uint32_t{address.bytes[3]};
}

}  // namespace

std::vector<LiteralText> signature_literals(const sema::Signature& signature) {
  std::vector<LiteralText> out;
  for (const sema::Stage& stage : signature.stages)
    for (const sema::Literal& literal : stage.alternatives)
      out.push_back({literal.bytes, literal.nocase});
  return out;
}

std::vector<GateRequest> requests_for(const std::vector<sema::Policy>& policies) {
  // Per gate: fragment bytes -> whether its forms are wanted.
  std::vector<std::pair<Gate, std::map<std::string, bool>>> gates;
  for (const sema::Policy& policy : policies) {
    for (const sema::Rule& rule : policy.rules) {
      const auto* signature = std::get_if<sema::Signature>(&rule);
      if (signature == nullptr)
        continue;
      Gate gate = gate_of(*signature);
      auto it = std::find_if(gates.begin(), gates.end(),
                             [&](const auto& entry) { return entry.first == gate; });
      if (it == gates.end())
        it = gates.insert(gates.end(), {gate, {}});
      for (const LiteralText& literal : signature_literals(*signature)) {
        for (std::size_t from = 0; from < literal.bytes.size(); ++from) {
          for (std::size_t length = 1; from + length <= literal.bytes.size(); ++length) {
            std::string fragment = literal.bytes.substr(from, length);
            bool forms = literal.nocase && letter_count(fragment) <= kMaxFormLetters;
            it->second[fragment] = it->second[fragment] || forms;
          }
        }
      }
    }
  }
  std::vector<GateRequest> out;
  for (auto& [gate, fragments] : gates) {
    GateRequest request{gate, {}};
    for (const auto& [bytes, forms] : fragments) request.fragments.push_back({bytes, forms});
    out.push_back(std::move(request));
  }
  std::sort(out.begin(), out.end(),
            [](const GateRequest& a, const GateRequest& b) { return gate_less(a.gate, b.gate); });
  return out;
}

std::size_t Measurement::FlowKeyHash::operator()(const FlowKey& key) const {
  std::uint64_t a = (std::uint64_t{key.low_address} << 32) | key.high_address;
  std::uint64_t b =
      (std::uint64_t{key.low_port} << 24) | (std::uint64_t{key.high_port} << 8) | key.protocol;
  return std::hash<std::uint64_t>()(a * 0x9E3779B97F4A7C15ull ^ b);
}

Measurement::Measurement(std::vector<GateRequest> requests, std::vector<Ipv4Range> clients)
    : clients_(std::move(clients)) {
  for (GateRequest& request : requests) {
    GateState state;
    state.counts.gate = request.gate;
    for (const FragmentRequest& fragment : request.fragments) {
      state.lowered.push_back(ascii_lower(fragment.bytes));
      state.counts.fragments.push_back({fragment.bytes, 0, 0, {}});
    }
    state.request = std::move(request);
    gates_.push_back(std::move(state));
  }
}

bool Measurement::is_client(std::uint32_t address) const {
  return std::any_of(clients_.begin(), clients_.end(), [&](const Ipv4Range& range) {
    return range.first <= address && address <= range.second;
  });
}

void Measurement::add(const capture::Packet& packet) {
  ++stats_.packets;
  if (packet.src.v6 || packet.dst.v6) {
    ++stats_.not_ipv4;
    return;
  }
  if (packet.protocol != capture::kTcp && packet.protocol != capture::kUdp) {
    ++stats_.not_tcp_udp;
    return;
  }
  if (stats_.packets % kSweepEvery == 0) {
    std::erase_if(flows_, [&](const auto& entry) {
      const Flow& flow = entry.second;
      std::int64_t idle = entry.first.protocol == capture::kUdp ? kUdpIdle
                          : flow.closed                         ? kTcpClosedIdle
                                                                : kTcpIdle;
      return packet.time_us - flow.last_us > idle;
    });
  }
  std::uint32_t src = v4(packet.src), dst = v4(packet.dst);
  bool src_low = std::pair(src, packet.src_port) <= std::pair(dst, packet.dst_port);
  FlowKey key{src_low ? src : dst, src_low ? dst : src, src_low ? packet.src_port : packet.dst_port,
              src_low ? packet.dst_port : packet.src_port, packet.protocol};
  bool tcp = packet.protocol == capture::kTcp;
  bool syn = tcp && (packet.tcp_flags & (capture::kSyn | capture::kAck)) == capture::kSyn;
  bool syn_ack = tcp && (packet.tcp_flags & (capture::kSyn | capture::kAck)) ==
                            (capture::kSyn | capture::kAck);
  auto it = flows_.find(key);
  bool fresh = it == flows_.end();
  if (!fresh) {
    std::int64_t idle = packet.time_us - it->second.last_us;
    fresh = tcp ? syn && (it->second.closed || idle > kTcpIdle) : idle > kUdpIdle;
  }
  if (fresh) {
    Flow flow;
    bool src_is_client = true;  // the originator
    if (syn) {
      src_is_client = true;
    } else if (syn_ack) {
      src_is_client = false;
    } else if (is_client(src) != is_client(dst)) {
      src_is_client = is_client(src);
    }
    flow.client_is_low = src_is_client == src_low;
    it = flows_.insert_or_assign(key, flow).first;
    ++stats_.connections;
  }
  Flow& flow = it->second;
  flow.bytes += packet.ip_length;
  flow.last_us = packet.time_us;
  if (tcp && (packet.tcp_flags & (capture::kFin | capture::kRst)) != 0)
    flow.closed = true;
  bool from_client = flow.client_is_low == src_low;
  if (!from_client)
    return;
  bool reached = false;
  std::string lowered;
  for (GateState& gate : gates_) {
    const Gate& g = gate.counts.gate;
    bool protocol_matches = (g.protocol == sema::Protocol::Tcp) == tcp;
    if (!protocol_matches || !gate_has_port(g, packet.dst_port) ||
        (g.window_bytes && flow.bytes > *g.window_bytes))
      continue;
    if (!reached)
      lowered = ascii_lower(packet.data);
    reached = true;
    ++gate.counts.packets;
    bool data = packet.payload_length > 0 && (!tcp || (packet.tcp_flags & capture::kSyn) == 0);
    gate.counts.data_packets = gate.counts.data_packets.value_or(0) + (data ? 1 : 0);
    count(gate, packet.data, lowered);
  }
  stats_.gate_packets += reached;
}

void Measurement::count(GateState& gate, std::string_view data, std::string_view lowered) {
  for (std::size_t i = 0; i < gate.lowered.size(); ++i) {
    const std::string& needle = gate.lowered[i];
    std::size_t at = lowered.find(needle);
    if (at == std::string_view::npos)
      continue;
    FragmentCount& counts = gate.counts.fragments[i];
    ++counts.nocase;
    if (data.find(counts.bytes) != std::string_view::npos)
      ++counts.exact;
    if (!gate.request.fragments[i].forms)
      continue;
    std::set<std::string_view> seen;  // each form once per packet
    for (; at != std::string_view::npos; at = lowered.find(needle, at + 1))
      seen.insert(data.substr(at, needle.size()));
    for (std::string_view form : seen) ++counts.forms[std::string(form)];
  }
}

Profile Measurement::profile() const {
  Profile out;
  for (const GateState& gate : gates_) out.gates.push_back(gate.counts);
  return out;
}

}  // namespace rosgen::profile
