// Canonical values: the one place that decides when two RouterOS property values mean
// the same thing, so that diff reports no false drift. Rules (each with a table test in
// tests/unit/canonical_test.cpp):
//   bandwidth   25M = 25000000, 9500k = 9500000          (max-limit, limit-at, pcq-rate, ...)
//   size        pcq-limit, pcq-total-limit: KiB on v6 and v7 ("50" = "50KiB" = "51200B";
//               research and reasoning in canonical.cpp, canonical_size)
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
//               only when set explicitly (reference §1.1) — queue tree priority=8,
//               pcq-limit=50KiB and pcq-total-limit=2000KiB, printed or not, ...)
// Entry points: canonical_value(), canonical_item().
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ir/ir.hpp"

namespace rosgen::routeros {

// `value` of property `name` in `menu`, in the one form that every equivalent spelling
// maps to (the rules above). `major`: the router's RouterOS major version (6 or 7, from
// the export header, else the policy's); no rule depends on more than that, and at
// present none depends on it at all (pcq sizes: see canonical.cpp).
// A number too large for its unit conversion (durations past 2^32 - 1 s, bandwidths or
// seconds past 2^64 - 1, sizes past 2^64 - 1 bytes, ports past 65535) is never wrapped:
// that part of the value is kept as written, so it compares equal only to the same
// spelling, and *out_of_range (when given) is set, for the reader to warn with the line
// (issue 7, section 4). Numbers compared as written are checked too, against the width of
// their field: connection-bytes 64 bits; connection-limit's count and mask, limit's and
// dst-limit's rate and burst 32 bits (limit in bits: 64); packet-size and MSS 16; TTL 8; ...
// (kIntegers in canonical.cpp).
std::string canonical_value(ir::Menu menu, std::string_view name, std::string_view value, int major,
                            bool* out_of_range = nullptr);

// canonical_value's out_of_range, cheaply: false at once for a property without a unit
// conversion (the reader asks for every property it reads).
bool value_out_of_range(ir::Menu menu, std::string_view name, std::string_view value, int major);

// True when name=value (canonical) is what RouterOS assumes when the property is absent.
bool is_default_value(ir::Menu menu, std::string_view name, std::string_view canonical, int major);

// The value a patch writes to put property `name` back to its default where unsetting it
// with `!name` is doubtful: the yes/no flags (disabled=no, log=no, and passthrough=yes in
// mangle) and log-prefix="". The sources show `set ... !prop` for matchers (reference
// §5.1), none for flags, and an explicit default is what every version accepts.
// nullopt: unset the property with `!name`.
std::optional<std::string> explicit_default(ir::Menu menu, std::string_view name);

// The item with canonical values, defaults and remarks dropped; `major` as above.
ir::Item canonical_item(const ir::Item& item, int major);

// Seconds in a RouterOS time ("1d2h", "00:05:00", "1d00:00:00", "90", "1w"); nullopt if
// it is not one, or if the seconds do not fit in 64 bits (then *overflow is set).
std::optional<std::uint64_t> parse_routeros_time(std::string_view text, bool* overflow = nullptr);

}  // namespace rosgen::routeros
