// Parsing RouterOS property values for the simulator's rule compiler (rules.cpp):
// addresses, ports, numbers, protocols, TCP flags, connection states, limit= and
// dst-limit=, actions. Private to src/simulate. Each returns nullopt for a value it cannot
// read, which the compiler records as unmodeled.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "simulate/rules.hpp"
#include "support/ascii.hpp"

namespace rosgen::simulate::detail {

template <typename T>
std::optional<T> number(std::string_view text) {
  T value{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty())
    return std::nullopt;
  return value;
}

// Splits "!x" into (true, "x").
std::pair<bool, std::string_view> negation(std::string_view value);

using support::split;

// A dotted IPv4 address in host byte order.
std::optional<std::uint32_t> ipv4(std::string_view text);

// "10.0.0.0/8", "1.1.1.1-1.1.1.9", "1.2.3.4"; comma lists are not RouterOS syntax here.
std::optional<std::pair<std::uint32_t, std::uint32_t>> ipv4_range(std::string_view text);

// "80", "1-1024", "25,465,587" as inclusive ranges.
std::optional<PortSet> port_set(std::string_view text);

// "500000-0" (0: no upper bound) or "64" (exactly) as an inclusive range.
std::optional<std::pair<std::uint64_t, std::uint64_t>> number_range(std::string_view text);

// "tcp", "udp", "icmp", ... or a number, as the IP protocol number.
std::optional<std::uint8_t> protocol_number(std::string_view text);

// "syn", "ack", ... as the TCP header's flag bit.
std::optional<std::uint8_t> tcp_flag(std::string_view name);

// "established,related" as connection-state bits (kState*).
std::optional<std::uint8_t> state_bits(std::string_view text);

// "10/1m,5:packet", "5,10", "1M/1s,2M:bit": the limit= form (reference §1.5).
std::optional<Bucket> parse_limit(std::string_view text);

// "5/1m,5,src-address/1m" (reference §1.5).
std::optional<DstLimit> parse_dst_limit(std::string_view text);

// action= as the simulator's Action; nullopt for one it does not model.
std::optional<Action> action_of(std::string_view name);

// Properties that describe the item or its action and match nothing.
bool is_descriptive(std::string_view name);

}  // namespace rosgen::simulate::detail

namespace rosgen::simulate {

// The optimiser's rule-order pass compares rules by what they match, as the simulator does.
using detail::is_descriptive;

}  // namespace rosgen::simulate
