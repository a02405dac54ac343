// Semantics of the simulated RouterOS packet path, one feature per test, each a small
// conversation with an exact expected verdict (and cost where the feature is a cost).
#include <doctest/doctest.h>

#include <algorithm>

#include "simulate_util.hpp"

using namespace rosgen;
using rosgen::test::make_packet;
using rosgen::test::rules_from_script;
using rosgen::test::tcp_conversation;

namespace {

const std::string kClient = "192.168.88.20";
const std::string kServer = "203.0.113.5";

// Runs `packets` through `rules` and returns the simulator for inspection. By default a
// flow stops sending after a stopped packet, as a scenario's endpoints would
// (`per_packet`: every packet is replayed, as from a capture).
std::unique_ptr<simulate::Simulator> run(const std::string& script,
                                         const std::vector<capture::Packet>& packets,
                                         bool per_packet = false) {
  simulate::SimulateOptions options = test::cafe_options();
  options.stop_flows_after_drop = !per_packet;
  auto sim = std::make_unique<simulate::Simulator>(rules_from_script(script), options);
  for (const capture::Packet& p : packets) sim->process(p);
  return sim;
}

std::vector<capture::Packet> concat(std::vector<std::vector<capture::Packet>> parts) {
  std::vector<capture::Packet> out;
  for (auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  std::stable_sort(out.begin(), out.end(), [](const capture::Packet& a, const capture::Packet& b) {
    return a.time_us < b.time_us;
  });
  return out;
}

}  // namespace

TEST_SUITE("simulate") {
  TEST_CASE("simulate: a content drop stops the connection at the packet that carries it") {
    auto sim =
        run(R"(/ip firewall filter
add action=drop chain=forward content="CONNECT " protocol=tcp
)",
            tcp_conversation(0, kClient + ":40000", kServer + ":8080",
                             {">CONNECT a:443 HTTP/1.1\r\n\r\n", "<HTTP/1.1 200 OK\r\n\r\n"}));
    REQUIRE(sim->connections().size() == 1);
    const auto& c = sim->connections()[0];
    REQUIRE(c.fate);
    CHECK(*c.fate == simulate::Fate::Dropped);
    CHECK(c.stopped_at_packet == 4);  // SYN, SYN-ACK, ACK, then the request
    CHECK(c.stopped_by == "filter rule 0 (chain=forward action=drop)");
  }

  TEST_CASE("simulate: FastTrack takes a connection out of the firewall after its handshake") {
    const std::string fasttrack = R"(/ip firewall filter
add action=fasttrack-connection chain=forward connection-state=established,related
add action=drop chain=forward content="CONNECT " protocol=tcp
add action=accept chain=forward connection-state=established,related
)";
    auto conversation = tcp_conversation(0, kClient + ":40000", kServer + ":8080",
                                         {">CONNECT a:443 HTTP/1.1\r\n\r\n"});
    SUBCASE("on: the request is never inspected") {
      auto sim = run(fasttrack, conversation);
      const auto& c = sim->connections().at(0);
      CHECK_FALSE(c.fate);
      CHECK(c.fasttracked);
      // The SYN-ACK is already established (netfilter), so it is fast-tracked; every
      // later packet (ACK, request, FIN, FIN, ACK) skips the firewall.
      CHECK(c.packets_fasttracked == 5);
      CHECK(sim->totals().fasttracked == 5);
    }
    SUBCASE("off (the rule disabled): the request is dropped") {
      std::string off = fasttrack;
      off.insert(off.find("action=fasttrack-connection"), "disabled=yes ");
      auto sim = run(off, conversation);
      const auto& c = sim->connections().at(0);
      REQUIRE(c.fate);
      CHECK(c.stopped_at_packet == 4);
      CHECK(sim->totals().fasttracked == 0);
    }
  }

  TEST_CASE("simulate: connection-limit=N matches the N+1th concurrent connection") {
    const std::string script = R"(/ip firewall filter
add action=drop chain=forward connection-limit=3,32 connection-state=new protocol=tcp
)";
    std::vector<std::vector<capture::Packet>> parts;
    for (int i = 0; i < 5; ++i) {  // five connections held open, one a second
      parts.push_back(tcp_conversation(i, kClient + ":" + std::to_string(40000 + i),
                                       kServer + ":80", {">GET / HTTP/1.1\r\n\r\n"}, 0.01, false));
    }
    auto sim = run(script, concat(parts));
    const auto& c = sim->connections();
    REQUIRE(c.size() == 5);
    CHECK_FALSE(c[0].fate);
    CHECK_FALSE(c[1].fate);
    CHECK_FALSE(c[2].fate);  // 3 connections: the count is 3, not over 3
    REQUIRE(c[3].fate);      // the 4th: count 4 > 3
    CHECK(c[3].stopped_at_packet == 1);
    REQUIRE(c[4].fate);
    // A host of another /32 has its own count.
    auto other = run(script, tcp_conversation(0, "192.168.88.21:40000", kServer + ":80", {}));
    CHECK_FALSE(other->connections().at(0).fate);
  }

  TEST_CASE("simulate: connection-limit forgets a connection when conntrack does") {
    const std::string script = R"(/ip firewall filter
add action=drop chain=forward connection-limit=1,32 connection-state=new protocol=tcp
)";
    // An unanswered SYN at t=0 (tcp-syn-sent timeout 5 s), a second SYN at t=2 (the first
    // still counted: dropped), a third at t=10 (the first forgotten: passes).
    auto syn = [](double t, int port) {
      return make_packet(t, kClient + ":" + std::to_string(port), kServer + ":80", capture::kTcp,
                         capture::kSyn);
    };
    auto sim = run(script, {syn(0, 40000), syn(2, 40001), syn(10, 40002)});
    const auto& c = sim->connections();
    REQUIRE(c.size() == 3);
    CHECK_FALSE(c[0].fate);
    CHECK(c[1].fate);
    CHECK_FALSE(c[2].fate);
  }

  TEST_CASE("simulate: a timeout takes effect on time (unanswered SYNs under a cap)") {
    // One unanswered SYN every 0.09 s, each entry gone 5 s later (tcp-syn-sent): at most
    // 56 are open at once, so a cap of 60 never matches.
    const std::string script = R"(/ip firewall filter
add action=drop chain=forward connection-limit=60,32 connection-state=new protocol=tcp
)";
    std::vector<capture::Packet> syns;
    for (int i = 0; i < 300; ++i)
      syns.push_back(make_packet(0.09 * i, kClient + ":" + std::to_string(40000 + i),
                                 kServer + ":80", capture::kTcp, capture::kSyn));
    auto sim = run(script, syns);
    CHECK(sim->totals().connections_stopped == 0);
    CHECK(sim->live_connections() <= 57);
    // At 0.08 s apart, 63 are open at once: the 61st and later (while 61 are open) match.
    syns.clear();
    for (int i = 0; i < 70; ++i)
      syns.push_back(make_packet(0.08 * i, kClient + ":" + std::to_string(40000 + i),
                                 kServer + ":80", capture::kTcp, capture::kSyn));
    auto busy = run(script, syns);
    CHECK(busy->totals().connections_stopped > 0);
  }

  TEST_CASE("simulate: connection-limit does not count closed connections (TIME_WAIT, RST)") {
    const std::string script = R"(/ip firewall filter
add action=drop chain=forward connection-limit=1,32 connection-state=new protocol=tcp
)";
    // Closed with FIN both ways and the last ACK at t=0.06: not counted any more, though
    // its entry lives 10 s (Linux nf_conncount's already_closed()).
    auto closed =
        run(script, concat({tcp_conversation(0, kClient + ":40000", kServer + ":80", {}),
                            tcp_conversation(1, kClient + ":40001", kServer + ":80", {})}));
    CHECK_FALSE(closed->connections().at(0).fate);
    CHECK_FALSE(closed->connections().at(1).fate);
    CHECK(closed->live_connections() == 2);
    // Open (no FIN): still counted, the second is dropped.
    auto open = run(
        script, concat({tcp_conversation(0, kClient + ":40000", kServer + ":80", {}, 0.01, false),
                        tcp_conversation(1, kClient + ":40001", kServer + ":80", {})}));
    CHECK(open->connections().at(1).fate);
    // Half closed (one FIN): still counted. Reset: not counted.
    auto half = tcp_conversation(0, kClient + ":40000", kServer + ":80", {}, 0.01, false);
    half.push_back(make_packet(0.5, kClient + ":40000", kServer + ":80", capture::kTcp,
                               capture::kFin | capture::kAck));
    auto reset = half;
    reset.back().tcp_flags = capture::kRst;
    auto second = tcp_conversation(1, kClient + ":40001", kServer + ":80", {});
    CHECK(run(script, concat({half, second}))->connections().at(1).fate);
    CHECK_FALSE(run(script, concat({reset, second}))->connections().at(1).fate);
  }

  TEST_CASE("simulate: dst-limit matches while the flow is under its rate, exactly") {
    const std::string script = R"(/ip firewall filter
add action=jump chain=forward jump-target=syn protocol=tcp tcp-flags=syn,!ack
add action=return chain=syn dst-limit=5/1m,5,src-address/1m
add action=drop chain=syn
)";
    std::vector<capture::Packet> syns;
    for (int i = 0; i < 6; ++i)  // 6 SYNs in the first 0.6 s: a burst of 5 passes
      syns.push_back(make_packet(0.1 * i, kClient + ":" + std::to_string(40000 + i),
                                 kServer + ":25", capture::kTcp, capture::kSyn));
    // 5/1m refills one token every 12 s: at 12.5 s one more passes, at 12.6 s not.
    syns.push_back(
        make_packet(12.5, kClient + ":41000", kServer + ":25", capture::kTcp, capture::kSyn));
    syns.push_back(
        make_packet(12.6, kClient + ":41001", kServer + ":25", capture::kTcp, capture::kSyn));
    auto sim = run(script, syns);
    const auto& c = sim->connections();
    REQUIRE(c.size() == 8);
    for (int i = 0; i < 5; ++i) CHECK_FALSE(c[static_cast<std::size_t>(i)].fate);
    CHECK(c[5].fate);
    CHECK_FALSE(c[6].fate);
    CHECK(c[7].fate);
  }

  TEST_CASE("simulate: an address-list entry with a timeout expires") {
    const std::string script = R"(/ip firewall filter
add action=drop chain=forward src-address-list=bad
add action=add-src-to-address-list address-list=bad address-list-timeout=10s chain=forward content="EVIL" protocol=tcp
)";
    auto sim = run(
        script,
        concat({tcp_conversation(0, kClient + ":40000", kServer + ":80", {">EVIL"}, 0.01, false),
                tcp_conversation(5, kClient + ":40001", kServer + ":80", {}),
                tcp_conversation(11, kClient + ":40002", kServer + ":80", {})}));
    const auto& c = sim->connections();
    REQUIRE(c.size() == 3);
    CHECK_FALSE(c[0].fate);  // the matching packet itself is listed, not dropped
    REQUIRE(c[1].fate);      // listed: the new connection's SYN is dropped
    CHECK(c[1].stopped_by == "filter rule 0 (chain=forward action=drop)");
    CHECK_FALSE(c[2].fate);  // 10 s later the entry is gone
  }

  TEST_CASE("simulate: a packet mark lasts one packet, a connection mark the connection") {
    auto conversation = tcp_conversation(0, kClient + ":40000", kServer + ":80",
                                         {">FLAG", ">after", ">again"}, 0.01, false);
    SUBCASE("mark-packet: only the flagged packet is dropped") {
      auto sim = run(R"(/ip firewall mangle
add action=mark-packet chain=forward content="FLAG" new-packet-mark=m passthrough=yes protocol=tcp
/ip firewall filter
add action=drop chain=forward packet-mark=m
)",
                     conversation, true);
      const auto& c = sim->connections().at(0);
      REQUIRE(c.fate);
      CHECK(c.stopped_at_packet == 4);
      CHECK(c.packets_stopped == 1);
    }
    SUBCASE("mark-connection: every later packet is dropped") {
      auto sim = run(R"(/ip firewall mangle
add action=mark-connection chain=forward content="FLAG" new-connection-mark=m passthrough=yes protocol=tcp
/ip firewall filter
add action=drop chain=forward connection-mark=m
)",
                     conversation, true);
      const auto& c = sim->connections().at(0);
      REQUIRE(c.fate);
      CHECK(c.stopped_at_packet == 4);
      CHECK(c.packets_stopped == 3);
      CHECK(c.marks == std::vector<std::string>{"m"});
    }
  }

  TEST_CASE("simulate: content does not match across two packets") {
    const std::string script = R"(/ip firewall filter
add action=drop chain=forward content="CONNECT " protocol=tcp
)";
    auto split = run(script, tcp_conversation(0, kClient + ":40000", kServer + ":80",
                                              {">CONN", ">ECT a:443 HTTP/1.1\r\n\r\n"}));
    CHECK_FALSE(split->connections().at(0).fate);
    auto whole = run(script, tcp_conversation(0, kClient + ":40000", kServer + ":80",
                                              {">CONNECT a:443 HTTP/1.1\r\n\r\n"}));
    CHECK(whole->connections().at(0).fate);
  }

  TEST_CASE("simulate: cost: content is tested only when the cheaper matchers pass") {
    const std::string script = R"(/ip firewall filter
add action=drop chain=forward content="CONNECT " dst-port=80 protocol=tcp
add action=accept chain=forward
)";
    auto to_443 = run(script, {make_packet(0, kClient + ":40000", kServer + ":443", capture::kTcp,
                                           capture::kAck | capture::kPsh, "GET / HTTP/1.1")});
    CHECK(to_443->totals().cost.rules_visited == 2);
    CHECK(to_443->totals().cost.content_tests == 0);
    auto packet = make_packet(0, kClient + ":40000", kServer + ":80", capture::kTcp,
                              capture::kAck | capture::kPsh, "GET / HTTP/1.1");
    auto to_80 = run(script, {packet});
    CHECK(to_80->totals().cost.rules_visited == 2);
    CHECK(to_80->totals().cost.content_tests == 1);
    // Not found: the whole packet (IP and TCP headers included) was scanned.
    CHECK(to_80->totals().cost.content_bytes == packet.data.size());
  }

  TEST_CASE("simulate: a property the simulator cannot evaluate is counted, not guessed") {
    auto sim = run(R"(/ip firewall filter
add action=drop chain=forward protocol=tcp tls-host=*.example.com
)",
                   tcp_conversation(0, kClient + ":40000", kServer + ":80", {">x"}));
    CHECK_FALSE(sim->connections().at(0).fate);
    CHECK(sim->rule_stats().at(0).unmodeled == 7);
    CHECK(sim->rules().rules.at(0).unmodeled == std::vector<std::string>{"tls-host=*.example.com"});
  }

  TEST_CASE("simulate: packets to the router take the input path") {
    auto sim =
        run(R"(/ip firewall filter
add action=drop chain=input dst-port=22 protocol=tcp
)",
            {make_packet(0, kClient + ":40000", "192.168.88.1:22", capture::kTcp, capture::kSyn),
             make_packet(0, kClient + ":40001", kServer + ":22", capture::kTcp, capture::kSyn)});
    CHECK(sim->totals().input == 1);
    CHECK(sim->totals().forward == 1);
    CHECK(sim->connections().at(0).fate);
    CHECK_FALSE(sim->connections().at(1).fate);
  }
}

TEST_SUITE("simulate") {
  TEST_CASE("simulate: an ICMP error about a tracked connection is related, not new") {
    const std::string script = R"(/ip firewall filter
add action=accept chain=forward connection-state=established,related
add action=drop chain=forward connection-state=new in-interface=ether1
)";
    auto conversation = tcp_conversation(0, kClient + ":40000", kServer + ":25", {}, 0.01, false);
    // "Fragmentation needed" from a router on the path, quoting the client's segment:
    // its IPv4 header (20 bytes) and the first 8 bytes of TCP (ports first).
    std::string quoted(28, '\0');
    quoted[0] = 0x45;
    quoted[9] = 6;
    auto put = [&](std::size_t at, const std::string& address) {
      capture::Address a = test::ipv4_address(address);
      for (int i = 0; i < 4; ++i)
        quoted[at + static_cast<std::size_t>(i)] =
            static_cast<char>(a.bytes[static_cast<std::size_t>(i)]);
    };
    put(12, kClient);
    put(16, kServer);
    quoted[20] = static_cast<char>(40000 >> 8), quoted[21] = static_cast<char>(40000 & 255);
    quoted[23] = 25;
    capture::Packet error = make_packet(1, "198.51.100.1", kClient, capture::kIcmp, 0, quoted);
    error.data[20] = 3;  // destination unreachable
    error.data[21] = 4;  // fragmentation needed
    auto packets = conversation;
    packets.push_back(error);
    auto related = run(script, packets);
    CHECK(related->totals().fates.count(simulate::Fate::Dropped) == 0);
    CHECK(related->connections().size() == 1);  // no connection of its own
    // The same error about a connection that does not exist is new, from the WAN: dropped.
    auto unrelated = run(script, {error});
    CHECK(unrelated->totals().fates.at(simulate::Fate::Dropped) == 1);
  }

  TEST_CASE("simulate: multicast is not forwarded; the router's own packets take output") {
    auto sim = run("/ip firewall filter\nadd action=drop chain=forward\n",
                   {make_packet(0, kClient + ":5353", "224.0.0.251:5353", capture::kUdp),
                    make_packet(0, "192.168.88.1:5353", "224.0.0.251:5353", capture::kUdp),
                    make_packet(0, "192.168.88.1:53", kClient + ":40000", capture::kUdp)});
    CHECK(sim->totals().packets == 1);
    CHECK(sim->totals().output == 1);
    CHECK(sim->totals().forward == 0);
    CHECK(sim->totals().fates.at(simulate::Fate::Passed) == 1);  // the forward drop: not its path
    CHECK(sim->totals().not_routed.at("multicast or broadcast (not forwarded)") == 2);
  }

  TEST_CASE("simulate: chain index: a negated protocol with dst-port matches UDP no rule names") {
    // Eight rules or more: the chain is indexed. Only tcp is named; the UDP packet must
    // still reach rule 0 (protocol=!tcp passes it, and UDP has ports).
    std::string script =
        "/ip firewall filter\n"
        "add action=drop chain=forward dst-port=5000-6000 protocol=!tcp\n";
    for (int port = 1; port <= 8; ++port)
      script +=
          "add action=accept chain=forward dst-port=" + std::to_string(port) + " protocol=tcp\n";
    auto sim = run(script, {make_packet(0, kClient + ":40000", kServer + ":5353", capture::kUdp)});
    CHECK(sim->rule_stats().at(0).matched == 1);
    CHECK(sim->totals().cost.rules_visited == 1);
    REQUIRE(sim->connections().at(0).fate);
    CHECK(*sim->connections().at(0).fate == simulate::Fate::Dropped);
  }

  TEST_CASE("simulate: chain index: a mark set in a chain selects the rest of that chain") {
    std::string script =
        "/ip firewall mangle\n"
        "add action=mark-connection chain=forward new-connection-mark=m passthrough=yes\n"
        "add action=mark-packet chain=forward connection-mark=m new-packet-mark=p\n";
    for (int i = 0; i < 8; ++i)
      script +=
          "add action=passthrough chain=forward connection-mark=other" + std::to_string(i) + "\n";
    script += "/ip firewall filter\nadd action=drop chain=forward packet-mark=p\n";
    auto sim = run(script, {make_packet(0, kClient + ":40000", kServer + ":53", capture::kUdp)});
    CHECK(sim->rule_stats().at(1).matched == 1);
    CHECK(sim->rule_stats().at(2).evaluated == 1);  // visited, failed on its mark
    REQUIRE(sim->connections().at(0).fate);
    CHECK(*sim->connections().at(0).fate == simulate::Fate::Dropped);
  }
}
