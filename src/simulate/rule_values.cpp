// Parsing RouterOS property values for the simulator (see rule_values.hpp).
#include "simulate/rule_values.hpp"

#include <arpa/inet.h>

#include <set>

#include "routeros/canonical.hpp"

namespace rosgen::simulate::detail {

// Splits "!x" into (true, "x").
std::pair<bool, std::string_view> negation(std::string_view value) {
  if (!value.empty() && value[0] == '!')
    return {true, value.substr(1)};
  return {false, value};
}

std::optional<std::uint32_t> ipv4(std::string_view text) {
  std::string copy(text);
  in_addr address{};
  if (::inet_pton(AF_INET, copy.c_str(), &address) != 1)
    return std::nullopt;
  return ntohl(address.s_addr);
}

// "10.0.0.0/8", "1.1.1.1-1.1.1.9", "1.2.3.4"; comma lists are not RouterOS syntax here.
std::optional<std::pair<std::uint32_t, std::uint32_t>> ipv4_range(std::string_view text) {
  if (auto dash = text.find('-'); dash != std::string_view::npos) {
    auto low = ipv4(text.substr(0, dash));
    auto high = ipv4(text.substr(dash + 1));
    if (!low || !high || *low > *high)
      return std::nullopt;
    return std::pair{*low, *high};
  }
  std::uint32_t prefix = 32;
  std::string_view address_text = text;
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    auto length = number<std::uint32_t>(text.substr(slash + 1));
    if (!length || *length > 32)
      return std::nullopt;
    prefix = *length;
    address_text = text.substr(0, slash);
  }
  auto address = ipv4(address_text);
  if (!address)
    return std::nullopt;
  std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
  return std::pair{*address & mask, (*address & mask) | ~mask};
}

std::optional<PortSet> port_set(std::string_view text) {
  PortSet set;
  for (std::string_view part : split(text, ',')) {
    auto dash = part.find('-');
    auto low = number<std::uint16_t>(part.substr(0, dash));
    auto high = dash == std::string_view::npos ? low : number<std::uint16_t>(part.substr(dash + 1));
    if (!low || !high || *low > *high)
      return std::nullopt;
    set.ranges.emplace_back(*low, *high);
  }
  return set;
}

std::optional<std::pair<std::uint64_t, std::uint64_t>> number_range(std::string_view text) {
  auto dash = text.find('-');
  auto low = number<std::uint64_t>(text.substr(0, dash));
  auto high = dash == std::string_view::npos ? low : number<std::uint64_t>(text.substr(dash + 1));
  if (!low || !high)
    return std::nullopt;
  return std::pair{*low, *high};
}

std::optional<std::uint8_t> protocol_number(std::string_view text) {
  if (text == "tcp")
    return std::uint8_t{6};
  if (text == "udp")
    return std::uint8_t{17};
  if (text == "icmp")
    return std::uint8_t{1};
  if (text == "gre")
    return std::uint8_t{47};
  if (text == "ipsec-esp")
    return std::uint8_t{50};
  if (text == "ipsec-ah")
    return std::uint8_t{51};
  if (text == "icmpv6")
    return std::uint8_t{58};
  return number<std::uint8_t>(text);
}

std::optional<std::uint8_t> tcp_flag(std::string_view name) {
  static const std::pair<std::string_view, std::uint8_t> kFlags[] = {
      {"fin", 0x01}, {"syn", 0x02}, {"rst", 0x04}, {"psh", 0x08},
      {"ack", 0x10}, {"urg", 0x20}, {"ece", 0x40}, {"cwr", 0x80}};
  for (const auto& [flag, bit] : kFlags) {
    if (flag == name)
      return bit;
  }
  return std::nullopt;
}

std::optional<std::uint8_t> state_bits(std::string_view text) {
  std::uint8_t bits = 0;
  for (std::string_view part : split(text, ',')) {
    if (part == "new")
      bits |= kStateNew;
    else if (part == "established")
      bits |= kStateEstablished;
    else if (part == "related")
      bits |= kStateRelated;
    else if (part == "invalid")
      bits |= kStateInvalid;
    else if (part == "untracked")
      bits |= kStateUntracked;
    else
      return std::nullopt;
  }
  return bits;
}

// "10/1m,5:packet", "5,10", "1M/1s,2M:bit": the limit= form (reference §1.5).
std::optional<Bucket> parse_limit(std::string_view text) {
  Bucket bucket;
  if (auto colon = text.rfind(':'); colon != std::string_view::npos) {
    std::string_view mode = text.substr(colon + 1);
    if (mode == "bit")
      bucket.bits = true;
    else if (mode != "packet")
      return std::nullopt;
    text = text.substr(0, colon);
  }
  auto parts = split(text, ',');
  if (parts.size() > 2)
    return std::nullopt;
  std::string_view rate = parts[0];
  if (auto slash = rate.find('/'); slash != std::string_view::npos) {
    auto seconds = routeros::parse_routeros_time(rate.substr(slash + 1));
    if (!seconds || *seconds == 0)
      return std::nullopt;
    bucket.period_us = static_cast<std::int64_t>(*seconds) * 1000000;
    rate = rate.substr(0, slash);
  }
  std::string canonical = routeros::canonical_value(ir::Menu::QueueTree, "max-limit", rate, 7);
  auto count = number<std::uint64_t>(canonical);
  if (!count)
    return std::nullopt;
  bucket.rate = static_cast<double>(*count);
  bucket.burst = bucket.rate;
  if (parts.size() == 2) {
    std::string burst = routeros::canonical_value(ir::Menu::QueueTree, "max-limit", parts[1], 7);
    auto value = number<std::uint64_t>(burst);
    if (!value)
      return std::nullopt;
    bucket.burst = static_cast<double>(*value);
  }
  return bucket;
}

// "5/1m,5,src-address/1m" (reference §1.5).
std::optional<DstLimit> parse_dst_limit(std::string_view text) {
  auto parts = split(text, ',');
  if (parts.size() != 3)
    return std::nullopt;
  auto bucket = parse_limit(std::string(parts[0]) + "," + std::string(parts[1]));
  if (!bucket)
    return std::nullopt;
  DstLimit out;
  out.bucket = *bucket;
  std::string_view mode = parts[2];
  if (auto slash = mode.find('/'); slash != std::string_view::npos) {
    auto seconds = routeros::parse_routeros_time(mode.substr(slash + 1));
    if (!seconds)
      return std::nullopt;
    out.expire_us = static_cast<std::int64_t>(*seconds) * 1000000;
    mode = mode.substr(0, slash);
  }
  if (mode == "src-address")
    out.key = DstLimitKey::SrcAddress;
  else if (mode == "dst-address")
    out.key = DstLimitKey::DstAddress;
  else if (mode == "src-and-dst-addresses" || mode == "src-and-dst-address")
    out.key = DstLimitKey::SrcAndDstAddresses;
  else if (mode == "dst-address-and-port")
    out.key = DstLimitKey::DstAddressAndPort;
  else if (mode == "addresses-and-dst-port")
    out.key = DstLimitKey::AddressesAndDstPort;
  else
    return std::nullopt;
  return out;
}

std::optional<Action> action_of(std::string_view name) {
  static const std::pair<std::string_view, Action> kActions[] = {
      {"accept", Action::Accept},
      {"drop", Action::Drop},
      {"reject", Action::Reject},
      {"tarpit", Action::Tarpit},
      {"jump", Action::Jump},
      {"return", Action::Return},
      {"passthrough", Action::Passthrough},
      {"log", Action::Log},
      {"fasttrack-connection", Action::FasttrackConnection},
      {"add-src-to-address-list", Action::AddSrcToAddressList},
      {"add-dst-to-address-list", Action::AddDstToAddressList},
      {"mark-connection", Action::MarkConnection},
      {"mark-packet", Action::MarkPacket},
      {"notrack", Action::Notrack},
      {"masquerade", Action::SrcNat},
      {"src-nat", Action::SrcNat},
      {"same", Action::SrcNat},
      {"dst-nat", Action::DstNat},
      {"redirect", Action::DstNat},
      {"netmap", Action::Netmap},
      {"endpoint-independent-nat", Action::Netmap}};
  for (const auto& [word, action] : kActions) {
    if (word == name)
      return action;
  }
  return std::nullopt;
}

// Properties that describe the item or its action and match nothing.
bool is_descriptive(std::string_view name) {
  static const std::set<std::string_view> kNames = {"action",
                                                    "chain",
                                                    "comment",
                                                    "disabled",
                                                    "log",
                                                    "log-prefix",
                                                    "jump-target",
                                                    "new-connection-mark",
                                                    "new-packet-mark",
                                                    "passthrough",
                                                    "address-list",
                                                    "address-list-timeout",
                                                    "reject-with",
                                                    "hw-offload",
                                                    "dynamic",
                                                    "new-routing-mark",
                                                    "new-mss",
                                                    "new-dscp",
                                                    "new-ttl",
                                                    "new-priority",
                                                    "route-dst",
                                                    "sniff-target",
                                                    "sniff-target-port",
                                                    "sniff-id",
                                                    "to-addresses",
                                                    "to-ports",
                                                    "randomise-ports",
                                                    "same-not-by-dst"};
  return kNames.count(name) > 0;
}

}  // namespace rosgen::simulate::detail
