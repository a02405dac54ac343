// Tests for src/capture's scenario files: the packets a scenario expands into (TCP
// handshake, payload segments, teardown, sequence numbers, timing, ports, UDP, ICMP,
// IPv6), connection labels, and every validation error with its file:line:col.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "capture/scenario.hpp"
#include "support/diagnostics.hpp"

using namespace rosgen;
using namespace rosgen::capture;
namespace fs = std::filesystem;

namespace {

std::optional<Scenario> parse(const std::string& text, std::string* rendered = nullptr) {
  support::DiagnosticEngine diags;
  auto scenario = parse_scenario("scenario.json", text, diags);
  if (rendered != nullptr)
    *rendered = support::render_all(diags);
  return scenario;
}

std::vector<Packet> packets_of(const std::string& text) {
  std::string errors;
  auto scenario = parse(text, &errors);
  INFO(errors);
  REQUIRE(scenario);
  return expand_scenario(*scenario).packets;
}

// The rendered diagnostics of text that must not parse.
std::string errors_of(const std::string& text) {
  std::string errors;
  CHECK_FALSE(parse(text, &errors));
  return errors;
}

// The "file:line:col: error: message" lines of rendered diagnostics.
std::vector<std::string> error_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(errors_of(text));
  for (std::string line; std::getline(in, line);) {
    if (line.find(": error: ") != std::string::npos)
      out.push_back(line);
  }
  return out;
}

// A one-connection scenario with `fields` added to the required client and server.
std::string one(const std::string& fields, const std::string& server = "203.0.113.5:8080") {
  return R"({"connections": [{"client": "192.168.88.20", "server": ")" + server + "\"" +
         (fields.empty() ? "" : ", " + fields) + "}]}";
}

std::uint32_t be32_at(const std::string& bytes, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<std::uint8_t>(bytes[at + i]);
  return v;
}

// The TCP sequence and acknowledgement numbers (IPv4, or IPv6 without extension headers).
std::uint32_t seq(const Packet& p) {
  return be32_at(p.data, p.src.v6 ? 44 : 24);
}

std::uint32_t ack(const Packet& p) {
  return be32_at(p.data, p.src.v6 ? 48 : 28);
}

// True when the one's complement sum over `bytes` checks (RFC 1071).
bool sums_to_ffff(std::string_view bytes) {
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2)
    sum += (std::uint32_t{static_cast<std::uint8_t>(bytes[i])} << 8) |
           static_cast<std::uint8_t>(bytes[i + 1]);
  if (bytes.size() % 2)
    sum += std::uint32_t{static_cast<std::uint8_t>(bytes.back())} << 8;
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return sum == 0xffff;
}

// The TCP/UDP checksum over the IPv4 pseudo-header and the transport bytes checks.
bool transport_checksum_ok(const Packet& p) {
  std::string pseudo = p.data.substr(12, 8) + std::string{'\0', static_cast<char>(p.protocol)};
  auto length = static_cast<std::uint32_t>(p.data.size() - 20);
  pseudo += static_cast<char>(length >> 8);
  pseudo += static_cast<char>(length & 0xff);
  return sums_to_ffff(pseudo + p.data.substr(20));
}

constexpr std::int64_t kMs = 1000;

}  // namespace

TEST_SUITE("capture") {
  TEST_CASE("scenario: a number too large for JSON is an error at it, never an exception") {
    // Found by fuzz_simulate (tests/fuzz/corpus-simulate/number-overflow): nlohmann throws
    // out_of_range, not parse_error, for it.
    std::string errors = errors_of(
        "{\"connections\": [{\"client\": \"10.0.0.1\", \"server\": \"10.0.0.2:80\", "
        "\"start\": 8e888888}]}");
    CHECK(errors.find("scenario.json:1:75: error: number overflow parsing '8e888888' (a number "
                      "too large for a JSON number)") == 0);
  }

  TEST_CASE("scenario: handshake, payloads and FIN teardown with sequence numbers") {
    std::string text = R"({"connections": [{
      "name": "bot relays through 8080",
      "client": "192.168.88.20", "server": "203.0.113.5:8080",
      "payloads": [ {"from": "client", "text": "CONNECT a:443 HTTP/1.1\r\n\r\n"},
                    {"from": "server", "hex": "485454502f312e31"} ]
    }]})";
    auto packets = packets_of(text);
    REQUIRE(packets.size() == 8);
    const std::uint32_t c = kClientIsn, s = kServerIsn, n = 26;  // request bytes

    struct Row {
      bool from_client;
      std::uint8_t flags;
      std::uint32_t seq, ack;
      std::string payload;
    };

    const Row rows[] = {
        {true, kSyn, c, 0, ""},
        {false, kSyn | kAck, s, c + 1, ""},
        {true, kAck, c + 1, s + 1, ""},
        {true, kAck | kPsh, c + 1, s + 1, "CONNECT a:443 HTTP/1.1\r\n\r\n"},
        {false, kAck | kPsh, s + 1, c + 1 + n, "HTTP/1.1"},
        {true, kFin | kAck, c + 1 + n, s + 9, ""},
        {false, kFin | kAck, s + 9, c + 2 + n, ""},
        {true, kAck, c + 2 + n, s + 10, ""},
    };
    for (std::size_t i = 0; i < packets.size(); ++i) {
      INFO("packet " << i);
      const Packet& p = packets[i];
      const Row& r = rows[i];
      CHECK(to_string(p.src) == (r.from_client ? "192.168.88.20" : "203.0.113.5"));
      CHECK(p.src_port == (r.from_client ? 40000 : 8080));
      CHECK(p.dst_port == (r.from_client ? 8080 : 40000));
      CHECK(p.protocol == kTcp);
      CHECK(p.tcp_flags == r.flags);
      CHECK(seq(p) == r.seq);
      CHECK(ack(p) == r.ack);
      CHECK(p.payload() == r.payload);
      CHECK(p.payload_length == r.payload.size());
      CHECK(p.ip_length == 40 + r.payload.size());
      CHECK(p.time_us == kScenarioEpochUs + static_cast<std::int64_t>(i) * 10 * kMs);
      CHECK(sums_to_ffff(p.data.substr(0, 20)));  // the IPv4 header checksum
      CHECK(transport_checksum_ok(p));
    }
    CHECK(kScenarioEpochUs == 1767225600000000);  // 2026-01-01T00:00:00Z
  }

  TEST_CASE("scenario: RST close, no close, and a scan without handshake") {
    auto rst = packets_of(one(R"("close": "rst")"));
    REQUIRE(rst.size() == 4);
    CHECK(rst[3].tcp_flags == (kRst | kAck));
    CHECK(seq(rst[3]) == kClientIsn + 1);
    CHECK(packets_of(one(R"("close": "none")")).size() == 3);
    auto scan = packets_of(one(R"("handshake": false, "count": 3, "every": 0.5, "gap": 0)"));
    REQUIRE(scan.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
      CHECK(scan[i].tcp_flags == kSyn);
      CHECK(scan[i].src_port == 40000 + i);
      CHECK(scan[i].time_us == kScenarioEpochUs + static_cast<std::int64_t>(i) * 500 * kMs);
    }
  }

  TEST_CASE("scenario: payloads longer than the segment size are split") {
    std::string big(3000, 'x');
    big[1460] = 'y';
    auto packets = packets_of(
        one(R"("close": "none", "payloads": [{"from": "client", "text": ")" + big + "\"}]"));
    REQUIRE(packets.size() == 3 + 3);
    CHECK(packets[3].payload_length == 1460);
    CHECK(packets[4].payload_length == 1460);
    CHECK(packets[5].payload_length == 80);
    CHECK(packets[4].payload()[0] == 'y');
    CHECK(seq(packets[4]) == kClientIsn + 1 + 1460);
    CHECK(seq(packets[5]) == kClientIsn + 1 + 2920);
    for (int i = 3; i < 6; ++i)
      CHECK(packets[static_cast<std::size_t>(i)].tcp_flags == (kAck | kPsh));
    auto small = packets_of(
        one(R"("segment": 1000, "close": "none", "payloads": [{"from": "server", "text": ")" + big +
            "\"}]"));
    REQUIRE(small.size() == 6);
    CHECK(small[5].payload_length == 1000);
    CHECK(seq(small[5]) == kServerIsn + 1 + 2000);
    CHECK(to_string(small[5].src) == "203.0.113.5");
  }

  TEST_CASE("scenario: count, every, start and default ports per client; sorted by time") {
    std::string text = R"({"connections": [
      {"client": "10.0.0.1", "server": "10.0.0.9:25", "count": 2, "every": 1.0,
       "handshake": false},
      {"client": "10.0.0.2:5000", "server": "10.0.0.9:25", "count": 2, "every": 1.0,
       "start": 0.5, "handshake": false},
      {"client": "10.0.0.3", "server": "10.0.0.9:25", "handshake": false},
      {"client": "10.0.0.4", "server": "10.0.0.9:25", "handshake": false, "start": 1.0},
      {"client": "10.0.0.1", "server": "10.0.0.8:25", "handshake": false, "start": 2.0}
    ]})";
    auto packets = packets_of(text);
    REQUIRE(packets.size() == 7);

    struct Row {
      const char* src;
      std::uint16_t port;
      std::int64_t ms;
    };

    // Each client counts its own default ports from 40000.
    const Row rows[] = {{"10.0.0.1", 40000, 0},    {"10.0.0.3", 40000, 0},
                        {"10.0.0.2", 5000, 500},   {"10.0.0.1", 40001, 1000},
                        {"10.0.0.4", 40000, 1000}, {"10.0.0.2", 5001, 1500},
                        {"10.0.0.1", 40002, 2000}};
    for (std::size_t i = 0; i < 7; ++i) {
      INFO("packet " << i);
      CHECK(to_string(packets[i].src) == rows[i].src);
      CHECK(packets[i].src_port == rows[i].port);
      CHECK(packets[i].time_us == kScenarioEpochUs + rows[i].ms * kMs);
    }
  }

  TEST_CASE("scenario: default ports go round 1024-65535 per client, well past 25536") {
    CHECK(default_client_port(0) == 40000);
    CHECK(default_client_port(25535) == 65535);
    CHECK(default_client_port(25536) == 1024);
    CHECK(default_client_port(64511) == 39999);
    CHECK(default_client_port(64512) == 40000);
    // 64512 connections from one client, then more of it to another server (its ports
    // again, a different 5-tuple), and 30000 from a second client: no error.
    auto scenario = parse(R"({"connections": [
      {"client": "10.0.0.1", "server": "10.0.0.9:25", "count": 64512, "handshake": false},
      {"client": "10.0.0.1", "server": "10.0.0.8:25", "count": 3, "handshake": false},
      {"client": "10.0.0.2", "server": "10.0.0.9:25", "count": 30000, "handshake": false}
    ]})");
    REQUIRE(scenario);
    auto flows = expand_scenario(*scenario).flows;
    REQUIRE(flows.size() == 64512 + 3 + 30000);
    CHECK(flows[25535].client_port == 65535);
    CHECK(flows[25536].client_port == 1024);
    CHECK(flows[64511].client_port == 39999);
    CHECK(flows[64512].client_port == 40000);
    CHECK(to_string(flows[64512].server) == "10.0.0.8");
    CHECK(flows[64515].client_port == 40000);
    CHECK(flows[64515 + 29999].client_port == 5487);  // 40000 + 29999 - 64512
  }

  TEST_CASE("scenario: a default port taken again for the same 5-tuple names both connections") {
    // The second entry has no "count": the error points at its "client", the note at the
    // "count" of the entry that took the port first.
    std::string text = R"({"connections": [
  {"client": "10.0.0.1", "server": "10.0.0.2:80", "count": 64512, "handshake": false},
  {"client": "10.0.0.3", "server": "10.0.0.2:80", "handshake": false},
  {"client": "10.0.0.1", "server": "10.0.0.2:80", "handshake": false}
]})";
    std::string errors = errors_of(text);
    CHECK(errors.rfind(
              "scenario.json:4:14: error: connections[2].client: connection 1 would take client "
              "10.0.0.1:40000 to 10.0.0.2:80 (tcp) again, like connections[0] (its connection "
              "1): a client has 64512 default source ports (40000 to 65535, then 1024 to 39999); "
              "give this connection another client port, server or fewer repetitions\n"
              "    {\"client\": \"10.0.0.1\", \"server\": \"10.0.0.2:80\", \"handshake\": false}\n"
              "               ^~~~~~~~~~\n"
              "scenario.json:2:60: note: connections[0].count: the earlier connection with "
              "client 10.0.0.1:40000\n",
              0) == 0);
    // With a count, at the count; the clash is the 13th connection of the entry.
    auto lines = error_lines(R"({"connections": [
  {"client": "10.0.0.1", "server": "10.0.0.2:80", "protocol": "udp", "count": 64500},
  {"client": "10.0.0.1", "server": "10.0.0.2:80", "protocol": "udp", "count": 20}
]})");
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].rfind("scenario.json:3:79: error: connections[1].count: connection 13 would "
                         "take client 10.0.0.1:40000 to 10.0.0.2:80 (udp) again, like "
                         "connections[0] (its connection 1): ",
                         0) == 0);
  }

  TEST_CASE("scenario: UDP datagrams and ICMP echoes") {
    auto udp = packets_of(one(R"("protocol": "udp", "payloads": [
        {"from": "client", "text": "query"}, {"from": "server", "hex": "72 65 70 6C 79"}])",
                              "203.0.113.5:53"));
    REQUIRE(udp.size() == 2);
    CHECK(udp[0].protocol == kUdp);
    CHECK(udp[0].dst_port == 53);
    CHECK(udp[0].payload() == "query");
    CHECK(udp[1].src_port == 53);
    CHECK(udp[1].payload() == "reply");
    CHECK(transport_checksum_ok(udp[0]));
    auto empty = packets_of(one(R"("protocol": "udp")", "203.0.113.5:53"));
    REQUIRE(empty.size() == 1);
    CHECK(empty[0].payload_length == 0);
    auto ping = packets_of(one(R"("protocol": "icmp")", "203.0.113.5"));
    REQUIRE(ping.size() == 2);
    CHECK(ping[0].protocol == kIcmp);
    CHECK(static_cast<std::uint8_t>(ping[0].data[20]) == 8);  // echo request
    CHECK(static_cast<std::uint8_t>(ping[1].data[20]) == 0);  // echo reply
    CHECK(to_string(ping[1].src) == "203.0.113.5");
    CHECK(sums_to_ffff(ping[0].data.substr(20)));
    auto ping6 = packets_of(
        R"({"connections": [{"client": "2001:db8::20", "server": "2001:db8::1",
            "protocol": "icmp", "payloads": [{"from": "client", "text": "abc"}]}]})");
    REQUIRE(ping6.size() == 1);
    CHECK(ping6[0].protocol == kIcmpV6);
    CHECK(static_cast<std::uint8_t>(ping6[0].data[40]) == 128);
    CHECK(ping6[0].payload() == "abc");
  }

  TEST_CASE("scenario: IPv6 endpoints") {
    auto packets = packets_of(
        R"({"connections": [{"client": "[2001:db8::20]:41000", "server": "[2001:db8::1]:443",
            "payloads": [{"from": "client", "text": "hello"}], "close": "none"}]})");
    REQUIRE(packets.size() == 4);
    CHECK(packets[0].src.v6);
    CHECK(to_string(packets[0].src) == "2001:db8::20");
    CHECK(to_string(packets[0].dst) == "2001:db8::1");
    CHECK(packets[0].src_port == 41000);
    CHECK(packets[0].dst_port == 443);
    CHECK(packets[3].ip_length == 40 + 20 + 5);
    CHECK(packets[3].payload() == "hello");
    CHECK(seq(packets[1]) == kServerIsn);
    CHECK(ack(packets[1]) == kClientIsn + 1);
  }

  TEST_CASE("scenario: the same scenario gives the same bytes") {
    std::string text =
        one(R"("count": 5, "every": 0.1, "payloads": [{"from": "client", "text": "x"}])");
    auto a = packets_of(text);
    auto b = packets_of(text);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) CHECK(a[i].data == b[i].data);
  }

  TEST_CASE("scenario: syntax errors point at line:col") {
    CHECK(
        errors_of(
            "{\n  \"connections\": [\n    {\"client\": \"1.2.3.4\" \"server\": \"x\"}\n  ]\n}\n") ==
        "scenario.json:3:33: error: syntax error while parsing object - unexpected string "
        "literal; expected '}'\n"
        "      {\"client\": \"1.2.3.4\" \"server\": \"x\"}\n"
        "                                  ^\n");
    std::string comment = errors_of("{\n  \"connections\": [] // none\n}\n");
    CHECK(comment.find("scenario.json:2:21: error: syntax error while parsing object") == 0);
    CHECK(comment.find("note: JSON has no comments") != std::string::npos);
    CHECK(errors_of("").find("scenario.json:1:1: error: syntax error while parsing value - "
                             "unexpected end of input") == 0);
  }

  TEST_CASE("scenario: value errors name the value and point at it") {
    CHECK(errors_of(
              "{\"connections\": [\n  {\"client\": \"192.168.88.20\", \"server\": \"x\"}\n]}") ==
          "scenario.json:2:41: error: connections[0].server: expected address:port, got \"x\"\n"
          "    {\"client\": \"192.168.88.20\", \"server\": \"x\"}\n"
          "                                          ^~~\n");
    CHECK(error_lines(one(R"("sever": 1)")) ==
          std::vector<std::string>{"scenario.json:1:76: error: connections[0]: unknown key "
                                   "\"sever\" (did you mean \"server\"?)"});
    CHECK(error_lines(R"({"connection": []})") ==
          std::vector<std::string>{
              "scenario.json:1:2: error: unknown key \"connection\" (did you mean "
              "\"connections\"?)",
              "scenario.json:1:1: error: missing \"connections\""});
  }

  TEST_CASE("scenario: every validation error") {
    struct Case {
      std::string text;
      std::string message;
    };

    const Case cases[] = {
        {"[]", "expected an object with \"connections\", got an array"},
        {R"({"connections": {}})", "connections: expected an array of connections, got an object"},
        {R"({"connections": []})", "connections: expected at least one connection"},
        {R"({"connections": [5]})", "connections[0]: expected an object, got 5"},
        {R"({"connections": [{"client": "1.2.3.4"}]})", "connections[0]: missing \"server\""},
        {one("", "203.0.113.5:70000"),
         "connections[0].server: port 70000 is out of range (1-65535)"},
        {one("", "203.0.113.5:0"), "connections[0].server: port 0 is out of range (1-65535)"},
        {one("", "203.0.113.5"),
         "connections[0].server: expected address:port, got \"203.0.113.5\" (no port)"},
        {one("", "256.0.0.1:80"),
         "connections[0].server: expected address:port, got \"256.0.0.1:80\""},
        {one("", "[2001:db8::1]:443"),
         "connections[0].server: 2001:db8::1 is IPv6 but the client 192.168.88.20 is IPv4"},
        {one(R"("protocol": "icmp")"),
         "connections[0].server: icmp has no ports: expected an address, got \"203.0.113.5:8080\""},
        {one(R"("protocol": "sctp")"),
         "connections[0].protocol: expected \"tcp\", \"udp\" or \"icmp\", got \"sctp\""},
        {one(R"("protocol": "udp", "close": "fin")"),
         "connections[0].close: only tcp connections have \"close\""},
        {one(R"("count": 0)"),
         "connections[0].count: expected a whole number from 1 to 1000000, got 0"},
        {one(R"("count": 1.5)"),
         "connections[0].count: expected a whole number from 1 to 1000000, got 1.5"},
        {one(R"("start": -1)"),
         "connections[0].start: expected a number of seconds from 0 to 1000000000, got -1"},
        {one(R"("gap": "1s")"),
         "connections[0].gap: expected a number of seconds from 0 to 1000000000, got \"1s\""},
        {one(R"("handshake": "yes")"),
         "connections[0].handshake: expected true or false, got \"yes\""},
        {one(R"("segment": 0)"),
         "connections[0].segment: expected a whole number from 1 to 65495, got 0"},
        {one(R"("close": "reset")"),
         "connections[0].close: expected \"fin\", \"rst\" or \"none\", got \"reset\""},
        {one(R"("name": 7)"), "connections[0].name: expected a string, got 7"},
        {one(R"("handshake": false, "close": "fin")"),
         "connections[0].close: a connection without handshake sends only a SYN: close must be "
         "\"none\" or absent"},
        {one(R"("handshake": false, "payloads": [{"from": "client", "text": "x"}])"),
         "connections[0].payloads: a connection without handshake sends only a SYN: remove "
         "\"payloads\" or set \"handshake\": true"},
        {one(R"("payloads": {})"),
         "connections[0].payloads: expected an array of payloads, got an object"},
        {one(R"("payloads": [{"from": "client", "hex": "4g"}])"),
         "connections[0].payloads[0].hex: expected hex digits in pairs, got \"4g\": 'g' is not a "
         "hex digit"},
        {one(R"("payloads": [{"from": "client", "hex": "485"}])"),
         "connections[0].payloads[0].hex: expected hex digits in pairs, got \"485\": an odd number "
         "of hex digits"},
        {one(R"("payloads": [{"from": "me", "text": "x"}])"),
         "connections[0].payloads[0].from: expected \"client\" or \"server\", got \"me\""},
        {one(R"("payloads": [{"from": "client", "text": "x", "hex": "41"}])"),
         "connections[0].payloads[0]: give \"text\" or \"hex\", not both"},
        {one(R"("payloads": [{"from": "client"}])"),
         "connections[0].payloads[0]: missing \"text\" or \"hex\""},
        {one(R"("payloads": [{"from": "client", "text": ""}])"),
         "connections[0].payloads[0].text: a payload cannot be empty"},
        {one(R"("payloads": [{"from": "client", "txt": "x"}])"),
         "connections[0].payloads[0]: unknown key \"txt\" (did you mean \"text\"?)"},
        {one(R"("count": 2, "client": "1.1.1.1")"),
         "connections[0]: duplicate key \"client\" (JSON keeps only the last value)"},
        {R"({"connections": [{"client": "10.0.0.1:65535", "server": "10.0.0.2:80", "count": 2}]})",
         "connections[0].count: source ports 65535 to 65536 run past 65535"},
        {R"({"connections": [{"client": "10.0.0.1", "server": "10.0.0.2:80", "count": 70000,
             "handshake": false}]})",
         "connections[0].count: connection 64513 would take client 10.0.0.1:40000 to "
         "10.0.0.2:80 (tcp) again, like its connection 1: a client has 64512 default source "
         "ports (40000 to 65535, then 1024 to 39999); give this connection another client port, "
         "server or fewer repetitions"},
        {R"({"connections": [{"client": "10.0.0.1:1", "server": "10.0.0.2:80", "count": 60000,
             "payloads": [{"from": "client", "text": "0123456789012345678901234"}], "segment": 1}]})",
         "connections[0]: the scenario would make more than 1000000 packets"},
        {one(R"("start": 999999999, "gap": 1)"),
         "connections[0]: the last packet would come more than 1000000000 seconds after the start"},
    };
    for (const Case& c : cases) {
      INFO(c.text);
      std::string errors = errors_of(c.text);
      CHECK(errors.find("error: " + c.message + "\n") != std::string::npos);
      CHECK(errors.rfind("scenario.json:", 0) == 0);
    }
  }

  TEST_CASE("scenario: deep nesting and odd keys are errors, not crashes") {
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += "[{\"a\":";
    deep += "1";
    for (int i = 0; i < 100000; ++i) deep += "}]";
    CHECK(error_lines(one("\"name\": " + deep)) ==
          std::vector<std::string>{"scenario.json:1:84: error: connections[0].name: expected a "
                                   "string, got an array"});
    // No "did you mean" for a key too short to be a typo of a known one.
    CHECK(error_lines(one(R"("x": 1)")) ==
          std::vector<std::string>{"scenario.json:1:76: error: connections[0]: unknown key \"x\""});
    CHECK(error_lines(one(R"("client": "1.2.3.4\u0000")")).size() == 2);  // and a duplicate
  }

  TEST_CASE("scenario: several errors are reported together") {
    auto lines = error_lines(R"({"connections": [
      {"client": "x", "server": "203.0.113.5:80"},
      {"client": "10.0.0.1", "server": "10.0.0.2:99999", "count": -1}
    ]})");
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] ==
          "scenario.json:2:18: error: connections[0].client: expected address or "
          "address:port, got \"x\"");
    CHECK(lines[1].find("connections[1].server: port 99999") != std::string::npos);
    CHECK(lines[2].find("connections[1].count: expected a whole number") != std::string::npos);
  }

  TEST_CASE("scenario: read_scenario reads a file and labels each packet's connection") {
    std::string tmpl = (fs::temp_directory_path() / "rosgen-scenario-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    fs::path dir = tmpl;
    fs::path path = dir / "cafe.json";
    std::ofstream(path) << R"({"connections": [
      {"name": "bot", "client": "192.168.88.20", "server": "203.0.113.5:8080", "close": "rst"},
      {"client": "192.168.88.21", "server": "203.0.113.5:8080", "close": "rst"},
      {"name": "ping", "client": "192.168.88.20", "server": "203.0.113.5", "protocol": "icmp"}
    ]})";
    support::DiagnosticEngine diags;
    auto source = read_scenario(path.string(), diags);
    REQUIRE(source);
    CHECK(source->name() == "scenario " + path.string());
    REQUIRE(source->connections().size() == 3);
    CHECK(source->connections()[0].name == "bot");
    std::vector<std::string> labels;
    Packet p;
    while (source->next(p)) labels.push_back(source->label_of(p));
    CHECK(labels ==
          std::vector<std::string>{"bot", "", "ping", "bot", "", "ping", "bot", "", "bot", ""});
    CHECK(source->skipped().total() == 0);
    Packet stranger;
    stranger.protocol = kTcp;
    CHECK(source->connection_of(stranger) == nullptr);

    fs::path fifo = dir / "fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    for (const fs::path& bad : {dir / "none.json", fifo, dir}) {
      support::DiagnosticEngine errors;
      CHECK_FALSE(read_scenario(bad.string(), errors));
      CHECK(support::render_all(errors).rfind("rosgen: error: cannot read '" + bad.string() + "': ",
                                              0) == 0);
    }
    fs::remove_all(dir);
  }
}
