// Tests for the language additions of issue 9 §3: stages with alternatives ('|'), anchored
// stages ('at start': lower/anchor and the layer7-protocol entry), their parse, their
// checks in sema, the item budget counting them, and the emitted regexp's round trip
// through the RouterOS string escaping of the export reader.
#include "lower/anchor.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "emit/rsc_writer.hpp"
#include "lower/budget.hpp"
#include "read_util.hpp"
#include "routeros/state.hpp"
#include "simulate/layer7.hpp"

using namespace rosgen;

namespace {

ir::Ruleset lowered(const std::string& rules) {
  auto ruleset = test::lower_rules(rules);
  REQUIRE(ruleset);
  return *ruleset;
}

std::string prop(const ir::Item& item, const std::string& name) {
  const std::string* v = item.get(name);
  return v ? *v : "<none>";
}

std::vector<ir::Item> in_menu(const ir::Ruleset& r, ir::Menu menu) {
  std::vector<ir::Item> out;
  std::copy_if(r.items.begin(), r.items.end(), std::back_inserter(out),
               [&](const ir::Item& i) { return i.menu == menu; });
  return out;
}

const ir::Item* by_comment(const ir::Ruleset& r, const std::string& id) {
  for (const ir::Item& item : r.items) {
    if (prop(item, "comment") == "rosgen:p:" + id)
      return &item;
  }
  return nullptr;
}

sema::Stage stage_of(std::vector<sema::Literal> alternatives) {
  sema::Stage stage;
  stage.alternatives = std::move(alternatives);
  stage.at_start = true;
  stage.position = 1;
  return stage;
}

}  // namespace

TEST_SUITE("anchor") {
  TEST_CASE("anchor: the regexp is lower case, metacharacters escaped, other bytes as \\xHH") {
    CHECK(lower::layer7_regexp(stage_of({{"CONNECT ", true, ""}})) == "^[\\x0d\\x0a]*(connect )");
    CHECK(lower::layer7_regexp(stage_of({{"HELO", true, ""}, {"EHLO", true, ""}})) ==
          "^[\\x0d\\x0a]*(helo|ehlo)");
    // Upper case written as such is still lowered: layer7 matches lower-cased data.
    CHECK(lower::layer7_regexp(stage_of({{"GET", false, ""}, {"get", false, ""}})) ==
          "^[\\x0d\\x0a]*(get)");
    CHECK(lower::layer7_regexp(stage_of({{"a.b[c]d(e)f*g+h?i{j}k|l^m$n\\o", false, ""}})) ==
          "^[\\x0d\\x0a]*(a\\.b\\[c\\]d\\(e\\)f\\*g\\+h\\?i\\{j\\}k\\|l\\^m\\$n\\\\o)");
    CHECK(lower::layer7_regexp(stage_of({{std::string("\x13"
                                                      "BitTorrent\r\n\xff",
                                                      14),
                                          false, ""}})) ==
          "^[\\x0d\\x0a]*(\\x13bittorrent\\x0d\\x0a\\xff)");
    CHECK(lower::layer7_regexp(stage_of({{"x \"/#-~", false, ""}})) == "^[\\x0d\\x0a]*(x \"/#-~)");
  }

  TEST_CASE("anchor: every regexp compiles in the simulator and matches only at the start") {
    std::string error;
    auto pattern = simulate::Layer7Pattern::compile(
        lower::layer7_regexp(stage_of({{"A.B$(", true, ""}, {"\x01?", false, ""}})), error);
    REQUIRE_MESSAGE(pattern, error);
    auto data = [](std::string_view payload) {
      std::string buffer;
      simulate::append_layer7_data(buffer, payload);
      return buffer;
    };
    CHECK(pattern->search(data("a.b$( and more")));
    CHECK(pattern->search(data("A.B$(")));
    CHECK(pattern->search(data("\x01?x")));
    CHECK(!pattern->search(data("axb$(")));   // '.' is no wildcard
    CHECK(!pattern->search(data(" a.b$(")));  // not at the start
    CHECK(!pattern->search(data("\x01x")));   // '?' is no operator
    // Blank lines first (HTTP servers skip them before a request line): still the start.
    CHECK(pattern->search(data("\r\na.b$( x")));
    CHECK(pattern->search(data("\r\n\r\nA.B$(")));
    CHECK(!pattern->search(data("\r\nx a.b$(")));
  }

  TEST_CASE("anchor: the name is rosgen-<policy>-<signature>-<position>") {
    CHECK(lower::layer7_name("cafe", "proxy-connect", 1) == "rosgen-cafe-proxy-connect-1");
    CHECK(lower::kAnchoredWindowBytes == 1860);  // 3 x (60 + 60) + 1500
  }

  TEST_CASE("anchor: one owned layer7 entry, named on the stage's rules with the content forms") {
    auto r = lowered(
        "signature s to tcp 80, 3128 within first 2KiB {\n"
        "  in one packet: at start nocase \"CONNECT \" | \"GET http\", \"HTTP/1.\"\n"
        "} -> drop\n");
    auto l7 = in_menu(r, ir::Menu::Layer7Protocol);
    REQUIRE(l7.size() == 1);
    CHECK(prop(l7[0], "name") == "rosgen-p-s-1");
    CHECK(prop(l7[0], "regexp") == "^[\\x0d\\x0a]*(connect |get http)");
    CHECK(prop(l7[0], "comment") == "rosgen:p:s.lit1.layer7");
    CHECK(l7[0].get("chain") == nullptr);
    // The entry comes before every rule that names it.
    auto first_l7 = std::find_if(r.items.begin(), r.items.end(), [](const ir::Item& i) {
      return i.menu == ir::Menu::Layer7Protocol;
    });
    auto first_mangle = std::find_if(r.items.begin(), r.items.end(),
                                     [](const ir::Item& i) { return i.menu == ir::Menu::Mangle; });
    CHECK(first_l7 < first_mangle);
    // 128 case forms of CONNECT and one of "GET http", each with the regexp; and the SYN
    // of every connection to the ports passes the regexp's matcher once, without data, so
    // that l7-filter gives the connection its buffer (xt_layer7.c: first packet only).
    std::size_t anchored = 0, starts = 0;
    for (const ir::Item& item : in_menu(r, ir::Menu::Mangle)) {
      if (prop(item, "layer7-protocol") != "rosgen-p-s-1")
        continue;
      if (item.get("content") != nullptr) {
        ++anchored;
        continue;
      }
      ++starts;
      CHECK(prop(item, "tcp-flags") == "syn,!ack");
      CHECK(prop(item, "connection-state") == "new");
      CHECK(prop(item, "action") == "passthrough");
    }
    CHECK(anchored == 129);
    CHECK(starts == 1);
    const ir::Item* alt = by_comment(r, "s.lit1.alt2");
    REQUIRE(alt);
    CHECK(prop(*alt, "content") == "GET http");
    CHECK(prop(*alt, "layer7-protocol") == "rosgen-p-s-1");
    // The unanchored stage carries no regexp.
    const ir::Item* http = by_comment(r, "s.lit2");
    REQUIRE(http);
    CHECK(prop(*http, "layer7-protocol") == "<none>");
    // In one packet the gate keeps the signature to the first client data packet.
    const ir::Item* gate = by_comment(r, "s.gate.forward");
    REQUIRE(gate);
    CHECK(prop(*gate, "connection-bytes") == "0-1860");
  }

  TEST_CASE("anchor: the window is the author's when it is tighter, 1860 bytes otherwise") {
    auto tight = lowered(
        "signature s to tcp 80 within first 1KiB { in one packet: at start \"GET \" } -> drop\n");
    CHECK(prop(*by_comment(tight, "s.gate.forward"), "connection-bytes") == "0-1024");
    auto open = lowered("signature s to tcp 80 { in one packet: at start \"GET \" } -> drop\n");
    CHECK(prop(*by_comment(open, "s.gate.forward"), "connection-bytes") == "0-1860");
  }

  TEST_CASE("anchor: in sequence only the first stage's rules carry the window and the regexp") {
    auto r = lowered(
        "signature s to tcp 8080 within first 8KiB {\n"
        "  in sequence: at start \"USER \", \"PASS \"\n"
        "} -> drop\n");
    CHECK(prop(*by_comment(r, "s.gate.forward"), "connection-bytes") == "0-8192");
    const ir::Item* first = by_comment(r, "s.lit1");
    REQUIRE(first);
    CHECK(prop(*first, "connection-bytes") == "0-1860");
    CHECK(prop(*first, "layer7-protocol") == "rosgen-p-s-1");
    const ir::Item* second = by_comment(r, "s.lit2");
    REQUIRE(second);
    CHECK(prop(*second, "connection-bytes") == "<none>");
    CHECK(prop(*second, "layer7-protocol") == "<none>");
  }

  TEST_CASE("anchor: the item budget counts every alternative and each layer7 entry") {
    auto checked = test::check_text(test::kTestSite +
                                    "signature s to tcp 80 { in one packet: at start nocase "
                                    "\"CONNECT \" | nocase \"HEAD\", \"HTTP/1.\" } -> drop\n");
    REQUIRE(checked.policy);
    CHECK(lower::minimum_items(checked.policy->rules[0]) == 128 + 16 + 1 + 1);
  }

  TEST_CASE("anchor: the regexp survives the script's string escaping and the export reader") {
    // Backslashes doubled, '$' escaped, '?' written \3F: read back, the value is unchanged.
    auto r = lowered(
        "signature s to tcp 80 { in one packet: at start \"a$b\\\\c?d[e]\\x01\" } -> drop\n");
    auto l7 = in_menu(r, ir::Menu::Layer7Protocol);
    REQUIRE(l7.size() == 1);
    CHECK(prop(l7[0], "regexp") == "^[\\x0d\\x0a]*(a\\$b\\\\c\\?d\\[e\\]\\x01)");
    std::string script = emit::write_export([&] {
      routeros::RouterState state;
      state.items(ir::Menu::Layer7Protocol) = l7;
      return state;
    }());
    CHECK(script.find(
              "regexp=\"^[\\\\x0d\\\\x0a]*(a\\\\\\$b\\\\\\\\c\\\\\\3Fd\\\\[e\\\\]\\\\x01)\"") !=
          std::string::npos);
    auto read = test::read(script);
    REQUIRE_MESSAGE(!read.errors, read.diagnostics);
    const auto& entries = read.result.state.items(ir::Menu::Layer7Protocol);
    REQUIRE(entries.size() == 1);
    CHECK(prop(entries[0], "regexp") == prop(l7[0], "regexp"));
  }
}
