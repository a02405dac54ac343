// Tests for `rosgen compile --explain` (src/optimise/explain.cpp): that each signature says
// where its p and its data share come from (the gate's own counts, counts borrowed from
// other gates, or the per-byte model where the profile saw fewer than 30 packets), that
// in-sequence signatures carry their caveat, that the total says what it adds up, and
// that a cover's stage line names its largest leaf chain.
#include "optimise/explain.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <string>

#include "cli/app.hpp"
#include "optimise/cover.hpp"
#include "pcap_util.hpp"
#include "profile/profile.hpp"
#include "test_util.hpp"

using namespace rosgen;

namespace {

// A proxy signature in one packet (tcp 8080, 2 KiB) and a mail one in sequence (tcp 25,
// 4 KiB).
const char* const kPolicy =
    R"(policy p { routeros 7; clients 10.0.0.0/8 via bridge; uplink ether1; }
signature proxy to tcp 8080 within first 2KiB { in one packet: nocase "CONNECT ", "HTTP/1." } -> drop
signature mail to tcp 25 within first 4KiB { in sequence: nocase "HELO" | nocase "EHLO", nocase "RCPT TO:" } -> drop
)";

profile::Gate tcp(std::vector<sema::PortRange> ports, std::optional<std::uint32_t> window) {
  return profile::make_gate(sema::Protocol::Tcp, std::move(ports), window);
}

// The --explain report of kPolicy under `traffic` (given in memory).
std::string explain_with(const profile::Profile& traffic) {
  test::TempDir dir;
  std::string path = (dir.path / "p.pol").string();
  std::ofstream(path) << kPolicy;
  cli::PipelineOptions options(path);
  options.explain = true;
  options.profile = traffic;
  support::DiagnosticEngine diags;
  cli::PipelineResult result = cli::run_pipeline(options, diags);
  REQUIRE_MESSAGE(result.script, support::render_all(diags));
  return result.explanation;
}

// The lines of `text` from "signature NAME " up to the next blank line.
std::string section(const std::string& text, const std::string& name) {
  auto at = text.find("\nsignature " + name + " (");
  REQUIRE(at != std::string::npos);
  return text.substr(at + 1, text.find("\n\n", at + 1) - at);
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_SUITE("explain") {
  TEST_CASE("explain: the gate's own counts, and the model where the profile saw < 30 packets") {
    profile::Profile traffic;
    traffic.gates.push_back(
        {tcp({{8080, 8080}}, 2048),
         100,
         {{"CONNECT ", 2, 1, {{"CONNECT ", 1}, {"connect ", 1}}}, {"HTTP/1.", 50, 50, {}}},
         40});
    traffic.gates.push_back({tcp({{25, 25}}, 4096),
                             12,
                             {{"HELO", 3, 3, {{"HELO", 3}}}, {"RCPT TO:", 2, 2, {{"RCPT TO:", 2}}}},
                             6});
    std::string text = explain_with(traffic);
    INFO(text);
    CHECK(has(text,
              "  model: the profile given in memory where its estimate rests on at least 30 "
              "packets (the signature's gate, else gates on overlapping ports, else all its "
              "gates), else the per-byte model (grammar/LANGUAGE.md); each signature says "
              "which; "));
    std::string proxy = section(text, "proxy");
    CHECK(has(proxy, "\n  p from: the gate's own counts (100 packets)\n"));
    CHECK(has(proxy,
              "\n  40% of the gate's packets carry data and are no SYN (the gate's own counts, "
              "100 packets); only those reach"));
    CHECK(has(proxy, "reached by 0.4 of the gate's packets\n"));
    CHECK_FALSE(has(proxy, "in sequence"));
    // 12 packets at the mail gate: its p come from the per-byte model, as the optimiser's
    // do, and its data share is not used either; "EHLO" is not in the profile at all.
    std::string mail = section(text, "mail");
    CHECK(has(mail,
              "\n  p from: the per-byte model (the profile saw only 12 packets at this gate, "
              "fewer than 30) for nocase \"HELO\", nocase \"RCPT TO:\"; the per-byte model (no "
              "gate of the profile lists it) for nocase \"EHLO\"\n"));
    CHECK(has(mail,
              "\n  every gate packet is taken to reach the content tests: the profile counted "
              "data packets on only 12 packets at this gate (fewer than 30)\n"));
    CHECK(has(mail, "\n    1. nocase \"HELO\" | nocase \"EHLO\": "));
    CHECK(has(mail, ", reached by 1 of the gate's packets\n"));
    auto p = optimise::probability_from(traffic, *test::check_text(kPolicy).policy)("mail");
    CHECK(p("HELO", true) != doctest::Approx(3.0 / 12));  // the model's, not 3 of 12
  }

  TEST_CASE("explain: counts borrowed from other gates say so, with the packets behind them") {
    profile::Profile traffic;
    traffic.gates.push_back(
        {tcp({{8080, 8090}}, std::nullopt),
         200,
         {{"CONNECT ", 4, 2, {{"CONNECT ", 2}, {"connect ", 2}}}, {"HTTP/1.", 90, 90, {}}},
         100});
    std::string text = explain_with(traffic);
    INFO(text);
    std::string proxy = section(text, "proxy");
    CHECK(has(proxy,
              "\n  p from: counts borrowed from gates on overlapping ports (200 packets; this "
              "gate has no counts for it)\n"));
    CHECK(has(proxy,
              "\n  50% of the gate's packets carry data and are no SYN (borrowed from gates on "
              "overlapping ports, 200 packets); "));
    // The mail gate overlaps nothing: its data share comes from all gates, its literals
    // from nowhere.
    std::string mail = section(text, "mail");
    CHECK(has(mail, "\n  p from: the per-byte model (no gate of the profile lists it)\n"));
    CHECK(has(mail,
              "\n  50% of the gate's packets carry data and are no SYN (borrowed from all the "
              "profile's gates, 200 packets); "));
  }

  TEST_CASE("explain: a profile without data counts takes every gate packet to reach the tests") {
    profile::Profile traffic;
    traffic.gates.push_back(
        {tcp({{8080, 8080}}, 2048), 100, {{"HTTP/1.", 50, 50, {}}}, std::nullopt});
    std::string proxy = section(explain_with(traffic), "proxy");
    INFO(proxy);
    CHECK(has(proxy,
              "\n  every gate packet is taken to reach the content tests: the profile does not "
              "record how many carry data\n"));
    // "HTTP/1." is tested first (emitted order); "CONNECT " is not in the profile.
    CHECK(has(proxy,
              "\n  p from: the gate's own counts (100 packets) for \"HTTP/1.\"; the "
              "per-byte model (no gate of the profile lists it) for nocase "
              "\"CONNECT \"\n"));
  }

  TEST_CASE("explain: in-sequence signatures carry their caveat; the total says it is a sum") {
    std::string text = explain_with(profile::Profile{});
    INFO(text);
    std::string mail = section(text, "mail");
    CHECK(has(mail,
              "\n  in sequence: stage 2 onward is estimated per packet as if independent "
              "(reached by the packets that hold the stage before); on the router every later "
              "packet of a connection that passed a stage tests the next one until it matches "
              "or the window ends, and skips the stages passed, so these figures can be off "
              "several-fold either way: `rosgen simulate` on a capture counts the tests the "
              "router does\n"));
    CHECK(has(mail, "\n    2. nocase \"RCPT TO:\": "));
    CHECK(has(mail, " of the gate's packets (as if independent)\n"));
    CHECK_FALSE(has(section(text, "proxy"), "as if independent"));
    CHECK(has(text,
              "\ntotal over 2 signature(s), the sum of their per-gate-packet figures (the gates "
              "see different packets: no figure for any one packet): emitted "));
    CHECK(has(text,
              "; 1 of them in sequence, estimated per packet as if independent (see "
              "their note)\n"));
  }

  TEST_CASE("explain: a cover's stage line names its full forms and its largest leaf chain") {
    support::DiagnosticEngine diags;
    cli::PipelineOptions options(test::source_dir() + "/examples/cafe.pol");
    options.explain = true;
    cli::PipelineResult result = cli::run_pipeline(options, diags);
    REQUIRE(result.script);
    for (const optimise::Decision& decision : result.decisions) {
      if (!decision.cover)
        continue;
      INFO(decision.stage);
      // The largest leaf, counted from the full forms each leaf tests.
      std::size_t largest = 0, forms = 0;
      std::function<void(const optimise::Text&, const optimise::CoverNode&)> leaves;
      leaves = [&](const optimise::Text& text, const optimise::CoverNode& node) {
        for (const optimise::CoverNode& child : node.children) {
          if (child.children.empty())
            largest = std::max(largest, optimise::leaf_forms(text, child).size());
          else
            leaves(text, child);
        }
      };
      for (std::size_t j = 0; j < decision.alternatives.size(); ++j) {
        leaves(decision.alternatives[j], decision.cover->trees.at(j));
        forms += optimise::case_forms(decision.alternatives[j]);
      }
      CHECK(largest < forms);  // a packet never pays every full form
      CHECK(has(result.explanation, "then the " + std::to_string(forms) +
                                        " full forms in leaf chains of up to " +
                                        std::to_string(largest) + ": "));
    }
    CHECK_FALSE(has(result.explanation, "then 128 full forms"));
  }
}
