// `rosgen compile --explain --against SCRIPT` (src/optimise/against.hpp): the static cost
// model of another script at the policy's gates, on hand-made scripts whose figures are
// worked out in the comments; the report on examples/cafe.pol against the forum recipe
// (golden); and the errors.
#include "optimise/against.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "cli/app.hpp"
#include "optimise/optimise.hpp"
#include "pcap_util.hpp"
#include "routeros/script_reader.hpp"
#include "support/errors.hpp"
#include "test_util.hpp"

using namespace rosgen;
namespace fs = std::filesystem;

namespace {

// Fixed, case-sensitive probabilities, so that the figures can be worked out by hand.
double p_of(const std::string& fragment, bool /*nocase*/) {
  static const std::map<std::string, double> p = {
      {"CONNECT", 0.01}, {"HTTP/1.", 0.3}, {"GET", 0.2}, {"HELO", 0.05}};
  auto it = p.find(fragment);
  return it != p.end() ? it->second : 0.0;
}

const char* const kPolicy =
    R"(policy p { routeros 7; clients 192.168.88.0/24 via bridge; uplink ether1; }
signature proxy to tcp 80, 3128, 8080 within first 2KiB {
  in one packet: nocase "CONNECT ", "HTTP/1."
} -> drop
)";

struct Costed {
  optimise::AgainstCost cost;
  simulate::Rules rules;
};

// The cost of `script` at the gate of the one signature of `policy`.
Costed cost_of(const std::string& script, const std::string& policy = kPolicy) {
  test::Checked checked = test::check_text(policy);
  REQUIRE_MESSAGE(checked.policy, checked.diagnostics);
  const auto* signature = std::get_if<sema::Signature>(&checked.policy->rules.back());
  REQUIRE(signature != nullptr);
  support::DiagnosticEngine diags;
  auto file = std::make_shared<const support::SourceFile>("script.rsc", script);
  routeros::ReadResult read = routeros::read_script(file, diags);
  REQUIRE_MESSAGE(!diags.has_errors(), support::render_all(diags));
  Costed out{{}, simulate::compile_rules(read.state, 7)};
  out.cost = optimise::against_cost(out.rules, *signature, checked.policy->site, p_of);
  return out;
}

std::vector<sema::PortRange> ports(std::initializer_list<std::uint16_t> list) {
  std::vector<sema::PortRange> out;
  for (std::uint16_t port : list) out.push_back({port, port});
  return out;
}

// Runs from the source tree so that paths in the report are relative.
struct InSourceDir {
  fs::path saved = fs::current_path();

  InSourceDir() { fs::current_path(test::source_dir()); }

  ~InSourceDir() { fs::current_path(saved); }
};

}  // namespace

TEST_SUITE("against") {
  TEST_CASE("against: the recipe's two chained marks cost 1 + p(CONNECT) at tcp/80, 0 elsewhere") {
    // CONNECT is tested on every packet to port 80 (1); HTTP/1. only on the packets the
    // first rule marked c1, p(CONNECT) = 0.01: 1.01. Ports 3128 and 8080: no rule holds.
    // The drop costs no content test.
    Costed c = cost_of(R"(/ip firewall mangle
add action=mark-connection chain=forward content=CONNECT dst-port=80 new-connection-mark=c1 \
    passthrough=yes protocol=tcp
add action=mark-connection chain=forward connection-mark=c1 content=HTTP/1. dst-port=80 \
    new-connection-mark=c2 passthrough=yes protocol=tcp
/ip firewall filter
add action=drop chain=forward connection-mark=c2
)");
    REQUIRE(c.cost.classes.size() == 2);
    CHECK(c.cost.classes[0].ports == ports({80}));
    CHECK(c.cost.classes[0].content_tests == doctest::Approx(1.01));
    REQUIRE(c.cost.classes[0].rules.size() == 2);
    CHECK(c.cost.classes[0].rules[0].content == doctest::Approx(1));
    CHECK(c.cost.classes[0].rules[1].content == doctest::Approx(0.01));
    CHECK(c.cost.classes[1].ports == ports({3128, 8080}));
    CHECK(c.cost.classes[1].content_tests == 0);
    CHECK(c.cost.content_tests() == doctest::Approx(1.01));
    CHECK(c.cost.layer7() == 0);
    CHECK(c.cost.undecided.empty());
    // "CONNECT" is held by one of the 128 forms of "CONNECT " (the space is no letter).
    REQUIRE(c.cost.forms.size() == 1);
    CHECK(c.cost.forms[0] == optimise::FormsHeld{"\"CONNECT \"", 1, 128, true});
  }

  TEST_CASE("against: a rule another packet would hold costs nothing at the gate") {
    // Each of the first eight rules excludes the gate's packets by a decided matcher (port,
    // protocol, source, interface, window, a mark never set, a chain a forwarded packet
    // never takes); the last one holds: exactly 1 test, on one class of ports.
    Costed c = cost_of(R"(/ip firewall filter
add action=drop chain=forward content=CONNECT dst-port=25 protocol=tcp
add action=drop chain=forward content=CONNECT protocol=udp
add action=drop chain=forward content=CONNECT dst-port=!80,3128,8080 protocol=tcp
add action=drop chain=forward content=CONNECT src-address=10.0.0.0/8
add action=drop chain=forward content=CONNECT in-interface=ether1
add action=log chain=forward connection-bytes=5000-0 content=CONNECT protocol=tcp
add action=log chain=forward connection-mark=never content=CONNECT
add action=drop chain=input content=CONNECT
add action=log chain=forward content=GET protocol=tcp src-address=192.168.0.0/16
)");
    REQUIRE(c.cost.classes.size() == 1);
    CHECK(c.cost.classes[0].ports == ports({80, 3128, 8080}));
    CHECK(c.cost.content_tests() == doctest::Approx(1));
    REQUIRE(c.cost.classes[0].rules.size() == 1);
    CHECK(c.rules.rules[c.cost.classes[0].rules[0].rule].content == "GET");
    CHECK(c.cost.forms[0].held == 0);  // CONNECT was never tested at this gate
  }

  TEST_CASE("against: a jump chain, an accept in it, a return, and the next built-in chain") {
    // mangle forward jumps to 'web' on every gate packet. There: CONNECT on 1; HTTP/1. on
    // the 0.01 marked c; its accept ends mangle for 0.01 x 0.3 = 0.003; the return brings
    // back the other 0.997, which GET is tested on. Mangle: 1 + 0.01 + 0.997 = 2.007. An
    // accept ends only its table: filter forward tests HELO on every packet, 1. Total 3.007.
    Costed c = cost_of(R"(/ip firewall mangle
add action=jump chain=forward dst-port=80,3128,8080 jump-target=web protocol=tcp
add action=passthrough chain=forward content=GET
add action=mark-connection chain=web content=CONNECT new-connection-mark=c passthrough=yes
add action=accept chain=web connection-mark=c content=HTTP/1.
add action=return chain=web
/ip firewall filter
add chain=forward content=HELO action=log
)");
    REQUIRE(c.cost.classes.size() == 1);
    CHECK(c.cost.content_tests() == doctest::Approx(3.007));
    std::vector<std::string> order;
    for (const optimise::RuleTests& t : c.cost.classes[0].rules)
      order.push_back(*c.rules.rules[t.rule].content);
    CHECK(order == std::vector<std::string>{"CONNECT", "HTTP/1.", "GET", "HELO"});
    CHECK(c.cost.classes[0].rules[2].content == doctest::Approx(0.997));
  }

  TEST_CASE("against: a drop before a content rule; an undecided accept stops nothing") {
    // The drop stops 0.01 of the packets: HTTP/1. is tested on 0.99, and so is HELO in the
    // later mangle postrouting. The address-list accept may match, but is never taken as
    // stopping a packet (an upper bound): 1 + 0.99 + 0.99 = 2.98.
    Costed c = cost_of(R"(/ip firewall filter
add action=drop chain=forward content=CONNECT protocol=tcp
add action=accept chain=forward src-address-list=friends
add action=log chain=forward content=HTTP/1.
/ip firewall mangle
add action=passthrough chain=postrouting content=HELO
)");
    CHECK(c.cost.content_tests() == doctest::Approx(2.98));
    REQUIRE(c.cost.undecided.count("src-address-list") == 1);
    CHECK(c.cost.undecided.at("src-address-list").size() == 1);
    // A decided accept in mangle ends mangle only: CONNECT costs 0, HTTP/1. in filter 1.
    Costed accepted = cost_of(R"(/ip firewall mangle
add action=accept chain=forward protocol=tcp
add action=passthrough chain=forward content=CONNECT
/ip firewall filter
add action=log chain=forward content=HTTP/1.
)");
    CHECK(accepted.cost.content_tests() == doctest::Approx(1));
  }

  TEST_CASE("against: layer7 evaluations are counted apart, after the rule's content test") {
    // Rule 1: its content on every packet (1), its layer7 on those holding CONNECT (0.01).
    // Rule 2: layer7 on every packet (1). Content 1, layer7 1.01.
    Costed c = cost_of(R"(/ip firewall layer7-protocol
add name=connect regexp="^connect"
/ip firewall mangle
add action=mark-connection chain=forward content=CONNECT layer7-protocol=connect \
    new-connection-mark=x
add action=log chain=forward layer7-protocol=connect
)");
    CHECK(c.cost.content_tests() == doctest::Approx(1));
    CHECK(c.cost.layer7() == doctest::Approx(1.01));
    CHECK(c.cost.undecided.count("layer7-protocol") == 1);
  }

  TEST_CASE("against: ports that decide alike form one class, in port order") {
    // dst-port=3000-4000 holds for 3128 only: 80 and 8080 cost 0 together, 3128 costs 1.
    // "ONNECT" is in 2 of the 128 forms of "CONNECT " (C or c); the rule on port 25 is
    // never evaluated at this gate, so its "connect " counts for nothing.
    Costed c = cost_of(R"(/ip firewall filter
add action=log chain=forward content=ONNECT dst-port=3000-4000 protocol=tcp
add action=log chain=forward content="connect " dst-port=25 protocol=tcp
)");
    REQUIRE(c.cost.classes.size() == 2);
    CHECK(c.cost.classes[0].ports == ports({80, 8080}));
    CHECK(c.cost.classes[0].content_tests == 0);
    CHECK(c.cost.classes[1].ports == ports({3128}));
    CHECK(c.cost.classes[1].content_tests == doctest::Approx(1));
    CHECK(c.cost.forms[0].held == 2);
  }

  TEST_CASE("against: 'hook input' walks the chains of packets to the router") {
    const std::string policy = R"(policy p { routeros 7; clients 192.168.88.0/24 via bridge;
  uplink ether1; hook input; }
signature smtp to tcp 25 { in sequence: nocase "HELO" | nocase "EHLO", "RCPT TO:" } -> drop
)";
    // mangle forward is not on the way; mangle input and filter input are: 1 + 1.
    Costed c = cost_of(R"(/ip firewall mangle
add action=log chain=forward content=HELO
add action=log chain=input content=HELO
/ip firewall filter
add action=log chain=input content=HELO
)",
                       policy);
    CHECK_FALSE(c.cost.forwarded);
    CHECK(c.cost.content_tests() == doctest::Approx(2));
    REQUIRE(c.cost.forms.size() == 2);  // the nocase literals only
    CHECK(c.cost.forms[0] == optimise::FormsHeld{"\"HELO\"", 1, 16, true});
    CHECK(c.cost.forms[1] == optimise::FormsHeld{"\"EHLO\"", 0, 16, true});
  }

  TEST_CASE("against: the assumptions name what may match, and the firewall lines not read") {
    // The mark-connection may match (connection-state), so the mark may be on every packet:
    // CONNECT costs 1 (an upper bound). connection-state is named, the derived mark is not;
    // the line the reader could not read is named with its line number.
    Costed c = cost_of(R"(/ip firewall mangle
add action=mark-connection chain=forward connection-state=new new-connection-mark=n
frobnicate chain=forward
add action=log chain=forward connection-mark=n content=CONNECT
)");
    CHECK(c.cost.content_tests() == doctest::Approx(1));
    CHECK(c.cost.undecided.size() == 1);
    CHECK(c.cost.undecided.count("connection-state") == 1);
    support::DiagnosticEngine diags;
    auto file = std::make_shared<const support::SourceFile>("s.rsc", "/ip firewall filter\nfoo\n");
    routeros::ReadResult read = routeros::read_script(file, diags);
    optimise::AgainstScript script{"s.rsc", std::move(c.rules), read.opaque};
    test::Checked checked = test::check_text(kPolicy);
    REQUIRE(checked.policy);
    std::string text = optimise::render_against_model({c.cost}, script, checked.policy->site);
    CHECK(text.find("upper bounds: connection-state (1 rule: mangle 0)\n") != std::string::npos);
    CHECK(text.find("1 statement(s) of the firewall tables or of scripting: line 2 "
                    "(/ip firewall filter: ") != std::string::npos);
    CHECK(text.find("from a client (192.168.88.0/24), in on bridge, ") != std::string::npos);
    CHECK(text.find("forwarded (out on ether1)") != std::string::npos);
  }

  TEST_CASE("compile --explain --against: examples/cafe.pol against the forum recipe (golden)") {
    InSourceDir in_source;
    const std::string typed = "../shared/data/recipes/forum-recipe.rsc";
    std::string path =
        fs::relative(test::shared_data_dir() + "/recipes/forum-recipe.rsc", test::source_dir())
            .string();
    cli::PipelineOptions options("examples/cafe.pol");
    options.explain = true;
    options.against = path;
    support::DiagnosticEngine diags;
    cli::PipelineResult result = cli::run_pipeline(options, diags);
    REQUIRE_MESSAGE(result.script, support::render_all(diags));
    std::string text = result.explanation;
    for (auto at = text.find(path); path != typed && at != std::string::npos;
         at = text.find(path, at + typed.size()))
      text.replace(at, path.size(), typed);
    // The recipe costs 1 + p(CONNECT) at the proxy gate (port 80; 0 on 3128 and 8080) and
    // 1 + p(HELO) at the SMTP gate (port 25; 0 on 587), p of the case-sensitive string by
    // the same model as the emitted rules' figures.
    test::Checked checked = test::check_text(test::read_text("examples/cafe.pol"), "cafe.pol");
    REQUIRE(checked.policy);
    profile::Profile built_in = *result.profile;
    optimise::SignatureProbability p = optimise::probability_from(built_in, *checked.policy);
    double expected = 2 + p("proxy-connect")("CONNECT", false) + p("smtp-bot")("HELO", false);
    auto at = text.find(", against " + typed + " ");
    REQUIRE(at != std::string::npos);
    double total = 0;
    REQUIRE(std::sscanf(text.c_str() + at + 11 + typed.size(), "%lf", &total) == 1);
    CHECK(total == doctest::Approx(expected).epsilon(0.005));
    CHECK(total > 2.0);
    CHECK(text.find("    port 80: 1.0") != std::string::npos);
    CHECK(text.find("    ports 3128,8080: 0.00 content tests") != std::string::npos);
    CHECK(text.find("nocase \"CONNECT \" 1 of 128") != std::string::npos);
    CHECK(text.find(
              "nocase \"HELO\" 1 of 16, nocase \"EHLO\" 0 of 16, nocase \"RCPT TO:\" 1 of 64") !=
          std::string::npos);
    auto expected_text = test::expectation("tests/golden/explain/cafe.forum-recipe.txt", text);
    REQUIRE_MESSAGE(expected_text, "missing golden file (run with ROSGEN_UPDATE_GOLDEN=1)");
    CHECK(*expected_text == text);
  }

  TEST_CASE("compile --explain --against: errors in the script are diagnostics with line:col") {
    test::TempDir dir;
    std::string bad = (dir.path / "bad.rsc").string();
    std::ofstream(bad) << "/ip firewall mangle\n"
                          "add chain=forward content=\"CONNECT action=drop\n"
                          "add chain=forward action=log\n";
    cli::PipelineOptions options(test::source_dir() + "/examples/cafe.pol");
    options.explain = true;
    options.against = bad;
    support::DiagnosticEngine diags;
    cli::PipelineResult result = cli::run_pipeline(options, diags);
    CHECK_FALSE(result.script);
    std::string rendered = support::render_all(diags);
    CHECK(rendered.find(bad + ":2:27: error: unterminated string") != std::string::npos);
    // A file that cannot be read is an I/O error (exit 3), as for the policy.
    options.against = (dir.path / "nosuch.rsc").string();
    support::DiagnosticEngine again;
    CHECK_THROWS_AS(cli::run_pipeline(options, again), support::IoError);
    // Without --explain the file is not read (the CLI refuses --against alone).
    options.explain = false;
    support::DiagnosticEngine plain;
    CHECK(cli::run_pipeline(options, plain).script);
  }
}
