// The optimiser (src/optimise/): which case-variant cover it chooses and why, and that the
// rules it writes stop exactly what the plain rules stop, on generated traffic with random
// letter case, literals split across packets, pipelined commands and ordinary requests.
#include "optimise/optimise.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>

#include "cli/app.hpp"
#include "cli/simulate.hpp"
#include "lower/lower.hpp"
#include "optimise/cover.hpp"
#include "pcap_util.hpp"
#include "profile/profile.hpp"
#include "simulate_util.hpp"
#include "test_util.hpp"

using namespace rosgen;

namespace {

// The default model's p for a nocase fragment of letters and spaces: 1460 - len + 1
// positions x 0.05 per byte (a nocase letter 0.02 + 0.03, a space 0.05).
double model(const std::string& fragment, bool /*nocase*/) {
  double p = 1;
  for (std::size_t i = 0; i < fragment.size(); ++i) p *= 0.05;
  return std::min(0.999, (1460.0 - static_cast<double>(fragment.size()) + 1) * p);
}

// examples/cafe.pol compiled with or without the optimiser onto RouterOS's default firewall.
cli::SimulatedRouter router_of(bool optimise) {
  return test::defconf_router(test::source_dir() + "/examples/cafe.pol", optimise);
}

}  // namespace

TEST_SUITE("optimiser") {
  TEST_CASE("cover: one level of probes under a model, and none when it does not pay") {
    optimise::CoverLimits one_level;
    one_level.max_depth = 1;
    auto cover = optimise::choose_cover({{"CONNECT ", true}}, model, one_level);
    REQUIRE(cover);
    // "ECT " (8 forms, p = 1457 x 0.05^4 = 0.0091 each) costs 8 + 8 x 0.0091 x 16 = 9.17
    // (each form's chain holds the 16 full forms that agree with it); "NECT " 16 + 16 x
    // 0.00046 x 8 = 16.06; "CT " 4 + 4 x 0.18 x 32 = 27.3: "ECT " is the least.
    CHECK(cover->probes == std::vector<std::string>{"ECT "});
    CHECK(cover->probe_rules == 8);
    CHECK(cover->full_rules == 128);
    CHECK(cover->plain_tests == 128);
    CHECK(cover->depth == 1);
    CHECK(cover->expected_tests == doctest::Approx(8 + 8 * 1457 * std::pow(0.05, 4) * 16));
    // Each probe form's chain holds the 16 full forms that agree with it (--explain).
    CHECK(optimise::largest_leaf({"CONNECT ", true}, cover->trees.at(0)) == 16);
    CHECK(optimise::largest_leaf({"CONNECT ", true}, optimise::CoverNode{}) == 0);
    // A case-sensitive literal is one test already; a two-letter nocase one (4 forms) gains
    // nothing from a probe of one letter (min_fragment 2).
    CHECK_FALSE(optimise::choose_cover({{"HTTP/1.", false}}, model));
    CHECK_FALSE(optimise::choose_cover({{"OK", true}}, model));
    // A profile that sees "ect " everywhere moves the probe elsewhere.
    auto profile = [](const std::string& fragment, bool nocase) {
      return profile::ascii_lower(fragment) == "ect " ? 0.9 : model(fragment, nocase);
    };
    auto other = optimise::choose_cover({{"CONNECT ", true}}, profile, one_level);
    REQUIRE(other);
    CHECK(other->probes != std::vector<std::string>{"ECT "});
  }

  TEST_CASE("cover: trees partition the full forms, agree on every path, and cost what they say") {
    // The expected tests of a node, recomputed here from the tree: one test per child, and
    // per child h, P(h | the node's form) x the child's cost; a leaf costs its full forms.
    std::function<double(const optimise::Text&, const optimise::CoverNode&, double)> cost;
    cost = [&](const optimise::Text& text, const optimise::CoverNode& node, double p_node) {
      if (node.children.empty())
        return static_cast<double>(optimise::leaf_forms(text, node).size());
      double c = 0;
      for (const auto& child : node.children) {
        double p = model(child.form, false);
        c += 1 + std::min(1.0, p / p_node) * cost(text, child, p);
      }
      return c;
    };
    for (const char* literal : {"CONNECT ", "RCPT TO:", "MAIL FROM:", "HELO"}) {
      INFO(literal);
      optimise::Text text{literal, true};
      auto cover = optimise::choose_cover({text}, model);
      REQUIRE(cover);
      const optimise::CoverNode& root = cover->trees.at(0);
      // Walk the tree: every path's forms are substrings of its leaf's full forms, in the
      // same case, and every full form is in exactly one leaf.
      std::map<std::string, int> seen;
      std::uint64_t nodes = 0;
      std::size_t largest = 0;  // full forms in the largest leaf chain
      std::function<void(const optimise::CoverNode&, std::vector<const optimise::CoverNode*>)>
          walk =
              [&](const optimise::CoverNode& node, std::vector<const optimise::CoverNode*> path) {
                if (!node.form.empty()) {
                  ++nodes;
                  path.push_back(&node);
                }
                if (!node.children.empty()) {
                  for (const auto& child : node.children) walk(child, path);
                  return;
                }
                largest = std::max(largest, optimise::leaf_forms(text, node).size());
                for (const std::string& form : optimise::leaf_forms(text, node)) {
                  ++seen[form];
                  for (const optimise::CoverNode* above : path)
                    CHECK(form.compare(above->at, above->form.size(), above->form) == 0);
                }
              };
      walk(root, {});
      CHECK(seen.size() == optimise::case_forms(text));
      for (const auto& [form, times] : seen) CHECK(times == 1);
      CHECK(nodes == cover->probe_rules);
      CHECK(optimise::largest_leaf(text, root) == largest);
      CHECK(cover->probe_rules + cover->full_rules <= 2 * optimise::case_forms(text));  // budget
      CHECK(cover->depth <= 3);
      CHECK(cover->expected_tests == doctest::Approx(cost(text, root, 1.0)));
      // Deeper trees never cost more than the best single level.
      optimise::CoverLimits one_level;
      one_level.max_depth = 1;
      auto flat = optimise::choose_cover({text}, model, one_level);
      REQUIRE(flat);
      CHECK(cover->expected_tests <= flat->expected_tests + 1e-9);
    }
  }

  TEST_CASE("cover: alternatives get a tree each; the full forms are tested once") {
    auto cover = optimise::choose_cover({{"HELO ", true}, {"EHLO ", true}}, model);
    REQUIRE(cover);
    CHECK(cover->probes.size() == 2);
    CHECK(cover->trees.size() == 2);
    CHECK(cover->full_rules == 32);
    CHECK(cover->expected_tests < cover->plain_tests);
  }

  TEST_CASE("optimised and plain rules stop the same connections on generated traffic") {
    // Both compiled from examples/cafe.pol onto the RouterOS default firewall.
    cli::SimulatedRouter optimised = router_of(true), plain = router_of(false);
    CHECK(optimised.state.size() > plain.state.size());  // the covers' probe rules
    std::mt19937 random(20261129);
    auto pick = [&](std::size_t n) {
      return std::uniform_int_distribution<std::size_t>(0, n - 1)(random);
    };
    auto shuffle_case = [&](std::string text) {
      for (char& c : text)
        if (std::isalpha(static_cast<unsigned char>(c)) && pick(2))
          c = static_cast<char>(std::isupper(static_cast<unsigned char>(c)) ? std::tolower(c)
                                                                            : std::toupper(c));
      return text;
    };
    const std::vector<std::string> words = {"CONNECT ",     "HTTP/1.1", "GET ",       "HELO ",
                                            "EHLO ",        "RCPT TO:", "MAIL FROM:", "connect",
                                            "ECT ",         "host",     "\r\n",       "x",
                                            "/api/connect", "ehl",      "RCPT"};
    std::string json = R"({"connections": [)";
    const std::vector<int> ports = {80, 8080, 3128, 25, 587, 443};
    for (int i = 0; i < 400; ++i) {
      int port = ports[pick(ports.size())];
      std::string payloads;
      std::size_t packets = 1 + pick(4);
      for (std::size_t k = 0; k < packets; ++k) {
        std::string text;
        for (std::size_t w = 0, n = 1 + pick(6); w < n; ++w)
          text += shuffle_case(words[pick(words.size())]);
        std::string hex;
        for (unsigned char c : text) {
          static const char* digits = "0123456789abcdef";
          hex += digits[c >> 4];
          hex += digits[c & 15];
        }
        payloads += std::string(k ? "," : "") + R"({"from": ")" + (pick(4) ? "client" : "server") +
                    R"(", "hex": ")" + hex + "\"}";
      }
      json += std::string(i ? "," : "") + R"({"name": "c)" + std::to_string(i) +
              R"(", "client": "192.168.88.)" + std::to_string(10 + i % 200) +
              R"(", "server": "203.0.113.)" + std::to_string(1 + i % 50) + ":" +
              std::to_string(port) + R"(", "start": )" + std::to_string(i * 0.5) +
              R"(, "payloads": [)" + payloads + "]}";
    }
    json += "]}";
    auto a = test::run_scenario(simulate::compile_rules(optimised.state, optimised.major),
                                optimised.sim, json);
    auto b = test::run_scenario(simulate::compile_rules(plain.state, plain.major), plain.sim, json);
    REQUIRE(a->connections().size() == b->connections().size());
    std::size_t stopped = 0;
    for (std::size_t i = 0; i < a->connections().size(); ++i) {
      const auto& x = a->connections()[i];
      const auto& y = b->connections()[i];
      INFO(x.label);
      CHECK(x.fate == y.fate);
      CHECK(x.stopped_by == y.stopped_by);
      CHECK(x.stopped_at_packet == y.stopped_at_packet);
      CHECK(x.marks == y.marks);
      stopped += x.fate ? 1 : 0;
    }
    CHECK(stopped > 20);                       // not vacuous
    CHECK(stopped < a->connections().size());  // nor everything
    CHECK(a->totals().cost.content_tests < b->totals().cost.content_tests);
  }

  TEST_CASE("compile --explain: per signature and in total, emitted below --no-optimise") {
    support::DiagnosticEngine diags;
    cli::PipelineOptions options(test::source_dir() + "/examples/cafe.pol");
    options.explain = true;
    cli::PipelineResult result = cli::run_pipeline(options, diags);
    REQUIRE(result.script);
    const std::string& text = result.explanation;
    CHECK(text.find("signature proxy-connect (tcp, the first 2048 bytes, in one packet):") !=
          std::string::npos);
    CHECK(text.find("signature smtp-bot (tcp, the first 4096 bytes, in sequence):") !=
          std::string::npos);
    CHECK(text.find("model: the built-in profile") != std::string::npos);
    auto at = text.find("(the gates see different packets: no figure for any one packet): ");
    REQUIRE(at != std::string::npos);
    double emitted = 0, plain = 0;
    REQUIRE(std::sscanf(text.c_str() + text.find("emitted ", at), "emitted %lf, --no-optimise %lf",
                        &emitted, &plain) == 2);
    CHECK(emitted > 0);
    CHECK(emitted * 4 < plain);  // the covers: a fraction of 128 and 64 tests per stage
    // One decision per stage; the CONNECT stage has a cover.
    bool connect = false;
    for (const auto& d : result.decisions)
      connect |= d.stage == "proxy-connect.lit1" && d.cover.has_value();
    CHECK(connect);
  }

  TEST_CASE("optimiser: an 'at start' signature keeps its order (what layer7 sees stays)") {
    // A fresh operator's review: with "HTTP/1." tested first, the packets that feed the
    // layer7 data changed, so a bot passed and an ordinary client was quarantined.
    const std::string json = R"({"connections": [
  {"name": "ping first", "client": "192.168.88.20", "server": "203.0.113.5:3128",
   "payloads": [{"from": "client", "text": "PING connect now\r\n"},
                {"from": "client", "text": "CONNECT evil.example:443 HTTP/1.1\r\n\r\n"}]},
  {"name": "split bot", "client": "192.168.88.21", "server": "203.0.113.5:8080",
   "payloads": [{"from": "client", "text": "CONNECT evil.example:443 "},
                {"from": "client", "text": "HTTP/1.1\r\nX-Via: connect \r\n\r\n"}]}
]})";
    for (bool optimise : {true, false}) {
      CAPTURE(optimise);
      cli::SimulatedRouter router = router_of(optimise);
      auto sim =
          test::run_scenario(simulate::compile_rules(router.state, router.major), router.sim, json);
      REQUIRE(sim->connections().size() == 2);
      CHECK_FALSE(sim->connections()[0].fate);  // the client's data starts with "PING"
      CHECK(sim->connections()[1].fate);        // the stages in two packets: the data
    }
  }

  TEST_CASE("optimiser: a gate seen at fewer than 30 packets falls back to the model") {
    support::DiagnosticEngine diags;
    auto checked =
        test::check_text(R"(policy p { routeros 7; clients 10.0.0.0/8 via bridge; uplink ether1; }
signature s to tcp 80 within first 2KiB { in one packet: nocase "CONNECT " } -> drop
)");
    REQUIRE(checked.policy);
    profile::Profile tiny;
    tiny.gates.push_back({profile::make_gate(sema::Protocol::Tcp, {{80, 80}}, 2048),
                          1,
                          {{"CT ", 0, 0, {}}, {"T ", 0, 0, {}}},
                          std::nullopt});
    auto p = optimise::probability_from(tiny, *checked.policy)("s");
    CHECK(p("T ", true) == doctest::Approx(model("T ", true)).epsilon(0.5));
    CHECK(p("T ", true) > 0.5);  // not the tiny gate's 0 of 1
  }

  TEST_CASE(
      "lowering: case-form ids stay unique past 8 letters; diff of its own script is in sync") {
    auto checked = test::check_text(
        R"(policy p { routeros 7; clients 10.0.0.0/8 via bridge; uplink ether1; variant-budget 512; }
signature s to tcp 80 within first 2KiB { in one packet: nocase "USERAGENT" } -> drop
)");
    REQUIRE(checked.policy);
    ir::Ruleset plain = lower::lower(*checked.policy);
    std::set<std::string> comments;
    std::size_t forms = 0;
    for (const ir::Item& item : plain.items) {
      if (const std::string* comment = item.get("comment")) {
        CHECK(comments.insert(*comment).second);
        forms += comment->find(".lit1.v") != std::string::npos;
      }
    }
    CHECK(forms == 512);
    CHECK(comments.count("rosgen:p:s.lit1.v1ff") == 1);  // three digits for 9 letters
    // The cover's full forms move to their own chain, none left in the stage's chain.
    ir::Ruleset optimised = plain;
    auto decisions = optimise::optimise(
        optimised, [](const std::string&) { return optimise::FragmentProbability(model); });
    REQUIRE(decisions.size() == 1);
    REQUIRE(decisions[0].cover);
    std::size_t in_stage_chain = 0;
    for (const ir::Item& item : optimised.items) {
      const std::string* chain = item.get("chain");
      const std::string* comment = item.get("comment");
      if (chain && comment && *chain == "rosgen-p-sig-s" &&
          comment->find(".lit1.v") != std::string::npos)
        ++in_stage_chain;
    }
    CHECK(in_stage_chain == 0);
    CHECK(optimised.items.size() < plain.items.size() + 64);
  }

  TEST_CASE("lowering: an anchored first stage in sequence imports on RouterOS's model") {
    // connection-bytes needs protocol=tcp|udp on the same rule, or /import stops there.
    test::TempDir dir;
    std::string path = (dir.path / "seq.pol").string();
    std::ofstream(path) << "policy seq { routeros 7; clients 192.168.88.0/24 via bridge; "
                           "uplink ether1; }\nsignature relay to tcp 8080 within first 2KiB {\n"
                           "  in sequence: at start nocase \"CONNECT \", \"HTTP/1.\"\n} -> drop\n";
    cli::SimulatedRouter router =
        test::policy_router(path, test::source_dir() + "/tests/import/defconf-v7.rsc", 7);
    std::size_t windowed = 0;
    for (const ir::Item& item : router.state.items(ir::Menu::Mangle)) {
      if (item.get("connection-bytes") == nullptr)
        continue;
      ++windowed;
      const std::string* protocol = item.get("protocol");
      CHECK((protocol != nullptr && *protocol == "tcp"));
    }
    CHECK(windowed > 128);  // the anchored stage's rules (and its probes) carry the window
  }
}
