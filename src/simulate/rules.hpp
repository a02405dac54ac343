// The router's firewall and queues, compiled for simulation: every raw, mangle, filter and
// NAT item of a RouterState becomes a Rule whose matchers are parsed once (addresses as IPv4
// ranges, ports as ranges, marks as small integers), chains are lists of rule indices,
// and what the simulator cannot evaluate is recorded, never guessed. Entry point:
// compile_rules().
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "routeros/state.hpp"
#include "simulate/layer7.hpp"

namespace rosgen::simulate {

// Inclusive IPv4 ranges in host byte order.
struct Ipv4Set {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges;
  bool contains(std::uint32_t address) const;
};

// Inclusive port ranges.
struct PortSet {
  std::vector<std::pair<std::uint16_t, std::uint16_t>> ranges;
  bool contains(std::uint16_t port) const;
};

// Interned names (marks, address lists, interfaces): 0 means "none" (no-mark).
class Names {
 public:
  int id(const std::string& name);  // adds the name when new

  const std::string& name(int id) const { return names_[static_cast<std::size_t>(id)]; }

 private:
  std::vector<std::string> names_{""};
  std::unordered_map<std::string, int> ids_;
};

// connection-state bits.
inline constexpr std::uint8_t kStateNew = 1;
inline constexpr std::uint8_t kStateEstablished = 2;
inline constexpr std::uint8_t kStateRelated = 4;
inline constexpr std::uint8_t kStateInvalid = 8;
inline constexpr std::uint8_t kStateUntracked = 16;
// connection-nat-state bits.
inline constexpr std::uint8_t kNatSrcnat = 1;
inline constexpr std::uint8_t kNatDstnat = 2;

enum class Action {
  Accept,
  Drop,
  Reject,
  Tarpit,
  Jump,
  Return,
  Passthrough,
  Log,
  FasttrackConnection,
  AddSrcToAddressList,
  AddDstToAddressList,
  MarkConnection,
  MarkPacket,
  Notrack,  // raw: the packet is not tracked (connection-state=untracked)
  SrcNat,   // nat: masquerade, src-nat, same: the connection is src-nated
  DstNat,   // nat: dst-nat, redirect: the connection is dst-nated
  Netmap,   // nat: netmap, endpoint-independent-nat: src- or dst-nated by the chain's hook
  Other,    // an action the simulator does not model (e.g. change-mss): it counts and continues
};

// A token bucket as RouterOS's limit= and dst-limit= describe it (reference §1.5):
// `rate` tokens per `period_us`, at most `burst` tokens; `bits`: tokens are bits of the
// packet (limit=...:bit), else packets.
struct Bucket {
  double rate = 0;
  std::int64_t period_us = 1000000;
  double burst = 0;
  bool bits = false;
};

enum class DstLimitKey {
  SrcAddress,
  DstAddress,
  SrcAndDstAddresses,
  DstAddressAndPort,
  AddressesAndDstPort
};

struct DstLimit {
  Bucket bucket;
  DstLimitKey key = DstLimitKey::SrcAddress;
  std::int64_t expire_us = 0;  // an idle flow's bucket is forgotten after this (0: never)
};

struct Rule {
  // Identity for reports.
  ir::Menu menu = ir::Menu::Filter;
  std::size_t position = 0;  // index in its menu, as print numbers it (dynamic items included)
  std::string label;         // the comment, else "filter rule 3 (chain=forward action=drop)"
  std::string chain;
  bool owned = false;  // comment starts with "rosgen:"

  // Matchers, each optional; `neg_*` inverts. Evaluated in RouterOS's fixed order
  // (reference §1.2), so that costly matchers only run on packets the cheap ones let by.
  std::optional<std::uint8_t> protocol;
  bool neg_protocol = false;
  std::optional<Ipv4Set> src_address, dst_address;
  bool neg_src_address = false, neg_dst_address = false;
  int in_interface = 0, out_interface = 0, in_list = 0, out_list = 0;  // 0: not given
  bool neg_in_interface = false, neg_out_interface = false, neg_in_list = false,
       neg_out_list = false;
  int src_list = 0, dst_list = 0;
  bool neg_src_list = false, neg_dst_list = false;
  std::optional<std::pair<std::uint32_t, std::uint32_t>> packet_size;
  bool neg_packet_size = false;
  std::optional<PortSet> dst_port, src_port, any_port;
  bool neg_dst_port = false, neg_src_port = false, neg_any_port = false;
  std::uint8_t tcp_set = 0, tcp_clear = 0;  // tcp-flags: listed / !listed
  bool has_tcp_flags = false;
  std::optional<int> packet_mark, connection_mark;  // 0 = no-mark
  bool neg_packet_mark = false, neg_connection_mark = false;
  std::uint8_t connection_state = 0;  // bits; 0 = not given
  bool neg_connection_state = false;
  std::uint8_t nat_state = 0;
  bool neg_nat_state = false;
  std::optional<std::pair<std::uint64_t, std::uint64_t>> connection_bytes;  // to 0 = infinity
  bool neg_connection_bytes = false;
  std::optional<std::pair<std::uint32_t, std::uint32_t>> connection_limit;  // count, prefix
  bool neg_connection_limit = false;
  std::optional<bool> ipsec_matches;  // ipsec-policy: no IPsec traffic, so fixed per rule
  std::optional<std::string> content;
  bool neg_content = false;
  int layer7 = -1;  // index into Rules::layer7 (layer7-protocol=)
  bool neg_layer7 = false;
  std::optional<Bucket> limit;
  std::optional<DstLimit> dst_limit;
  // Properties the simulator cannot evaluate ("tls-host", "nth"): a packet
  // that reaches them is counted as unmodeled and the rule taken as not matching.
  std::vector<std::string> unmodeled;

  // Action.
  Action action = Action::Accept;
  std::string action_name;
  int jump_target = -1;  // chain index
  int new_mark = 0;      // new-connection-mark / new-packet-mark
  bool passthrough = true;
  int address_list = 0;
  std::int64_t address_list_timeout_us = 0;  // 0: none-dynamic (until reboot)
  std::string reject_with;
};

// A PCQ queue tree leaf (reference §2): packets with `packet_mark` are queued per
// sub-stream (pcq-classifier) at `rate` bit/s with `limit_bytes` of buffer each.
struct Queue {
  std::string name;
  std::string label;  // comment or name
  int packet_mark = 0;
  bool global = true;  // parent=global: input and postrouting; else an interface's egress
  int parent_interface = 0;
  bool nested = false;  // its parent is another queue (the attachment is the root's)
  bool pcq = false;
  double rate_bps = 0;            // pcq-rate (0: unlimited) or max-limit for a non-PCQ queue
  std::uint64_t limit_bytes = 0;  // pcq-limit per sub-stream (v7: KiB; v6: packets x 1500)
  bool limit_in_packets = false;  // v6 reading of pcq-limit
  std::uint64_t limit_packets = 0;
  bool classify_src = true, classify_dst = false, classify_src_port = false,
       classify_dst_port = false;
  std::vector<std::string> unmodeled;
};

// An address-list entry from the configuration (static or dynamic with a timeout).
struct ListEntry {
  int list = 0;
  Ipv4Set addresses;
  std::optional<std::int64_t> timeout_us;  // from the item's timeout=, if any
};

// The chains of one table (mangle or filter): built-in and user chains by name.
struct Table {
  std::vector<std::vector<int>> chains;  // rule indices per chain
  std::map<std::string, int> chain_ids;

  int chain(const std::string& name) const {
    auto it = chain_ids.find(name);
    return it == chain_ids.end() ? -1 : it->second;
  }
};

// A /ip firewall layer7-protocol entry that compiled (layer7.hpp).
struct Layer7 {
  std::string name;
  Layer7Pattern pattern;
};

struct Rules {
  Names names;
  std::vector<Rule> rules;
  Table raw, mangle, filter, nat;
  std::vector<Layer7> layer7;
  std::vector<Queue> queues;
  std::vector<ListEntry> list_entries;
  int major = 7;
  // Facts for the report: menus of the configuration the simulator does not model
  // ("/ip firewall raw: 12 statements"), and unmodeled rule properties by name.
  std::vector<std::string> not_modeled;
};

// "192.168.88.0/24", "10.0.0.1-10.0.0.9" or "10.0.0.1" as an inclusive range of IPv4
// addresses (host byte order); nullopt when it is none of these.
std::optional<std::pair<std::uint32_t, std::uint32_t>> parse_ipv4_range(std::string_view text);

// Compiles `state` (a RouterState read from an export, a script, or a compiled policy
// imported on top of one): raw, mangle, filter and NAT rules (disabled ones left out),
// layer7 protocols, queue trees and address lists. `major`: RouterOS major version
// (pcq-limit units).
// Never fails: what cannot be parsed is listed in Rule::unmodeled (and Rules::not_modeled).
Rules compile_rules(const routeros::RouterState& state, int major);

}  // namespace rosgen::simulate
