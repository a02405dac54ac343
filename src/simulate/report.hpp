// What `rosgen simulate` prints: the human report and the JSON document (schema
// rosgen-simulate/1, described in the README). Entry points: render_report(),
// render_report_json().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "capture/packet.hpp"
#include "simulate/engine.hpp"

namespace rosgen::simulate {

struct ReportContext {
  std::string rules_source;         // "examples/cafe.pol"
  std::string rules_kind;           // "policy" or "script"
  std::string policy;               // the policy's name, when the rules are a policy
  std::size_t items = 0;            // items of the rules' source (compiled or read)
  std::optional<std::string> with;  // the running configuration in front, if any
  bool fasttrack = false;           // the configuration fast-tracks connections
  std::string traffic_source;       // "day.pcap" or "scenario cafe-traffic.json"
  // How packets meet the router: "clients 192.168.88.0/24 on bridge (list LAN), ...".
  std::string setup;
  std::uint64_t frames = 0;                // frames (or scenario packets) read
  capture::SkipCounts skipped;             // frames the packet source could not use
  std::vector<std::string> not_modeled;    // parts of the configuration not simulated
  std::size_t max_connections_shown = 40;  // human report: stopped connections listed
};

// "tcp", "udp", "icmp", else "ip proto N" (`human`) or "N" (JSON).
std::string protocol_name(std::uint8_t protocol, bool human = true);

// The report an operator reads: what was stopped and by which rule, which rules matched,
// the queues, and what the firewall's work cost per packet. Deterministic.
std::string render_report(const Simulator& simulator, const ReportContext& context);

// The same as JSON, schema "rosgen-simulate/1" (every connection, every rule evaluated).
std::string render_report_json(const Simulator& simulator, const ReportContext& context);

}  // namespace rosgen::simulate
