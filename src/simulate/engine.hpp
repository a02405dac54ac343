// The RouterOS packet path, simulated: connection tracking, mangle and filter chains in
// RouterOS's order, FastTrack, address lists, limits, connection limits and PCQ queue
// trees, with the cost of every packet counted. Entry points: Simulator, SimulateOptions,
// Outcome, Totals. Semantics and their sources are in engine.cpp's header comment.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "capture/packet.hpp"
#include "simulate/rules.hpp"

namespace rosgen::simulate {

struct SimulateOptions {
  // Client hosts (IPv4 ranges, host byte order): a packet from one enters on the LAN
  // interface; a packet to one leaves through it. Required.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> clients;
  std::string lan_interface = "bridge";
  std::string wan_interface = "ether1";
  // Interface list members ("LAN" -> {"bridge"}); lists not named here: LAN holds the LAN
  // interface, WAN the WAN interface (RouterOS's default configuration), "all" both.
  std::map<std::string, std::set<std::string>> interface_lists;
  // The router's own addresses: packets to them take the input path. Default (empty):
  // the first host address of the first client range (192.168.88.1 for 192.168.88.0/24).
  std::vector<std::uint32_t> router_addresses;
  // Keep one record per connection for the report (false: totals only, memory bounded by
  // live connections, for benchmarks).
  bool keep_connections = true;
  // Described traffic (scenarios): once a packet of a flow is stopped, the flow sends
  // nothing more, as real endpoints would only retransmit into the same rule. Captures
  // replay every packet as captured (false).
  bool stop_flows_after_drop = false;
};

// What happened to one packet.
enum class Fate { Passed, Dropped, Rejected, Tarpitted, QueueDropped };

std::string_view fate_name(Fate fate);

// The cost of one packet: what RouterOS's firewall did for it (reference §1.2: matchers
// run in a fixed order, so a content test only runs when the cheaper matchers passed).
struct Cost {
  std::uint32_t rules_visited = 0;  // rules whose matchers were evaluated
  std::uint32_t content_tests = 0;  // content= substring searches
  std::uint64_t content_bytes = 0;  // bytes those searches scanned
  std::uint32_t layer7_tests = 0;   // layer7 regex searches (layer7.hpp: which packets run one)
  std::uint64_t layer7_bytes = 0;   // bytes of connection data those searches ran over
};

struct ConnectionRecord {
  capture::Address client, server;
  std::uint16_t client_port = 0, server_port = 0;
  std::uint8_t protocol = 0;
  std::string label;  // the scenario's name, when it has one
  std::int64_t first_us = 0, last_us = 0;
  std::uint64_t packets = 0;  // packets of this connection seen
  std::uint64_t packets_fasttracked = 0;
  std::uint64_t packets_stopped = 0;        // dropped, rejected or tarpitted by a rule
  std::optional<Fate> fate;                 // the first stopping fate, if a rule stopped a packet
  std::string stopped_by;                   // the rule (or queue) that stopped the first packet
  std::uint64_t stopped_at_packet = 0;      // 1-based packet number in the connection
  std::uint64_t packets_queue_dropped = 0;  // lost in a full queue (not a verdict)
  std::int64_t max_queue_delay_us = 0;
  std::vector<std::string> marks;  // connection marks the connection carried, in order
  bool fasttracked = false;
  bool picked_up = false;  // TCP, first packet not a SYN: it began before the capture
  // Empty for a tracked connection; else why this flow's packets had no connection entry:
  // "stopped in raw, before connection tracking", "untracked (raw notrack)" or "invalid
  // (no connection entry)". Such flows are records too, so that their verdicts show.
  std::string tracking;
};

struct RuleStats {
  std::uint64_t evaluated = 0;  // packets whose matchers this rule evaluated
  std::uint64_t matched = 0;
  std::uint64_t content_tests = 0;
  std::uint64_t layer7_tests = 0;
  std::uint64_t unmodeled = 0;  // packets that reached a matcher the simulator cannot evaluate
};

struct QueueStats {
  std::uint64_t packets = 0, dropped = 0;
  std::int64_t max_delay_us = 0;
  double total_delay_us = 0;
};

struct Totals {
  std::uint64_t packets = 0;                         // packets simulated
  std::uint64_t forward = 0, input = 0, output = 0;  // by path; output: sent by the router
  std::uint64_t fasttracked = 0;                     // packets that took FastTrack's path
  std::uint64_t ipv6 = 0;      // passed without rules: rosgen's rules are /ip (IPv4)
  std::uint64_t not_sent = 0;  // stop_flows_after_drop: packets of stopped flows
  std::map<std::string, std::uint64_t> not_routed;  // packets not through the router, by reason
  std::map<Fate, std::uint64_t> fates;
  std::uint64_t connections = 0, connections_stopped = 0;
  // Flows whose packets had no connection entry (ConnectionRecord::tracking), and how many
  // of them a rule stopped.
  std::uint64_t untracked_flows = 0, untracked_flows_stopped = 0;
  // Connections a NAT rule dst-nated (dst-nat, redirect, netmap in dstnat): their addresses
  // and path are not rewritten by the model.
  std::uint64_t dstnat_connections = 0;
  Cost cost;  // sums over packets
  std::uint32_t max_rules_visited = 0, max_content_tests = 0, max_layer7_tests = 0;
  std::uint64_t max_content_bytes = 0;
};

class Simulator {
 public:
  Simulator(Rules rules, SimulateOptions options);
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // Runs one packet through the router. `label`: the scenario's name for its connection.
  Fate process(const capture::Packet& packet, const std::string* label = nullptr);

  const Rules& rules() const;
  const std::vector<RuleStats>& rule_stats() const;
  const std::vector<QueueStats>& queue_stats() const;
  const Totals& totals() const;
  // Connections in order of their first packet (only with keep_connections).
  // Connections and flows outside connection tracking (ConnectionRecord::tracking).
  const std::vector<ConnectionRecord>& connections() const;

  // Address-list entries rules added that are still there at the end (time of the last
  // packet), sorted by list and address: the quarantine an operator would find.
  struct ListEntryState {
    std::string list;
    capture::Address address;
    std::optional<std::int64_t> expires_us;  // nullopt: no timeout
    bool operator==(const ListEntryState&) const = default;
  };

  std::vector<ListEntryState> address_list_entries() const;
  std::int64_t now_us() const;  // the time of the last packet
  // Live connections in the conntrack table now.
  std::size_t live_connections() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace rosgen::simulate
