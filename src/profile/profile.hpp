// Traffic profiles (issue 9 §1): what real traffic looks like at the places where a
// policy's content tests run, so that the optimiser can order and cover signatures by
// measured pass rates instead of the per-byte model of lower/likelihood.hpp. This file
// owns the value type and the optimiser's lookups; measure.hpp fills a profile from
// captures, profile_toml.hpp reads and writes it, default_profile.hpp is the one shipped.
//
// Shape and units (every count is a number of packets):
//  - A gate is where a signature's content tests run: the transport protocol (tcp/udp),
//    the server (destination) ports, the connection-bytes window the signature watches
//    (connection-bytes=0-N: N bytes of the connection, both directions, IP headers
//    included, the current packet included), and always the client-to-server direction.
//  - GateCounts::packets: client-to-server packets to one of the gate's ports while the
//    connection's bytes, counted with this packet, were at most the window, with or
//    without payload (a SYN, or an ACK with TCP options, passes the rules' packet-size
//    gate too): the packets a content test behind the gate sees.
//  - FragmentCount: for one fragment (a byte string, a substring of a signature literal),
//    how many of those packets contain it anywhere in the IP packet (headers included, as
//    RouterOS content= searches): `nocase` in any ASCII letter case (the pass rate of a
//    nocase probe: all its case forms together), `exact` byte for byte as written, and for
//    fragments of nocase literals with at most kMaxFormLetters letters, `forms`: each case
//    form that occurred and the packets containing it (only non-zero counts; a packet
//    holding two forms counts for both, so the forms may add up to more than `nocase`).
// A probability is a fragment's count divided by its gate's packets.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sema/model.hpp"

namespace rosgen::profile {

// The `format` value of the TOML file, changed when the shape changes.
inline constexpr std::string_view kFormat = "rosgen-profile/1";

// Case forms are recorded for fragments of at most this many ASCII letters (256 forms).
inline constexpr std::size_t kMaxFormLetters = 8;

struct Gate {
  sema::Protocol protocol = sema::Protocol::Tcp;
  // Destination ports, sorted and merged (make_gate()); empty: any port.
  std::vector<sema::PortRange> ports;
  // connection-bytes=0-N; nullopt: no window (every packet of the connection).
  std::optional<std::uint32_t> window_bytes;
  bool operator==(const Gate&) const = default;
};

// A gate in canonical form: `ports` sorted by first port, overlapping and adjacent ranges
// merged (80, 81-90, 85 -> 80-90), so that equal port sets compare equal.
Gate make_gate(sema::Protocol protocol, std::vector<sema::PortRange> ports,
               std::optional<std::uint32_t> window_bytes);

// The gate of a signature: its protocol, ports and window (make_gate()).
Gate gate_of(const sema::Signature& signature);

// The order of gates in a profile: by protocol (tcp first), ports, then window (none last).
bool gate_less(const Gate& a, const Gate& b);

// True when some port is in both gates (an empty port list is every port). Protocols are
// not compared.
bool ports_overlap(const Gate& a, const Gate& b);

// True when `port` is one of the gate's ports.
bool gate_has_port(const Gate& gate, std::uint16_t port);

// "80,3128,8080", "6881-6999"; "" for any port. The inverse is parse_ports().
std::string ports_text(const std::vector<sema::PortRange>& ports);

// Parses ports_text()'s form: comma-separated ports (1-65535) and ranges "A-B" (A <= B).
// Returns nullopt on anything else (spaces included). The result is not canonicalised.
std::optional<std::vector<sema::PortRange>> parse_ports(std::string_view text);

struct FragmentCount {
  std::string bytes;         // the fragment as written in the literal (any bytes)
  std::uint64_t nocase = 0;  // packets containing it in some ASCII letter case
  std::uint64_t exact = 0;   // packets containing it byte for byte
  // Case form -> packets containing that form; only forms that occurred. Empty when not
  // recorded (a case-sensitive literal's fragment, or more than kMaxFormLetters letters)
  // or when nocase is 0.
  std::map<std::string, std::uint64_t> forms;
  bool operator==(const FragmentCount&) const = default;
};

struct GateCounts {
  Gate gate;
  std::uint64_t packets = 0;
  std::vector<FragmentCount> fragments;  // sorted by bytes (byte order), no duplicates
  // Of `packets`, those that carry data (a TCP or UDP payload of at least one byte) and
  // are no SYN: the packets a signature's gate lets through to its content tests (its
  // packet-size and tcp-flags=!syn keep SYNs and pure ACKs out). nullopt: not recorded
  // (profiles written before rosgen 0.9).
  std::optional<std::uint64_t> data_packets;
  bool operator==(const GateCounts&) const = default;
};

// How an estimate was made, from the most specific to the least (Profile::probability()).
enum class Basis {
  Gate,              // the gate asked for is in the profile and knows the fragment
  OverlappingPorts,  // gates of the same protocol whose ports overlap, weighted by packets
  AllGates,          // every gate that knows the fragment, weighted by packets
};

std::string_view basis_name(Basis basis);  // "gate", "overlapping ports", "all gates"

struct Estimate {
  double probability = 0;     // matches / packets, in [0, 1]
  std::uint64_t matches = 0;  // packets containing the fragment, summed over the gates used
  std::uint64_t packets = 0;  // packets reaching those gates
  Basis basis = Basis::Gate;
  bool operator==(const Estimate&) const = default;
};

struct FormsSeen {
  std::map<std::string, std::uint64_t> forms;  // case form -> packets, summed over the gates
  std::uint64_t packets = 0;
  Basis basis = Basis::Gate;
  bool operator==(const FormsSeen&) const = default;
};

struct DataShare {
  double share = 0;                // data_packets / packets, in [0, 1]
  std::uint64_t data_packets = 0;  // summed over the gates used
  std::uint64_t packets = 0;       // packets reaching those gates
  Basis basis = Basis::Gate;
  bool operator==(const DataShare&) const = default;
};

struct Profile {
  std::vector<GateCounts> gates;  // sorted by gate_less(), no two equal gates

  bool operator==(const Profile&) const = default;

  // The gate's counts, or null when the profile has no such gate (compared after
  // make_gate(), so `gate` need not be canonical).
  const GateCounts* find(const Gate& gate) const;

  // The estimated probability that a packet reaching `gate` contains `fragment`: in any
  // case form when `nocase` (a nocase test with all its forms), else byte for byte. A
  // case-sensitive fragment the profile lists in another case is answered from that
  // entry's recorded forms (absent form: 0). Gates are tried in three tiers, the first
  // that has data wins: the gate itself; else every gate of the same protocol whose ports
  // overlap, as sum(matches) / sum(packets); else every gate. Gates with 0 packets carry
  // no data. nullopt ("unknown"): no gate knows the fragment; the caller then falls back
  // to the per-byte model of lower/likelihood.hpp.
  std::optional<Estimate> probability(const Gate& gate, std::string_view fragment,
                                      bool nocase) const;

  // Whether estimates for `gate` can differ from every other gate's: the profile has the
  // gate, or a gate of the same protocol whose ports overlap. When not, probability() and
  // case_forms() answer from all gates, the same for every such gate.
  bool knows_gate(const Gate& gate) const;

  // The share of the packets reaching `gate` that carry data and are no SYN
  // (GateCounts::data_packets / packets), with the tiers of probability() and the packets
  // it rests on; nullopt when no gate recorded it.
  std::optional<DataShare> data_share(const Gate& gate) const;

  // The case forms of `fragment` (compared case-insensitively) seen in traffic, with the
  // same tiers as probability(); nullopt when no gate recorded its forms.
  std::optional<FormsSeen> case_forms(const Gate& gate, std::string_view fragment) const;
};

// `text` with ASCII letters lower-cased (other bytes unchanged).
std::string ascii_lower(std::string_view text);

// The number of ASCII letters in `text`.
std::size_t letter_count(std::string_view text);

}  // namespace rosgen::profile
