// Test helpers for the simulator: packets built by hand (IPv4 with a 20-byte header, TCP
// with a 20-byte header, or UDP), rules read from RouterOS script text, and a TCP
// conversation builder (handshake, payloads, teardown) with explicit times.
#pragma once

#include <arpa/inet.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "capture/packet.hpp"
#include "routeros/script_reader.hpp"
#include "simulate/engine.hpp"
#include "simulate/rules.hpp"
#include "support/diagnostics.hpp"

namespace rosgen::test {

inline capture::Address ipv4_address(const std::string& text) {
  capture::Address address;
  in_addr raw{};
  ::inet_pton(AF_INET, text.c_str(), &raw);
  std::memcpy(address.bytes.data(), &raw, 4);
  return address;
}

// One IPv4 packet: "10.0.0.1:1234" endpoints (the port is ignored for ICMP), `time_s`
// seconds after an arbitrary epoch. `data` holds a 20-byte IPv4 header (only the length
// and protocol fields filled), the transport header, then the payload.
inline capture::Packet make_packet(double time_s, const std::string& from, const std::string& to,
                                   std::uint8_t protocol, std::uint8_t flags = 0,
                                   const std::string& payload = "") {
  auto split = [](const std::string& endpoint) {
    auto colon = endpoint.find(':');
    std::string host = endpoint.substr(0, colon);
    std::uint16_t port = colon == std::string::npos
                             ? 0
                             : static_cast<std::uint16_t>(std::stoi(endpoint.substr(colon + 1)));
    return std::pair{host, port};
  };
  auto [src, sport] = split(from);
  auto [dst, dport] = split(to);
  capture::Packet p;
  p.time_us = static_cast<std::int64_t>(time_s * 1e6) + 1767225600000000;
  p.src = ipv4_address(src);
  p.dst = ipv4_address(dst);
  p.protocol = protocol;
  p.src_port = sport;
  p.dst_port = dport;
  p.tcp_flags = flags;
  std::uint32_t transport = protocol == capture::kTcp ? 20 : 8;
  p.ip_length = 20 + transport + static_cast<std::uint32_t>(payload.size());
  p.data.assign(20 + transport, '\0');
  p.data[0] = 0x45;
  p.data[9] = static_cast<char>(protocol);
  p.data += payload;
  p.payload_offset = 20 + transport;
  p.payload_length = static_cast<std::uint32_t>(payload.size());
  return p;
}

// A TCP conversation from `client` to `server` starting at `t`: SYN, SYN-ACK, ACK, then
// each payload (client's when the string starts with '>', the server's with '<'), then
// FIN/ACK both ways. One packet every `gap` seconds.
inline std::vector<capture::Packet> tcp_conversation(double t, const std::string& client,
                                                     const std::string& server,
                                                     const std::vector<std::string>& payloads,
                                                     double gap = 0.01, bool close = true) {
  std::vector<capture::Packet> out;
  auto add = [&](bool from_client, std::uint8_t flags, const std::string& payload = "") {
    out.push_back(make_packet(t, from_client ? client : server, from_client ? server : client,
                              capture::kTcp, flags, payload));
    t += gap;
  };
  add(true, capture::kSyn);
  add(false, capture::kSyn | capture::kAck);
  add(true, capture::kAck);
  for (const std::string& payload : payloads)
    add(payload[0] == '>', capture::kAck | capture::kPsh, payload.substr(1));
  if (close) {
    add(true, capture::kFin | capture::kAck);
    add(false, capture::kFin | capture::kAck);
    add(true, capture::kAck);
  }
  return out;
}

// Rules from RouterOS script text (an export), read as an export.
inline simulate::Rules rules_from_script(const std::string& text, int major = 7) {
  support::DiagnosticEngine diags;
  auto file = std::make_shared<const support::SourceFile>("rules.rsc", text);
  routeros::ReadResult read = routeros::read_script(file, diags);
  return simulate::compile_rules(read.state, major);
}

inline simulate::SimulateOptions cafe_options() {
  simulate::SimulateOptions options;
  options.clients.push_back(*simulate::parse_ipv4_range("192.168.88.0/24"));
  return options;
}

}  // namespace rosgen::test
