// Canonical values: the one place that decides when two RouterOS property values mean
// the same thing, so that diff reports no false drift. Rules (each with a table test in
// tests/unit/canonical_test.cpp):
//   bandwidth   25M = 25000000, 9500k = 9500000          (max-limit, limit-at, pcq-rate, ...)
//   size        pcq-limit: v7 KiB ("50" = "50KiB"), v6 packets
//   duration    1d = 24h = 1d00:00:00 = 86400s           (timeouts, burst times)
//   boolean     yes/true, no/false
//   ports       order and overlaps do not matter: "443,80,81-82" = "80-82,443"
//   sets        connection-state, tcp-flags, pcq-classifier: order does not matter
//   address     10.0.0.1/32 = 10.0.0.1
//   limits      dst-limit 5/1m,5,src-address/1m = 5/60s,5,src-address/00:01:00;
//               limit 5,10 = 5,10:packet
//   negation    "! x" = "!x"
//   defaults    a property at its RouterOS default equals its absence (disabled=no,
//               log=no, passthrough=yes on every version — exports print it before 7.19
//               only when set explicitly (reference §1.1) — queue tree priority=8, ...)
// Entry points: canonical_value(), canonical_item().
#pragma once

#include <string>
#include <string_view>

#include "ir/ir.hpp"

namespace rosgen::routeros {

std::string canonical_value(ir::Menu menu, std::string_view name, std::string_view value,
                            int major);

// True when name=value (canonical) is what RouterOS assumes when the property is absent.
bool is_default_value(ir::Menu menu, std::string_view name, std::string_view canonical, int major);

// The item with canonical values, defaults and remarks dropped.
ir::Item canonical_item(const ir::Item& item, int major);

// Seconds in a RouterOS time ("1d2h", "00:05:00", "1d00:00:00", "90", "1w"); nullopt if
// it is not one.
std::optional<std::uint64_t> parse_routeros_time(std::string_view text);

}  // namespace rosgen::routeros
