// Canonical values (see canonical.hpp for the rules).
#include "routeros/canonical.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <set>
#include <vector>

#include "lower/lower.hpp"

namespace rosgen::routeros {

namespace {

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

template <std::size_t N>
bool is_one_of(std::string_view name, const std::array<std::string_view, N>& names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The properties whose values go through a unit conversion.
constexpr std::array<std::string_view, 7> kBandwidths = {
    "max-limit", "limit-at",       "burst-limit",        "burst-threshold",
    "pcq-rate",  "pcq-burst-rate", "pcq-burst-threshold"};
constexpr std::array<std::string_view, 4> kTimes = {"address-list-timeout", "timeout", "burst-time",
                                                    "pcq-burst-time"};
constexpr std::array<std::string_view, 3> kPorts = {"dst-port", "src-port", "port"};
constexpr std::array<std::string_view, 2> kSizes = {"pcq-limit", "pcq-total-limit"};
constexpr std::array<std::string_view, 2> kRates = {"dst-limit", "limit"};

// Fields of plain integers (ranges "a-b", lists "a,b", "equal:64"), compared as written,
// each number checked against the width of the field that holds it, so that a number
// that would wrap there is reported (issue 7, section 4). The widths are netfilter's,
// which RouterOS's firewall is built on (xt_connbytes counts in 64 bits, xt_connlimit's
// count and mask are 32-bit, packet sizes and MSS are the IP header's 16 bits, TTL 8,
// DSCP 6); that RouterOS keeps the same widths is not verified. 32 bits where unknown.
struct IntegerField {
  std::string_view name;
  std::uint64_t max;
};

constexpr std::uint64_t kMax64 = ~std::uint64_t{0};
constexpr std::uint64_t kMax32 = 0xffffffffu;
constexpr std::array<IntegerField, 17> kIntegers = {{{"connection-bytes", kMax64},
                                                     {"connection-limit", kMax32},
                                                     {"packet-size", 0xffff},
                                                     {"tcp-mss", 0xffff},
                                                     {"new-mss", 0xffff},
                                                     {"ttl", 0xff},
                                                     {"new-ttl", 0xff},
                                                     {"dscp", 63},
                                                     {"new-dscp", 63},
                                                     {"nth", kMax32},
                                                     {"random", kMax32},
                                                     {"priority", kMax32},
                                                     {"new-priority", kMax32},
                                                     {"pcq-src-address-mask", kMax32},
                                                     {"pcq-dst-address-mask", kMax32},
                                                     {"pcq-src-address6-mask", kMax32},
                                                     {"pcq-dst-address6-mask", kMax32}}};

const IntegerField* integer_field(std::string_view name) {
  for (const IntegerField& field : kIntegers) {
    if (field.name == name)
      return &field;
  }
  return nullptr;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t at = text.find(separator, start);
    out.emplace_back(
        text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos)
      break;
    start = at + 1;
  }
  return out;
}

std::string join(const std::vector<std::string>& parts, char separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0)
      out += separator;
    out += parts[i];
  }
  return out;
}

// Every unit conversion below is checked (issue 7, section 4): a number that does not fit
// in 64 bits, or whose product with its unit does not, sets *overflow and gives nullopt,
// and the caller keeps the value as written. Never a wrapped number: 4611686018427387934m
// times 60 is 1800 s modulo 2^64, which once made a router "in sync" with 30m.

// Digits only, into 64 bits; nullopt otherwise (*overflow set when they do not fit).
std::optional<std::uint64_t> parse_uint(std::string_view text, bool* overflow = nullptr) {
  std::uint64_t value = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || text[0] < '0' || text[0] > '9' || p != text.data() + text.size())
    return std::nullopt;
  if (ec == std::errc::result_out_of_range && overflow != nullptr)
    *overflow = true;
  if (ec != std::errc())
    return std::nullopt;
  return value;
}

// a * b + c, or nullopt (and *overflow) when it does not fit in 64 bits.
std::optional<std::uint64_t> checked_mul_add(std::uint64_t a, std::uint64_t b, std::uint64_t c,
                                             bool* overflow) {
  std::uint64_t product = 0, sum = 0;
  if (__builtin_mul_overflow(a, b, &product) || __builtin_add_overflow(product, c, &sum)) {
    *overflow = true;
    return std::nullopt;
  }
  return sum;
}

// "25M" -> 25000000, "9500k", "1.5M", "0"; nullopt when not a bandwidth (or, with
// *overflow, when it is one too large for 64 bits of bit/s).
std::optional<std::uint64_t> parse_bandwidth(std::string_view text, bool* overflow) {
  if (text.empty())
    return std::nullopt;
  std::uint64_t scale = 1;
  char last = text.back();
  if (last == 'k' || last == 'K')
    scale = 1000;
  if (last == 'M')
    scale = 1000000;
  if (last == 'G')
    scale = 1000000000;
  if (scale != 1)
    text.remove_suffix(1);
  std::size_t dot = text.find('.');
  auto whole = parse_uint(text.substr(0, dot), overflow);
  if (!whole)
    return std::nullopt;
  std::uint64_t part = 0;  // the fraction times the scale, rounded down
  if (dot != std::string_view::npos) {
    std::string_view fraction = text.substr(dot + 1);
    if (fraction.empty() ||
        !std::all_of(fraction.begin(), fraction.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return std::nullopt;  // digits only, any number of them
    // The scale is 10^j, j <= 9: the fraction's first 9 digits give the same result
    // rounded down (later digits add less than 10^(j-9), the step of that result).
    fraction = fraction.substr(0, 9);
    std::uint64_t divisor = 1;
    for (std::size_t i = 0; i < fraction.size(); ++i) divisor *= 10;  // <= 10^9
    // The product is below 10^9 * 10^9: no overflow.
    part = *parse_uint(fraction) * scale / divisor;
  }
  return checked_mul_add(*whole, scale, part, overflow);
}

// Seconds, written the way rosgen writes durations; as written when not a duration or
// beyond 2^32 - 1 s (136 years: more than ir::routeros_duration takes; *overflow).
std::string canonical_time(std::string_view text, bool* overflow) {
  auto seconds = parse_routeros_time(text, overflow);
  if (seconds && *seconds > 0xffffffffu)
    *overflow = true;
  if (!seconds || *seconds > 0xffffffffu)
    return std::string(text);
  return ir::routeros_duration(static_cast<std::uint32_t>(*seconds));
}

// Port numbers are 0-65535; a larger number is out of range (*overflow), kept as written.
std::string canonical_ports(std::string_view text, bool* overflow) {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
  for (const std::string& part : split(text, ',')) {
    std::size_t dash = part.find('-');
    auto first = parse_uint(std::string_view(part).substr(0, dash), overflow);
    auto last = dash == std::string::npos
                    ? first
                    : parse_uint(std::string_view(part).substr(dash + 1), overflow);
    if ((first && *first > 65535) || (last && *last > 65535))
      *overflow = true;
    if (!first || !last || *first > 65535 || *last > 65535)
      return std::string(text);  // a named service, garbage or out of range: as written
    ranges.emplace_back(std::min(*first, *last), std::max(*first, *last));
  }
  std::sort(ranges.begin(), ranges.end());
  std::vector<std::string> out;
  std::uint64_t first = ranges[0].first, last = ranges[0].second;
  auto flush = [&]() {
    out.push_back(first == last ? std::to_string(first)
                                : std::to_string(first) + "-" + std::to_string(last));
  };
  for (std::size_t i = 1; i < ranges.size(); ++i) {
    if (ranges[i].first <= last + 1) {
      last = std::max(last, ranges[i].second);
    } else {
      flush();
      first = ranges[i].first;
      last = ranges[i].second;
    }
  }
  flush();
  return join(out, ',');
}

std::string canonical_set(std::string_view text) {
  std::vector<std::string> parts = split(text, ',');
  std::sort(parts.begin(), parts.end());
  parts.erase(std::unique(parts.begin(), parts.end()), parts.end());
  return join(parts, ',');
}

// Every run of digits in `text` fits in `max` (else *overflow): "0-18446744073709551615",
// "10,32", "equal:64".
void check_integers(std::string_view text, std::uint64_t max, bool* overflow) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (text[pos] < '0' || text[pos] > '9') {
      ++pos;
      continue;
    }
    std::size_t end = pos;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    auto value = parse_uint(text.substr(pos, end - pos), overflow);
    if (value && *value > max)
      *overflow = true;
    pos = end;
  }
}

// A count of a rate or a burst ("5", "10k" in bit mode): at most `max` (else *overflow);
// compared as written.
void check_count(std::string_view text, std::uint64_t max, bool* overflow) {
  auto value = parse_bandwidth(text, overflow);
  if (value && *value > max)
    *overflow = true;
}

// "count[/time]" with the time canonical and "/1s" (the default) dropped. The count (and
// the bursts below) are compared as written, checked against `max`: xt_limit and
// xt_hashlimit keep packet counts and bursts in 32 bits, byte rates in 64.
std::string canonical_rate(const std::string& text, std::uint64_t max, bool* overflow) {
  std::vector<std::string> rate = split(text, '/');
  check_count(rate[0], max, overflow);
  std::string out = rate[0];
  if (rate.size() == 2) {
    std::string time = canonical_time(rate[1], overflow);
    if (time != "1s")
      out += "/" + time;
  }
  return out;
}

// rate[/time],burst,mode[/expire]
std::string canonical_dst_limit(std::string_view text, bool* overflow) {
  std::vector<std::string> parts = split(text, ',');
  if (parts.size() != 3)
    return std::string(text);
  check_count(parts[1], kMax32, overflow);
  std::string out = canonical_rate(parts[0], kMax32, overflow) + "," + parts[1] + ",";
  std::vector<std::string> mode = split(parts[2], '/');
  out += mode[0];
  if (mode.size() == 2)
    out += "/" + canonical_time(mode[1], overflow);
  return out;
}

// rate[/time],burst[:mode]
std::string canonical_limit(std::string_view text, bool* overflow) {
  std::vector<std::string> parts = split(text, ',');
  if (parts.size() != 2)
    return std::string(text);
  std::string burst = parts[1];
  if (burst.find(':') == std::string::npos)
    burst += ":packet";
  std::uint64_t max = burst.ends_with(":bit") ? kMax64 : kMax32;  // bits per time, or packets
  check_count(std::string_view(burst).substr(0, burst.find(':')), max, overflow);
  return canonical_rate(parts[0], max, overflow) + "," + burst;
}

// pcq-limit / pcq-total-limit: which unit, since when (issue 6). What the sources say:
//  * Packets: the RouterOS v2.9 manual, Queue Types ("pcq-limit (integer; default: 50) -
//    number of packets that can hold a single PCQ sub-queue", pcq-total-limit likewise;
//    easymanua.ls/mikrotik/routeros-v2-9/manual?p=442), and wiki Manual:Queues_-_PCQ
//    revisions oldid=9872, 9878, 16949 ("Applies to RouterOS: 2.9, v3, v4"): "queue size of
//    one sub-stream in packets".
//  * KiB: the current wiki Manual:Queues_-_PCQ ("pcq-limit (number) : queue size of single
//    sub-stream (in KiB)", pcq-total-limit "(in KiB)"; the same page dates the PCQ rewrite
//    to v5.0rc4) and help.mikrotik.com Queues (v7: pcq-limit=50KiB pcq-total-limit=2000KiB).
//  * Exports that print the unit: RouterOS 6.35.1 (may/19/2016, export verbose:
//    "pcq-limit=50KiB ... pcq-total-limit=2000KiB", the earliest found), 6.43.8, 6.48.6
//    (set by a user: "pcq-limit=500KiB", "pcq-total-limit=4500KiB"), 6.49.2
//    (../shared/data/rsc/tim0n3_mikrotik-lte_v6.49.2.rsc), 6.49.7, all public exports found
//    by code search. No v6 export printing a plain number was found ("pcq-limit=50 pcq-rate=0",
//    "pcq-dst-address6-mask=128 pcq-limit=50 ", "pcq-dst-address-mask=32 pcq-limit": none),
//    nor a changelog entry. So the unit became KiB in 6.35.1 or earlier (perhaps with the
//    v5.0 rewrite); the exact release is unverified.
// The rule below reads a plain number as KiB on every version. That needs no minor version
// and is right also for a router from before the switch: an export prints in the router's
// own unit, so a plain and a KiB form only meet when a value rosgen wrote plain (v6
// policies, src/lower/lower.cpp) meets a router that prints KiB, and such a router reads a plain
// number as KiB (v7: reference §2.1; v6: inferred from the exports above).
// Out of range (*overflow): a size whose bytes do not fit in 64 bits (more than
// 18014398509481983KiB, 17592186044415MiB or 18446744073709551615B); kept as written.
std::string canonical_size(std::string_view text, bool* overflow) {
  constexpr std::uint64_t kMaxKiB = ~std::uint64_t{0} / 1024;
  std::uint64_t factor = 1;
  std::string_view number = text;
  if (text.ends_with("KiB")) {
    number.remove_suffix(3);
  } else if (text.ends_with("MiB")) {
    number.remove_suffix(3);
    factor = 1024;
  } else if (text.ends_with("B")) {
    number.remove_suffix(1);
    auto bytes = parse_uint(number, overflow);
    if (bytes && *bytes % 1024 == 0)
      return std::to_string(*bytes / 1024) + "KiB";
    return std::string(text);
  }
  auto value = parse_uint(number, overflow);  // a plain number is KiB
  if (!value)
    return std::string(text);
  auto kib = checked_mul_add(*value, factor, 0, overflow);
  if (kib && *kib > kMaxKiB) {
    *overflow = true;
    kib.reset();
  }
  return kib ? std::to_string(*kib) + "KiB" : std::string(text);
}

std::string canonical_address(std::string_view text) {
  if (text.ends_with("/32"))
    text.remove_suffix(3);
  return std::string(text);
}

}  // namespace

std::optional<std::uint64_t> parse_routeros_time(std::string_view text, bool* overflow) {
  bool ignored = false;
  if (overflow == nullptr)
    overflow = &ignored;
  if (text.empty())
    return std::nullopt;
  std::uint64_t total = 0;
  // Leading unit groups: 1w2d3h4m5s (a bare number is seconds).
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start)
      return std::nullopt;
    auto value = parse_uint(text.substr(start, pos - start), overflow);
    if (!value)
      return std::nullopt;
    if (pos == text.size())
      return checked_mul_add(*value, 1, total, overflow);
    char unit = text[pos];
    if (unit == ':') {  // the rest is hh:mm:ss
      std::vector<std::string> hms = split(text.substr(start), ':');
      if (hms.size() != 3)
        return std::nullopt;
      auto h = parse_uint(hms[0], overflow), m = parse_uint(hms[1], overflow),
           s = parse_uint(hms[2], overflow);
      if (!h || !m || !s)
        return std::nullopt;
      auto with_h = checked_mul_add(*h, 3600, total, overflow);
      auto with_m = with_h ? checked_mul_add(*m, 60, *with_h, overflow) : std::nullopt;
      return with_m ? checked_mul_add(*s, 1, *with_m, overflow) : std::nullopt;
    }
    std::uint64_t scale = unit == 'w'   ? 604800
                          : unit == 'd' ? 86400
                          : unit == 'h' ? 3600
                          : unit == 'm' ? 60
                          : unit == 's' ? 1
                                        : 0;
    if (scale == 0)
      return std::nullopt;
    auto sum = checked_mul_add(*value, scale, total, overflow);
    if (!sum)
      return std::nullopt;
    total = *sum;
    ++pos;
  }
  return total;
}

std::string canonical_value(ir::Menu menu, std::string_view name, std::string_view value, int major,
                            bool* out_of_range) {
  bool ignored = false;
  bool* overflow = out_of_range != nullptr ? out_of_range : &ignored;
  // Negation: "! x" -> "!x", then canonicalise what is negated.
  if (!value.empty() && value[0] == '!' &&
      !is_one_of(name, {"tcp-flags", "comment", "content", "log-prefix"})) {
    std::string_view rest = value.substr(1);
    while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
    return "!" + canonical_value(menu, name, rest, major, overflow);
  }
  if (is_one_of(name, kBandwidths)) {
    auto bps = parse_bandwidth(value, overflow);
    return bps ? std::to_string(*bps) : std::string(value);
  }
  if (is_one_of(name, kTimes)) {
    return canonical_time(value, overflow);
  }
  if (is_one_of(name, {"disabled", "log", "passthrough", "dynamic", "fragment"})) {
    if (value == "true" || value == "yes")
      return "yes";
    if (value == "false" || value == "no")
      return "no";
    return std::string(value);
  }
  if (is_one_of(name, kPorts))
    return canonical_ports(value, overflow);
  if (is_one_of(name,
                {"connection-state", "tcp-flags", "pcq-classifier", "connection-nat-state"})) {
    return canonical_set(value);
  }
  if (is_one_of(name, kSizes))
    return canonical_size(value, overflow);
  if (is_one_of(name, {"address", "src-address", "dst-address"}))
    return canonical_address(value);
  if (name == "dst-limit")
    return canonical_dst_limit(value, overflow);
  if (name == "limit")
    return canonical_limit(value, overflow);
  if (const IntegerField* field = integer_field(name)) {
    check_integers(value, field->max, overflow);
  } else if (name == "connection-rate") {  // "0-100k": bit/s, 64 bits
    for (const std::string& part : split(value, '-')) check_count(part, kMax64, overflow);
  }
  return std::string(value);
}

bool value_out_of_range(ir::Menu menu, std::string_view name, std::string_view value, int major) {
  if (!is_one_of(name, kBandwidths) && !is_one_of(name, kTimes) && !is_one_of(name, kPorts) &&
      !is_one_of(name, kSizes) && !is_one_of(name, kRates) && integer_field(name) == nullptr &&
      name != "connection-rate") {
    return false;  // no conversion: the common case, without building a string
  }
  bool out_of_range = false;
  canonical_value(menu, name, value, major, &out_of_range);
  return out_of_range;
}

bool is_default_value(ir::Menu menu, std::string_view name, std::string_view canonical,
                      int /*major*/) {
  if (name == "disabled")
    return canonical == "no";
  if (name == "comment")
    return canonical.empty();
  switch (menu) {
    case ir::Menu::Mangle:
    case ir::Menu::Filter:
    case ir::Menu::Raw:
    case ir::Menu::Nat:
      return (name == "log" && canonical == "no") || (name == "log-prefix" && canonical.empty()) ||
             (name == "passthrough" && canonical == "yes" && menu == ir::Menu::Mangle);
    case ir::Menu::QueueTree:
      return (name == "priority" && canonical == "8") ||
             (name == "queue" && canonical == "default-small") ||
             (is_one_of(name, {"limit-at", "max-limit", "burst-limit", "burst-threshold"}) &&
              canonical == "0") ||
             (name == "burst-time" && canonical == "0s") ||
             (name == "bucket-size" && canonical == "0.1") ||
             (name == "packet-mark" && canonical.empty());
    case ir::Menu::QueueType: {
      // Defaults 50 and 2000, KiB on every version (see canonical_size): v7 and late v6
      // exports print "50KiB"/"2000KiB", verbose ones even when unchanged.
      return (name == "pcq-limit" && canonical == "50KiB") ||
             (name == "pcq-total-limit" && canonical == "2000KiB") ||
             (is_one_of(name, {"pcq-rate", "pcq-burst-rate", "pcq-burst-threshold"}) &&
              canonical == "0") ||
             (name == "pcq-burst-time" && canonical == "10s") ||
             (is_one_of(name, {"pcq-src-address-mask", "pcq-dst-address-mask"}) &&
              canonical == "32") ||
             (is_one_of(name, {"pcq-src-address6-mask", "pcq-dst-address6-mask"}) &&
              canonical == "128");
    }
    case ir::Menu::AddressList:
      return name == "dynamic" && canonical == "no";
    case ir::Menu::Layer7Protocol:
    case ir::Menu::InterfaceList:
    case ir::Menu::InterfaceListMember:
      return false;
  }
  return false;
}

std::optional<std::string> explicit_default(ir::Menu menu, std::string_view name) {
  bool firewall = ir::is_firewall_table(menu);
  if (name == "disabled" || (firewall && name == "log"))
    return "no";
  if (firewall && name == "log-prefix")
    return "";
  if (menu == ir::Menu::Mangle && name == "passthrough")
    return "yes";
  return std::nullopt;
}

ir::Item canonical_item(const ir::Item& item, int major) {
  ir::Item out;
  out.menu = item.menu;
  for (const ir::Property& p : item.properties) {
    std::string value = canonical_value(item.menu, p.name, p.value, major);
    if (is_default_value(item.menu, p.name, value, major))
      continue;
    out.properties.push_back({p.name, std::move(value)});  // input order is sorted already
  }
  return out;
}

}  // namespace rosgen::routeros
