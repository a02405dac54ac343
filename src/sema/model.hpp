// The checked policy: every name resolved, every number converted and range-checked.
// This is what lowering consumes; it holds no syntax, only meaning (plus the source
// range of each rule for later diagnostics).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "support/diagnostics.hpp"

namespace rosgen::sema {

enum class Hook { Forward, Input };
enum class Protocol { Tcp, Udp };

std::string_view protocol_name(Protocol protocol);

struct PortRange {
  std::uint16_t first = 0;
  std::uint16_t last = 0;
  bool operator==(const PortRange&) const = default;
};

struct PortSet {
  Protocol protocol = Protocol::Tcp;
  std::vector<PortRange> ranges;  // in the order written, duplicates removed; empty: any port
  bool operator==(const PortSet&) const = default;
};

// An IPv4 prefix, host bits cleared.
struct Prefix {
  std::uint32_t address = 0;
  std::uint8_t length = 32;
  bool operator==(const Prefix&) const = default;
  std::string text() const;  // "192.168.88.0/24", or "10.0.0.1" for a /32
};

// A set of source addresses as a rule uses it: one prefix becomes src-address=, more
// become an address list named after `list`.
struct AddressSet {
  std::string list;  // address-list name suffix ("clients", a set name, "<rule>-src")
  std::vector<Prefix> prefixes;
  bool operator==(const AddressSet&) const = default;
};

struct SourceFilter {
  bool except = false;  // "except": match hosts outside the set
  AddressSet addresses;
  bool operator==(const SourceFilter&) const = default;
};

struct Interface {
  std::string name;
  bool is_list = false;  // an interface list ("via list LAN")
  bool operator==(const Interface&) const = default;
};

// The default policy-wide budget on generated items (rules, address-list entries, queue
// types and trees, anchors), counted on the final output: 2.5 times what the 10,000-rule
// bench policy (bench/bench_compile.cpp) compiles to, 79,995 items. It stops the blow-ups
// the per-literal variant budget cannot see (20 nocase literals of 16 letters each make
// 1.3 million items, a 246 MB script); 'item-budget N' in the policy block raises it.
inline constexpr std::uint32_t kDefaultItemBudget = 200000;

struct Site {
  std::string policy;  // the policy name, part of every owned name and comment
  int routeros = 7;    // RouterOS major version: 6 or 7
  // The minor version, if the policy gives one ('routeros 6.49': 49): some details (the
  // unit of PCQ pcq-limit) changed within a major version.
  std::optional<int> routeros_minor;
  std::optional<AddressSet> clients;
  std::optional<Interface> client_interface;
  std::optional<Interface> uplink;
  std::vector<Hook> hooks = {Hook::Forward};
  std::uint32_t variant_budget = 256;
  std::uint32_t item_budget = kDefaultItemBudget;  // items the whole policy may generate
  bool anchor_top = true;  // anchors first in their built-in chain (else appended last)
  bool operator==(const Site&) const = default;
};

enum class Terminal { Drop, Reject, Tarpit };

struct Verdict {
  std::optional<Terminal> terminal;
  std::optional<std::string> log_prefix;
  std::optional<std::uint32_t> quarantine_seconds;
  std::optional<std::uint64_t> throttle_bps;
  bool operator==(const Verdict&) const = default;
};

struct Cap {
  std::string name;
  std::uint32_t count = 0;  // connections allowed; the next one is hit
  std::uint8_t prefix_length = 32;
  std::optional<PortSet> ports;
  std::optional<SourceFilter> source;
  Verdict verdict;
  bool operator==(const Cap&) const = default;
};

enum class RateBackEnd { DstLimit, Queue };

struct Rate {
  std::string name;
  std::uint32_t count = 0;           // SYNs ...
  std::uint32_t period_seconds = 1;  // ... per this many seconds
  std::uint32_t burst = 0;
  PortSet ports;
  std::optional<SourceFilter> source;
  RateBackEnd back_end = RateBackEnd::DstLimit;
  Verdict verdict;  // dst-limit only; drop by default
  bool operator==(const Rate&) const = default;
};

// The longest literal content= can take, in bytes. RouterOS documents no limit (reference
// §1.3); its content= is almost certainly Linux's xt_string match (not among MikroTik's
// own matchers), whose include/uapi/linux/netfilter/xt_string.h sets
// XT_STRING_MAX_PATTERN_SIZE 128 and whose string_mt_check() refuses a longer pattern
// (-EINVAL). Unverified on a router: if RouterOS differs, this one constant changes.
inline constexpr std::size_t kMaxContentBytes = 128;

struct Literal {
  std::string bytes;
  bool nocase = false;
  std::string written;  // as in the source, for remarks and messages
  bool operator==(const Literal&) const = default;
};

// One stage of a signature: the packet (in one packet) or a later packet of the connection
// (in sequence) holds any one of `alternatives` ("HELO" | "EHLO"). `at_start`: the
// alternative must open the connection's client data (a layer7 regexp; only the first
// stage of an in-sequence signature, any stage in one packet).
struct Stage {
  std::vector<Literal> alternatives;  // as written, duplicates removed (with a warning)
  bool at_start = false;
  std::uint32_t position = 0;  // 1-based place in the author's list: ids and marks use it
  bool operator==(const Stage&) const = default;
};

enum class Conjunction { OnePacket, Sequence };

struct Signature {
  std::string name;
  PortSet ports;
  std::optional<SourceFilter> source;
  std::optional<std::uint32_t> window_bytes;  // connection-bytes=0-N
  Conjunction conjunction = Conjunction::OnePacket;
  std::vector<Stage> stages;  // author order; the optimiser may reorder OnePacket
  Verdict verdict;
  bool operator==(const Signature&) const = default;
};

using Rule = std::variant<Cap, Rate, Signature>;

// Where a checked policy's parts are written, for diagnostics of later stages (the item
// budget, counted after lowering).
struct PolicySources {
  std::optional<support::SourceRange> block;          // the policy block's 'policy' keyword
  std::optional<support::SourceRange> item_budget;    // the value of 'item-budget', if given
  std::map<std::string, support::SourceRange> rules;  // each rule's name, by name
  bool operator==(const PolicySources&) const = default;
};

struct Policy {
  Site site;
  PolicySources sources;
  std::vector<Rule> rules;                // author order, includes expanded in place
  std::vector<std::string> source_names;  // the main file, then included files
  std::string source_digest;              // sha256 over the sources in that order
  bool operator==(const Policy&) const = default;
};

const std::string& rule_name(const Rule& rule);

}  // namespace rosgen::sema
