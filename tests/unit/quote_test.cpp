// Tests for emit/quote and the emitted script: hostile bytes in literals, names and log
// prefixes come out inert, and a RouterOS-style reader gets exactly the same bytes back.
#include "emit/quote.hpp"

#include <doctest/doctest.h>

#include <cstring>
#include <random>
#include <set>

#include "diff/plan.hpp"
#include "emit/rsc_writer.hpp"
#include "routeros/script_reader.hpp"
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
  // The FastTrack guard's block: a fixed head, one add, a fixed tail.
  const std::string guard_head =
      "{ :local ft [/ip firewall filter find where action=fasttrack-connection "
      "chain=forward disabled=no]; :if ([:len $ft] > 0) do={ ";
  const std::string guard_tail = " place-before=[:pick $ft 0] } }";
  if (line.rfind(guard_head, 0) == 0) {
    REQUIRE(line.size() > guard_head.size() + guard_tail.size());
    CHECK(line.substr(line.size() - guard_tail.size()) == guard_tail);
    check_inert(
        line.substr(guard_head.size(), line.size() - guard_head.size() - guard_tail.size()));
    return;
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

// A line of a `diff --script` patch. Its only script syntax outside strings is rosgen's
// own: selectors [find where comment="..."] / [find where name="..."] (always quoted)
// and the placement block. Those are cut out (the block's command kept), the rest must be
// inert like any emitted line.
void check_patch_line(std::string line) {
  for (const char* menu : {"/ip firewall mangle", "/ip firewall filter"}) {
    std::string h = "{ :local top [" + std::string(menu) +
                    " find where dynamic=no]; :if ([:len $top] > 0) do={ ";
    std::string tail = " destination=[:pick $top 0] } }";
    if (line.rfind(h, 0) == 0) {  // a move to the top
      REQUIRE(line.size() > h.size() + tail.size());
      CHECK(line.substr(line.size() - tail.size()) == tail);
      line = line.substr(h.size(), line.size() - h.size() - tail.size());
    }
  }
  std::string out;
  bool in_string = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (!in_string) {
      for (std::string_view head : {"[find where comment=", "[find where name="}) {
        if (line.compare(i, head.size(), head) != 0)
          continue;
        std::size_t pos = i + head.size();
        std::string error;
        REQUIRE_MESSAGE(line[pos] == '"', "selector value not quoted in: " << line);
        REQUIRE_MESSAGE(routeros::read_value(line, pos, &error), error << " in: " << line);
        REQUIRE_MESSAGE(line[pos] == ']', "selector not closed after its value in: " << line);
        out += "SELECTOR";
        i = pos + 1;
        break;
      }
      if (i >= line.size())
        break;
    }
    char c = line[i];
    if (in_string && c == '\\' && i + 1 < line.size()) {
      out += c;
      out += line[++i];
      continue;
    }
    if (c == '"')
      in_string = !in_string;
    out += c;
  }
  check_inert_commands(out);
}

// Random bytes: mostly printable, with every byte value possible.
std::string random_bytes(std::mt19937& rng, std::size_t max_size) {
  std::string out;
  std::size_t n = rng() % (max_size + 1);
  for (std::size_t i = 0; i < n; ++i) {
    auto r = static_cast<unsigned>(rng() % 100);
    const char* special = "\"\\$[]{}();=?! #'`~^.,/:-";
    out += r < 45   ? static_cast<char>('a' + rng() % 26)
           : r < 80 ? special[rng() % std::strlen(special)]
                    : static_cast<char>(rng() % 256);
  }
  return out;
}

// Reads `export_text`, diffs it against `desired`, and returns the patch after checking
// that every line of it is inert, and that the patch applied to what was read leaves the
// router in sync (so every key and value it wrote read back as the same bytes).
std::string checked_patch(const ir::Ruleset& desired, const std::string& export_text) {
  support::DiagnosticEngine diags;
  auto file = std::make_shared<const support::SourceFile>("router.rsc", export_text);
  auto running = routeros::read_script(file, diags);
  auto plan = diff::make_plan(desired, running.state, 7);
  std::string script = diff::render_script(plan, {"router.rsc", {}, {}, false});
  std::size_t start = 0;
  while (start < script.size()) {
    std::size_t end = script.find('\n', start);
    check_patch_line(script.substr(start, end - start));
    start = end + 1;
  }
  support::DiagnosticEngine apply_diags;
  auto patch = std::make_shared<const support::SourceFile>("patch.rsc", script);
  auto applied = routeros::read_script(patch, apply_diags, running.state);
  INFO(script);
  CHECK_FALSE(apply_diags.has_errors());
  CHECK(diff::make_plan(desired, applied.state, 7).in_sync());
  return script;
}

const char* kExportPolicy =
    "policy p { routeros 7; clients 10.0.0.0/24 via bridge; uplink ether1; }\n"
    "cap a new connections 60 per host -> reject\n"
    "rate r syn 5/min burst 5 per host to tcp 25 using queue\n"
    "signature s to tcp 80 { in one packet: \"GET \" } -> quarantine 1h, log \"s\"\n";

}  // namespace

TEST_SUITE("quote") {
  TEST_CASE("quote: a property name from an export never reaches a patch unvalidated") {
    auto desired = test::lower_text(kExportPolicy);
    REQUIRE(desired);
    std::string text = emit::write_export(routeros::import_ruleset(*desired));
    std::string comment = "comment=\"rosgen:p:a.forward\"";
    std::size_t at = text.find(comment);
    REQUIRE(at != std::string::npos);
    // The example, and names that close a string or start a command.
    text.insert(at + comment.size(),
                " x[/system/reboot]=1 !y[/quit] a.b=2 Caps=3 ok-newer-prop=\"v;[/quit]\"");
    std::string script = checked_patch(*desired, text);
    CHECK(script.find("[/system") == std::string::npos);
    CHECK(script.find("[/quit") == std::string::npos);
    // A well-formed name the schema does not know is unset, so the diff converges.
    CHECK(script.find("set [find where comment=\"rosgen:p:a.forward\"] !ok-newer-prop\n") !=
          std::string::npos);
  }

  TEST_CASE("quote: keys and values from an export come out quoted in the patch") {
    auto desired = test::lower_text(kExportPolicy);
    REQUIRE(desired);
    std::string text = emit::write_export(routeros::import_ruleset(*desired));
    text +=
        "/ip firewall filter\n"
        "add action=drop chain=forward comment=\"rosgen:p:gone\\\"] ; /system reboot; [find "
        "\\\"\"\n"
        "add action=drop chain=forward comment=\"rosgen:p:\\$[/system reboot]\"\n"
        "add action=drop chain=forward comment=rosgen:p:dup\nadd action=drop chain=forward "
        "comment=rosgen:p:dup\n"
        "/queue type\nadd kind=pcq name=\"rosgen-p-\\\"]; /quit; :put [\"\n";
    std::string script = checked_patch(*desired, text);
    CHECK(script.find("remove [find where comment=\"rosgen:p:gone\\\"] ; /system reboot; [find "
                      "\\\"\"]") != std::string::npos);
    CHECK(script.find("remove [find where comment=\"rosgen:p:\\$[/system reboot]\"]") !=
          std::string::npos);
  }

  TEST_CASE("quote: random bytes in names, values and comments of an export stay inert") {
    auto desired = test::lower_text(kExportPolicy);
    REQUIRE(desired);
    const std::string base = emit::write_export(routeros::import_ruleset(*desired));
    std::mt19937 rng(7);
    // Properties with random names and values, written escaped (as RouterOS would) or raw
    // (as an attacker might); half of the names well-formed, so that they are unset.
    auto hostile = [&]() {
      std::string out;
      for (int j = 0; j < 3; ++j) {
        std::string name = rng() % 2 ? "zz-" + std::to_string(rng() % 100) : random_bytes(rng, 8);
        std::string value = random_bytes(rng, 16);
        out += " " + name + "=" + (rng() % 4 ? emit::quote_value(value) : value);
      }
      return out;
    };
    std::size_t unsets = 0, removes = 0;
    for (int round = 0; round < 200; ++round) {
      // Owned items of the export with hostile properties added...
      std::string text;
      std::size_t start = 0;
      while (start < base.size()) {
        std::size_t end = base.find('\n', start);
        std::string line = base.substr(start, end - start);
        start = end + 1;
        if (line.find("comment=\"rosgen:p:") != std::string::npos && rng() % 2)
          line += hostile();
        text += line + "\n";
      }
      // ... and owned items the policy does not want, under random keys.
      text += "/ip firewall filter\n";
      for (int i = 0; i < 4; ++i) {
        std::string comment = "rosgen:p:" + random_bytes(rng, 12);
        text += "add action=drop chain=forward comment=" +
                (rng() % 4 ? emit::quote_value(comment) : comment) + hostile() + "\n";
      }
      INFO("round " << round << ":\n" << text);
      std::string script = checked_patch(*desired, text);
      for (std::size_t at = script.find(" !zz-"); at != std::string::npos;
           at = script.find(" !zz-", at + 1))
        ++unsets;
      for (std::size_t at = script.find(" remove [find where comment=\"rosgen:p:");
           at != std::string::npos; at = script.find(" remove [find where comment=", at + 1))
        ++removes;
    }
    CHECK(unsets > 100);  // the paths that write what came from the export were taken
    CHECK(removes > 200);
  }

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
    ir::Ruleset ruleset = lower::lower(lower::order(*checked.policy));
    std::string script =
        emit::emit_rsc(ruleset, {checked.policy->source_names, checked.policy->source_digest, {}});

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
