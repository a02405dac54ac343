// Scenario files: traffic described in JSON instead of captured, expanded into packets
// with real IPv4/IPv6 and TCP/UDP/ICMP headers. Entry points: read_scenario() (file →
// ScenarioSource, a PacketSource that also names each packet's connection),
// parse_scenario() (text → Scenario, for tests), expand_scenario() (Scenario → packets).
//
// The format (JSON has no comments: the ones below are documentation only):
//
//   {
//     "connections": [
//       {
//         "name": "bot relays through 8080",   // optional label, kept for reports
//         "client": "192.168.88.20",           // or "192.168.88.20:40000" (source port;
//                                              //   default: 40000 + this client's counter)
//         "server": "203.0.113.5:8080",        // address:port ([v6]:port for IPv6);
//                                              //   icmp: address only
//         "protocol": "tcp",                   // tcp (default) | udp | icmp
//         "start": 0.0,                        // seconds from the scenario's start
//         "count": 1,                          // this many connections, each from a new
//                                              //   source port
//         "every": 1.0,                        // seconds between the starts of repeated
//                                              //   connections
//         "gap": 0.01,                         // seconds between the packets of one
//                                              //   connection
//         "handshake": true,                   // tcp: SYN, SYN-ACK, ACK first; false: only
//                                              //   the client's SYN, unanswered (a scan)
//         "payloads": [ {"from": "client", "text": "CONNECT a:443 HTTP/1.1\r\n\r\n"},
//                       {"from": "server", "hex": "485454502f312e31"} ],
//         "segment": 1460,                     // tcp: payloads longer than this are split
//                                              //   into segments of this size
//         "close": "fin"                       // tcp: fin (FIN/ACK both ways) | rst
//                                              //   (client RST) | none
//       }
//     ]
//   }
//
// Rules:
//  - "client" and "server" are required; everything else has the default shown. Both
//    ends are IPv4 or both IPv6 ("2001:db8::20" or "[2001:db8::20]:40000"). Ports are
//    1-65535. "handshake", "segment" (1-65495) and "close" are for tcp only. Unknown
//    keys, duplicate keys and wrong types are errors.
//  - Default client ports are counted per client address: the connections of a client
//    without a port (in file order, connection by connection, repetition by repetition,
//    whatever the times; icmp takes none) have source ports 40000, 40001, ..., 65535,
//    then 1024, 1025, ... round again (default_client_port()). So a client's 64513th
//    such connection takes a port again; that is an error only when an earlier one (with
//    a default port too) has the same client, port, server, server port and protocol: the
//    message names both. A given client port is used by the first repetition; repetition
//    k uses that port + k, at most 65535 (not counted, not checked against the others).
//  - "text" is the string's UTF-8 bytes; "hex" is pairs of hex digits (blanks between
//    them are ignored). A payload is not empty. Each payload object has "from" ("client"
//    or "server") and exactly one of "text" and "hex".
//  - tcp: with the handshake, payloads follow the ACK in order, each split into
//    segments of at most "segment" bytes sent with ACK|PSH; then the close: "fin" is
//    client FIN|ACK, server FIN|ACK, client ACK; "rst" is one client RST|ACK; "none"
//    sends nothing. Without the handshake only one SYN is sent: "payloads" is an error
//    and "close" must be "none" or absent. The client's initial sequence number is
//    kClientIsn, the server's kServerIsn; every sequence and acknowledgement number
//    follows from the bytes and the SYN and FIN flags sent.
//  - udp: one datagram per payload (at most 65507 bytes), or one empty datagram from the
//    client when there are none.
//  - icmp: an echo request (ICMPv6 with IPv6 addresses) for each client payload (at
//    most 65507 bytes) and an echo reply for each server payload; with no payloads, one
//    request and its reply. The identifier is 1, 2, ... by connection in file order; the
//    nth request and the nth reply of a connection carry sequence number n.
//  - Times: the scenario starts at 2026-01-01T00:00:00Z (kScenarioEpochUs); packet n
//    (from 0) of repetition k (from 0) is at start + k * every + n * gap, each of the
//    three rounded to whole microseconds. Packets come out sorted by time; equal times
//    keep file order. IPv4 packets carry DF, TTL 64 and IP ids 1, 2, ... in generation
//    order; IPv6 hop limit 64; checksums are computed; TCP window 65535, no options.
//  - Limits: count 1-1000000, at most kMaxScenarioPackets packets in all, and no packet
//    more than 1e9 seconds after the start.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "capture/packet.hpp"
#include "support/diagnostics.hpp"

namespace rosgen::capture {

inline constexpr std::int64_t kScenarioEpochUs = 1767225600000000;  // 2026-01-01T00:00:00Z
inline constexpr std::uint32_t kClientIsn = 1000000;
inline constexpr std::uint32_t kServerIsn = 2000000;
inline constexpr std::uint64_t kMaxScenarioPackets = 1000000;
inline constexpr std::uint16_t kFirstDefaultPort = 40000;
inline constexpr std::uint32_t kDefaultPortCount = 65536 - 1024;  // the ephemeral range

// The source port of a client's connection number `n` (from 0) without a client port:
// 40000 ... 65535, then 1024 ... 65535 round again.
constexpr std::uint16_t default_client_port(std::uint64_t n) {
  return static_cast<std::uint16_t>(1024 + (kFirstDefaultPort - 1024 + n) % kDefaultPortCount);
}

enum class Close { Fin, Rst, None };

struct ScenarioPayload {
  bool from_client = true;
  std::string bytes;
};

// One entry of "connections", validated; `count` connections are made from it.
struct ScenarioConnection {
  std::string name;  // "" when not given
  Address client;
  std::optional<std::uint16_t> client_port;  // nullopt: the default counter
  Address server;
  std::uint16_t server_port = 0;  // 0 for icmp
  std::uint8_t protocol = kTcp;   // kTcp, kUdp, or kIcmp / kIcmpV6 (by address family)
  double start = 0.0;             // seconds
  std::uint32_t count = 1;
  double every = 1.0;  // seconds
  double gap = 0.01;   // seconds
  bool handshake = true;
  std::vector<ScenarioPayload> payloads;
  std::uint32_t segment = 1460;  // bytes
  Close close = Close::Fin;
};

struct Scenario {
  std::vector<ScenarioConnection> connections;
};

// Parses and validates scenario text; `name` is the file name used in messages. Returns
// nullopt after reporting every problem to `diags`: JSON syntax errors as
// "name:3:17: error: syntax error while parsing object - ...", value errors at the
// value (or key) they concern as "name:4:17: error: connections[2].server: expected
// address:port, got \"x\"".
std::optional<Scenario> parse_scenario(const std::string& name, const std::string& text,
                                       support::DiagnosticEngine& diags);

// How many packets one of the `connection.count` connections of an entry makes.
std::uint64_t packets_per_connection(const ScenarioConnection& connection);

// One connection made from a ScenarioConnection: its addresses and ports as the client
// sends (ports 0 for icmp) and the index of its entry in Scenario::connections.
struct ScenarioFlow {
  Address client;
  std::uint16_t client_port = 0;
  Address server;
  std::uint16_t server_port = 0;
  std::uint8_t protocol = 0;
  std::size_t connection = 0;
};

struct ExpandedScenario {
  std::vector<Packet> packets;      // sorted by time_us, stable
  std::vector<ScenarioFlow> flows;  // in file order
};

// Makes the packets of a validated scenario (deterministic: the same scenario gives the
// same bytes).
ExpandedScenario expand_scenario(const Scenario& scenario);

// The packets of a scenario file in time order, and which connection each belongs to.
class ScenarioSource : public PacketSource {
 public:
  ScenarioSource(std::string name, Scenario scenario);

  bool next(Packet& out) override;

  const SkipCounts& skipped() const override { return skipped_; }  // always empty

  std::string name() const override { return name_; }

  const std::vector<ScenarioConnection>& connections() const { return scenario_.connections; }

  // The entry in connections() that `packet` belongs to, matched by protocol, addresses
  // and ports in either direction, or nullptr. ICMP packets have no ports: they match the
  // first icmp entry between the two addresses.
  const ScenarioConnection* connection_of(const Packet& packet) const;

  // connection_of(packet)->name, or "" when there is none.
  std::string label_of(const Packet& packet) const;

 private:
  struct Key {
    Address client;
    std::uint16_t client_port = 0;
    Address server;
    std::uint16_t server_port = 0;
    std::uint8_t protocol = 0;
    auto operator<=>(const Key&) const = default;
  };

  std::string name_;
  Scenario scenario_;
  std::vector<Packet> packets_;
  std::size_t next_ = 0;
  std::map<Key, std::size_t> flows_;
  SkipCounts skipped_;
};

// Reads the scenario file `path` (a regular file, support::read_input_file()). Returns
// nullptr after reporting to `diags` when it cannot be read ("cannot read 'x.json': ...",
// no location) or is not a valid scenario (parse_scenario()). The source's name is
// "scenario " + path.
std::unique_ptr<ScenarioSource> read_scenario(const std::string& path,
                                              support::DiagnosticEngine& diags);

}  // namespace rosgen::capture
