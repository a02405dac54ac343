// Measuring a profile on packets (issue 9 §1): which gates and fragments a policy's
// signatures need (requests_for()), and the counting itself (Measurement), fed packet by
// packet in capture order. Reading capture files is the caller's (capture/pcap_source.hpp).
//
// Flows, as RouterOS connection tracking would see them (an approximation, documented):
//  - Only IPv4 TCP and UDP packets count: the rules live in /ip firewall, which never sees
//    IPv6. Other packets are counted in Stats and otherwise ignored.
//  - A flow is the 5-tuple in either direction. A TCP SYN without ACK starts a new
//    connection when the flow is unknown, was closed (FIN or RST seen) or idle for more
//    than a day (RouterOS's tcp-established timeout); a UDP flow idle for more than 180
//    seconds (udp-stream timeout) starts anew.
//  - The client of a connection: for TCP the sender of the SYN that opened it (the
//    receiver of a SYN-ACK when the SYN is not in the capture); otherwise (UDP, or TCP
//    picked up mid-stream) the side whose address is in the client ranges when exactly
//    one side is, else the sender of the flow's first packet (connection tracking's
//    originator).
//  - Connection bytes as netfilter's connbytes counts them for connection-bytes=: the IP
//    length of every packet of the connection in both directions, including the packet
//    being tested.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "capture/packet.hpp"
#include "profile/profile.hpp"
#include "sema/model.hpp"

namespace rosgen::profile {

// A literal of a signature as the profile sees it: its bytes and whether it is nocase.
struct LiteralText {
  std::string bytes;
  bool nocase = false;
  bool operator==(const LiteralText&) const = default;
};

// The literals of `signature`, in any order. The only place in src/profile that reads the
// signature's literal list (so that a change to its shape is a change here).
std::vector<LiteralText> signature_literals(const sema::Signature& signature);

struct FragmentRequest {
  std::string bytes;
  bool forms = false;  // record case forms (a nocase literal's, <= kMaxFormLetters letters)
  bool operator==(const FragmentRequest&) const = default;
};

struct GateRequest {
  Gate gate;
  std::vector<FragmentRequest> fragments;  // sorted by bytes, unique
  bool operator==(const GateRequest&) const = default;
};

// The gates of every signature of `policies`, each with every substring (lengths 1 to
// full) of every literal of the signatures that share it. Sorted by gate_less().
std::vector<GateRequest> requests_for(const std::vector<sema::Policy>& policies);

// An inclusive range of IPv4 addresses in host byte order (simulate::parse_ipv4_range()).
using Ipv4Range = std::pair<std::uint32_t, std::uint32_t>;

class Measurement {
 public:
  struct Stats {
    std::uint64_t packets = 0;       // given to add()
    std::uint64_t not_ipv4 = 0;      // IPv6: /ip firewall never sees them
    std::uint64_t not_tcp_udp = 0;   // IPv4 but neither TCP nor UDP
    std::uint64_t connections = 0;   // TCP and UDP connections followed
    std::uint64_t gate_packets = 0;  // packets that reached at least one gate
    bool operator==(const Stats&) const = default;
  };

  // `clients`: the client ranges for flows without a SYN (see the file comment).
  Measurement(std::vector<GateRequest> requests, std::vector<Ipv4Range> clients);

  // Counts one packet. Packets must come in capture order (times may repeat).
  void add(const capture::Packet& packet);

  // The profile so far: one gate per request, its fragments with their counts (a
  // fragment no packet contained has zero counts; it is still listed: "never seen" is
  // data, unlike a fragment that was not measured).
  Profile profile() const;

  const Stats& stats() const { return stats_; }

 private:
  struct FlowKey {
    std::uint32_t low_address = 0, high_address = 0;
    std::uint16_t low_port = 0, high_port = 0;
    std::uint8_t protocol = 0;
    bool operator==(const FlowKey&) const = default;
  };

  struct FlowKeyHash {
    std::size_t operator()(const FlowKey& key) const;
  };

  struct Flow {
    bool client_is_low = true;  // the client is (low_address, low_port)
    bool closed = false;        // FIN or RST seen
    std::uint64_t bytes = 0;    // IP bytes of both directions so far
    std::int64_t last_us = 0;   // time of the last packet
  };

  // Counts of one gate as they accumulate: per fragment, in the request's order.
  struct GateState {
    GateRequest request;
    std::vector<std::string> lowered;  // each fragment ASCII lower-cased
    GateCounts counts;
  };

  bool is_client(std::uint32_t address) const;
  // Counts the fragments of `gate` in one packet's bytes (`lowered`: ASCII lower-cased).
  static void count(GateState& gate, std::string_view data, std::string_view lowered);

  std::vector<GateState> gates_;
  std::vector<Ipv4Range> clients_;
  std::unordered_map<FlowKey, Flow, FlowKeyHash> flows_;
  Stats stats_;
};

}  // namespace rosgen::profile
