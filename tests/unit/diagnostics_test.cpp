// Tests for support/diagnostics: positions, the clang-style renderer, the summary.
#include "support/diagnostics.hpp"

#include <doctest/doctest.h>

#include "support/utf8.hpp"

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
}
