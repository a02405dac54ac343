// Tests for src/profile/measure and `rosgen profile`: the requests made from signatures,
// exact counts on small synthetic traffic (window, direction, ports, flows, clients,
// headers included), and the command on a capture written here with libpcap: its output,
// determinism and exit codes.
#include <doctest/doctest.h>

#include <cstring>
#include <sstream>

#include "cli/app.hpp"
#include "cli_run.hpp"
#include "pcap_util.hpp"
#include "profile/measure.hpp"
#include "profile/profile_toml.hpp"
#include "simulate_util.hpp"
#include "support/digest.hpp"
#include "test_util.hpp"

using namespace rosgen;
using namespace rosgen::profile;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPolicyHead = "policy t { clients 10.0.0.0/24 via bridge; uplink ether1; }\n";

Gate web(std::optional<std::uint32_t> window) {
  return make_gate(sema::Protocol::Tcp, {{80, 80}}, window);
}

// Fragment counts of `gate` in `profile` by bytes.
const FragmentCount& fragment(const Profile& profile, const Gate& gate, const std::string& bytes) {
  const GateCounts* counts = profile.find(gate);
  REQUIRE(counts != nullptr);
  for (const FragmentCount& f : counts->fragments) {
    if (f.bytes == bytes)
      return f;
  }
  FAIL("no fragment " << bytes);
  static FragmentCount none;
  return none;
}

Measurement measure(const std::vector<capture::Packet>& packets, std::vector<GateRequest> requests,
                    std::vector<Ipv4Range> clients = {}) {
  Measurement m(std::move(requests), std::move(clients));
  for (const capture::Packet& p : packets) m.add(p);
  return m;
}

// One HTTP connection from 10.0.0.5 (the client: it sends the SYN) to 192.0.2.1:80. IP
// bytes of the connection after each packet: SYN 40, SYN-ACK 80, ACK 120, then
// "GET / HTTP/1.1" (14 bytes of payload, 54 IP bytes) 174, the server's "HTTP/1.1 200"
// (52) 226, "get /a HTTP/1.0" (55) 281, "Get /b" (46) 327, then FIN, FIN, ACK.
std::vector<capture::Packet> http_connection(double t = 0) {
  return test::tcp_conversation(
      t, "10.0.0.5:40000", "192.0.2.1:80",
      {">GET / HTTP/1.1", "<HTTP/1.1 200", ">get /a HTTP/1.0", ">Get /b"});
}

std::vector<GateRequest> http_request(std::optional<std::uint32_t> window) {
  return {{web(window), {{"GET ", true}, {"HTTP/1.", false}}}};
}

// The IP packet `p` as it would be on the wire (make_packet() leaves addresses, ports,
// lengths and flags out of `data`).
std::string wire(const capture::Packet& p) {
  std::string d = p.data;
  d[2] = static_cast<char>(p.ip_length >> 8);
  d[3] = static_cast<char>(p.ip_length & 0xff);
  d[8] = 64;
  std::memcpy(&d[12], p.src.bytes.data(), 4);
  std::memcpy(&d[16], p.dst.bytes.data(), 4);
  d[20] = static_cast<char>(p.src_port >> 8);
  d[21] = static_cast<char>(p.src_port & 0xff);
  d[22] = static_cast<char>(p.dst_port >> 8);
  d[23] = static_cast<char>(p.dst_port & 0xff);
  if (p.protocol == capture::kTcp) {
    d[32] = 0x50;
    d[33] = static_cast<char>(p.tcp_flags);
  } else {
    d[24] = static_cast<char>((p.ip_length - 20) >> 8);
    d[25] = static_cast<char>((p.ip_length - 20) & 0xff);
  }
  return d;
}

using Run = test::CliRun;

Run run_rosgen(const std::vector<std::string>& args) {
  return test::run_cli(args);
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

TEST_SUITE("profile measure") {
  TEST_CASE("requests_for: one gate per distinct gate, every substring of every literal") {
    auto checked = test::check_text(
        std::string(kPolicyHead) +
        "signature a to tcp 80 within first 2KiB { in one packet: nocase \"AB\", \"b!\" } -> drop\n"
        "signature b to tcp 80 within first 2KiB { in one packet: \"ab\" } -> drop\n"
        "signature c to udp 53 { in one packet: \"x\" } -> drop\n");
    REQUIRE_MESSAGE(checked.policy, checked.diagnostics);
    std::vector<GateRequest> expected = {
        {web(2048),
         {{"!", false},
          {"A", true},
          {"AB", true},
          {"B", true},
          {"a", false},
          {"ab", false},
          {"b", false},
          {"b!", false}}},
        {make_gate(sema::Protocol::Udp, {{53, 53}}, std::nullopt), {{"x", false}}}};
    CHECK(requests_for({*checked.policy}) == expected);
  }

  TEST_CASE("measure: client packets within the window, exact and nocase, per form") {
    Measurement m = measure(http_connection(), http_request(300));
    Profile p = m.profile();
    REQUIRE(p.gates.size() == 1);
    // Counted: the client's SYN (40 bytes) and ACK (120), which pass the rules' gate too,
    // and its two requests at 174 and 281 bytes. Not counted: the server's packets (wrong
    // direction, though its reply holds "HTTP/1."), and "Get /b" at 327 bytes (past the
    // window).
    CHECK(p.gates[0].packets == 4);
    CHECK(p.gates[0].data_packets == 2);  // the two requests: not the SYN, not the ACK
    CHECK(fragment(p, web(300), "GET ") == FragmentCount{"GET ", 2, 1, {{"GET ", 1}, {"get ", 1}}});
    CHECK(fragment(p, web(300), "HTTP/1.") == FragmentCount{"HTTP/1.", 2, 2, {}});
    CHECK(m.stats() == Measurement::Stats{10, 0, 0, 1, 4});
  }

  TEST_CASE("measure: the window includes the packet itself") {
    // "get /a HTTP/1.0" brings the connection to exactly 281 bytes: in a 281-byte window,
    // not in a 280-byte one.
    CHECK(measure(http_connection(), http_request(281)).profile().gates[0].packets == 4);
    CHECK(measure(http_connection(), http_request(280)).profile().gates[0].packets == 3);
    // No window: every client packet (SYN, ACK, three requests, FIN, the last ACK).
    Profile all = measure(http_connection(), http_request(std::nullopt)).profile();
    CHECK(all.gates[0].packets == 7);
    CHECK(fragment(all, web(std::nullopt), "GET ").forms ==
          std::map<std::string, std::uint64_t>{{"GET ", 1}, {"Get ", 1}, {"get ", 1}});
  }

  TEST_CASE("measure: other ports and the server's packets do not reach the gate") {
    auto packets =
        test::tcp_conversation(0, "10.0.0.5:40001", "192.0.2.1:8080", {">GET / HTTP/1.1"});
    // The server at port 80 talking to a client's port 80 (its replies go to port 80).
    auto reverse = test::tcp_conversation(1, "10.0.0.6:80", "192.0.2.1:81", {"<GET x"});
    packets.insert(packets.end(), reverse.begin(), reverse.end());
    CHECK(measure(packets, http_request(std::nullopt)).profile().gates[0].packets == 0);
  }

  TEST_CASE("measure: a SYN after FIN starts a new connection, with its bytes from zero") {
    auto packets = http_connection(0);
    auto again = http_connection(10);  // the same 5-tuple
    packets.insert(packets.end(), again.begin(), again.end());
    CHECK(measure(packets, http_request(300)).profile().gates[0].packets == 8);
  }

  TEST_CASE("measure: the client without a SYN: --clients, else the first sender") {
    // UDP both ways between port 5000s; the outside host speaks first.
    std::vector<capture::Packet> packets = {
        test::make_packet(0, "192.0.2.9:5000", "10.0.0.5:5000", capture::kUdp, 0, "hi there"),
        test::make_packet(1, "10.0.0.5:5000", "192.0.2.9:5000", capture::kUdp, 0, "hi back"),
        test::make_packet(2, "10.0.0.5:5000", "192.0.2.9:5000", capture::kUdp, 0, "bye")};
    Gate gate = make_gate(sema::Protocol::Udp, {{5000, 5000}}, std::nullopt);
    std::vector<GateRequest> request = {{gate, {{"hi", false}}}};
    Profile first_sender = measure(packets, request).profile();
    CHECK(first_sender.gates[0].packets == 1);
    CHECK(fragment(first_sender, gate, "hi").exact == 1);
    Profile clients = measure(packets, request, {{0x0A000000, 0x0A0000FF}}).profile();
    CHECK(clients.gates[0].packets == 2);
    CHECK(fragment(clients, gate, "hi").exact == 1);
    // TCP picked up mid-stream (no SYN): the same rule.
    std::vector<capture::Packet> tcp = {
        test::make_packet(0, "192.0.2.1:80", "10.0.0.5:40000", capture::kTcp, capture::kAck,
                          "HTTP/1.1 200"),
        test::make_packet(1, "10.0.0.5:40000", "192.0.2.1:80", capture::kTcp, capture::kAck,
                          "GET / HTTP/1.1")};
    CHECK(measure(tcp, http_request(std::nullopt)).profile().gates[0].packets == 0);
    CHECK(measure(tcp, http_request(std::nullopt), {{0x0A000000, 0x0A0000FF}})
              .profile()
              .gates[0]
              .packets == 1);
  }

  TEST_CASE("measure: fragments are searched in the whole IP packet, as content= does") {
    // make_packet's IPv4 header starts with 0x45, 'E': every packet holds "E".
    std::vector<GateRequest> request = {{web(std::nullopt), {{"E", false}, {"Z", false}}}};
    Profile p = measure(http_connection(), request).profile();
    CHECK(fragment(p, web(std::nullopt), "E").exact == 7);  // every client packet
    CHECK(fragment(p, web(std::nullopt), "Z").nocase == 0);
  }

  TEST_CASE("measure: IPv6 and other protocols are counted apart and never reach a gate") {
    capture::Packet v6 =
        test::make_packet(0, "10.0.0.5:40000", "192.0.2.1:80", capture::kTcp, capture::kSyn);
    v6.src.v6 = v6.dst.v6 = true;
    capture::Packet icmp = test::make_packet(0, "10.0.0.5", "192.0.2.1", capture::kIcmp, 0, "GET ");
    Measurement m = measure({v6, icmp}, http_request(std::nullopt));
    CHECK(m.stats() == Measurement::Stats{2, 1, 1, 0, 0});
  }

  TEST_CASE("rosgen profile: a capture written with libpcap, counted exactly, twice the same") {
    test::TempDir dir;
    write_text(dir.path / "web.pol",
               std::string(kPolicyHead) +
                   "signature s to tcp 80 within first 300 { in one packet: nocase \"GET \", "
                   "\"HTTP/1.\" } -> drop\n");
    std::vector<test::Record> records;
    std::vector<capture::Packet> packets = http_connection();
    for (const capture::Packet& p : packets) records.push_back({wire(p), p.time_us});
    test::write_pcap(dir.path / "web.pcap", DLT_RAW, records);
    std::string pol = (dir.path / "web.pol").string(), pcap = (dir.path / "web.pcap").string();
    std::string out = (dir.path / "web.toml").string();

    Run run = run_rosgen({"profile", pol, "--pcap", pcap, "-o", out});
    REQUIRE_MESSAGE(run.code == 0, run.err);
    CHECK(run.out.empty());
    CHECK(run.err.empty());
    std::string written = test::read_text(out);
    // Twice: the same bytes; and on stdout the same bytes as in the file.
    Run again = run_rosgen({"profile", pol, "--pcap", pcap});
    CHECK(again.code == 0);
    CHECK(again.out == written);

    support::DiagnosticEngine diags;
    auto profile = load_profile(out, diags);
    REQUIRE_MESSAGE(profile, support::render_all(diags));
    Gate gate = web(300);
    REQUIRE(profile->find(gate) != nullptr);
    CHECK(profile->find(gate)->packets == 4);
    CHECK(fragment(*profile, gate, "GET ") ==
          FragmentCount{"GET ", 2, 1, {{"GET ", 1}, {"get ", 1}}});
    CHECK(fragment(*profile, gate, "HTTP/1.") == FragmentCount{"HTTP/1.", 2, 2, {}});
    // The measurement in process on the same packets (their bytes as on the wire: fragments
    // are searched in the headers too) gives the same profile.
    std::vector<capture::Packet> wired = packets;
    for (capture::Packet& p : wired) p.data = wire(p);
    CHECK(*profile ==
          measure(wired, requests_for({*test::check_text(test::read_text(pol)).policy})).profile());
    CHECK(
        written.find("# Signatures of: web.pol\n# Captures (file name, SHA-256):\n#   web.pcap  " +
                     support::file_sha256(pcap) +
                     "\n# Packets: 10 read, 0 IPv6 and 0 neither "
                     "TCP nor UDP (not counted), 1 connections, 4 packets at a gate\n") !=
        std::string::npos);
  }

  TEST_CASE("rosgen profile: exit codes 1 (policy), 3 (I/O) and 64 (usage)") {
    test::TempDir dir;
    write_text(dir.path / "bad.pol", "policy t { routeros 9; }\n");
    test::write_pcap(dir.path / "empty.pcap", DLT_RAW, {});
    std::string pcap = (dir.path / "empty.pcap").string();
    Run bad = run_rosgen({"profile", (dir.path / "bad.pol").string(), "--pcap", pcap});
    CHECK(bad.code == 1);
    CHECK(bad.out.empty());
    std::string cafe = test::source_dir() + "/examples/cafe.pol";
    Run missing = run_rosgen({"profile", cafe, "--pcap", (dir.path / "none.pcap").string()});
    CHECK(missing.code == 3);
    CHECK(missing.err.find("rosgen: error: cannot read '" + (dir.path / "none.pcap").string()) ==
          0);
    CHECK(run_rosgen({"profile", cafe}).code == 64);            // no --pcap
    CHECK(run_rosgen({"profile", "--pcap", pcap}).code == 64);  // no policy
    CHECK(run_rosgen({"profile", cafe, "--pcap", pcap, "--clients", "10.0.0.0/33"}).code == 64);
    // -o naming an input is refused (3), and the input survives.
    Run over = run_rosgen({"profile", cafe, "--pcap", pcap, "-o", pcap});
    CHECK(over.code == 3);
    CHECK(fs::file_size(pcap) == 24);
  }

  TEST_CASE("rosgen profile: no signatures is a warning and a profile without gates") {
    test::TempDir dir;
    test::write_pcap(dir.path / "empty.pcap", DLT_RAW, {});
    Run run = run_rosgen({"profile", test::source_dir() + "/policies/syn-flood.pol", "--pcap",
                          (dir.path / "empty.pcap").string()});
    CHECK(run.code == 0);
    CHECK(run.err ==
          "rosgen: warning: the policies have no signatures: the profile has no "
          "gates\n");
    CHECK(run.out.find("\nformat = \"rosgen-profile/1\"\n") != std::string::npos);
  }
}
