// The precondition table (see preconditions.hpp). Sources, by tag:
//   GPL-TARPIT  MikroTik's GPL kernel sources, ipt_TARPIT checkentry: the target is
//               refused unless the rule matches protocol tcp (issue 6, A.1).
//   REJECT      Linux net/ipv4/netfilter/ipt_REJECT.c reject_tg_check: "TCP_RESET
//               invalid for non-tcp" (RouterOS's reject is this target).
//   XT-TCP      Linux xt_tcpudp / xt_tcpmss / xt_TCPMSS: the tcp match and the MSS
//               match/target need the rule to match protocol tcp (iptables refuses
//               them otherwise). That the RouterOS CLI refuses is unverified; rosgen
//               follows the documented netfilter behaviour.
//   CFM         help.mikrotik.com "Common Firewall Matchers and Actions": ports only
//               with protocols that have ports; icmp-options with protocol icmp.
//   CRATE       help.mikrotik.com "Connection rate": connection-bytes and
//               connection-rate work on TCP/UDP only, "protocol must be specified".
//   ACTION      the property belongs to one action (reference §1.1); rosgen never
//               writes it on another. Whether RouterOS refuses or ignores it there is
//               unverified: treating it as refused is the harmless choice.
#include "routeros/preconditions.hpp"

#include <algorithm>
#include <array>

namespace rosgen::routeros {

namespace {

using ir::Menu;

constexpr std::array<std::string_view, 1> kTcp = {"tcp"};
constexpr std::array<std::string_view, 5> kPortProtocols = {"tcp", "udp", "udp-lite", "sctp",
                                                            "dccp"};
constexpr std::array<std::string_view, 2> kTcpUdp = {"tcp", "udp"};
constexpr std::array<std::string_view, 1> kIcmp = {"icmp"};
constexpr std::array<std::string_view, 1> kJump = {"jump"};
constexpr std::array<std::string_view, 1> kReject = {"reject"};
constexpr std::array<std::string_view, 1> kMarkPacket = {"mark-packet"};
constexpr std::array<std::string_view, 1> kMarkConnection = {"mark-connection"};
constexpr std::array<std::string_view, 1> kMarkRouting = {"mark-routing"};
constexpr std::array<std::string_view, 2> kAddToList = {"add-src-to-address-list",
                                                        "add-dst-to-address-list"};
constexpr std::span<const std::string_view> kPresent = {};

// Rows shared by filter and mangle: matchers and the properties of shared actions.
void add_shared_rows(std::vector<Precondition>& rows, Menu m) {
  rows.insert(rows.end(),
              {
                  {m, "dst-port", "", "protocol", kPortProtocols, "CFM"},
                  {m, "src-port", "", "protocol", kPortProtocols, "CFM"},
                  {m, "port", "", "protocol", kPortProtocols, "CFM"},
                  {m, "tcp-flags", "", "protocol", kTcp, "XT-TCP"},
                  {m, "tcp-mss", "", "protocol", kTcp, "XT-TCP"},
                  {m, "icmp-options", "", "protocol", kIcmp, "CFM"},
                  {m, "connection-bytes", "", "protocol", kTcpUdp, "CRATE"},
                  {m, "connection-rate", "", "protocol", kTcpUdp, "CRATE"},
                  {m, "action", "jump", "jump-target", kPresent, "ACTION"},
                  {m, "jump-target", "", "action", kJump, "ACTION"},
                  {m, "address-list", "", "action", kAddToList, "ACTION"},
                  {m, "address-list-timeout", "", "action", kAddToList, "ACTION"},
                  {m, "action", "add-src-to-address-list", "address-list", kPresent, "ACTION"},
                  {m, "action", "add-dst-to-address-list", "address-list", kPresent, "ACTION"},
              });
}

const std::vector<Precondition>& table() {
  static const std::vector<Precondition> rows = [] {
    std::vector<Precondition> out;
    add_shared_rows(out, Menu::Filter);
    out.insert(out.end(),
               {
                   {Menu::Filter, "action", "tarpit", "protocol", kTcp, "GPL-TARPIT"},
                   {Menu::Filter, "reject-with", "tcp-reset", "protocol", kTcp, "REJECT"},
                   {Menu::Filter, "reject-with", "", "action", kReject, "ACTION"},
                   // mangle-only properties: empty requirement = not valid here
                   {Menu::Filter, "passthrough", "", "", kPresent, "ACTION"},
                   {Menu::Filter, "new-packet-mark", "", "", kPresent, "ACTION"},
                   {Menu::Filter, "new-connection-mark", "", "", kPresent, "ACTION"},
               });
    add_shared_rows(out, Menu::Mangle);
    out.insert(
        out.end(),
        {
            {Menu::Mangle, "action", "change-mss", "protocol", kTcp, "XT-TCP"},
            {Menu::Mangle, "new-packet-mark", "", "action", kMarkPacket, "ACTION"},
            {Menu::Mangle, "new-connection-mark", "", "action", kMarkConnection, "ACTION"},
            {Menu::Mangle, "new-routing-mark", "", "action", kMarkRouting, "ACTION"},
            {Menu::Mangle, "action", "mark-packet", "new-packet-mark", kPresent, "ACTION"},
            {Menu::Mangle, "action", "mark-connection", "new-connection-mark", kPresent, "ACTION"},
            // filter-only actions
            {Menu::Mangle, "action", "tarpit", "", kPresent, "ACTION"},
            {Menu::Mangle, "action", "reject", "", kPresent, "ACTION"},
            {Menu::Mangle, "action", "drop", "", kPresent, "ACTION"},
        });
    return out;
  }();
  return rows;
}

std::string describe(const Precondition& p) {
  std::string subject =
      std::string(p.property) + (p.value.empty() ? "" : "=" + std::string(p.value));
  if (p.requires_property.empty()) {
    return subject + " is not valid in " + std::string(ir::menu_path(p.menu)) + " (" +
           std::string(p.source) + ")";
  }
  std::string need = std::string(p.requires_property);
  if (!p.allowed.empty()) {
    need += "=";
    for (std::size_t i = 0; i < p.allowed.size(); ++i)
      need += (i ? "|" : "") + std::string(p.allowed[i]);
  }
  return subject + " needs " + need + " on the same rule (" + std::string(p.source) + ")";
}

}  // namespace

std::span<const Precondition> preconditions() {
  return table();
}

std::vector<std::string> violations(const ir::Item& item) {
  std::vector<std::string> out;
  for (const Precondition& p : table()) {
    if (p.menu != item.menu)
      continue;
    const std::string* value = item.get(p.property);
    if (value == nullptr || (!p.value.empty() && *value != p.value))
      continue;
    bool ok = false;
    if (!p.requires_property.empty()) {
      const std::string* have = item.get(p.requires_property);
      ok = have != nullptr &&
           (p.allowed.empty() || std::find(p.allowed.begin(), p.allowed.end(),
                                           std::string_view(*have)) != p.allowed.end());
    }
    if (!ok)
      out.push_back(describe(p));
  }
  return out;
}

}  // namespace rosgen::routeros
