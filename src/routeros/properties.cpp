// Property names per modeled menu. Source: ../shared/data/schema/routeros-v7-firewall-
// queue-scheduler-schema.json (add arguments, 7.9-7.24) plus v6/older names: hw-offload
// (7.9 only), routing-table (before 7.15), tos (7.21+); layer7-protocol, raw and nat from
// ros-7.9/7.22.3/7.24-inspect-attrs.json. place-before and copy-from are
// add-time arguments, kept so that scripts read back.
#include "routeros/properties.hpp"

#include <algorithm>
#include <array>

namespace rosgen::routeros {

namespace {

// One name per line keeps the tables easy to compare with the schema.
// clang-format off
constexpr std::array<std::string_view, 8> kAddressList = {
    "address",
    "comment",
    "copy-from",
    "creation-time",
    "disabled",
    "dynamic",
    "list",
    "timeout"};

constexpr std::array<std::string_view, 51> kQueueType = {
    "bfifo-limit",
    "cake-ack-filter",
    "cake-atm",
    "cake-autorate-ingress",
    "cake-bandwidth",
    "cake-diffserv",
    "cake-flowmode",
    "cake-memlimit",
    "cake-mpu",
    "cake-nat",
    "cake-overhead",
    "cake-overhead-scheme",
    "cake-rtt",
    "cake-rtt-scheme",
    "cake-wash",
    "codel-ce-threshold",
    "codel-ecn",
    "codel-interval",
    "codel-limit",
    "codel-target",
    "copy-from",
    "fq-codel-ce-threshold",
    "fq-codel-ecn",
    "fq-codel-flows",
    "fq-codel-interval",
    "fq-codel-limit",
    "fq-codel-memlimit",
    "fq-codel-quantum",
    "fq-codel-target",
    "kind",
    "mq-pfifo-limit",
    "name",
    "pcq-burst-rate",
    "pcq-burst-threshold",
    "pcq-burst-time",
    "pcq-classifier",
    "pcq-dst-address-mask",
    "pcq-dst-address6-mask",
    "pcq-limit",
    "pcq-rate",
    "pcq-src-address-mask",
    "pcq-src-address6-mask",
    "pcq-total-limit",
    "pfifo-limit",
    "red-avg-packet",
    "red-burst",
    "red-limit",
    "red-max-threshold",
    "red-min-threshold",
    "sfq-allot",
    "sfq-perturb"};

constexpr std::array<std::string_view, 78> kMangle = {
    "action",
    "address-list",
    "address-list-timeout",
    "chain",
    "comment",
    "connection-bytes",
    "connection-limit",
    "connection-mark",
    "connection-nat-state",
    "connection-rate",
    "connection-state",
    "connection-type",
    "content",
    "copy-from",
    "disabled",
    "dscp",
    "dst-address",
    "dst-address-list",
    "dst-address-type",
    "dst-limit",
    "dst-port",
    "fragment",
    "hotspot",
    "hw-offload",
    "icmp-options",
    "in-bridge-port",
    "in-bridge-port-list",
    "in-interface",
    "in-interface-list",
    "ingress-priority",
    "ipsec-policy",
    "ipv4-options",
    "jump-target",
    "layer7-protocol",
    "limit",
    "log",
    "log-prefix",
    "new-connection-mark",
    "new-dscp",
    "new-mss",
    "new-packet-mark",
    "new-priority",
    "new-routing-mark",
    "new-ttl",
    "nth",
    "out-bridge-port",
    "out-bridge-port-list",
    "out-interface",
    "out-interface-list",
    "p2p",
    "packet-mark",
    "packet-size",
    "passthrough",
    "per-connection-classifier",
    "place-before",
    "port",
    "priority",
    "protocol",
    "psd",
    "random",
    "realm",
    "route-dst",
    "routing-mark",
    "routing-table",
    "sniff-id",
    "sniff-target",
    "sniff-target-port",
    "src-address",
    "src-address-list",
    "src-address-type",
    "src-mac-address",
    "src-port",
    "tcp-flags",
    "tcp-mss",
    "time",
    "tls-host",
    "tos",
    "ttl"};

constexpr std::array<std::string_view, 67> kFilter = {
    "action",
    "address-list",
    "address-list-timeout",
    "chain",
    "comment",
    "connection-bytes",
    "connection-limit",
    "connection-mark",
    "connection-nat-state",
    "connection-rate",
    "connection-state",
    "connection-type",
    "content",
    "copy-from",
    "disabled",
    "dscp",
    "dst-address",
    "dst-address-list",
    "dst-address-type",
    "dst-limit",
    "dst-port",
    "fragment",
    "hotspot",
    "hw-offload",
    "icmp-options",
    "in-bridge-port",
    "in-bridge-port-list",
    "in-interface",
    "in-interface-list",
    "ingress-priority",
    "ipsec-policy",
    "ipv4-options",
    "jump-target",
    "layer7-protocol",
    "limit",
    "log",
    "log-prefix",
    "nth",
    "out-bridge-port",
    "out-bridge-port-list",
    "out-interface",
    "out-interface-list",
    "p2p",
    "packet-mark",
    "packet-size",
    "per-connection-classifier",
    "place-before",
    "port",
    "priority",
    "protocol",
    "psd",
    "random",
    "realm",
    "reject-with",
    "routing-mark",
    "routing-table",
    "src-address",
    "src-address-list",
    "src-address-type",
    "src-mac-address",
    "src-port",
    "tcp-flags",
    "tcp-mss",
    "time",
    "tls-host",
    "tos",
    "ttl"};

constexpr std::array<std::string_view, 14> kQueueTree = {
    "bucket-size",
    "burst-limit",
    "burst-threshold",
    "burst-time",
    "comment",
    "copy-from",
    "disabled",
    "limit-at",
    "max-limit",
    "name",
    "packet-mark",
    "parent",
    "priority",
    "queue"};

constexpr std::array<std::string_view, 4> kLayer7Protocol = {
    "comment",
    "copy-from",
    "name",
    "regexp"};

constexpr std::array<std::string_view, 53> kRaw = {
    "action",
    "address-list",
    "address-list-timeout",
    "chain",
    "comment",
    "content",
    "copy-from",
    "disabled",
    "dscp",
    "dst-address",
    "dst-address-list",
    "dst-address-type",
    "dst-limit",
    "dst-port",
    "fragment",
    "hotspot",
    "icmp-options",
    "in-bridge-port",
    "in-bridge-port-list",
    "in-interface",
    "in-interface-list",
    "ingress-priority",
    "ipsec-policy",
    "ipv4-options",
    "jump-target",
    "limit",
    "log",
    "log-prefix",
    "nth",
    "out-bridge-port",
    "out-bridge-port-list",
    "out-interface",
    "out-interface-list",
    "packet-mark",
    "packet-size",
    "per-connection-classifier",
    "place-before",
    "port",
    "priority",
    "protocol",
    "psd",
    "random",
    "src-address",
    "src-address-list",
    "src-address-type",
    "src-mac-address",
    "src-port",
    "tcp-flags",
    "tcp-mss",
    "time",
    "tls-host",
    "tos",
    "ttl"};

constexpr std::array<std::string_view, 68> kNat = {
    "action",
    "address-list",
    "address-list-timeout",
    "chain",
    "comment",
    "connection-bytes",
    "connection-limit",
    "connection-mark",
    "connection-rate",
    "connection-type",
    "content",
    "copy-from",
    "disabled",
    "dscp",
    "dst-address",
    "dst-address-list",
    "dst-address-type",
    "dst-limit",
    "dst-port",
    "fragment",
    "hotspot",
    "icmp-options",
    "in-bridge-port",
    "in-bridge-port-list",
    "in-interface",
    "in-interface-list",
    "ingress-priority",
    "ipsec-policy",
    "ipv4-options",
    "jump-target",
    "layer7-protocol",
    "limit",
    "log",
    "log-prefix",
    "nth",
    "out-bridge-port",
    "out-bridge-port-list",
    "out-interface",
    "out-interface-list",
    "packet-mark",
    "packet-size",
    "per-connection-classifier",
    "place-before",
    "port",
    "priority",
    "protocol",
    "psd",
    "random",
    "randomise-ports",
    "realm",
    "routing-mark",
    "routing-table",
    "same-not-by-dst",
    "socks5-port",
    "socks5-server",
    "socksify-service",
    "src-address",
    "src-address-list",
    "src-address-type",
    "src-mac-address",
    "src-port",
    "tcp-mss",
    "time",
    "tls-host",
    "to-addresses",
    "to-ports",
    "tos",
    "ttl"};

// Not in the schema files: from the RouterOS manual's Interface Lists page (name, include,
// exclude, comment; member: list, interface, comment, disabled), plus what exports print.
constexpr std::array<std::string_view, 7> kInterfaceList = {
    "builtin",
    "comment",
    "copy-from",
    "dynamic",
    "exclude",
    "include",
    "name"};

constexpr std::array<std::string_view, 6> kInterfaceListMember = {
    "comment",
    "copy-from",
    "disabled",
    "dynamic",
    "interface",
    "list"};

// clang-format on

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::binary_search(names.begin(), names.end(), name);
}

}  // namespace

bool is_property_name(std::string_view name) {
  return !name.empty() && name[0] >= 'a' && name[0] <= 'z' &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
         });
}

bool is_known_property(ir::Menu menu, std::string_view name) {
  switch (menu) {
    case ir::Menu::AddressList:
      return contains(kAddressList, name);
    case ir::Menu::QueueType:
      return contains(kQueueType, name);
    case ir::Menu::Mangle:
      return contains(kMangle, name);
    case ir::Menu::Filter:
      return contains(kFilter, name);
    case ir::Menu::QueueTree:
      return contains(kQueueTree, name);
    case ir::Menu::Layer7Protocol:
      return contains(kLayer7Protocol, name);
    case ir::Menu::Raw:
      return contains(kRaw, name);
    case ir::Menu::Nat:
      return contains(kNat, name);
    case ir::Menu::InterfaceList:
      return contains(kInterfaceList, name);
    case ir::Menu::InterfaceListMember:
      return contains(kInterfaceListMember, name);
  }
  return false;
}

}  // namespace rosgen::routeros
