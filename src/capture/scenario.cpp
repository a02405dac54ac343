// Reading scenario files: JSON syntax through nlohmann (its byte position becomes
// line:col), then a validation pass over the document (Checker) that reports every
// problem at the value or key it concerns, found with detail::Locator
// (scenario_parts.hpp). Entry points: parse_scenario(), read_scenario() (scenario.hpp).
#include "capture/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "capture/scenario_parts.hpp"
#include "support/files.hpp"
#include "support/suggest.hpp"
#include "support/utf8.hpp"

namespace rosgen::capture {

namespace {

using detail::Endpoint;
using detail::Locator;
using detail::parse_endpoint;
using detail::parse_hex;
using detail::Span;
using Json = nlohmann::ordered_json;
using support::SourceRange;

// A value as the user wrote it, for "got ...": containers by kind, scalars as JSON.
std::string describe(const Json& value) {
  if (value.is_object())
    return "an object";
  if (value.is_array())
    return "an array";
  std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string_view cut = support::utf8_prefix(text, 60);
  return cut.size() < text.size() ? std::string(cut) + "..." : text;
}

// The validation pass: reads a parsed document into a Scenario, reporting each problem
// at the value or key it concerns.
class Checker {
 public:
  Checker(std::shared_ptr<const support::SourceFile> file, support::DiagnosticEngine& diags)
      : file_(std::move(file)), where_(file_->text()), diags_(diags) {}

  std::optional<Scenario> scenario(const Json& doc) {
    for (const auto& [path, span] : where_.duplicates) {
      report(span, parent_of(path),
             "duplicate key \"" + last_key(path) + "\" (JSON keeps only the last value)");
    }
    Scenario out;
    if (!doc.is_object()) {
      report(value_span("", true), "",
             "expected an object with \"connections\", got " + describe(doc));
      return std::nullopt;
    }
    known_keys(doc, "", {"connections"});
    if (!doc.contains("connections")) {
      report(value_span("", true), "", "missing \"connections\"");
    } else if (const Json& list = doc["connections"]; !list.is_array()) {
      value_error("connections", "expected an array of connections, got " + describe(list));
    } else if (list.empty()) {
      value_error("connections", "expected at least one connection");
    } else {
      for (std::size_t i = 0; i < list.size(); ++i) {
        std::string path = "connections[" + std::to_string(i) + "]";
        if (auto c = connection(list[i], path, i))
          out.connections.push_back(std::move(*c));
      }
    }
    if (diags_.has_errors())
      return std::nullopt;
    return out;
  }

 private:
  static std::string parent_of(const std::string& path) {
    std::size_t dot = path.rfind('.');
    return dot == std::string::npos ? "" : path.substr(0, dot);
  }

  static std::string last_key(const std::string& path) {
    std::size_t dot = path.rfind('.');
    return dot == std::string::npos ? path : path.substr(dot + 1);
  }

  // The span of the value at `path`; `head`: only its first character (an object).
  Span value_span(const std::string& path, bool head = false) const {
    auto it = where_.values.find(path);
    Span span = it == where_.values.end() ? Span{} : it->second;
    if (head && span.end > span.begin)
      span.end = span.begin + 1;
    return span;
  }

  void report(Span span, const std::string& path, const std::string& message) {
    std::string text = path.empty() ? message : path + ": " + message;
    diags_.error(SourceRange{file_, span.begin, span.end}, std::move(text));
  }

  void value_error(const std::string& path, const std::string& message) {
    report(value_span(path), path, message);
  }

  void known_keys(const Json& object, const std::string& path,
                  std::initializer_list<std::string_view> known) {
    for (const auto& [key, value] : object.items()) {
      if (std::find(known.begin(), known.end(), key) != known.end())
        continue;
      std::string message = "unknown key \"" + key + "\"";
      if (auto best = support::closest(key, known))
        message += " (did you mean \"" + std::string(*best) + "\"?)";
      std::string child = path.empty() ? key : path + "." + key;
      auto it = where_.keys.find(child);
      report(it == where_.keys.end() ? value_span(path, true) : it->second, path, message);
    }
  }

  std::optional<std::string> string_at(const Json& object, const std::string& path,
                                       const char* key) {
    const Json& value = object[key];
    if (value.is_string())
      return value.get<std::string>();
    value_error(path + "." + key, "expected a string, got " + describe(value));
    return std::nullopt;
  }

  // A choice among words: "tcp" | "udp" | "icmp". Returns the index, or -1.
  int word_at(const Json& object, const std::string& path, const char* key,
              std::initializer_list<const char*> words) {
    const Json& value = object[key];
    if (value.is_string()) {
      int i = 0;
      for (const char* w : words) {
        if (value.get<std::string>() == w)
          return i;
        ++i;
      }
    }
    std::string expected;
    std::size_t i = 0;
    for (const char* w : words) {
      expected +=
          std::string(i == 0 ? "" : (i + 1 == words.size() ? " or " : ", ")) + "\"" + w + "\"";
      ++i;
    }
    value_error(path + "." + key, "expected " + expected + ", got " + describe(value));
    return -1;
  }

  std::optional<double> seconds_at(const Json& object, const std::string& path, const char* key) {
    const Json& value = object[key];
    if (value.is_number()) {
      double v = value.get<double>();
      if (std::isfinite(v) && v >= 0 && v <= 1e9)
        return v;
    }
    value_error(path + "." + key,
                "expected a number of seconds from 0 to 1000000000, got " + describe(value));
    return std::nullopt;
  }

  std::optional<std::uint32_t> whole_at(const Json& object, const std::string& path,
                                        const char* key, std::uint32_t low, std::uint32_t high) {
    const Json& value = object[key];
    if (value.is_number()) {
      double v = value.get<double>();
      if (v >= low && v <= high && std::floor(v) == v)
        return static_cast<std::uint32_t>(v);
    }
    value_error(path + "." + key, "expected a whole number from " + std::to_string(low) + " to " +
                                      std::to_string(high) + ", got " + describe(value));
    return std::nullopt;
  }

  std::optional<Endpoint> endpoint_at(const Json& object, const std::string& path, const char* key,
                                      const char* expected) {
    auto text = string_at(object, path, key);
    if (!text)
      return std::nullopt;
    std::string why;
    auto endpoint = parse_endpoint(*text, why);
    if (!endpoint) {
      value_error(path + "." + key, why.empty() ? std::string("expected ") + expected + ", got " +
                                                      describe(object[key])
                                                : why);
    }
    return endpoint;
  }

  std::optional<ScenarioPayload> payload(const Json& value, const std::string& path) {
    if (!value.is_object()) {
      value_error(path, "expected an object like {\"from\": \"client\", \"text\": \"...\"}, got " +
                            describe(value));
      return std::nullopt;
    }
    known_keys(value, path, {"from", "text", "hex"});
    ScenarioPayload out;
    bool ok = true;
    if (!value.contains("from")) {
      report(value_span(path, true), path, "missing \"from\" (\"client\" or \"server\")");
      ok = false;
    } else {
      int from = word_at(value, path, "from", {"client", "server"});
      ok = from >= 0;
      out.from_client = from == 0;
    }
    bool text = value.contains("text");
    bool hex = value.contains("hex");
    if (text == hex) {
      report(value_span(path, true), path,
             text ? "give \"text\" or \"hex\", not both" : "missing \"text\" or \"hex\"");
      return std::nullopt;
    }
    auto bytes = string_at(value, path, text ? "text" : "hex");
    if (!bytes || !ok)
      return std::nullopt;
    if (hex) {
      std::string why;
      auto decoded = parse_hex(*bytes, why);
      if (!decoded) {
        value_error(path + ".hex",
                    "expected hex digits in pairs, got " + describe(value["hex"]) + ": " + why);
        return std::nullopt;
      }
      bytes = std::move(decoded);
    }
    if (bytes->empty()) {
      value_error(path + (text ? ".text" : ".hex"), "a payload cannot be empty");
      return std::nullopt;
    }
    out.bytes = std::move(*bytes);
    return out;
  }

  std::optional<ScenarioConnection> connection(const Json& value, const std::string& path,
                                               std::size_t index);
  void endpoints(const Json& value, const std::string& path, ScenarioConnection& out);
  void tcp_options(const Json& value, const std::string& path, ScenarioConnection& out);
  void payloads(const Json& list, const std::string& path, ScenarioConnection& out);
  bool limits(const std::string& path, std::size_t index, const ScenarioConnection& out);
  bool default_ports(const std::string& path, std::size_t index, const ScenarioConnection& out);

  // The key of an entry that makes its default ports: "count" when it has one, else
  // "client" (the address without a port).
  std::string ports_key(const std::string& path) const {
    return where_.values.contains(path + ".count") ? path + ".count" : path + ".client";
  }

  // Connections with default ports to one server, port and protocol from one client.
  struct FlowKey {
    Address client;
    Address server;
    std::uint16_t server_port = 0;
    std::uint8_t protocol = 0;
    auto operator<=>(const FlowKey&) const = default;
  };

  // Ports [begin, end) - 1024 (see default_client_port()) taken by entry `index`, whose
  // first connection is its client's `first`th with a default port.
  struct PortRun {
    std::uint32_t end = 0;
    std::size_t index = 0;
    std::uint64_t first = 0;
  };

  std::shared_ptr<const support::SourceFile> file_;
  Locator where_;
  support::DiagnosticEngine& diags_;
  std::map<Address, std::uint64_t> default_counts_;                // by client: default ports taken
  std::map<FlowKey, std::map<std::uint32_t, PortRun>> port_runs_;  // by begin
  std::uint64_t packets_ = 0;
};

std::optional<ScenarioConnection> Checker::connection(const Json& value, const std::string& path,
                                                      std::size_t index) {
  if (!value.is_object()) {
    value_error(path, "expected an object, got " + describe(value));
    return std::nullopt;
  }
  std::size_t errors = diags_.error_count();
  known_keys(value, path,
             {"name", "client", "server", "protocol", "start", "count", "every", "gap", "handshake",
              "payloads", "segment", "close"});
  ScenarioConnection out;
  if (value.contains("name"))
    out.name = string_at(value, path, "name").value_or("");
  if (value.contains("protocol")) {
    int protocol = word_at(value, path, "protocol", {"tcp", "udp", "icmp"});
    out.protocol = protocol == 1 ? kUdp : (protocol == 2 ? kIcmp : kTcp);
  }
  endpoints(value, path, out);
  if (value.contains("start"))
    out.start = seconds_at(value, path, "start").value_or(0);
  if (value.contains("every"))
    out.every = seconds_at(value, path, "every").value_or(0);
  if (value.contains("gap"))
    out.gap = seconds_at(value, path, "gap").value_or(0);
  if (value.contains("count"))
    out.count = whole_at(value, path, "count", 1, 1000000).value_or(1);
  tcp_options(value, path, out);
  if (value.contains("payloads"))
    payloads(value["payloads"], path + ".payloads", out);
  if (diags_.error_count() != errors || !limits(path, index, out))
    return std::nullopt;
  return out;
}

// "client" and "server"; turns icmp into ICMPv6 for IPv6 ends.
void Checker::endpoints(const Json& value, const std::string& path, ScenarioConnection& out) {
  bool icmp = out.protocol == kIcmp;
  for (const char* key : {"client", "server"}) {
    if (!value.contains(key))
      report(value_span(path, true), path, std::string("missing \"") + key + "\"");
  }
  std::optional<Endpoint> client, server;
  if (value.contains("client"))
    client = endpoint_at(value, path, "client", "address or address:port");
  if (value.contains("server"))
    server = endpoint_at(value, path, "server", icmp ? "an address" : "address:port");
  if (client) {
    out.client = client->address;
    out.client_port = client->port;
    if (icmp && client->port) {
      value_error(path + ".client",
                  "icmp has no ports: expected an address, got " + describe(value["client"]));
    }
  }
  if (server) {
    out.server = server->address;
    out.server_port = server->port.value_or(0);
    if (icmp && server->port) {
      value_error(path + ".server",
                  "icmp has no ports: expected an address, got " + describe(value["server"]));
    } else if (!icmp && !server->port) {
      value_error(path + ".server",
                  "expected address:port, got " + describe(value["server"]) + " (no port)");
    }
  }
  if (client && server && client->address.v6 != server->address.v6) {
    auto family = [](const Address& a) { return a.v6 ? "IPv6" : "IPv4"; };
    value_error(path + ".server", to_string(server->address) + " is " + family(server->address) +
                                      " but the client " + to_string(client->address) + " is " +
                                      family(client->address));
  }
  if (icmp && server && server->address.v6)
    out.protocol = kIcmpV6;
}

// "handshake", "segment" and "close": tcp only.
void Checker::tcp_options(const Json& value, const std::string& path, ScenarioConnection& out) {
  bool tcp = out.protocol == kTcp;
  for (const char* key : {"handshake", "segment", "close"}) {
    if (value.contains(key) && !tcp)
      value_error(path + "." + key, std::string("only tcp connections have \"") + key + "\"");
  }
  if (!tcp)
    return;
  if (value.contains("handshake")) {
    if (value["handshake"].is_boolean()) {
      out.handshake = value["handshake"].get<bool>();
    } else {
      value_error(path + ".handshake",
                  "expected true or false, got " + describe(value["handshake"]));
    }
  }
  if (value.contains("segment"))
    out.segment = whole_at(value, path, "segment", 1, 65495).value_or(1460);
  if (value.contains("close")) {
    int close = word_at(value, path, "close", {"fin", "rst", "none"});
    out.close = close == 1 ? Close::Rst : (close == 2 ? Close::None : Close::Fin);
    if (!out.handshake && close >= 0 && out.close != Close::None) {
      value_error(path + ".close",
                  "a connection without handshake sends only a SYN: close must be \"none\" or "
                  "absent");
    }
  }
  if (!out.handshake)
    out.close = Close::None;
}

void Checker::payloads(const Json& list, const std::string& path, ScenarioConnection& out) {
  bool tcp = out.protocol == kTcp;
  if (!list.is_array()) {
    value_error(path, "expected an array of payloads, got " + describe(list));
    return;
  }
  if (tcp && !out.handshake && !list.empty()) {
    value_error(path,
                "a connection without handshake sends only a SYN: remove \"payloads\" or "
                "set \"handshake\": true");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string item = path + "[" + std::to_string(i) + "]";
    auto p = payload(list[i], item);
    if (!p)
      continue;
    if (!tcp && p->bytes.size() > 65507) {
      value_error(item, std::string("a ") +
                            (out.protocol == kUdp ? "UDP datagram" : "ICMP message") +
                            " holds at most 65507 bytes, got " + std::to_string(p->bytes.size()));
    }
    out.payloads.push_back(std::move(*p));
  }
}

// Limits that need the whole entry (and the entries before it): ports, packets, time.
bool Checker::limits(const std::string& path, std::size_t index, const ScenarioConnection& out) {
  bool icmp = out.protocol == kIcmp || out.protocol == kIcmpV6;
  if (out.client_port && std::uint32_t{*out.client_port} + out.count - 1 > 65535) {
    value_error(path + ".count", "source ports " + std::to_string(*out.client_port) + " to " +
                                     std::to_string(*out.client_port + out.count - 1) +
                                     " run past 65535");
    return false;
  }
  if (!out.client_port && !icmp && !default_ports(path, index, out))
    return false;
  std::uint64_t each = packets_per_connection(out);
  packets_ += each * out.count;
  if (packets_ > kMaxScenarioPackets) {
    report(value_span(path, true), path,
           "the scenario would make more than " + std::to_string(kMaxScenarioPackets) + " packets");
    return false;
  }
  double last = out.start + (out.count - 1) * out.every + static_cast<double>(each - 1) * out.gap;
  if (last > 1e9) {
    report(value_span(path, true), path,
           "the last packet would come more than 1000000000 seconds after the start");
    return false;
  }
  return true;
}

// Default client ports (scenario.hpp): counted per client, round the ephemeral range; a
// port taken again is an error when an earlier connection to the same server, port and
// protocol has it. Each entry's ports are one or two runs of port numbers.
bool Checker::default_ports(const std::string& path, std::size_t index,
                            const ScenarioConnection& out) {
  constexpr std::uint32_t kCycle = kDefaultPortCount;
  std::uint64_t first = default_counts_[out.client];
  auto slot = [](std::uint64_t n) { return std::uint32_t{default_client_port(n)} - 1024; };
  auto& runs = port_runs_[FlowKey{out.client, out.server, out.server_port, out.protocol}];
  // The first slot (port - 1024) of [begin, end) that an earlier entry has, if any.
  auto taken = [&](std::uint32_t begin, std::uint32_t end) -> std::optional<std::uint32_t> {
    auto it = runs.upper_bound(begin);
    if (it != runs.begin() && std::prev(it)->second.end > begin)
      return begin;
    if (it != runs.end() && it->first < end)
      return it->first;
    return std::nullopt;
  };
  std::uint32_t begin = slot(first);
  std::uint32_t length = std::min(out.count, kCycle);
  std::uint32_t split = std::min(begin + length, kCycle);  // the first run ends here
  std::optional<std::uint32_t> clash = taken(begin, split);
  if (!clash && begin + length > kCycle)
    clash = taken(0, begin + length - kCycle);
  if (!clash && out.count <= kCycle) {
    runs.emplace(begin, PortRun{split, index, first});
    if (begin + length > kCycle)
      runs.emplace(0, PortRun{begin + length - kCycle, index, first});
    default_counts_[out.client] += out.count;
    return true;
  }
  // Connection `k` of this entry takes the port of connection `j` of entry `other`.
  std::uint32_t k = clash ? (*clash + kCycle - begin) % kCycle : kCycle;
  std::size_t other = index;
  std::uint64_t j = 0;
  if (clash) {
    const PortRun& run = std::prev(runs.upper_bound(*clash))->second;
    other = run.index;
    j = (*clash + kCycle - slot(run.first)) % kCycle;
  }
  auto at = [](const Address& a, std::uint32_t port) {
    return (a.v6 ? "[" + to_string(a) + "]" : to_string(a)) + ":" + std::to_string(port);
  };
  std::string other_path = "connections[" + std::to_string(other) + "]";
  std::string earlier = other == index
                            ? "its connection " + std::to_string(j + 1)
                            : other_path + " (its connection " + std::to_string(j + 1) + ")";
  std::string key = ports_key(path);
  std::uint16_t port = default_client_port(first + k);
  support::Diagnostic& d = diags_.error(
      SourceRange{file_, value_span(key).begin, value_span(key).end},
      key + ": connection " + std::to_string(k + 1) + " would take client " + at(out.client, port) +
          " to " + at(out.server, out.server_port) + " (" + (out.protocol == kTcp ? "tcp" : "udp") +
          ") again, like " + earlier + ": a client has " + std::to_string(kCycle) +
          " default source ports (40000 to 65535, then 1024 to 39999); give this connection "
          "another client port, server or fewer repetitions");
  if (other != index) {
    std::string other_key = ports_key(other_path);
    d.notes.push_back(support::make_note(
        SourceRange{file_, value_span(other_key).begin, value_span(other_key).end},
        other_key + ": the earlier connection with client " + at(out.client, port)));
  }
  return false;
}

// "syntax error while parsing object - unexpected '}'; expected string literal" from
// nlohmann's "[json.exception.parse_error.101] parse error at line 3, column 8: ...".
std::string syntax_message(const std::string& what) {
  std::size_t column = what.find("column ");
  std::size_t colon = column == std::string::npos ? column : what.find(": ", column);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

}  // namespace

std::optional<Scenario> parse_scenario(const std::string& name, const std::string& text,
                                       support::DiagnosticEngine& diags) {
  auto file = std::make_shared<const support::SourceFile>(name, text);
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::parse_error& e) {
    auto offset = static_cast<std::uint32_t>(
        std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size()));
    support::Diagnostic& d =
        diags.error(SourceRange{file, offset, offset + 1}, syntax_message(e.what()));
    if (offset < text.size() && text[offset] == '/') {
      d.notes.push_back(support::make_note(
          {}, "JSON has no comments: the ones in the format's description are not part of it"));
    }
    return std::nullopt;
  } catch (const Json::exception& e) {
    // Not a syntax error but a value nlohmann cannot hold: "[json.exception.
    // out_of_range.406] number overflow parsing '1e999'". Located at that token when it
    // can be found in the text.
    std::string what = e.what();
    std::size_t close = what.find("] ");
    std::string message = close == std::string::npos ? what : what.substr(close + 2);
    std::size_t open_quote = message.find('\'');
    std::size_t close_quote =
        open_quote == std::string::npos ? open_quote : message.find('\'', open_quote + 1);
    std::size_t at = 0;
    if (close_quote != std::string::npos) {
      std::size_t found = text.find(message.substr(open_quote + 1, close_quote - open_quote - 1));
      if (found != std::string::npos)
        at = found;
    }
    auto offset = static_cast<std::uint32_t>(std::min(at, text.size()));
    diags.error(SourceRange{file, offset, offset + 1},
                message + " (a number too large for a JSON number)");
    return std::nullopt;
  }
  support::DiagnosticEngine local;
  local.set_error_limit(diags.error_limit());
  Checker checker(file, local);
  auto scenario = checker.scenario(doc);
  diags.merge(std::move(local));
  return scenario;
}

std::unique_ptr<ScenarioSource> read_scenario(const std::string& path,
                                              support::DiagnosticEngine& diags) {
  std::string reason;
  auto text = support::read_file(path, &reason);
  if (!text) {
    diags.error({}, "cannot read '" + path + "': " + reason);
    return nullptr;
  }
  auto scenario = parse_scenario(path, *text, diags);
  if (!scenario)
    return nullptr;
  return std::make_unique<ScenarioSource>("scenario " + path, std::move(*scenario));
}

}  // namespace rosgen::capture
