// Test helpers for the simulator: packets built by hand (IPv4 with a 20-byte header, TCP
// with a 20-byte header, or UDP), rules read from RouterOS script text, a TCP
// conversation builder (handshake, payloads, teardown) with explicit times, a policy
// imported on a running configuration as `rosgen simulate --with` does, and scenario
// text run through a router.
#pragma once

#include <arpa/inet.h>
#include <doctest/doctest.h>

#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "capture/packet.hpp"
#include "capture/scenario.hpp"
#include "cli/simulate.hpp"
#include "routeros/script_reader.hpp"
#include "simulate/engine.hpp"
#include "simulate/rules.hpp"
#include "support/diagnostics.hpp"
#include "test_util.hpp"

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

// `policy` compiled (for RouterOS `target`, if given) and imported on the running
// configuration `with` (an export; "" for an empty router), exactly as `rosgen simulate
// POLICY --with EXPORT` builds its router. Throws std::runtime_error with the rendered
// diagnostics when anything is wrong.
inline cli::SimulatedRouter policy_router(const std::string& policy, const std::string& with,
                                          std::optional<int> target = std::nullopt) {
  cli::SimulateOptions options;
  options.pipeline.path = policy;
  options.pipeline.target = target;
  options.with = with;
  support::DiagnosticEngine diags;
  std::optional<cli::SimulatedRouter> router = cli::build_router(options, diags);
  if (!router || diags.has_errors())
    throw std::runtime_error("cannot build the router: " + support::render_all(diags, {}));
  return std::move(*router);
}

// Runs every packet of `scenario` through a new simulator of `rules`, labelling each
// connection with its scenario name, with stop_flows_after_drop as the CLI sets it for
// scenarios.
inline std::unique_ptr<simulate::Simulator> run_scenario(const simulate::Rules& rules,
                                                         simulate::SimulateOptions options,
                                                         capture::Scenario scenario) {
  options.stop_flows_after_drop = true;
  auto sim = std::make_unique<simulate::Simulator>(rules, options);
  capture::ScenarioSource source("scenario", std::move(scenario));
  capture::Packet packet;
  while (source.next(packet)) {
    std::string label = source.label_of(packet);
    sim->process(packet, label.empty() ? nullptr : &label);
  }
  return sim;
}

// The same for scenario JSON text (capture::parse_scenario); throws std::runtime_error
// with the rendered diagnostics when the text is not a valid scenario.
inline std::unique_ptr<simulate::Simulator> run_scenario(const simulate::Rules& rules,
                                                         simulate::SimulateOptions options,
                                                         const std::string& json) {
  support::DiagnosticEngine diags;
  std::optional<capture::Scenario> scenario = capture::parse_scenario("scenario", json, diags);
  if (!scenario)
    throw std::runtime_error("invalid scenario: " + support::render_all(diags, {}));
  return run_scenario(rules, std::move(options), std::move(*scenario));
}

// The policy at `path` compiled with or without the optimiser onto RouterOS's default
// firewall, as `rosgen simulate --with tests/import/defconf-v7.rsc [--no-optimise]` builds
// it. Fails the test (with the diagnostics) when it does not build.
inline cli::SimulatedRouter defconf_router(const std::string& path, bool optimise) {
  cli::SimulateOptions options;
  options.pipeline.path = path;
  options.pipeline.optimise = optimise;
  options.with = source_dir() + "/tests/import/defconf-v7.rsc";
  support::DiagnosticEngine diags;
  std::optional<cli::SimulatedRouter> router = cli::build_router(options, diags);
  REQUIRE_MESSAGE((router && !diags.has_errors()), support::render_all(diags));
  return std::move(*router);
}

}  // namespace rosgen::test
