// Table tests for sema/values: each conversion with accepted and rejected text.
#include "sema/values.hpp"

#include <doctest/doctest.h>

using namespace rosgen;

namespace {

struct Harness {
  std::shared_ptr<const support::SourceFile> file =
      std::make_shared<const support::SourceFile>("v.pol", std::string(64, ' '));
  support::DiagnosticEngine diags;
  sema::TokenContext ctx{file, &diags};

  syntax::Token token(const std::string& text) {
    return {text, 0, static_cast<std::uint32_t>(text.size())};
  }

  std::string first_message() const {
    return diags.diagnostics().empty() ? "" : diags.diagnostics()[0].message;
  }
};

}  // namespace

TEST_SUITE("values") {
  TEST_CASE("values: durations") {
    struct Row {
      const char* text;
      std::uint32_t seconds;  // 0: rejected
    };

    const Row rows[] = {{"30m", 1800},
                        {"1h30m", 5400},
                        {"1d", 86400},
                        {"2w", 1209600},
                        {"45s", 45},
                        {"35w3d13h13m56s", 21474836},
                        {"35w3d13h13m57s", 0},
                        {"0s", 0},
                        {"30", 0},
                        {"30x", 0},
                        {"m", 0}};
    for (const Row& row : rows) {
      Harness h;
      INFO(row.text);
      auto value = sema::parse_duration(h.ctx, h.token(row.text));
      CHECK(value.value_or(0) == row.seconds);
      CHECK(h.diags.has_errors() == (row.seconds == 0));
    }
  }

  TEST_CASE("values: sizes, bandwidths and rates") {
    Harness h;
    CHECK(sema::parse_size(h.ctx, h.token("2KiB")) == 2048u);
    CHECK(sema::parse_size(h.ctx, h.token("512")) == 512u);
    CHECK(sema::parse_size(h.ctx, h.token("1MiB")) == 1048576u);
    CHECK_FALSE(sema::parse_size(h.ctx, h.token("2KB")));
    CHECK(sema::parse_bandwidth(h.ctx, h.token("64k")) == 64000u);
    CHECK(sema::parse_bandwidth(h.ctx, h.token("2M")) == 2000000u);
    CHECK_FALSE(sema::parse_bandwidth(h.ctx, h.token("5G")));  // over 2^32-1
    auto rate = sema::parse_rate(h.ctx, h.token("5/min"));
    REQUIRE(rate);
    CHECK(rate->count == 5);
    CHECK(rate->period_seconds == 60);
    CHECK(sema::parse_rate(h.ctx, h.token("10/hour"))->period_seconds == 3600);
    CHECK_FALSE(sema::parse_rate(h.ctx, h.token("5/fortnight")));
    CHECK_FALSE(sema::parse_rate(h.ctx, h.token("0/min")));
  }

  TEST_CASE("values: ports and port ranges") {
    Harness h;
    CHECK(sema::parse_port_range(h.ctx, h.token("25")) == sema::PortRange{25, 25});
    CHECK(sema::parse_port_range(h.ctx, h.token("8000-8080")) == sema::PortRange{8000, 8080});
    CHECK(sema::parse_port_range(h.ctx, h.token("65535")) == sema::PortRange{65535, 65535});
    CHECK_FALSE(sema::parse_port_range(h.ctx, h.token("0")));
    CHECK(h.first_message() == "port 0 is out of range (1-65535)");
    Harness h2;
    CHECK_FALSE(sema::parse_port_range(h2.ctx, h2.token("90-80")));
    CHECK(h2.first_message() == "port range '90-80' runs backwards; write '80-90'");
    Harness h3;
    CHECK_FALSE(sema::parse_port_range(h3.ctx, h3.token("99999999999999999999999")));
    CHECK(h3.first_message() == "port 99999999999999999999999 is out of range (1-65535)");
  }

  TEST_CASE("values: a number too large for 64 bits is out of range, not malformed") {
    const std::string huge = "18446744073709551616";  // 2^64

    struct Row {
      std::string text;
      std::string message;
    };

    const Row rows[] = {
        {huge, "variant budget " + huge + " is out of range (1-65536)"},
        {huge + "s", "duration '" + huge + "s' is out of range (1s-35w3d13h13m56s)"},
        {"1w" + huge + "m", "duration '1w" + huge + "m' is out of range (1s-35w3d13h13m56s)"},
        {huge + "KiB", "size '" + huge + "KiB' is out of range (1B-4294967295B, just under 4GiB)"},
        {huge + "k", "bandwidth '" + huge + "k' is out of range (1-4294967295 bit/s)"},
        {huge + "/min", "rate " + huge + " is out of range (1-1000000)"},
        {"1-" + huge, "port " + huge + " is out of range (1-65535)"},
        {"10.0.0." + huge,
         "address byte " + huge + " in '10.0.0." + huge + "' is out of range (0-255)"},
        {"10.0.0.0/" + huge,
         "prefix length " + huge + " in '10.0.0.0/" + huge + "' is out of range (0-32)"},
    };
    for (std::size_t i = 0; i < std::size(rows); ++i) {
      Harness h;
      INFO(rows[i].text);
      syntax::Token token = h.token(rows[i].text);
      switch (i) {
        case 0:
          CHECK_FALSE(sema::parse_integer(h.ctx, token, 1, 65536, "variant budget"));
          break;
        case 1:
        case 2:
          CHECK_FALSE(sema::parse_duration(h.ctx, token));
          break;
        case 3:
          CHECK_FALSE(sema::parse_size(h.ctx, token));
          break;
        case 4:
          CHECK_FALSE(sema::parse_bandwidth(h.ctx, token));
          break;
        case 5:
          CHECK_FALSE(sema::parse_rate(h.ctx, token));
          break;
        case 6:
          CHECK_FALSE(sema::parse_port_range(h.ctx, token));
          break;
        default:
          CHECK_FALSE(sema::parse_prefix(h.ctx, token));
      }
      CHECK(h.first_message() == rows[i].message);
    }
  }

  TEST_CASE("values: a duration of many large terms saturates instead of wrapping") {
    Harness h;
    std::string text;
    for (int i = 0; i < 100000; ++i) text += "35w";
    CHECK_FALSE(sema::parse_duration(h.ctx, h.token(text)));
    CHECK(h.diags.has_errors());
  }

  TEST_CASE("values: prefixes clear host bits and warn") {
    Harness h;
    auto prefix = sema::parse_prefix(h.ctx, h.token("192.168.88.1/24"));
    REQUIRE(prefix);
    CHECK(prefix->text() == "192.168.88.0/24");
    CHECK(h.diags.diagnostics().size() == 1);
    CHECK(h.diags.diagnostics()[0].severity == support::Severity::Warning);
    CHECK(sema::parse_prefix(h.ctx, h.token("10.0.0.1"))->text() == "10.0.0.1");
    CHECK(sema::parse_prefix(h.ctx, h.token("0.0.0.0/0"))->text() == "0.0.0.0/0");
    CHECK_FALSE(sema::parse_prefix(h.ctx, h.token("300.1.1.1")));
    CHECK_FALSE(sema::parse_prefix(h.ctx, h.token("10.0.0.0/33")));
    CHECK_FALSE(sema::parse_prefix(h.ctx, h.token("10.0.0")));
  }

  TEST_CASE("values: string and hex literals") {
    Harness h;
    CHECK(sema::decode_string(h.ctx, h.token("\"a\\tb\\r\\n\\x00\\xfF\\\\\\\"$\"")) ==
          std::string("a\tb\r\n\0\xff\\\"$", 10));
    CHECK(sema::decode_hex(h.ctx, h.token("0x434f")) == "CO");
    CHECK_FALSE(sema::decode_hex(h.ctx, h.token("0x434")));
    Harness h2;
    CHECK_FALSE(sema::decode_string(h2.ctx, h2.token("\"a\\qb\"")));
    CHECK(h2.first_message() ==
          "unknown escape '\\q' (use \\\\, \\\", \\n, \\r, \\t, \\0 or \\xHH)");
    CHECK(h2.diags.diagnostics()[0].range.begin == 2);
    Harness h3;
    CHECK_FALSE(sema::decode_string(h3.ctx, h3.token("\"\\x4\"")));
    CHECK(h3.first_message() == "'\\x' must be followed by two hex digits");
  }
}
