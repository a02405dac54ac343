// The rule-order pass (src/optimise/commute.hpp): which terminating rules it moves and
// which it keeps, the expected cost it reports, and that a policy it reorders stops the
// same connections as the --no-optimise rules on generated traffic.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "cli/simulate.hpp"
#include "optimise/commute.hpp"
#include "pcap_util.hpp"
#include "simulate_util.hpp"
#include "test_util.hpp"

using namespace rosgen;

namespace {

// Filter rules from "chain=c action=drop dst-port=80 id=a" lines (no spaces in values);
// id= becomes comment=rosgen:t:<id>.
ir::Ruleset filter_rules(const std::vector<std::string>& lines) {
  ir::Ruleset ruleset;
  ruleset.policy = "t";
  for (const std::string& line : lines) {
    ir::Item item;
    item.menu = ir::Menu::Filter;
    std::istringstream words(line);
    std::string word;
    while (words >> word) {
      auto eq = word.find('=');
      std::string name = word.substr(0, eq), value = word.substr(eq + 1);
      if (name == "id")
        item.set("comment", "rosgen:t:" + value);
      else
        item.set(name, value);
    }
    ruleset.items.push_back(std::move(item));
  }
  return ruleset;
}

// The ids of `chain`'s rules, in order, joined by spaces.
std::string order_of(const ir::Ruleset& ruleset, const std::string& chain = "c") {
  std::string out;
  for (const ir::Item& item : ruleset.items) {
    const std::string* c = item.get("chain");
    if (c != nullptr && *c == chain)
      out +=
          (out.empty() ? "" : " ") + item.get("comment")->substr(std::string("rosgen:t:").size());
  }
  return out;
}

// A rare mark (a signature that seldom matches) and a common one.
optimise::RuleModel model() {
  optimise::RuleModel m;
  m.marks = {{"rare", 0.001}, {"common", 0.5}};
  m.lists = {{"quarantine", 0.01}};
  return m;
}

// Runs the pass; the single run's report.
optimise::Run reorder(ir::Ruleset& ruleset) {
  std::vector<optimise::Run> runs = optimise::order_rules(ruleset, model());
  REQUIRE(runs.size() == 1);
  return runs[0];
}

}  // namespace

TEST_SUITE("optimiser: rule order") {
  TEST_CASE("rule order: disjoint ports move; the same ports with other actions stay") {
    auto ruleset = filter_rules({
        "chain=c action=drop protocol=tcp dst-port=80 connection-mark=rare id=a",
        "chain=c action=reject protocol=tcp dst-port=25,465 connection-mark=common "
        "reject-with=tcp-reset id=b",
    });
    optimise::Run run = reorder(ruleset);
    CHECK(order_of(ruleset) == "b a");
    REQUIRE(run.moves.size() == 1);
    CHECK(run.moves[0] == "b ahead of a: disjoint (dst-port)");
    // cost / P: a 1 / 0.001, b 1 / 0.5. Expected rule visits per packet: 1 + 0.999 before,
    // 1 + 0.5 after.
    CHECK(run.written_cost == doctest::Approx(1.999));
    CHECK(run.emitted_cost == doctest::Approx(1.5));

    auto overlapping = filter_rules({
        "chain=c action=drop protocol=tcp dst-port=80 connection-mark=rare id=a",
        "chain=c action=reject protocol=tcp dst-port=80-90 src-address-list=quarantine "
        "reject-with=tcp-reset id=b",
    });
    run = reorder(overlapping);
    CHECK(order_of(overlapping) == "a b");
    REQUIRE(run.kept.size() == 1);
    CHECK(run.kept[0] ==
          "b stays behind a: different actions (reject tcp-reset, drop) on matches not proved "
          "disjoint");
    CHECK(run.emitted_cost == run.written_cost);
  }

  TEST_CASE("rule order: the same action without state moves; a drop and a reject stay") {
    auto same = filter_rules({
        "chain=c action=drop connection-mark=rare id=a",
        "chain=c action=drop protocol=udp src-address-list=quarantine id=b",
    });
    optimise::Run run = reorder(same);
    CHECK(order_of(same) == "b a");
    CHECK(run.moves == std::vector<std::string>{"b ahead of a: same action (drop)"});

    auto differ = filter_rules({
        "chain=c action=drop connection-mark=rare id=a",
        "chain=c action=reject protocol=tcp reject-with=tcp-reset src-address-list=quarantine "
        "id=b",
    });
    run = reorder(differ);
    CHECK(order_of(differ) == "a b");
    CHECK(run.moves.empty());
    // Two rejects that answer differently are different actions too.
    auto answers = filter_rules({
        "chain=c action=reject connection-mark=rare reject-with=icmp-port-unreachable id=a",
        "chain=c action=reject reject-with=icmp-admin-prohibited src-address-list=quarantine "
        "id=b",
    });
    reorder(answers);
    CHECK(order_of(answers) == "a b");
  }

  TEST_CASE(
      "rule order: a connection-limit rule never passes, nor is passed by, a rule that "
      "could take its packets") {
    // The cap (cost 1 + 4, P 0.01: key 500) would pay ahead of the rare mark (key 1000),
    // but the mark rule takes packets the cap would count.
    auto cap_behind = filter_rules({
        "chain=c action=drop protocol=tcp dst-port=80 connection-mark=rare id=a",
        "chain=c action=drop protocol=tcp dst-port=80 connection-state=new "
        "connection-limit=5,32 id=cap",
    });
    optimise::Run run = reorder(cap_behind);
    CHECK(order_of(cap_behind) == "a cap");
    REQUIRE(run.kept.size() == 1);
    CHECK(run.kept[0] ==
          "cap stays behind a: cap keeps state (connection-limit) that depends on the packets "
          "it sees, on matches not proved disjoint");

    // A likely rule (key 2) behind the cap: moving it ahead would take packets from it.
    auto cap_ahead = filter_rules({
        "chain=c action=drop protocol=tcp dst-port=80 connection-limit=5,32 id=cap",
        "chain=c action=drop protocol=tcp dst-port=80 connection-mark=common id=b",
    });
    reorder(cap_ahead);
    CHECK(order_of(cap_ahead) == "cap b");

    // On other ports, or on other connection states, the cap sees the same packets.
    auto other_port = filter_rules({
        "chain=c action=drop protocol=tcp dst-port=80 connection-limit=5,32 id=cap",
        "chain=c action=reject protocol=tcp dst-port=443 connection-mark=common "
        "reject-with=tcp-reset id=b",
    });
    run = reorder(other_port);
    CHECK(order_of(other_port) == "b cap");
    CHECK(run.moves == std::vector<std::string>{"b ahead of cap: disjoint (dst-port)"});
    auto other_state = filter_rules({
        "chain=c action=drop connection-state=new connection-limit=5,32 id=cap",
        "chain=c action=drop connection-state=established,related connection-mark=common id=b",
    });
    run = reorder(other_state);
    CHECK(order_of(other_state) == "b cap");
    CHECK(run.moves == std::vector<std::string>{"b ahead of cap: disjoint (connection-state)"});
    // limit= consumes tokens: the same.
    auto limited = filter_rules({
        "chain=c action=accept protocol=icmp limit=5,10:packet connection-mark=rare id=l",
        "chain=c action=accept protocol=icmp src-address-list=quarantine id=b",
    });
    reorder(limited);
    CHECK(order_of(limited) == "l b");
  }

  TEST_CASE("rule order: a side effect stays; rules that are not members end the run") {
    auto logged = filter_rules({
        "chain=c action=drop connection-mark=rare id=a",
        "chain=c action=drop src-address-list=quarantine log=yes log-prefix=x id=b",
    });
    optimise::Run run = reorder(logged);
    CHECK(order_of(logged) == "a b");
    REQUIRE(run.kept.size() == 1);
    CHECK(run.kept[0] ==
          "b stays behind a: b has a side effect (log=yes) on matches not proved disjoint");

    // An address-list addition, a log rule, a jump into a chain that returns, a return, a
    // disabled rule and a property the rule reader does not know end runs: nothing
    // crosses them, so no run of two is left. Without one, b (key 100) passes a (1000).
    auto no_barrier = filter_rules({
        "chain=c action=drop connection-mark=rare id=a",
        "chain=c action=drop protocol=udp src-address-list=quarantine id=b",
    });
    reorder(no_barrier);
    CHECK(order_of(no_barrier) == "b a");
    for (const char* barrier :
         {"chain=c action=add-src-to-address-list address-list=q address-list-timeout=1h "
          "protocol=udp id=x",
          "chain=c action=log log-prefix=x id=x", "chain=c action=jump jump-target=r id=x",
          "chain=c action=return protocol=udp id=x",
          "chain=c action=drop protocol=udp disabled=yes id=x",
          "chain=c action=drop protocol=udp nth=2,1 id=x"}) {
      CAPTURE(barrier);
      auto ruleset = filter_rules({
          "chain=c action=drop connection-mark=rare id=a",
          barrier,
          "chain=c action=drop protocol=udp src-address-list=quarantine id=b",
          "chain=r action=return protocol=udp id=r1",
          "chain=r action=drop id=r2",
      });
      std::vector<optimise::Run> runs = optimise::order_rules(ruleset, model());
      CHECK(order_of(ruleset) == "a x b");
      for (const optimise::Run& r : runs) CHECK(r.chain != "c");
    }
  }

  TEST_CASE("rule order: a jump into a verdict chain that always ends is a member") {
    auto ruleset = filter_rules({
        "chain=c action=drop protocol=tcp connection-mark=rare id=a",
        "chain=c action=jump protocol=udp connection-mark=common jump-target=v id=j",
        "chain=v action=log limit=10/1m,5:packet log-prefix=cap id=v1",
        "chain=v action=reject reject-with=icmp-port-unreachable id=v2",
    });
    std::vector<optimise::Run> runs = optimise::order_rules(ruleset, model());
    REQUIRE(runs.size() == 1);
    CHECK(order_of(ruleset) == "j a");
    CHECK(runs[0].moves == std::vector<std::string>{"j ahead of a: disjoint (protocol)"});
    CHECK(order_of(ruleset, "v") == "v1 v2");

    // On overlapping matches the jump keeps its place (another action; its chain logs).
    auto overlapping = filter_rules({
        "chain=c action=drop connection-mark=rare id=a",
        "chain=c action=jump protocol=udp src-address-list=quarantine jump-target=v id=j",
        "chain=v action=log limit=10/1m,5:packet log-prefix=cap id=v1",
        "chain=v action=drop id=v2",
    });
    runs = optimise::order_rules(overlapping, model());
    CHECK(order_of(overlapping) == "a j");

    // A verdict chain whose last rule does not match every packet the jump sends there
    // may return: the jump ends the run.
    auto partial = filter_rules({
        "chain=c action=drop protocol=tcp connection-mark=rare id=a",
        "chain=c action=jump protocol=udp connection-mark=common jump-target=v id=j",
        "chain=v action=reject protocol=tcp reject-with=tcp-reset id=v1",
    });
    runs = optimise::order_rules(partial, model());
    CHECK(order_of(partial) == "a j");
    CHECK(runs.empty());
  }

  TEST_CASE("rule order: stable on ties, remarks stay at the top, the same output twice") {
    optimise::RuleModel m = model();
    m.marks["mid"] = 0.1;
    auto ruleset = filter_rules({
        "chain=c action=accept connection-mark=rare id=m1",
        "chain=c action=accept dst-address-list=quarantine id=q",
        "chain=c action=accept protocol=tcp connection-mark=common id=c1",
        "chain=c action=accept connection-mark=mid id=m3",
        "chain=c action=accept protocol=udp connection-mark=common id=c2",
    });
    ruleset.items[0].remarks = {"the chain's remark"};
    ruleset.items[2].remarks = {"c1's own remark"};
    auto again = ruleset;
    std::vector<optimise::Run> runs = optimise::order_rules(ruleset, m);
    REQUIRE(runs.size() == 1);
    // Keys (cost / P): c1, c2 2; m3 10; q 100; m1 1000. c1 and c2 tie: written order.
    CHECK(order_of(ruleset) == "c1 c2 m3 q m1");
    CHECK(ruleset.items[0].remarks ==
          std::vector<std::string>{"the chain's remark", "c1's own remark",
                                   "rule order: the next 5 rules, cheapest per match first "
                                   "where two provably commute (rosgen compile --explain)"});
    for (std::size_t k = 1; k < ruleset.items.size(); ++k) CHECK(ruleset.items[k].remarks.empty());
    CHECK(runs[0].emitted_cost < runs[0].written_cost);
    optimise::order_rules(again, m);
    CHECK(again == ruleset);
    // Already in order: nothing moves, nothing is added.
    auto settled = ruleset;
    runs = optimise::order_rules(settled, m);
    CHECK(settled == ruleset);
    CHECK(runs[0].moves.empty());
    CHECK(optimise::explain_rule_order(runs).find(
              "kept as written: already cheapest per match first") != std::string::npos);
  }

  TEST_CASE("rule order: a rule the model has no P for keeps its place, and nothing passes it") {
    // Ports and protocols are not modelled: "unknown" is not "matches everything".
    auto ruleset = filter_rules({
        "chain=c action=drop connection-mark=rare id=a",
        "chain=c action=drop protocol=udp id=b",
        "chain=c action=drop connection-mark=common id=d",
    });
    optimise::Run run = reorder(ruleset);
    CHECK(order_of(ruleset) == "a b d");
    REQUIRE(run.kept.size() == 1);
    CHECK(run.kept[0] ==
          "no estimate of P for b (no matcher the model knows): nothing passes them");
  }

  TEST_CASE("rule order: the model's P for a signature's marks and the quarantine list") {
    auto checked = test::check_text(
        R"(policy p { routeros 7; clients 10.0.0.0/8 via bridge; uplink ether1; }
cap c new connections 5 per host -> throttle 64k
signature one to tcp 80 { in one packet: "AB", "CD" } -> quarantine 1h
signature seq to tcp 25 { in sequence: "EF" | "GH", "IJ", "KL" } -> drop
)");
    REQUIRE(checked.policy);
    auto half = [](const std::string&) {
      return optimise::FragmentProbability([](const std::string&, bool) { return 0.5; });
    };
    optimise::RuleModel m = optimise::rule_model(*checked.policy, half);
    CHECK(m.marks.at("rosgen-p-one") == doctest::Approx(0.25));
    CHECK(m.marks.at("rosgen-p-seq-1") == doctest::Approx(0.75));  // either alternative
    CHECK(m.marks.at("rosgen-p-seq-2") == doctest::Approx(0.375));
    CHECK(m.marks.at("rosgen-p-seq") == doctest::Approx(0.1875));
    CHECK(m.marks.at("rosgen-p-c") == optimise::kCapShare);
    CHECK(m.lists.at("rosgen-p-quarantine") == optimise::kQuarantineShare);
  }
}

namespace {

std::size_t filter_position(const cli::SimulatedRouter& router, const std::string& comment) {
  const auto& items = router.state.items(ir::Menu::Filter);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string* c = items[i].get("comment");
    if (c != nullptr && *c == comment)
      return i;
  }
  FAIL("no filter rule " << comment);
  return 0;
}

// Packets evaluated by filter rules, summed over the rules.
std::uint64_t filter_visits(const simulate::Simulator& sim) {
  std::uint64_t visits = 0;
  for (std::size_t i = 0; i < sim.rules().rules.size(); ++i)
    if (sim.rules().rules[i].menu == ir::Menu::Filter)
      visits += sim.rule_stats()[i].evaluated;
  return visits;
}

}  // namespace

TEST_SUITE("optimiser: rule order") {
  TEST_CASE("rule order: a policy it reorders stops the same connections as --no-optimise") {
    test::TempDir dir;
    std::string path = (dir.path / "t.pol").string();
    std::ofstream(path)
        << R"(policy t { routeros 7; clients 192.168.88.0/24 via bridge; uplink ether1; }
cap web new connections 4 per host to tcp 80 -> drop
cap mail new connections 3 per host to tcp 25 -> reject
signature rare to tcp 80 within first 2KiB { in one packet: "XYZZY-RARE" } -> drop
signature helo to tcp 25 within first 4KiB { in one packet: nocase "HELO" } -> reject
signature sender to tcp 587 within first 4KiB { in one packet: nocase "MAIL FROM:" } -> throttle 64k
)";
    cli::SimulatedRouter optimised = test::defconf_router(path, true),
                         plain = test::defconf_router(path, false);
    // The pass moved the likelier signature's verdict ahead of the rarer one (their
    // connection marks differ), and it stayed behind the caps (connection-limit).
    CHECK(filter_position(optimised, "rosgen:t:helo.forward") <
          filter_position(optimised, "rosgen:t:rare.forward"));
    CHECK(filter_position(plain, "rosgen:t:helo.forward") >
          filter_position(plain, "rosgen:t:rare.forward"));
    CHECK(filter_position(optimised, "rosgen:t:mail.forward") <
          filter_position(optimised, "rosgen:t:helo.forward"));
    support::DiagnosticEngine diags;
    cli::PipelineOptions options(path);
    options.explain = true;
    cli::PipelineResult result = cli::run_pipeline(options, diags);
    REQUIRE(result.script);
    CHECK(result.explanation.find(
              "    moved: helo.forward ahead of rare.forward: disjoint (connection-mark)\n") !=
          std::string::npos);
    CHECK(result.explanation.find("    kept: helo.forward stays behind mail.forward: mail.forward "
                                  "keeps state (connection-limit)") != std::string::npos);

    std::mt19937 random(20260412);
    auto pick = [&](std::size_t n) {
      return std::uniform_int_distribution<std::size_t>(0, n - 1)(random);
    };
    // As the model expects: HELO common, the rare literal rare (1 connection in 30).
    const std::vector<std::string> words = {"HELO x\r\n", "hElO ",        "EHLO y\r\n",
                                            "GET / ",     "HTTP/1.1\r\n", "XYZZY-RAR",
                                            "x",          "MAIL FROM:",   "\r\n"};
    const std::vector<int> ports = {80, 25, 587, 443};
    std::string json = R"({"connections": [)";
    for (int i = 0; i < 300; ++i) {
      std::string payloads;
      for (std::size_t k = 0, n = 1 + pick(3); k < n; ++k) {
        std::string text;
        for (std::size_t w = 0, m = 1 + pick(4); w < m; ++w) text += words[pick(words.size())];
        if (pick(30 * n) == 0)
          text += "XYZZY-RARE";
        payloads += std::string(k ? "," : "") + R"({"from": ")" + (pick(4) ? "client" : "server") +
                    R"(", "text": )" + nlohmann::json(text).dump() + "}";
      }
      json += std::string(i ? "," : "") + R"({"name": "c)" + std::to_string(i) +
              R"(", "client": "192.168.88.)" + std::to_string(10 + pick(6)) +
              R"(", "server": "203.0.113.)" + std::to_string(1 + pick(20)) + ":" +
              std::to_string(ports[pick(ports.size())]) + R"(", "start": )" +
              std::to_string(i * 0.2) + R"(, "close": ")" + (pick(3) ? "fin" : "none") +
              R"(", "payloads": [)" + payloads + "]}";
    }
    json += "]}";
    auto a = test::run_scenario(simulate::compile_rules(optimised.state, optimised.major),
                                optimised.sim, json);
    auto b = test::run_scenario(simulate::compile_rules(plain.state, plain.major), plain.sim, json);
    REQUIRE(a->connections().size() == b->connections().size());
    std::map<std::string, std::size_t> stopped_by;
    for (std::size_t i = 0; i < a->connections().size(); ++i) {
      const auto& x = a->connections()[i];
      const auto& y = b->connections()[i];
      INFO(x.label);
      CHECK(x.fate == y.fate);
      CHECK(x.stopped_by == y.stopped_by);
      CHECK(x.stopped_at_packet == y.stopped_at_packet);
      CHECK(x.marks == y.marks);
      CHECK(x.fasttracked == y.fasttracked);
      if (x.fate)
        ++stopped_by[x.stopped_by];
    }
    // Not vacuous: both caps and both signatures stopped connections, not all of them.
    for (const std::string rule : {"rosgen:t:web.forward", "rosgen:t:mail.forward",
                                   "rosgen:t:helo.forward", "rosgen:t:rare.forward"}) {
      CAPTURE(rule);
      CHECK(stopped_by[rule] > 0);
    }
    CHECK(a->totals().connections_stopped < a->connections().size());
    // Cheaper: the filter rules evaluated fewer packets.
    CHECK(filter_visits(*a) < filter_visits(*b));
  }
}
