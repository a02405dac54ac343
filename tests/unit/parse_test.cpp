// Tests for syntax/parse: accepted forms (as a compact dump), and exact syntax errors,
// including recovery so that several errors are reported in one run.
#include "syntax/parse.hpp"

#include <doctest/doctest.h>

#include "test_util.hpp"

using namespace rosgen;

namespace {

std::string dump_tokens(const std::vector<syntax::Token>& tokens) {
  std::string out;
  for (const auto& t : tokens) out += (out.empty() ? "" : " ") + t.text;
  return out;
}

std::string dump_list(const syntax::ValueList& list) {
  return "[" + dump_tokens(list.protocol) + "|" + dump_tokens(list.items) + "]";
}

std::string dump_verdicts(const std::vector<syntax::Verdict>& verdicts) {
  std::string out;
  for (const auto& v : verdicts) {
    out += (out.empty() ? "" : " ") + v.kind.text +
           (v.argument.empty() ? "" : "(" + v.argument[0].text + ")");
  }
  return out;
}

std::string dump_source(const std::vector<syntax::Source>& source) {
  return source.empty() ? "" : " " + source[0].mode.text + dump_list(source[0].addresses);
}

// A compact, stable text form of a parsed file (RE2's parse_test idea).
std::string dump(const syntax::File& file) {
  std::string out;
  for (const auto& statement : file.statements) {
    std::visit(
        [&](const auto& s) {
          using T = std::decay_t<decltype(s)>;
          if constexpr (std::is_same_v<T, syntax::PolicyDecl>) {
            out += "policy{" + s.name.text;
            for (const auto& setting : s.settings) {
              out += " " + setting.key.text + "=";
              for (const auto& item : setting.items) out += "(" + dump_tokens(item) + ")";
            }
            out += "}";
          } else if constexpr (std::is_same_v<T, syntax::Include>) {
            out += "include{" + s.path.text + "}";
          } else if constexpr (std::is_same_v<T, syntax::SetDecl>) {
            out += "set{" + s.name.text + " " + dump_list(s.body) + "}";
          } else if constexpr (std::is_same_v<T, syntax::Cap>) {
            out += "cap{" + s.name.text + (s.new_only ? " new " : " ") + s.count.text + " per " +
                   s.scope.text + dump_source(s.source) +
                   (s.target.empty() ? "" : " to" + dump_list(s.target[0])) + " ->" +
                   dump_verdicts(s.verdicts) + "}";
          } else if constexpr (std::is_same_v<T, syntax::Rate>) {
            out += "rate{" + s.name.text + " " + s.rate.text +
                   (s.burst.empty() ? "" : " burst " + s.burst[0].text) + " per " + s.scope.text +
                   dump_source(s.source) + " to" + dump_list(s.target) +
                   (s.back_end.empty() ? "" : " using " + s.back_end[0].text) +
                   (s.verdicts.empty() ? "" : " ->" + dump_verdicts(s.verdicts)) + "}";
          } else if constexpr (std::is_same_v<T, syntax::Signature>) {
            out += "signature{" + s.name.text + dump_source(s.source) + " to" +
                   dump_list(s.target) + (s.window.empty() ? "" : " within " + s.window[0].text) +
                   " " + s.mode.text + ":";
            for (std::size_t i = 0; i < s.stages.size(); ++i) {
              const syntax::Stage& stage = s.stages[i];
              if (!stage.anchor.empty())
                out += " [" + stage.anchor[0].text + "]";
              for (std::size_t j = 0; j < stage.alternatives.size(); ++j) {
                const syntax::Literal& l = stage.alternatives[j];
                out +=
                    (j == 0 ? "" : " |") + std::string(l.nocase ? " nocase " : " ") + l.body.text;
              }
            }
            out += " ->" + dump_verdicts(s.verdicts) + "}";
          }
        },
        statement);
    out += "\n";
  }
  return out;
}

std::string parse_dump(const std::string& text) {
  support::DiagnosticEngine diags;
  auto file = std::make_shared<const support::SourceFile>("test.pol", text);
  auto parsed = syntax::parse_policy(file, diags);
  return dump(parsed) + support::render_all(diags);
}

}  // namespace

TEST_SUITE("parse") {
  TEST_CASE("parse: accepted statements, one table row each") {
    struct Row {
      const char* input;
      const char* dump;
    };

    const Row rows[] = {
        {"policy cafe { routeros 7; clients 192.168.88.0/24 via bridge; uplink ether1 }",
         "policy{cafe routeros=(7) clients=(192.168.88.0/24 via bridge) uplink=(ether1)}\n"},
        {"policy p { hook forward, input; }", "policy{p hook=(forward)(input)}\n"},
        {"policy p {}", "policy{p}\n"},
        {"include \"smtp-bots.pol\"", "include{\"smtp-bots.pol\"}\n"},
        {"set mail = tcp 25, 465, 587", "set{mail [tcp|25 465 587]}\n"},
        {"set lan = 10.0.0.0/8, 192.168.0.0/16", "set{lan [|10.0.0.0/8 192.168.0.0/16]}\n"},
        {"cap total connections 60 per host -> reject", "cap{total 60 per host ->reject}\n"},
        {"cap m new connections 6 per /24 except lan to mail -> drop, log \"x y\"",
         "cap{m new 6 per /24 except[|lan] to[|mail] ->drop log(\"x y\")}\n"},
        {"cap q new connections 6 per host->throttle 64k",
         "cap{q new 6 per host ->throttle(64k)}\n"},
        {"rate s syn 5/min burst 5 per host to tcp 25 using queue",
         "rate{s 5/min burst 5 per host to[tcp|25] using queue}\n"},
        {"rate s syn 5/s per host from 10.0.0.0/8 to mail -> drop",
         "rate{s 5/s per host from[|10.0.0.0/8] to[|mail] ->drop}\n"},
        {"signature p to tcp 80, 3128 within first 2KiB {\n in one packet: nocase \"CONNECT \", "
         "\"HTTP/1.\"\n} -> quarantine 30m",
         "signature{p to[tcp|80 3128] within 2KiB in one packet: nocase \"CONNECT \" \"HTTP/1.\" "
         "->quarantine(30m)}\n"},
        {"signature s to mail { in sequence: nocase \"HELO\", 0x0d0a } -> drop",
         "signature{s to[|mail] in sequence: nocase \"HELO\" 0x0d0a ->drop}\n"},
        // Alternatives ('|') and anchors ('at start'); "at" and "start" may be apart.
        {"signature s to tcp 25 { in sequence: nocase \"HELO\"|nocase \"EHLO\" | 0x0d0a, "
         "\"RCPT\" } -> drop",
         "signature{s to[tcp|25] in sequence: nocase \"HELO\" | nocase \"EHLO\" | 0x0d0a "
         "\"RCPT\" ->drop}\n"},
        {"signature s to tcp 80 { in one packet: at  start nocase \"CONNECT \", at start "
         "\"GET\" | \"PUT\" } -> drop",
         "signature{s to[tcp|80] in one packet: [at  start] nocase \"CONNECT \" [at start] "
         "\"GET\" | \"PUT\" ->drop}\n"},
        {"# only a comment\n\n  ; ;", ""},
        {"cap a new connections 1 per host -> drop cap b new connections 2 per host -> drop",
         "cap{a new 1 per host ->drop}\ncap{b new 2 per host ->drop}\n"},
        {"set s = tcp 1000-2000 # trailing comment", "set{s [tcp|1000-2000]}\n"},
        {"cap a new connections 5 per host to tcp -> tarpit",
         "cap{a new 5 per host to[tcp|] ->tarpit}\n"},
        {"signature w to tcp within first 2KiB { in one packet: \"GET\" } -> drop",
         "signature{w to[tcp|] within 2KiB in one packet: \"GET\" ->drop}\n"},
        {"signature e to tcp 1 { in one packet: \"a\\\"b\\\\\" } -> drop",
         "signature{e to[tcp|1] in one packet: \"a\\\"b\\\\\" ->drop}\n"},
    };
    for (const Row& row : rows) {
      INFO(row.input);
      CHECK(parse_dump(row.input) == row.dump);
    }
  }

  TEST_CASE("parse: tokens keep their byte offsets") {
    support::DiagnosticEngine diags;
    auto file = std::make_shared<const support::SourceFile>("t.pol", "set  mail = tcp 25");
    auto parsed = syntax::parse_policy(file, diags);
    REQUIRE(parsed.statements.size() == 1);
    const auto& set = std::get<syntax::SetDecl>(parsed.statements[0]);
    CHECK(set.name.begin == 5);
    CHECK(set.name.end == 9);
    CHECK(set.body.items[0].begin == 16);
  }

  TEST_CASE("parse: a UTF-8 byte-order mark at the start is skipped") {
    const std::string bom = "\xEF\xBB\xBF";
    CHECK(parse_dump(bom + "set mail = tcp 25\ncap c new connections 5 per host -> drop") ==
          "set{mail [tcp|25]}\ncap{c new 5 per host ->drop}\n");
    // Offsets count from the file's first byte: line 1's columns include the mark, later
    // lines' columns do not change.
    CHECK(test::parse_errors(bom + "set mail = tcp 25\nfirewall on") ==
          "test.pol:2:1: error: expected a statement (policy, include, set, cap, rate, "
          "signature), found 'firewall'\n"
          "  firewall on\n"
          "  ^~~~~~~~\n");
    // Only at the start: a mark anywhere else is a stray byte.
    CHECK(test::parse_errors("set mail = tcp 25\n" + bom + "cap") ==
          "test.pol:2:1: error: expected a statement (policy, include, set, cap, rate, "
          "signature), found byte 0xef\n"
          "  " +
              bom +
              "cap\n"
              "  ^\n");
  }

  TEST_CASE("parse: errors name what was expected and what was found") {
    CHECK(test::parse_errors("cap connections 60 per host -> reject") ==
          "test.pol:1:5: error: expected a name, found 'connections'\n"
          "  cap connections 60 per host -> reject\n"
          "      ^~~~~~~~~~~\n");
    CHECK(test::parse_errors("cap x connections 5 per host -> frob") ==
          "test.pol:1:33: error: expected a verdict (drop, reject, tarpit, log, quarantine, "
          "throttle), found 'frob'\n"
          "  cap x connections 5 per host -> frob\n"
          "                                  ^~~~\n");
    CHECK(test::parse_errors("firewall on") ==
          "test.pol:1:1: error: expected a statement (policy, include, set, cap, rate, "
          "signature), found 'firewall'\n"
          "  firewall on\n"
          "  ^~~~~~~~\n");
    CHECK(test::parse_errors("set mail = tcp 25,") ==
          "test.pol:1:19: error: expected a value, found end of file\n"
          "  set mail = tcp 25,\n"
          "                    ^\n");
  }

  TEST_CASE("parse: a misplaced 'from' or 'except' is told where it goes") {
    CHECK(test::parse_errors("signature s to tcp 80 from lan { in one packet: \"GET\" } -> drop") ==
          "test.pol:1:23: error: 'from' goes before 'to': signature s from SET to PORTS within "
          "first SIZE { ... } -> VERDICTS\n"
          "  signature s to tcp 80 from lan { in one packet: \"GET\" } -> drop\n"
          "                        ^~~~\n");
    CHECK(test::parse_errors(
              "signature s to tcp 80 within first 2KiB except lan { in one packet: \"GET\" } -> "
              "drop") ==
          "test.pol:1:41: error: 'except' goes before 'to': signature s except SET to PORTS "
          "within first SIZE { ... } -> VERDICTS\n"
          "  signature s to tcp 80 within first 2KiB except lan { in one packet: \"GET\" } -> "
          "drop\n"
          "                                          ^~~~~~\n");
    CHECK(test::parse_errors("cap c new connections 5 per host to mail from lan -> drop") ==
          "test.pol:1:42: error: 'from' goes after 'per host' and before 'to': cap c new "
          "connections N per host from SET to PORTS -> VERDICTS\n"
          "  cap c new connections 5 per host to mail from lan -> drop\n"
          "                                           ^~~~\n");
    // The rate rule is complete before 'except'; the word then stands where a statement
    // should start, and still belongs to the rule before it.
    CHECK(test::parse_errors("rate r syn 5/min per host to mail except lan -> drop") ==
          "test.pol:1:35: error: 'except' goes after 'per host' and before 'to': rate r syn "
          "N/min per host except SET to PORTS -> VERDICTS\n"
          "  rate r syn 5/min per host to mail except lan -> drop\n"
          "                                    ^~~~~~\n");
    CHECK(test::parse_errors("cap c new connections 5 per host from a except b -> drop") ==
          "test.pol:1:41: error: a rule takes one 'from' or 'except', and this one already has "
          "one\n"
          "  cap c new connections 5 per host from a except b -> drop\n"
          "                                          ^~~~~~\n");
    // Not a rule before it: the usual message.
    CHECK(test::parse_errors("set a = tcp 25\nfrom lan") ==
          "test.pol:2:1: error: expected a statement (policy, include, set, cap, rate, "
          "signature), found 'from'\n"
          "  from lan\n"
          "  ^~~~\n");
  }

  TEST_CASE("parse: an unterminated string is reported at the end of its line") {
    CHECK(test::parse_errors("include \"a.pol\ncap x new connections 1 per host -> drop") ==
          "test.pol:1:15: error: unterminated string: expected a closing '\"' before the end "
          "of the line\n"
          "  include \"a.pol\n"
          "                ^\n");
  }

  TEST_CASE("parse: recovers at the next statement and reports every error") {
    std::string text =
        "cap connections 60 per host -> reject\n"
        "set ok = tcp 25\n"
        "cap y connections abc per host -> reject\n"
        "signature s to tcp 80 {\n"
        "  in two packets: \"a\"\n"
        "} -> drop\n"
        "rate r syn 5 per host to tcp 25\n";
    support::DiagnosticEngine diags;
    auto file = std::make_shared<const support::SourceFile>("t.pol", text);
    auto parsed = syntax::parse_policy(file, diags);
    CHECK(diags.error_count() == 4);
    CHECK(parsed.statements.size() == 1);  // the set
    std::string rendered = support::render_all(diags);
    CHECK(rendered.find("t.pol:1:5: error: expected a name") != std::string::npos);
    CHECK(rendered.find("t.pol:3:19: error: expected a number, found 'abc'") != std::string::npos);
    CHECK(rendered.find(
              "t.pol:5:3: error: expected 'in one packet:' or 'in sequence:', found 'in'") !=
          std::string::npos);
    CHECK(rendered.find("t.pol:7:12: error: expected a rate such as '5/min', found '5'") !=
          std::string::npos);
  }
}
