// Tests for src/profile/profile: canonical gates and port text, and the optimiser's
// lookups with their tiers (gate, overlapping ports, all gates, unknown).
#include "profile/profile.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "test_util.hpp"

using namespace rosgen;
using namespace rosgen::profile;

namespace {

Gate tcp(std::vector<sema::PortRange> ports, std::optional<std::uint32_t> window) {
  return make_gate(sema::Protocol::Tcp, std::move(ports), window);
}

// Two web gates and a mail gate:
//  - tcp 80,8080 window 2048: 100 packets; "HTTP/1." 90 exact; "CONNECT " 2 nocase, 1 exact
//    (forms CONNECT 1, connect 1)
//  - tcp 80,3128 window 4096: 300 packets; "HTTP/1." 150 exact; "CONNECT " 0
//  - tcp 25: 50 packets; "HELO" 10 nocase, 4 exact (HELO 4, helo 6)
Profile sample() {
  Profile p;
  p.gates.push_back(
      {tcp({{80, 80}, {8080, 8080}}, 2048),
       100,
       {{"CONNECT ", 2, 1, {{"CONNECT ", 1}, {"connect ", 1}}}, {"HTTP/1.", 90, 90, {}}},
       std::nullopt});
  p.gates.push_back({tcp({{80, 80}, {3128, 3128}}, 4096),
                     300,
                     {{"CONNECT ", 0, 0, {}}, {"HTTP/1.", 150, 150, {}}},
                     std::nullopt});
  p.gates.push_back({tcp({{25, 25}}, std::nullopt),
                     50,
                     {{"HELO", 10, 4, {{"HELO", 4}, {"helo", 6}}}},
                     std::nullopt});
  std::sort(p.gates.begin(), p.gates.end(),
            [](const GateCounts& a, const GateCounts& b) { return gate_less(a.gate, b.gate); });
  return p;
}

}  // namespace

TEST_SUITE("profile") {
  TEST_CASE("make_gate: ports sorted and merged, so equal port sets compare equal") {
    Gate a = tcp({{8080, 8080}, {80, 80}, {81, 90}, {85, 85}}, 2048);
    CHECK(ports_text(a.ports) == "80-90,8080");
    CHECK(a == tcp({{80, 90}, {8080, 8080}}, 2048));
    CHECK(ports_text(tcp({}, std::nullopt).ports).empty());
  }

  TEST_CASE("gate_of: a signature's protocol, ports and window") {
    auto checked = test::check_text(
        "policy t { clients 10.0.0.0/24 via bridge; uplink ether1; }\n"
        "signature s to tcp 8080, 80 within first 2KiB { in one packet: \"HTTP/1.\" } -> drop\n");
    REQUIRE(checked.policy);
    const auto& signature = std::get<sema::Signature>(checked.policy->rules.at(0));
    CHECK(gate_of(signature) == tcp({{80, 80}, {8080, 8080}}, 2048));
  }

  TEST_CASE("parse_ports: the inverse of ports_text, refusing anything else") {
    CHECK(parse_ports("80,3128,8000-8080") ==
          std::vector<sema::PortRange>{{80, 80}, {3128, 3128}, {8000, 8080}});
    CHECK(parse_ports("") == std::vector<sema::PortRange>{});
    for (const char* bad : {"0", "65536", "80,", ",80", "90-80", "80 ,81", "80;81", "a", "1-"}) {
      INFO(bad);
      CHECK_FALSE(parse_ports(bad));
    }
  }

  TEST_CASE("ports_overlap: any port overlaps everything") {
    CHECK(ports_overlap(tcp({{80, 90}}, 1), tcp({{90, 95}}, 2)));
    CHECK_FALSE(ports_overlap(tcp({{80, 89}}, 1), tcp({{90, 95}}, 2)));
    CHECK(ports_overlap(tcp({}, 1), tcp({{25, 25}}, 2)));
  }

  TEST_CASE("probability: the gate itself when it knows the fragment") {
    Profile p = sample();
    auto http = p.probability(tcp({{8080, 8080}, {80, 80}}, 2048), "HTTP/1.", false);
    REQUIRE(http);
    CHECK(*http == Estimate{0.9, 90, 100, Basis::Gate});
    auto connect = p.probability(tcp({{80, 80}, {8080, 8080}}, 2048), "connect ", true);
    REQUIRE(connect);
    CHECK(*connect == Estimate{0.02, 2, 100, Basis::Gate});
  }

  TEST_CASE("probability: a case form is answered from the recorded forms") {
    Profile p = sample();
    Gate web = tcp({{80, 80}, {8080, 8080}}, 2048);
    CHECK(p.probability(web, "connect ", false)->matches == 1);
    CHECK(p.probability(web, "CONNECT ", false)->matches == 1);
    CHECK(p.probability(web, "Connect ", false)->matches == 0);  // recorded: never seen
    CHECK(p.probability(tcp({{25, 25}}, std::nullopt), "helo", false)->probability == 6.0 / 50);
  }

  TEST_CASE("probability: other gates with overlapping ports, weighted by packets") {
    Profile p = sample();
    auto http = p.probability(tcp({{80, 80}}, 1024), "HTTP/1.", false);
    REQUIRE(http);
    CHECK(*http == Estimate{240.0 / 400, 240, 400, Basis::OverlappingPorts});
    // Only the first web gate overlaps 8080.
    auto proxy = p.probability(tcp({{8080, 8080}}, 2048), "HTTP/1.", false);
    CHECK(*proxy == Estimate{0.9, 90, 100, Basis::OverlappingPorts});
  }

  TEST_CASE("probability: all gates, then unknown") {
    Profile p = sample();
    auto helo = p.probability(tcp({{587, 587}}, 4096), "HELO", true);
    REQUIRE(helo);
    CHECK(*helo == Estimate{0.2, 10, 50, Basis::AllGates});
    CHECK_FALSE(p.probability(tcp({{80, 80}}, 2048), "RCPT TO:", true));
    CHECK_FALSE(Profile{}.probability(tcp({{80, 80}}, 2048), "HTTP/1.", false));
    // A fragment of a case-sensitive literal has no forms: another case is unknown.
    CHECK_FALSE(p.probability(tcp({{80, 80}, {8080, 8080}}, 2048), "http/1.", false));
  }

  TEST_CASE("probability: a gate without packets carries no data") {
    Profile p;
    p.gates.push_back({tcp({{80, 80}}, 2048), 0, {{"HTTP/1.", 0, 0, {}}}, std::nullopt});
    CHECK_FALSE(p.probability(tcp({{80, 80}}, 2048), "HTTP/1.", false));
  }

  TEST_CASE("case_forms: the forms seen, with the same tiers") {
    Profile p = sample();
    auto forms = p.case_forms(tcp({{80, 80}, {8080, 8080}}, 2048), "Connect ");
    REQUIRE(forms);
    CHECK(*forms == FormsSeen{{{"CONNECT ", 1}, {"connect ", 1}}, 100, Basis::Gate});
    auto helo = p.case_forms(tcp({{25, 25}}, 4096), "HELO");
    REQUIRE(helo);
    CHECK(helo->basis == Basis::OverlappingPorts);
    CHECK(helo->forms == std::map<std::string, std::uint64_t>{{"HELO", 4}, {"helo", 6}});
    // "HTTP/1." came from a case-sensitive literal: no forms recorded.
    CHECK_FALSE(p.case_forms(tcp({{80, 80}}, 2048), "HTTP/1."));
    // The second web gate saw no CONNECT at all: recorded as none.
    auto none = p.case_forms(tcp({{80, 80}, {3128, 3128}}, 4096), "CONNECT ");
    REQUIRE(none);
    CHECK(*none == FormsSeen{{}, 300, Basis::Gate});
  }

  TEST_CASE("data_share: with the tiers and the packets it rests on") {
    Profile p = sample();
    CHECK_FALSE(p.data_share(tcp({{80, 80}}, 2048)));  // not recorded anywhere
    for (GateCounts& g : p.gates) {
      if (g.packets == 100)
        g.data_packets = 30;  // tcp 80,8080
      if (g.packets == 300)
        g.data_packets = 150;  // tcp 80,3128
    }
    CHECK(*p.data_share(tcp({{80, 80}, {8080, 8080}}, 2048)) ==
          DataShare{0.3, 30, 100, Basis::Gate});
    CHECK(*p.data_share(tcp({{80, 80}}, 1024)) ==
          DataShare{180.0 / 400, 180, 400, Basis::OverlappingPorts});
    CHECK(*p.data_share(tcp({{25, 25}}, std::nullopt)) ==
          DataShare{180.0 / 400, 180, 400, Basis::AllGates});  // the mail gate did not record it
  }

  TEST_CASE("find: by canonical gate") {
    Profile p = sample();
    REQUIRE(p.find(tcp({{8080, 8080}, {80, 80}}, 2048)) != nullptr);
    CHECK(p.find(tcp({{8080, 8080}, {80, 80}}, 2048))->packets == 100);
    CHECK(p.find(tcp({{80, 80}}, 2048)) == nullptr);
  }
}
