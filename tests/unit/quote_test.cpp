// Tests for emit/quote and the emitted script: hostile bytes in literals, names and log
// prefixes come out inert, and a RouterOS-style reader gets exactly the same bytes back.
#include "emit/quote.hpp"

#include <doctest/doctest.h>

#include <cstring>
#include <set>

#include "emit/rsc_writer.hpp"
#include "routeros/script_string.hpp"
#include "test_util.hpp"

using namespace rosgen;

namespace {

std::string roundtrip(const std::string& raw) {
  std::string quoted = emit::quote_value(raw, true);
  std::size_t pos = 0;
  std::string error;
  auto back = routeros::read_value(quoted, pos, &error);
  REQUIRE_MESSAGE(back, error);
  CHECK(pos == quoted.size());
  return *back;
}

// Inside a quoted value, a '"' or '$' must always follow an escaping backslash, and
// no byte may be a control byte or non-ASCII. Script syntax outside strings ('[', '{',
// ';', '$') is allowed only in rosgen's own fixed constructs: the preamble's selectors
// and the placement block, whose commands are checked in turn.
void check_inert(const std::string& line);

void check_inert_commands(std::string line) {
  for (const char* menu : {"/ip firewall mangle", "/ip firewall filter"}) {
    std::string h = "{ :local top [" + std::string(menu) +
                    " find where dynamic=no]; :if ([:len $top] = 0) do={ ";
    if (line.rfind(h, 0) == 0) {
      std::size_t mid = line.find(" } else={ ");
      REQUIRE(mid != std::string::npos);
      std::string first = line.substr(h.size(), mid - h.size());
      std::string second = line.substr(mid + 10);
      std::string tail = " place-before=[:pick $top 0] } }";
      REQUIRE(second.size() > tail.size());
      CHECK(second.substr(second.size() - tail.size()) == tail);
      second.resize(second.size() - tail.size());
      CHECK(first == second);  // the same add, placed or appended
      check_inert(first);
      return;
    }
  }
  for (const char* menu : {"/interface", "/interface list"}) {
    std::string h = ":if ([:len [" + std::string(menu) + " find where name=";
    if (line.rfind(h, 0) != 0)
      continue;
    std::size_t pos = h.size();
    std::string error;
    REQUIRE(routeros::read_value(line, pos, &error));
    constexpr std::string_view kMiddle = "]] = 0) do={ :error ";
    REQUIRE(line.substr(pos, kMiddle.size()) == kMiddle);
    pos += kMiddle.size();
    REQUIRE(routeros::read_value(line, pos, &error));
    CHECK(line.substr(pos) == " }");
    return;
  }
  for (const char* selector :
       {" [find where comment~\"^rosgen:evil:\"]", " [find where name~\"^rosgen-evil-\"]"}) {
    std::size_t at = line.find(selector);
    if (at != std::string::npos && at + std::strlen(selector) == line.size() &&
        line.find(" remove") != std::string::npos) {
      line.resize(at);
      break;
    }
  }
  check_inert(line);
}

void check_inert(const std::string& line) {
  bool in_string = false;
  bool comment_line = !line.empty() && line[0] == '#';  // a comment: only printable bytes
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (comment_line) {
      auto b = static_cast<unsigned char>(line[i]);
      CHECK_MESSAGE((b >= 0x20 && b != 0x7f), "control byte in comment: " << line);
      continue;
    }
    auto c = static_cast<unsigned char>(line[i]);
    CHECK_MESSAGE((c >= 0x20 && c < 0x7f), "raw byte " << int(c) << " in: " << line);
    if (in_string && c == '\\') {
      ++i;
      continue;
    }
    if (c == '"')
      in_string = !in_string;
    if (in_string)
      CHECK_MESSAGE(c != '$', "unescaped $ in: " << line);
    if (!in_string)
      CHECK_MESSAGE((c != ';' && c != '$' && c != '[' && c != '{'),
                    "bare " << c << " in: " << line);
  }
  CHECK_MESSAGE(!in_string, "unterminated string in: " << line);
}

}  // namespace

TEST_SUITE("quote") {
  TEST_CASE("quote: bare values stay bare, everything else is quoted") {
    CHECK(emit::quote_value("syn,!ack") == "syn,!ack");
    CHECK(emit::quote_value("5/1m,5,src-address/1m") == "5/1m,5,src-address/1m");
    CHECK(emit::quote_value("") == "\"\"");
    CHECK(emit::quote_value("a b") == "\"a b\"");
    CHECK(emit::quote_value("x", true) == "\"x\"");
  }

  TEST_CASE("quote: the escape table of reference §4") {
    CHECK(emit::quote_value("\"") == "\"\\\"\"");
    CHECK(emit::quote_value("\\") == "\"\\\\\"");
    CHECK(emit::quote_value("$x") == "\"\\$x\"");
    CHECK(emit::quote_value("$[/system reset-configuration]") ==
          "\"\\$[/system reset-configuration]\"");
    CHECK(emit::quote_value("a?") == "\"a\\3F\"");
    CHECK(emit::quote_value("\r\n\t") == "\"\\r\\n\\t\"");
    CHECK(emit::quote_value(std::string("\0\x1f\x7f\xc3\xa9", 5)) == "\"\\00\\1F\\7F\\C3\\A9\"");
    CHECK(emit::quote_value("a;b") == "\"a;b\"");
  }

  TEST_CASE("quote: every byte value reads back as itself") {
    std::string all;
    for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
    CHECK(roundtrip(all) == all);
    for (const char* s : {"\"; /system reset-configuration", "$[:put 1]", "\\\\\"", "?", ""}) {
      CHECK(roundtrip(s) == s);
    }
  }

  TEST_CASE("quote: hostile literals, names and prefixes survive the whole pipeline inert") {
    // Literals with every dangerous byte; log prefixes with quotes, '$' and ';'.
    std::string policy =
        "policy evil { clients 10.0.0.0/8 via list LAN; uplink ether1; }\n"
        "signature s1 to tcp 80 { in one packet: "
        "\"a\\\"b\\\\c$d$[/quit];e\\nf\\tg\\x00h\\xc3\\xa9\" } -> drop, log \"x\\\";$[/quit]\"\n"
        "signature s2 to tcp 81 { in one packet: nocase \"\\r\\n$?\", 0x00ff22245b } -> log "
        "\"\\x01\\x7f;\"\n";
    auto checked = test::check_text(policy, "evil.pol");
    REQUIRE_MESSAGE(checked.policy, checked.diagnostics);
    ir::Ruleset ruleset = ir::lower(ir::order(*checked.policy));
    std::string script =
        emit::emit_rsc(ruleset, {checked.policy->source_names, checked.policy->source_digest});

    // Collect the raw values the IR holds for the user-controlled properties.
    std::multiset<std::string> expected;
    for (const auto& item : ruleset.items) {
      for (const auto& p : item.properties) {
        if (p.name == "content" || p.name == "log-prefix" || p.name == "comment")
          expected.insert(p.value);
      }
    }
    CHECK(expected.count(std::string("a\"b\\c$d$[/quit];e\nf\tg\0h\xc3\xa9", 25)) == 1);
    CHECK(expected.count(std::string("\x00\xff\"$[", 5)) == 1);

    std::multiset<std::string> read_back;
    std::size_t lines = 0;
    std::size_t start = 0;
    while (start < script.size()) {
      std::size_t end = script.find('\n', start);
      std::string line = script.substr(start, end - start);
      start = end + 1;
      ++lines;
      check_inert_commands(line);
      if (line.rfind("add ", 0) != 0)
        continue;
      std::string error;
      auto command = routeros::split_command(line, &error);
      REQUIRE_MESSAGE(command, error << " in " << line);
      CHECK(command->words == std::vector<std::string>{"add"});
      for (const auto& [name, value] : command->properties) {
        if (name == "content" || name == "log-prefix" || name == "comment") {
          if (name == "comment" && value.rfind("rosgen:evil:anchor", 0) == 0)
            continue;
          read_back.insert(value);
        }
      }
    }
    CHECK(lines > 10);
    CHECK(read_back == expected);
  }
}
