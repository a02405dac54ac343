// Tests for support/diagnostics: positions, the clang-style renderer, the summary.
#include "support/diagnostics.hpp"

#include <doctest/doctest.h>

#include "routeros/script_reader.hpp"
#include "support/utf8.hpp"
#include "test_util.hpp"

using namespace rosgen::support;

TEST_SUITE("diagnostics") {
  TEST_CASE("source file: line and column are 1-based byte positions") {
    SourceFile file("a.pol", "ab\ncd\n\nx");
    CHECK(file.line_col(0) == SourceFile::LineCol{1, 1});
    CHECK(file.line_col(1) == SourceFile::LineCol{1, 2});
    CHECK(file.line_col(3) == SourceFile::LineCol{2, 1});
    CHECK(file.line_col(7) == SourceFile::LineCol{4, 1});
    CHECK(file.line_text(2) == "cd");
    CHECK(file.line_text(3) == "");
    CHECK(file.line_text(9) == "");
  }

  TEST_CASE("render: file:line:col, source line, caret and tildes over the range") {
    auto file = std::make_shared<const SourceFile>("p.pol", "cap x connections 0 per host\n");
    DiagnosticEngine diags;
    diags.error({file, 18, 19}, "connection count 0 is out of range (1-1000000)");
    diags.warning({file, 4, 5}, "something").notes.push_back(make_note({file, 0, 3}, "here"));
    CHECK(render_all(diags) ==
          "p.pol:1:19: error: connection count 0 is out of range (1-1000000)\n"
          "  cap x connections 0 per host\n"
          "                    ^\n"
          "p.pol:1:5: warning: something\n"
          "  cap x connections 0 per host\n"
          "      ^\n"
          "p.pol:1:1: note: here\n"
          "  cap x connections 0 per host\n"
          "  ^~~\n"
          "1 error and 1 warning generated.\n");
    CHECK(diags.error_count() == 1);
  }

  TEST_CASE("render: tabs are kept so the caret lines up; control bytes are blanked") {
    auto file = std::make_shared<const SourceFile>("t.pol", "\tcap\x1b[31m x\n");
    DiagnosticEngine diags;
    diags.error({file, 1, 4}, "m");
    CHECK(render_all(diags) == "t.pol:1:2: error: m\n  \tcap [31m x\n  \t^~~\n");
  }

  TEST_CASE("render: file names and messages have their control characters escaped") {
    // `rosgen check $'pol\n/system reboot\n#.pol'` must not forge lines of the output.
    auto file = std::make_shared<const SourceFile>("pol\n/system reboot\n#\xC2\x9B.pol", "x\n");
    DiagnosticEngine diags;
    diags.error({file, 0, 1},
                "stray word 'a\x1b[2J\xC2\x9B"
                "2J'");
    CHECK(render_all(diags) ==
          "pol\\0A/system reboot\\0A#\\C2\\9B.pol:1:1: error: stray word 'a\\1B[2J\\C2\\9B2J'\n"
          "  x\n  ^\n");
  }

  TEST_CASE("render: a C1 control in a source line is blanked, a stray C1 byte escaped") {
    auto file = std::make_shared<const SourceFile>("t.pol",
                                                   "a\xC2\x9B"
                                                   "2J b\x9B \xC3\xA9 x\n");
    DiagnosticEngine diags;
    diags.error({file, 12, 13}, "m");
    CHECK(render_all(diags) ==
          "t.pol:1:13: error: m\n  a 2J b\\x9B \xC3\xA9 x\n               ^\n");
  }

  TEST_CASE("render: the caret lines up after UTF-8 characters (one space per character)") {
    // "é" is 2 bytes, "€" 3, "😀" 4: the column stays a byte column, the caret does not.
    auto file = std::make_shared<const SourceFile>(
        "u.pol", "name \"caf\xC3\xA9 \xE2\x82\xAC\xF0\x9F\x98\x80\" \tbad x\n");
    DiagnosticEngine diags;
    diags.error({file, 22, 25}, "m");
    CHECK(render_all(diags) ==
          "u.pol:1:23: error: m\n"
          "  name \"caf\xC3\xA9 \xE2\x82\xAC\xF0\x9F\x98\x80\" \tbad x\n"
          "                 \t^~~\n");
    // The underline counts characters too: "é €" is three columns wide.
    DiagnosticEngine range;
    range.error({file, 9, 14}, "m");
    CHECK(render_all(range).ends_with("\n           ^~~\n"));
  }

  TEST_CASE("render: bytes that are not UTF-8 are shown escaped and the caret lines up") {
    // Latin-1 "café" and a cut "€": the terminal gets valid UTF-8.
    auto file = std::make_shared<const SourceFile>("l.pol", "caf\xE9 \xE2\x82 bad\n");
    DiagnosticEngine diags;
    diags.error({file, 8, 11}, "m");
    std::string out = render_all(diags);
    CHECK(out ==
          "l.pol:1:9: error: m\n"
          "  caf\\xE9 \\xE2\\x82 bad\n"
          "                   ^~~\n");
    CHECK(is_utf8(out));
    DiagnosticEngine on_byte;
    on_byte.error({file, 3, 4}, "m");
    CHECK(render_all(on_byte).ends_with("\n     ^~~~\n"));
  }

  TEST_CASE("escape_controls: C0, DEL and C1 become \\HH; other text, UTF-8 or not, stays") {
    struct Case {
      std::string in, out;
    };

    for (const Case& c : std::vector<Case>{
             {"plain", "plain"},
             {"tab\there", "tab\\09here"},
             {"\x1b[2J", "\\1B[2J"},
             {"del\x7f", "del\\7F"},
             {"\xC2\x80\xC2\x9B\xC2\x9F", "\\C2\\80\\C2\\9B\\C2\\9F"},  // U+0080, CSI, U+009F
             {"\xC2\xA0\xC3\xA9\xE2\x82\xAC",
              "\xC2\xA0\xC3\xA9\xE2\x82\xAC"},  // NBSP, e-acute, euro
             {"\x9B"
              "31m",
              "\\9B31m"},               // a stray C1 byte (8-bit CSI)
             {"caf\xE9", "caf\xE9"},    // Latin-1, not a control
             {"\xE2\x82", "\xE2\\82"},  // a cut character: its stray continuation byte
         }) {
      CAPTURE(c.in);
      CHECK(escape_controls(c.in) == c.out);
    }
  }

  TEST_CASE("render: a range that spans lines is underlined to the end of its first line") {
    auto file = std::make_shared<const SourceFile>("t.pol", "ab\ncd");
    DiagnosticEngine diags;
    diags.error({file, 1, 5}, "m");
    CHECK(render_all(diags) == "t.pol:1:2: error: m\n  ab\n   ^\n");
  }

  TEST_CASE("render: a huge line is shown as a window around the column") {
    std::string text = std::string(100000, 'a') + "BAD" + std::string(100000, 'b');
    auto file = std::make_shared<const SourceFile>("h.rsc", text);
    DiagnosticEngine diags;
    diags.error({file, 100000, 100003}, "m");
    std::string out = render_all(diags);
    CHECK(out.size() < 600);
    CHECK(out.find("h.rsc:1:100001: error: m\n  ...") == 0);
    std::string caret_line = out.substr(out.rfind('\n', out.size() - 2) + 1);
    std::string source_line = out.substr(out.find("\n") + 1);
    CHECK(source_line.substr(source_line.find("BAD"), 3) == "BAD");
    CHECK(caret_line.find('^') == source_line.find("BAD"));
    CHECK(caret_line.find("^~~\n") != std::string::npos);
  }

  TEST_CASE("render: a window over UTF-8 text starts and ends on whole characters") {
    // 'é' is two bytes (C3 A9): windows at any offset must not cut one in half.
    for (std::size_t pad = 0; pad < 4; ++pad) {
      std::string text = std::string(pad, 'x');
      for (int i = 0; i < 300; ++i) text += "\xC3\xA9";
      text += "BAD";
      for (int i = 0; i < 300; ++i) text += "\xE2\x82\xAC";  // '€', three bytes
      auto file = std::make_shared<const SourceFile>("u.pol", text);
      DiagnosticEngine diags;
      std::uint32_t bad = static_cast<std::uint32_t>(text.find("BAD"));
      diags.error({file, bad, bad + 3}, "m");
      std::string out = render_all(diags);
      CAPTURE(pad);
      CHECK(out.find("...") != std::string::npos);
      CHECK(is_utf8(out));
    }
  }

  TEST_CASE("utf8_prefix: never ends inside a character") {
    std::string euro = "\xE2\x82\xAC";
    CHECK(utf8_prefix("abc", 5) == "abc");
    CHECK(utf8_prefix("a" + euro, 1) == "a");
    CHECK(utf8_prefix("a" + euro, 2) == "a");
    CHECK(utf8_prefix("a" + euro, 3) == "a");
    CHECK(utf8_prefix("a" + euro, 4) == "a" + euro);
    CHECK(utf8_prefix("\xA9\xA9\xA9\xA9\xA9", 2) == "\xA9\xA9");  // not UTF-8: cut anyway
  }

  TEST_CASE("render: no location prints the tool name") {
    DiagnosticEngine diags;
    diags.error({}, "cannot read 'x': No such file or directory");
    CHECK(render_all(diags) == "rosgen: error: cannot read 'x': No such file or directory\n");
  }

  TEST_CASE("render: colour only when asked") {
    auto file = std::make_shared<const SourceFile>("t.pol", "x");
    DiagnosticEngine diags;
    diags.error({file, 0, 1}, "m");
    CHECK(render_all(diags, {false}).find('\033') == std::string::npos);
    CHECK(render_all(diags, {true}).find("\033[1;31merror") != std::string::npos);
  }

  TEST_CASE("diagnostics: a file with CR-only line ends has its lines") {
    SourceFile file("cr.pol", "a\rbb\rccc x\r");
    CHECK(file.line_col(9) == SourceFile::LineCol{3, 5});
    CHECK(file.line_text(3) == "ccc x");
    // In a file with LF line ends a lone CR stays a character of its line.
    SourceFile mixed("m.pol", "a\nb\rc\n");
    CHECK(mixed.line_col(4) == SourceFile::LineCol{2, 3});
  }

  TEST_CASE("limits: warnings past the limit are counted, not kept, and summed up") {
    DiagnosticEngine diags;
    CHECK(diags.warning_limit() == DiagnosticEngine::kDefaultWarningLimit);
    CHECK(DiagnosticEngine::kDefaultWarningLimit == 100);
    for (int i = 0; i < 250; ++i) diags.warning({}, "w").notes.push_back(make_note({}, "n"));
    diags.error({}, "e");
    CHECK(diags.warning_count() == 250);
    CHECK(diags.warnings_not_shown() == 150);
    CHECK(diags.diagnostics().size() == 101);
    std::string out = render_all(diags);
    CHECK(
        out.ends_with("rosgen: error: e\n"
                      "rosgen: note: 150 more warnings not shown (the first 100 are above)\n"
                      "1 error and 250 warnings generated.\n"));
    // The notes of warnings not kept are not shown either.
    std::size_t notes = 0;
    for (std::size_t at = 0; (at = out.find("note: n\n", at)) != std::string::npos; ++at) ++notes;
    CHECK(notes == 100);
  }

  TEST_CASE("limits: both limits at once, and merging keeps every count") {
    DiagnosticEngine a, b;
    a.set_warning_limit(2);
    b.set_warning_limit(2);
    b.set_error_limit(1);
    for (int i = 0; i < 3; ++i) a.warning({}, "a");
    for (int i = 0; i < 4; ++i) b.warning({}, "b");
    for (int i = 0; i < 3; ++i) b.error({}, "e");
    b.count_summarized(Severity::Warning, 10);
    a.merge(std::move(b));
    CHECK(a.warning_count() == 17);
    CHECK(a.warnings_not_shown() == 5);  // 1 of a, 2 of b, 2 more of b past a's limit
    CHECK(a.error_count() == 3);
    CHECK(a.errors_not_shown() == 2);
    CHECK(
        render_all(a).ends_with("rosgen: note: 2 more errors not shown (the first 100 are above)\n"
                                "rosgen: note: 5 more warnings not shown (the first 2 are above)\n"
                                "3 errors and 17 warnings generated.\n"));
  }

  TEST_CASE("limits: the export reader's own notes still count in the summary") {
    // 1,000 lines of control bytes: 3 errors shown, one note for the rest, 1000 counted.
    std::string binary = "/ip firewall filter\n";
    for (int i = 0; i < 1000; ++i) binary += "add chain=forward \x01\n";
    DiagnosticEngine diags;
    rosgen::routeros::read_script(std::make_shared<const SourceFile>("bin.rsc", binary), diags);
    std::string out = render_all(diags);
    CHECK(diags.error_count() == 1000);
    CHECK(out.find("note: 997 more lines of bin.rsc hold control bytes and were skipped\n") !=
          std::string::npos);
    CHECK(out.ends_with("1000 errors generated.\n"));
    // 500 warnings (a stray word each): the reader shows 40 and notes the rest.
    std::string stray = "/ip firewall filter\n";
    for (int i = 0; i < 500; ++i) stray += "add chain=forward stray\n";
    DiagnosticEngine warnings;
    rosgen::routeros::read_script(std::make_shared<const SourceFile>("w.rsc", stray), warnings);
    out = render_all(warnings);
    CHECK(warnings.warning_count() == 500);
    CHECK(out.find("note: 460 more warnings about w.rsc not shown\n") != std::string::npos);
    CHECK(out.find("more warnings not shown (the first") == std::string::npos);  // not twice
    CHECK(out.ends_with("500 warnings generated.\n"));
  }

  TEST_CASE(
      "limits: a policy's warnings are capped (1,000 signatures on the same port: 999 overlaps and "
      "one more)") {
    std::string text = "policy p { routeros 7; }\n";
    for (int i = 0; i < 1000; ++i) {
      text += "signature s" + std::to_string(i) +
              " to tcp 25 within first 1KiB {\n"
              "  in one packet: \"HELO\"\n} -> drop\n";
    }
    rosgen::test::Checked checked = rosgen::test::check_text(text);
    CHECK(checked.policy.has_value());
    std::size_t shown = 0;
    for (std::size_t at = 0;
         (at = checked.diagnostics.find(": warning: ", at)) != std::string::npos; ++at)
      ++shown;
    CHECK(shown == 100);
    CHECK(checked.diagnostics.find("rosgen: note: 900 more warnings not shown (the first 100 are "
                                   "above)\n") != std::string::npos);
    CHECK(checked.diagnostics.ends_with("1000 warnings generated.\n"));
  }
}
