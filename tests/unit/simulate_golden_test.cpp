// Golden simulator reports (issue 8 §3): every capture of the shared data replayed against
// examples/cafe.pol with its own clients (tests/golden/simulate/captures.tsv), bare and
// behind RouterOS's default firewall (tests/import/defconf-v7.rsc), and one capture behind
// an operator's script from the shared exports. The human report must equal
// tests/golden/simulate/<capture>[.defconf|.maspur].txt, byte for byte, twice in a row;
// ROSGEN_UPDATE_GOLDEN=1 rewrites them (review the diff like code). Verdicts that matter
// are also checked on the --json report, so a golden rewritten by mistake cannot hide them.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "capture_table.hpp"
#include "cli/app.hpp"
#include "test_util.hpp"

using namespace rosgen;
namespace fs = std::filesystem;
using test::Capture;
using test::capture_table;

namespace {

struct Run {
  int code = 0;
  std::string out, err;
};

// Runs `rosgen simulate ARGS...` in process from the source tree. The shared data's
// directory differs between checkouts, so it reads $ROSGEN_SHARED_DATA_DIR in the output.
Run simulate(const std::vector<std::string>& args) {
  fs::path saved = fs::current_path();
  fs::current_path(test::source_dir());
  std::vector<std::string> all = {"rosgen", "simulate"};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<const char*> argv;
  for (const auto& a : all) argv.push_back(a.c_str());
  std::ostringstream out, err;
  Run run;
  run.code = cli::run(static_cast<int>(argv.size()), argv.data(), {&out, &err, false, false});
  fs::current_path(saved);
  run.out = out.str();
  run.err = err.str();
  const std::string shared = test::shared_data_dir();
  for (std::size_t at = run.out.find(shared); at != std::string::npos;
       at = run.out.find(shared, at))
    run.out.replace(at, shared.size(), "$ROSGEN_SHARED_DATA_DIR");
  return run;
}

std::string pcap(const std::string& name) {
  return test::shared_data_dir() + "/pcap/" + name;
}

// The command line for `capture` with `extra` options after it.
std::vector<std::string> arguments(const Capture& c, const std::vector<std::string>& extra,
                                   bool json = false) {
  std::vector<std::string> args = {"examples/cafe.pol", "--pcap", pcap(c.file)};
  for (const std::string& prefix : c.clients) args.insert(args.end(), {"--clients", prefix});
  if (!c.lan.empty())
    args.insert(args.end(), {"--lan-iface", c.lan});
  if (!c.wan.empty())
    args.insert(args.end(), {"--wan-iface", c.wan});
  args.insert(args.end(), extra.begin(), extra.end());
  if (json)
    args.push_back("--json");
  return args;
}

// A configuration in front of the rules, and the suffix of its golden files.
struct Variant {
  std::string suffix;
  std::vector<std::string> options;
};

const std::vector<Variant>& variants() {
  static const std::vector<Variant> list = {
      {"", {}}, {".defconf", {"--with", "tests/import/defconf-v7.rsc"}}};
  return list;
}

// The operator's script: a RouterOS 6.42 export with 27 mangle fasttrack-connection rules
// for game ports and QoS marks for 192.168.150.0/23; the policy is compiled for 6 to match.
const Variant& operator_variant() {
  static const Variant variant = {
      ".maspur",
      {"--with", test::shared_data_dir() + "/rsc/maspur_mangle-fasttrack_v6.42.10.rsc", "--target",
       "6"}};
  return variant;
}

// Runs the human report twice (byte-identical) and compares it to its golden file.
void check_golden(const Capture& c, const Variant& variant) {
  INFO(c.file << variant.suffix);
  Run first = simulate(arguments(c, variant.options));
  REQUIRE_MESSAGE(first.code == 0, first.err);
  CHECK_MESSAGE(first.err.find("error") == std::string::npos, first.err);
  Run second = simulate(arguments(c, variant.options));
  CHECK_MESSAGE(second.out == first.out, "the report differs between two runs");
  fs::path golden =
      fs::path(test::source_dir()) / "tests/golden/simulate" / (c.file + variant.suffix + ".txt");
  auto expected = test::expectation(golden, first.out);
  REQUIRE_MESSAGE(expected, "missing " << golden.string() << " (run with ROSGEN_UPDATE_GOLDEN=1)");
  CHECK(*expected == first.out);
}

// What the --json report says about the verdicts.
struct Verdicts {
  std::uint64_t packets = 0, fasttracked = 0, ipv6 = 0;
  std::size_t connections = 0;
  // "tcp client -> server:port" -> the rule that stopped each stopped connection
  std::map<std::string, std::vector<std::string>> stopped;
  // Flows outside connection tracking with a stopped packet, by why they were untracked
  // (a late FIN after its entry expired is invalid: no request is stopped by that).
  std::map<std::string, std::uint64_t> untracked_stopped;
};

Verdicts verdicts(const Capture& c, const Variant& variant) {
  Run run = simulate(arguments(c, variant.options, true));
  REQUIRE_MESSAGE(run.code == 0, run.err);
  nlohmann::json document = nlohmann::json::parse(run.out);
  Verdicts v;
  const auto& traffic = document.at("traffic");
  v.packets = traffic.at("packets").get<std::uint64_t>();
  v.fasttracked = traffic.at("fasttracked").get<std::uint64_t>();
  v.ipv6 = traffic.at("ipv6_passed_without_rules").get<std::uint64_t>();
  for (const auto& connection : document.at("connections")) {
    if (connection.contains("tracking")) {  // a flow outside connection tracking
      if (connection.contains("stopped_by"))
        ++v.untracked_stopped[connection.at("tracking").get<std::string>()];
      continue;
    }
    ++v.connections;
    if (!connection.contains("stopped_by"))
      continue;
    std::string name = connection.at("protocol").get<std::string>() + " " +
                       connection.at("client").get<std::string>() + " -> " +
                       connection.at("server").get<std::string>() + ":" +
                       std::to_string(connection.at("server_port").get<int>());
    v.stopped[name].push_back(connection.at("stopped_by").get<std::string>());
  }
  return v;
}

Capture find_capture(const std::string& file) {
  for (const Capture& c : capture_table()) {
    if (c.file == file)
      return c;
  }
  FAIL("no row for " << file << " in captures.tsv");
  return {};
}

// Every stop in `v` is by a rule whose id starts with `prefix`.
bool all_stopped_by(const Verdicts& v, const std::string& prefix) {
  for (const auto& [name, rules] : v.stopped) {
    for (const std::string& rule : rules) {
      if (rule.rfind(prefix, 0) != 0)
        return false;
    }
  }
  return !v.stopped.empty();
}

}  // namespace

TEST_SUITE("simulate") {
  TEST_CASE("simulate: --clients gives a policy the capture's clients (replay from any network)") {
    // The CONNECT of ndpi_http_connect.pcap comes from 192.168.1.103, not from the café's
    // 192.168.88.0/24: with --clients the policy is compiled for that host, so its
    // signature sees the request.
    Capture c{"ndpi_http_connect.pcap", {"192.168.1.103/32"}, "", "", ""};
    std::map<std::string, std::vector<std::string>> expected = {
        {"tcp 192.168.1.103 -> 192.168.1.146:8080", {"rosgen:cafe:proxy-connect.forward.drop"}}};
    CHECK(verdicts(c, variants()[0]).stopped == expected);
    // A range is split into the prefixes that cover it (two here: an address list).
    c.clients = {"192.168.1.103-192.168.1.104"};
    CHECK(verdicts(c, variants()[0]).stopped == expected);
  }
}

TEST_SUITE("golden") {
  TEST_CASE("golden: captures.tsv names every shared capture once") {
    std::set<std::string> listed, present;
    for (const Capture& c : capture_table()) {
      CHECK_MESSAGE(listed.insert(c.file).second, c.file << " is listed twice");
      CHECK_MESSAGE(!c.reason.empty(), c.file << " has no reason");
    }
    for (const auto& entry : fs::directory_iterator(test::shared_data_dir() + "/pcap")) {
      std::string name = entry.path().filename().string();
      if (name != "SOURCES.tsv")
        present.insert(name);
    }
    CHECK(present.size() >= 25);
    CHECK(listed == present);
  }

  TEST_CASE("golden: every shared capture against the cafe, bare and behind defconf") {
    for (const Capture& c : capture_table()) {
      for (const Variant& variant : variants()) check_golden(c, variant);
    }
  }

  TEST_CASE("optimiser: every capture gets the same verdicts with and without --no-optimise") {
    // Per connection: verdict, the rule that stopped it, the packet, marks, FastTrack.
    std::uint64_t stopped = 0;
    for (const Capture& c : capture_table()) {
      for (const Variant& variant : variants()) {
        INFO(c.file << variant.suffix);
        Run optimised = simulate(arguments(c, variant.options, true));
        std::vector<std::string> plain_options = variant.options;
        plain_options.push_back("--no-optimise");
        Run plain = simulate(arguments(c, plain_options, true));
        REQUIRE(optimised.code == 0);
        REQUIRE(plain.code == 0);
        auto a = nlohmann::json::parse(optimised.out).at("connections");
        auto b = nlohmann::json::parse(plain.out).at("connections");
        CHECK(a == b);
        for (const auto& connection : a) stopped += connection.contains("stopped_by") ? 1 : 0;
      }
    }
    CHECK(stopped > 100);  // not vacuous: the captures hold stopped connections
  }

  TEST_CASE("golden: a capture behind an operator's script (maspur, RouterOS 6.42)") {
    check_golden(find_capture("ndpi_http_connect.pcap"), operator_variant());
  }

  TEST_CASE("golden: browsing behind an operator's QoS with layer7 and nested queues (6.38)") {
    // A layer7 protocol in a mark-connection rule of every connection, a NAT masquerade
    // and queue trees under parent queues on the LAN and WAN interfaces ("lan", "wan").
    const Variant nelbin = {
        ".nelbin",
        {"--with",
         test::shared_data_dir() +
             "/rsc/01_v6.38.5_export_queue-tree_pcq_mangle_l7__nelbin-qos10.rsc",
         "--target", "6", "--lan-iface", "lan", "--wan-iface", "wan"}};
    check_golden(find_capture("zeek_workshop_2011_browse.pcap"), nelbin);
  }
}

TEST_SUITE("simulate") {
  TEST_CASE("simulate captures: the CONNECT relay request is stopped by proxy-connect") {
    Capture c = find_capture("ndpi_http_connect.pcap");
    std::vector<Variant> all = variants();
    all.push_back(operator_variant());
    for (const Variant& variant : all) {
      INFO(variant.suffix);
      Verdicts v = verdicts(c, variant);
      std::map<std::string, std::vector<std::string>> expected = {
          {"tcp 192.168.1.103 -> 192.168.1.146:8080", {"rosgen:cafe:proxy-connect.forward.drop"}}};
      CHECK(v.stopped == expected);
      CHECK(v.fasttracked == 0);  // the guard kept the watched connection out of FastTrack
    }
  }

  TEST_CASE("simulate captures: ordinary web and app traffic is never stopped") {
    for (const char* file :
         {"zeek_http_get.pcap", "ndpi_http.pcapng", "zeek_wikipedia.pcap", "cs_http_google.pcapng",
          "zeek_workshop_2011_browse.pcap", "zeek_http_pipelined-requests.pcap",
          "ndpi_windowsupdate_over_http.pcap", "ndpi_http-proxy.pcapng", "zeek_http_proxy.pcap",
          "ndpi_http-lines-split.pcap", "ndpi_iphone.pcap", "tcpreplay_test.pcap"}) {
      for (const Variant& variant : variants()) {
        INFO(file << variant.suffix);
        Verdicts v = verdicts(find_capture(file), variant);
        CHECK(v.packets > 0);
        CHECK(v.stopped.empty());
      }
    }
    // cs_ppa1e_http.cap too, except behind defconf: there the client's FIN comes 12 s
    // after the server's, past RouterOS's 10 s tcp-close-wait timeout, so the entry is
    // gone, the FIN is invalid and the server's last ACK is a new connection from the WAN
    // (dropped by "drop all from WAN not DSTNATed"), as on a router with those timeouts.
    CHECK(verdicts(find_capture("cs_ppa1e_http.cap"), variants()[0]).stopped.empty());
    Verdicts late = verdicts(find_capture("cs_ppa1e_http.cap"), variants()[1]);
    std::map<std::string, std::vector<std::string>> expected = {
        {"tcp 145.254.160.237 -> 65.208.228.223:80", {"defconf: drop all from WAN not DSTNATed"}}};
    CHECK(late.stopped == expected);
  }

  TEST_CASE("simulate captures: behind defconf, ordinary downloads are still fast-tracked") {
    // The guard keeps only the first 2 KiB of port-80 connections out of FastTrack.
    for (const char* file : {"ndpi_windowsupdate_over_http.pcap", "zeek_workshop_2011_browse.pcap",
                             "zeek_http_pipelined-requests.pcap"}) {
      INFO(file);
      Capture c = find_capture(file);
      CHECK(verdicts(c, variants()[0]).fasttracked == 0);
      CHECK(verdicts(c, variants()[1]).fasttracked > 0);
    }
  }

  TEST_CASE("simulate captures: the SMTP bot (HELO, then RCPT To:) is dropped by smtp-bot") {
    for (const Variant& variant : variants()) {
      INFO(variant.suffix);
      Verdicts v = verdicts(find_capture("ndpi_smtp.pcap"), variant);
      CHECK(v.connections == 1);
      CHECK(all_stopped_by(v, "rosgen:cafe:smtp-bot"));
    }
  }

  TEST_CASE("simulate captures: a SYN flood meets the per-host cap of 60 connections") {
    for (const Variant& variant : variants()) {
      INFO(variant.suffix);
      Verdicts v = verdicts(find_capture("sv_synthetic_syn-flood-443.pcap"), variant);
      CHECK(v.connections == 200);
      REQUIRE(v.stopped.size() == 1);
      const std::vector<std::string>& rules = v.stopped.begin()->second;
      CHECK(rules.size() == 140);  // 200 SYNs within 0.2 s: the first 60 pass
      CHECK(all_stopped_by(v, "rosgen:cafe:per-host.verdict.reject-tcp"));
    }
  }

  TEST_CASE("simulate captures: IPv6-only traffic passes without rules, and says so") {
    Verdicts v = verdicts(find_capture("zeek_http_connect-with-header.pcap"), variants()[0]);
    CHECK(v.packets == 0);
    CHECK(v.ipv6 == 58);
    CHECK(v.connections == 0);
  }
}
