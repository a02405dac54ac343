// Canonical values (see canonical.hpp for the rules).
#include "routeros/canonical.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>
#include <vector>

#include "ir/lower.hpp"

namespace rosgen::routeros {

namespace {

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
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

std::optional<std::uint64_t> parse_uint(std::string_view text) {
  std::uint64_t value = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || p != text.data() + text.size() || text.empty())
    return std::nullopt;
  return value;
}

// "25M" -> 25000000, "9500k", "1.5M", "0"; nullopt when not a bandwidth.
std::optional<std::uint64_t> parse_bandwidth(std::string_view text) {
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
  auto whole = parse_uint(text.substr(0, dot));
  if (!whole)
    return std::nullopt;
  std::uint64_t value = *whole * scale;
  if (dot != std::string_view::npos) {
    std::string_view fraction = text.substr(dot + 1);
    auto digits = parse_uint(fraction);
    if (!digits)
      return std::nullopt;
    std::uint64_t divisor = 1;
    for (std::size_t i = 0; i < fraction.size(); ++i) divisor *= 10;
    value += *digits * scale / divisor;
  }
  return value;
}

std::string canonical_time(std::string_view text) {
  auto seconds = parse_routeros_time(text);
  if (!seconds || *seconds > 0xffffffffu)
    return std::string(text);
  return ir::routeros_duration(static_cast<std::uint32_t>(*seconds));
}

std::string canonical_ports(std::string_view text) {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
  for (const std::string& part : split(text, ',')) {
    std::size_t dash = part.find('-');
    auto first = parse_uint(std::string_view(part).substr(0, dash));
    auto last =
        dash == std::string::npos ? first : parse_uint(std::string_view(part).substr(dash + 1));
    if (!first || !last)
      return std::string(text);  // a named service or garbage: as written
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

// "count[/time]" with the time canonical and "/1s" (the default) dropped.
std::string canonical_rate(const std::string& text) {
  std::vector<std::string> rate = split(text, '/');
  std::string out = rate[0];
  if (rate.size() == 2 && canonical_time(rate[1]) != "1s")
    out += "/" + canonical_time(rate[1]);
  return out;
}

// rate[/time],burst,mode[/expire]
std::string canonical_dst_limit(std::string_view text) {
  std::vector<std::string> parts = split(text, ',');
  if (parts.size() != 3)
    return std::string(text);
  std::string out = canonical_rate(parts[0]) + "," + parts[1] + ",";
  std::vector<std::string> mode = split(parts[2], '/');
  out += mode[0];
  if (mode.size() == 2)
    out += "/" + canonical_time(mode[1]);
  return out;
}

// rate[/time],burst[:mode]
std::string canonical_limit(std::string_view text) {
  std::vector<std::string> parts = split(text, ',');
  if (parts.size() != 2)
    return std::string(text);
  std::string burst = parts[1];
  if (burst.find(':') == std::string::npos)
    burst += ":packet";
  return canonical_rate(parts[0]) + "," + burst;
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
// policies, src/ir/lower.cpp) meets a router that prints KiB, and such a router reads a plain
// number as KiB (v7: reference §2.1; v6: inferred from the exports above).
std::string canonical_size(std::string_view text) {
  std::uint64_t factor = 1;
  std::string_view number = text;
  if (text.ends_with("KiB")) {
    number.remove_suffix(3);
  } else if (text.ends_with("MiB")) {
    number.remove_suffix(3);
    factor = 1024;
  } else if (text.ends_with("B")) {
    number.remove_suffix(1);
    auto bytes = parse_uint(number);
    if (bytes && *bytes % 1024 == 0)
      return std::to_string(*bytes / 1024) + "KiB";
    return std::string(text);
  }
  auto value = parse_uint(number);  // a plain number is KiB
  if (!value)
    return std::string(text);
  return std::to_string(*value * factor) + "KiB";
}

std::string canonical_address(std::string_view text) {
  if (text.ends_with("/32"))
    text.remove_suffix(3);
  return std::string(text);
}

}  // namespace

std::optional<std::uint64_t> parse_routeros_time(std::string_view text) {
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
    auto value = parse_uint(text.substr(start, pos - start));
    if (!value)
      return std::nullopt;
    if (pos == text.size())
      return total + *value;
    char unit = text[pos];
    if (unit == ':') {  // the rest is hh:mm:ss
      std::vector<std::string> hms = split(text.substr(start), ':');
      if (hms.size() != 3)
        return std::nullopt;
      auto h = parse_uint(hms[0]), m = parse_uint(hms[1]), s = parse_uint(hms[2]);
      if (!h || !m || !s)
        return std::nullopt;
      return total + *h * 3600 + *m * 60 + *s;
    }
    std::uint64_t scale = unit == 'w'   ? 604800
                          : unit == 'd' ? 86400
                          : unit == 'h' ? 3600
                          : unit == 'm' ? 60
                          : unit == 's' ? 1
                                        : 0;
    if (scale == 0)
      return std::nullopt;
    total += *value * scale;
    ++pos;
  }
  return total;
}

std::string canonical_value(ir::Menu menu, std::string_view name, std::string_view value,
                            int major) {
  // Negation: "! x" -> "!x", then canonicalise what is negated.
  if (!value.empty() && value[0] == '!' &&
      !is_one_of(name, {"tcp-flags", "comment", "content", "log-prefix"})) {
    std::string_view rest = value.substr(1);
    while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
    return "!" + canonical_value(menu, name, rest, major);
  }
  if (is_one_of(name, {"max-limit", "limit-at", "burst-limit", "burst-threshold", "pcq-rate",
                       "pcq-burst-rate", "pcq-burst-threshold"})) {
    auto bps = parse_bandwidth(value);
    return bps ? std::to_string(*bps) : std::string(value);
  }
  if (is_one_of(name, {"address-list-timeout", "timeout", "burst-time", "pcq-burst-time"})) {
    return canonical_time(value);
  }
  if (is_one_of(name, {"disabled", "log", "passthrough", "dynamic", "fragment"})) {
    if (value == "true" || value == "yes")
      return "yes";
    if (value == "false" || value == "no")
      return "no";
    return std::string(value);
  }
  if (is_one_of(name, {"dst-port", "src-port", "port"}))
    return canonical_ports(value);
  if (is_one_of(name,
                {"connection-state", "tcp-flags", "pcq-classifier", "connection-nat-state"})) {
    return canonical_set(value);
  }
  if (is_one_of(name, {"pcq-limit", "pcq-total-limit"}))
    return canonical_size(value);
  if (is_one_of(name, {"address", "src-address", "dst-address"}))
    return canonical_address(value);
  if (name == "dst-limit")
    return canonical_dst_limit(value);
  if (name == "limit")
    return canonical_limit(value);
  return std::string(value);
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
  }
  return false;
}

std::optional<std::string> explicit_default(ir::Menu menu, std::string_view name) {
  bool firewall = menu == ir::Menu::Mangle || menu == ir::Menu::Filter;
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
