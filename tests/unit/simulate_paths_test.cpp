// Semantics of the parts of the RouterOS packet path beyond mangle and filter: layer7
// protocols, the raw table, NAT (connection-nat-state) and the output path. One feature per
// test, each a small conversation with an exact expected verdict and cost.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "simulate_util.hpp"
#include "test_util.hpp"

using namespace rosgen;
using rosgen::test::make_packet;
using rosgen::test::rules_from_script;
using rosgen::test::tcp_conversation;

namespace {

const std::string kClient = "192.168.88.20";
const std::string kServer = "203.0.113.5";
const std::string kRouter = "192.168.88.1";

// Every packet replayed, as from a capture.
std::unique_ptr<simulate::Simulator> run(const std::string& script,
                                         const std::vector<capture::Packet>& packets) {
  auto sim = std::make_unique<simulate::Simulator>(rules_from_script(script), test::cafe_options());
  for (const capture::Packet& p : packets) sim->process(p);
  return sim;
}

const std::string kConnectL7 = R"(/ip firewall layer7-protocol
add name=connect regexp="^connect [^ ]+ http/1"
/ip firewall filter
add action=drop chain=forward layer7-protocol=connect protocol=tcp
)";

}  // namespace

TEST_SUITE("simulate paths") {
  TEST_CASE("layer7: case-insensitive on the data, tested only on packets that add data") {
    for (std::string method : {"CONNECT", "CoNnEcT", "connect"}) {
      CAPTURE(method);
      auto sim = run(kConnectL7, tcp_conversation(0, kClient + ":40000", kServer + ":8080",
                                                  {">" + method + " a.example:443 HTTP/1.1\r\n"}));
      const auto& c = sim->connections().at(0);
      REQUIRE(c.fate);
      CHECK(c.stopped_at_packet == 4);
      CHECK(c.stopped_by == "filter rule 0 (chain=forward action=drop)");
      // SYN, SYN-ACK and ACK carry no data: no search. The request: one search over its
      // 32 bytes, which classifies the connection.
      CHECK(sim->totals().cost.layer7_tests == 1);
      CHECK(sim->totals().cost.layer7_bytes == 32);
      CHECK(sim->rule_stats().at(0).layer7_tests == 1);
    }
  }

  TEST_CASE("layer7: the anchor is the start of the connection's data, both directions fed") {
    // The server speaks first (an SMTP banner): "^connect" no longer holds at the start.
    auto sim = run(kConnectL7,
                   tcp_conversation(0, kClient + ":40000", kServer + ":8080",
                                    {"<220 ready\r\n", ">CONNECT a.example:443 HTTP/1.1\r\n"}));
    CHECK_FALSE(sim->connections().at(0).fate);
    CHECK(sim->totals().cost.layer7_tests == 2);        // the banner, then banner + request
    CHECK(sim->totals().cost.layer7_bytes == 11 + 43);  // the buffer as each search saw it
  }

  TEST_CASE("layer7: only the first 10 packets of a connection are looked at") {
    std::string unanchored = kConnectL7;
    unanchored.erase(unanchored.find("^connect"), 1);
    std::vector<std::string> payloads(6, ">x");  // packets 4-9
    auto late = payloads;
    late.push_back(">CONNECT a:443 HTTP/1.1\r\n");  // packet 10: still inside the window
    auto sim = run(unanchored, tcp_conversation(0, kClient + ":40000", kServer + ":8080", late));
    REQUIRE(sim->connections().at(0).fate);
    CHECK(sim->connections().at(0).stopped_at_packet == 10);
    auto too_late = payloads;
    too_late.push_back(">y");                           // packet 10
    too_late.push_back(">CONNECT a:443 HTTP/1.1\r\n");  // packet 11: past the window
    sim = run(unanchored, tcp_conversation(0, kClient + ":40000", kServer + ":8080", too_late));
    CHECK_FALSE(sim->connections().at(0).fate);
    CHECK(sim->totals().cost.layer7_tests == 7);  // packets 4-10
  }

  TEST_CASE("layer7: only the first 2 KiB of data are kept") {
    std::string filler(2040, 'a');
    auto sim = run(kConnectL7.substr(0, kConnectL7.find('^')) + "connect" +
                       kConnectL7.substr(kConnectL7.find(" [^")),
                   tcp_conversation(0, kClient + ":40000", kServer + ":8080",
                                    {">" + filler, ">CONNECT a:443 HTTP/1.1\r\n"}));
    // "connect [^ ]+ http/1" anywhere: the buffer holds the filler and "connect " only.
    CHECK_FALSE(sim->connections().at(0).fate);
    CHECK(sim->totals().cost.layer7_bytes == 2040 + 2048);
  }

  TEST_CASE("layer7: a connection is classified once, by the first pattern that matches") {
    const std::string script = R"(/ip firewall layer7-protocol
add name=http regexp="http/1"
add name=connect regexp="^connect "
/ip firewall mangle
add action=passthrough chain=forward layer7-protocol=http
/ip firewall filter
add action=drop chain=forward layer7-protocol=connect
)";
    auto sim = run(script, tcp_conversation(0, kClient + ":40000", kServer + ":8080",
                                            {">CONNECT a:443 HTTP/1.1\r\n"}));
    CHECK_FALSE(sim->connections().at(0).fate);   // it is "http" now, never "connect"
    CHECK(sim->rule_stats().at(0).matched == 4);  // the request and the 3 packets after it
  }

  TEST_CASE("layer7: a pattern with an upper-case letter never matches (the data is lowered)") {
    std::string upper = kConnectL7;
    upper.replace(upper.find("^connect"), 8, "^CONNECT");
    auto sim = run(upper, tcp_conversation(0, kClient + ":40000", kServer + ":8080",
                                           {">CONNECT a:443 HTTP/1.1\r\n"}));
    CHECK_FALSE(sim->connections().at(0).fate);
  }

  TEST_CASE("layer7: \\x escapes are bytes; a regexp that does not compile is named") {
    auto hex = run(R"(/ip firewall layer7-protocol
add name=tls regexp="^\\x16\\x03"
/ip firewall filter
add action=drop chain=forward layer7-protocol=tls
)",
                   tcp_conversation(0, kClient + ":40000", kServer + ":443",
                                    {">" + std::string("\x16\x03\x01", 3)}));
    CHECK(hex->connections().at(0).fate);
    auto broken = run(R"(/ip firewall layer7-protocol
add name=bad regexp="(unclosed"
/ip firewall filter
add action=drop chain=forward layer7-protocol=bad
add action=drop chain=forward layer7-protocol=missing
)",
                      tcp_conversation(0, kClient + ":40000", kServer + ":80", {">x"}));
    CHECK_FALSE(broken->connections().at(0).fate);
    const auto& rules = broken->rules();
    REQUIRE(rules.rules.size() == 2);
    REQUIRE(rules.rules[0].unmodeled.size() == 1);
    CHECK(rules.rules[0].unmodeled[0].rfind(
              "layer7-protocol=bad (its regexp does not compile as a POSIX extended regular "
              "expression: ",
              0) == 0);
    CHECK(rules.rules[1].unmodeled ==
          std::vector<std::string>{
              "layer7-protocol=missing (no such /ip firewall layer7-protocol entry)"});
    CHECK(broken->rule_stats().at(0).unmodeled == 7);
    REQUIRE(rules.not_modeled.size() == 1);
    CHECK(rules.not_modeled[0].rfind("layer7-protocol bad: its regexp does not compile", 0) == 0);
  }

  TEST_CASE("layer7: patterns the model refuses are named, never run") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"((a)\1)",
         R"(uses a backreference (\1), which l7-filter's regular expressions do not have)"},
        {"a{256}", "repeats more than 255 times in an interval"},
        {"a{1,99999}", "repeats more than 255 times in an interval"},
        {R"(^\x00)", R"(names a NUL byte (\x00), which layer7 removes from the data)"}};
    for (const auto& [regexp, why] : cases) {
      CAPTURE(regexp);
      std::string error;
      CHECK_FALSE(simulate::Layer7Pattern::compile(regexp, error));
      CHECK(error == why);
    }
    // In a configuration: listed, and the rule that names it is unmodeled.
    auto rules = rules_from_script(R"(/ip firewall layer7-protocol
add name=p regexp="(a)\\1"
/ip firewall filter
add action=drop chain=forward layer7-protocol=p
)");
    CHECK(rules.layer7.empty());
    CHECK(rules.not_modeled ==
          std::vector<std::string>{
              R"(layer7-protocol p: its regexp uses a backreference (\1), which l7-filter's )"
              "regular expressions do not have; rules that use it count as unmodeled"});
    REQUIRE(rules.rules.size() == 1);
    CHECK(rules.rules[0].unmodeled.size() == 1);
  }

  TEST_CASE("layer7: \\x bytes inside a bracket expression are members, outside literals") {
    std::string error;
    auto bracket = simulate::Layer7Pattern::compile("^[\\x5d\\x2e]x", error);  // "]" or "."
    REQUIRE(bracket);
    CHECK(bracket->search("]x"));
    CHECK(bracket->search(".x"));
    CHECK_FALSE(bracket->search("ax"));
    auto dot = simulate::Layer7Pattern::compile("^a\\x2eb", error);  // a literal "."
    REQUIRE(dot);
    CHECK(dot->search("a.b"));
    CHECK_FALSE(dot->search("axb"));
  }

  TEST_CASE("raw: notrack leaves packets untracked; a raw drop comes before tracking") {
    const std::string script = R"(/ip firewall raw
add action=notrack chain=prerouting dst-port=53 protocol=udp
add action=drop chain=prerouting dst-port=23 protocol=tcp
/ip firewall filter
add action=accept chain=forward connection-state=untracked
add action=drop chain=forward
)";
    auto sim =
        run(script,
            {make_packet(0, kClient + ":40000", kServer + ":53", capture::kUdp, 0, "query"),
             make_packet(0, kClient + ":40001", kServer + ":23", capture::kTcp, capture::kSyn),
             make_packet(0, kClient + ":40002", kServer + ":80", capture::kTcp, capture::kSyn)});
    CHECK(sim->totals().connections == 1);  // untracked and raw-dropped: no entry
    CHECK(sim->totals().untracked_flows == 2);
    CHECK(sim->totals().untracked_flows_stopped == 1);
    CHECK(sim->totals().fates.at(simulate::Fate::Passed) == 1);   // the DNS query
    CHECK(sim->totals().fates.at(simulate::Fate::Dropped) == 2);  // telnet (raw), web
    CHECK(sim->rule_stats().at(1).matched == 1);                  // raw drop
    CHECK(sim->rule_stats().at(2).matched == 1);                  // accept untracked
    // Every flow is in the report, in order of its first packet, with why it had no entry.
    const auto& c = sim->connections();
    REQUIRE(c.size() == 3);
    CHECK(c[0].tracking == "untracked (raw notrack)");
    CHECK_FALSE(c[0].fate);
    CHECK(c[1].tracking == "stopped in raw, before connection tracking");
    CHECK(c[1].stopped_by == "raw rule 1 (chain=prerouting action=drop)");
    CHECK(c[2].tracking.empty());
    CHECK(c[2].stopped_by == "filter rule 1 (chain=forward action=drop)");
  }

  TEST_CASE("nat: connection-nat-state follows the running configuration's NAT rules") {
    const std::string defconf_like = R"(/ip firewall nat
add action=masquerade chain=srcnat out-interface-list=WAN
add action=dst-nat chain=dstnat dst-port=8888 in-interface-list=WAN protocol=tcp to-addresses=192.168.88.30 to-ports=80
/ip firewall filter
add action=accept chain=forward connection-state=established,related
add action=drop chain=forward connection-nat-state=!dstnat in-interface-list=WAN
)";
    auto web = run(defconf_like, tcp_conversation(0, kClient + ":40000", kServer + ":80", {">x"}));
    CHECK_FALSE(web->connections().at(0).fate);
    // srcnat runs after the filter, on the first packet only, and the connection keeps
    // its state: the SYN is not src-nated yet when the filter sees it, the ACK is.
    auto mail = run(R"(/ip firewall nat
add action=masquerade chain=srcnat out-interface-list=WAN
/ip firewall filter
add action=drop chain=forward connection-nat-state=srcnat dst-port=25 protocol=tcp
)",
                    tcp_conversation(0, kClient + ":40000", kServer + ":25", {}));
    REQUIRE(mail->connections().at(0).fate);
    CHECK(mail->connections().at(0).stopped_at_packet == 3);
    CHECK(mail->rule_stats().at(1).matched == 1);  // the masquerade (rules: filter, then nat)
    CHECK(mail->rule_stats().at(1).evaluated == 1);
    // From the WAN: to the forwarded port it is dst-nated and passes; elsewhere dropped.
    auto in =
        run(defconf_like,
            {make_packet(0, kServer + ":50000", "192.168.88.30:8888", capture::kTcp, capture::kSyn),
             make_packet(0, kServer + ":50001", "192.168.88.30:22", capture::kTcp, capture::kSyn)});
    CHECK_FALSE(in->connections().at(0).fate);
    REQUIRE(in->connections().at(1).fate);
    CHECK(in->connections().at(1).stopped_by == "filter rule 1 (chain=forward action=drop)");
    // Without NAT rules nothing is NATed: the same WAN packet is dropped.
    auto no_nat = run(
        defconf_like.substr(defconf_like.find("/ip firewall filter")),
        {make_packet(0, kServer + ":50000", "192.168.88.30:8888", capture::kTcp, capture::kSyn)});
    CHECK(no_nat->connections().at(0).fate);
  }

  TEST_CASE("output: the router's own packets take the output path and are tracked") {
    const std::string script = R"(/ip firewall filter
add action=accept chain=input connection-state=established
add action=accept chain=input connection-state=new dst-port=53 protocol=udp
add action=drop chain=input
add action=drop chain=output dst-port=40001 protocol=udp
)";
    auto sim = run(script,
                   {make_packet(0, kClient + ":40000", kRouter + ":53", capture::kUdp, 0, "q1"),
                    make_packet(0.1, kRouter + ":53", kClient + ":40000", capture::kUdp, 0, "a1"),
                    make_packet(0.2, kClient + ":40000", kRouter + ":53", capture::kUdp, 0, "q2"),
                    make_packet(0.3, kClient + ":40001", kRouter + ":53", capture::kUdp, 0, "q3"),
                    make_packet(0.4, kRouter + ":53", kClient + ":40001", capture::kUdp, 0, "a3")});
    CHECK(sim->totals().input == 3);
    CHECK(sim->totals().output == 2);
    CHECK(sim->rule_stats().at(0).matched == 1);  // q2 is established: the reply was seen
    CHECK(sim->rule_stats().at(3).matched == 1);  // a3 dropped in output
    CHECK(sim->connections().size() == 2);
    REQUIRE(sim->connections().at(1).fate);
    CHECK(sim->connections().at(1).stopped_by == "filter rule 3 (chain=output action=drop)");
  }

  TEST_CASE("input: a packet from the uplink to the router's address takes the input path") {
    const std::string script = R"(/ip firewall filter
add action=accept chain=input dst-port=22 in-interface-list=WAN protocol=tcp
add action=drop chain=input in-interface-list=WAN
add action=drop chain=forward
)";
    simulate::SimulateOptions options = test::cafe_options();
    options.router_addresses = {simulate::parse_ipv4_range("192.168.88.1")->first,
                                simulate::parse_ipv4_range("198.51.100.2")->first};  // LAN, WAN
    simulate::Simulator sim(rules_from_script(script), options);
    for (const auto& packet :
         {make_packet(0, "8.8.4.4:40000", kRouter + ":22", capture::kTcp, capture::kSyn),
          make_packet(0, "8.8.4.4:40001", "198.51.100.2:22", capture::kTcp, capture::kSyn),
          make_packet(0, "8.8.4.4:40002", "198.51.100.2:8291", capture::kTcp, capture::kSyn)})
      sim.process(packet);
    CHECK(sim.totals().input == 3);
    CHECK(sim.totals().forward == 0);
    const auto& c = sim.connections();
    REQUIRE(c.size() == 3);
    CHECK(capture::to_string(c[0].client) == "8.8.4.4");  // the side that opened it
    CHECK(capture::to_string(c[0].server) == kRouter);
    CHECK_FALSE(c[0].fate);
    CHECK_FALSE(c[1].fate);
    REQUIRE(c[2].fate);
    CHECK(c[2].stopped_by == "filter rule 1 (chain=input action=drop)");
  }

  TEST_CASE("interface lists: the configuration's members, include= and exclude=") {
    namespace fs = std::filesystem;
    fs::path with =
        fs::temp_directory_path() / ("rosgen-lists-" + std::to_string(::getpid()) + ".rsc");
    {
      std::ofstream out(with);
      out << R"(/interface list
add name=WAN
add name=LAN
add name=UNTRUSTED
add include=LAN,WAN name=EVERYTHING
add exclude=UNTRUSTED include=LAN name=TRUSTED
/interface list member
add interface=bridge list=LAN
add interface=ether1 list=WAN
add interface=bridge list=UNTRUSTED
add disabled=yes interface=ether1 list=UNTRUSTED
/ip firewall filter
add action=drop chain=forward dst-port=23 in-interface-list=UNTRUSTED protocol=tcp
add action=drop chain=forward dst-port=24 in-interface-list=TRUSTED protocol=tcp
add action=drop chain=forward dst-port=25 in-interface-list=!EVERYTHING protocol=tcp
add action=drop chain=forward dst-port=26 in-interface-list=UNTRUSTED protocol=tcp
)";
    }
    cli::SimulatedRouter router =
        test::policy_router(test::source_dir() + "/examples/cafe.pol", with.string());
    fs::remove(with);
    CHECK(router.sim.interface_lists.at("EVERYTHING") == std::set<std::string>{"bridge", "ether1"});
    CHECK(router.sim.interface_lists.at("TRUSTED").empty());
    auto sim = test::run_scenario(simulate::compile_rules(router.state, router.major), router.sim,
                                  R"({"connections": [
  {"name": "telnet from an untrusted interface", "client": "192.168.88.20", "server": "203.0.113.5:23"},
  {"name": "port 24 from the LAN, which is not TRUSTED", "client": "192.168.88.20", "server": "203.0.113.5:24"},
  {"name": "port 25 from the LAN, in EVERYTHING", "client": "192.168.88.21", "server": "203.0.113.5:25"},
  {"name": "port 26 from the WAN: ether1's membership is disabled", "client": "203.0.113.9", "server": "192.168.88.30:26"}
]})");
    const auto& c = sim->connections();
    REQUIRE(c.size() == 4);
    CHECK(c[0].fate);
    CHECK_FALSE(c[1].fate);
    CHECK_FALSE(c[2].fate);
    CHECK_FALSE(c[3].fate);
  }

  TEST_CASE("a matcher with an empty value is named, never taken as a miss") {
    auto rules = rules_from_script(R"(/ip firewall mangle
add action=mark-packet chain=prerouting connection-mark=video-conn new-packet-mark=video passthrough=no src-address-list=""
)");
    REQUIRE(rules.rules.size() == 1);
    CHECK(rules.rules[0].unmodeled ==
          std::vector<std::string>{"src-address-list=\"\" (an empty value: what RouterOS "
                                   "matches then is not documented)"});
    auto negated = rules_from_script(
        "/ip firewall filter\nadd action=drop chain=forward dst-address-list=!\"\"\n");
    REQUIRE(negated.rules.size() == 1);
    CHECK(negated.rules[0].unmodeled ==
          std::vector<std::string>{"dst-address-list=!\"\" (an empty value: what RouterOS "
                                   "matches then is not documented)"});
  }

  TEST_CASE("layer7: a connection whose first packet met no layer7 matcher is never classified") {
    // l7-filter (xt_layer7.c) gives a connection its data buffer only on its first packet.
    const std::string probe = R"(/ip firewall layer7-protocol
add name=connect regexp="^connect "
/ip firewall filter
add action=drop chain=forward content="CONNECT" layer7-protocol=connect protocol=tcp
)";
    auto request =
        tcp_conversation(0, kClient + ":40000", kServer + ":8080", {">CONNECT a:443 HTTP/1.1\r\n"});
    CHECK_FALSE(run(probe, request)->connections().at(0).fate);
    // A rule that passes the SYN through the matcher first (what rosgen writes for 'at start').
    std::string started = probe;
    started.insert(started.find("add action=drop"),
                   "add action=passthrough chain=forward connection-state=new layer7-protocol="
                   "connect protocol=tcp tcp-flags=syn,!ack\n");
    auto sim = run(started, request);
    REQUIRE(sim->connections().at(0).fate);
    CHECK(sim->connections().at(0).stopped_at_packet == 4);
    CHECK(sim->totals().cost.layer7_tests == 1);  // the SYN adds no data: no search
  }
}
