// Tests for src/profile/profile_toml: the written TOML (exact text), round trips, and
// every kind of error in a profile file with its exact file:line:col diagnostic.
#include "profile/profile_toml.hpp"

#include <doctest/doctest.h>

#include "support/errors.hpp"
#include "test_util.hpp"

using namespace rosgen;
using namespace rosgen::profile;

namespace {

std::optional<Profile> read_text(const std::string& text, std::string* rendered = nullptr) {
  support::DiagnosticEngine diags;
  auto file = std::make_shared<const support::SourceFile>("p.toml", text);
  auto profile = read_profile(file, diags);
  if (rendered != nullptr)
    *rendered = support::render_all(diags);
  CHECK(profile.has_value() == !diags.has_errors());
  return profile;
}

// The first line of each diagnostic (file:line:col: severity: message), notes included.
std::vector<std::string> first_lines(const std::string& text) {
  std::string rendered;
  read_text(text, &rendered);
  return test::lines_starting(rendered, "p.toml:");
}

Profile sample() {
  Profile p;
  p.gates.push_back(
      {make_gate(sema::Protocol::Tcp, {{80, 80}, {3128, 3128}, {8080, 8080}}, 2048),
       40,
       {{"CONNECT ", 3, 2, {{"CONNECT ", 2}, {"connect ", 1}}}, {"HTTP/1.", 38, 38, {}}},
       21});
  p.gates.push_back({make_gate(sema::Protocol::Tcp, {{6881, 6999}}, std::nullopt),
                     5,
                     {{std::string("\x13"
                                   "Bit\xff",
                                   5),
                       1,
                       1,
                       {}}},
                     std::nullopt});
  p.gates.push_back({make_gate(sema::Protocol::Udp, {}, 512), 0, {}, std::nullopt});
  return p;
}

const char* const kSample =
    "# made by a test\n"
    "\n"
    "format = \"rosgen-profile/1\"\n"
    "\n"
    "[[gate]]\n"
    "data-packets = 21\n"
    "packets = 40\n"
    "ports = \"80,3128,8080\"\n"
    "protocol = \"tcp\"\n"
    "window-bytes = 2048\n"
    "\n"
    "[[gate.fragment]]\n"
    "bytes = \"CONNECT \"\n"
    "exact = 2\n"
    "forms = { \"CONNECT \" = 2, \"connect \" = 1 }\n"
    "nocase = 3\n"
    "\n"
    "[[gate.fragment]]\n"
    "bytes = \"HTTP/1.\"\n"
    "exact = 38\n"
    "nocase = 38\n"
    "\n"
    "[[gate]]\n"
    "packets = 5\n"
    "ports = \"6881-6999\"\n"
    "protocol = \"tcp\"\n"
    "\n"
    "[[gate.fragment]]\n"
    "bytes = \"\\u0013Bit\\u00FF\"\n"
    "exact = 1\n"
    "nocase = 1\n"
    "\n"
    "[[gate]]\n"
    "packets = 0\n"
    "protocol = \"udp\"\n"
    "window-bytes = 512\n";

// A valid file to break: one gate with one fragment; `extra` goes into the fragment.
std::string one_gate(const std::string& gate_extra, const std::string& fragment_extra = "") {
  return "format = \"rosgen-profile/1\"\n"
         "[[gate]]\n"
         "protocol = \"tcp\"\n"
         "packets = 4\n" +
         gate_extra +
         "[[gate.fragment]]\n"
         "bytes = \"GET \"\n" +
         fragment_extra;
}

}  // namespace

TEST_SUITE("profile toml") {
  TEST_CASE("write_profile: sorted keys, inline forms, bytes as U+00XX, comment first") {
    CHECK(write_profile(sample(), {"made by a test"}) == kSample);
  }

  TEST_CASE("round trip: write then read gives the same profile, and the same bytes again") {
    auto read = read_text(kSample);
    REQUIRE(read);
    CHECK(*read == sample());
    CHECK(write_profile(*read, {"made by a test"}) == kSample);
  }

  TEST_CASE("read_profile: any order in the file comes back canonical") {
    auto read = read_text(
        "format = \"rosgen-profile/1\"\n"
        "[[gate]]\nprotocol = \"tcp\"\nports = \"8080,80,3128\"\nwindow-bytes = 2048\n"
        "packets = 40\ndata-packets = 21\n"
        "[[gate.fragment]]\nbytes = \"HTTP/1.\"\nnocase = 38\nexact = 38\n"
        "[[gate.fragment]]\nbytes = \"CONNECT \"\nnocase = 3\nexact = 2\n"
        "forms = { \"connect \" = 1, \"CONNECT \" = 2 }\n"
        "[[gate]]\nprotocol = \"udp\"\nwindow-bytes = 512\npackets = 0\n"
        "[[gate]]\nprotocol = \"tcp\"\nports = \"6881-6999\"\npackets = 5\n"
        "[[gate.fragment]]\nbytes = \"\\u0013Bit\\u00ff\"\nnocase = 1\nexact = 1\n");
    REQUIRE(read);
    CHECK(*read == sample());
  }

  TEST_CASE("read_profile: a profile without gates is valid") {
    auto read = read_text("format = \"rosgen-profile/1\"\n");
    REQUIRE(read);
    CHECK(read->gates.empty());
    auto empty = read_text("format = \"rosgen-profile/1\"\ngate = []\n");
    REQUIRE(empty);
    CHECK(empty->gates.empty());
  }

  TEST_CASE("errors: TOML syntax, at toml++'s position") {
    CHECK(first_lines("format = \"rosgen-profile/1\"\n[[gate]\n") ==
          std::vector<std::string>{
              "p.toml:2:8: error: error while parsing table header: expected ']', saw '\\n'"});
    CHECK(first_lines("format = \"rosgen-profile/1\"\nformat = 2\n") ==
          std::vector<std::string>{
              "p.toml:2:10: error: error while parsing key-value pair: cannot redefine existing "
              "string 'format'"});
  }

  TEST_CASE("errors: the rendering has the source line and a caret under the value") {
    std::string rendered;
    read_text(one_gate("", "nocase = -2\nexact = 0\n"), &rendered);
    CHECK(rendered ==
          "p.toml:7:10: error: 'nocase' must not be negative (-2)\n"
          "  nocase = -2\n"
          "           ^~\n");
  }

  TEST_CASE("errors: unknown keys, at the key") {
    CHECK(first_lines("format = \"rosgen-profile/1\"\ncolour = 1\n") ==
          std::vector<std::string>{
              "p.toml:2:1: error: unknown key 'colour' in the profile (expected format, gate)"});
    CHECK(first_lines(one_gate("direction = \"in\"\n", "nocase = 1\nexact = 1\n")) ==
          std::vector<std::string>{
              "p.toml:5:1: error: unknown key 'direction' in a gate (expected data-packets, "
              "fragment, packets, ports, protocol, window-bytes)"});
    CHECK(first_lines(one_gate("", "nocase = 1\nexact = 1\n  case = 2\n")) ==
          std::vector<std::string>{
              "p.toml:9:3: error: unknown key 'case' in a fragment (expected bytes, exact, "
              "forms, nocase); did you mean 'nocase'?"});
  }

  TEST_CASE("errors: missing keys, at the table that lacks them") {
    CHECK(first_lines("[[gate]]\nprotocol = \"tcp\"\n") ==
          std::vector<std::string>{"p.toml:1:1: error: the profile needs 'format'",
                                   "p.toml:1:1: error: a gate needs 'packets'"});
    CHECK(first_lines(one_gate("", "nocase = 1\n")) ==
          std::vector<std::string>{"p.toml:5:1: error: a fragment needs 'exact'"});
  }

  TEST_CASE("errors: wrong types") {
    CHECK(
        first_lines("format = 1\n") ==
        std::vector<std::string>{"p.toml:1:10: error: 'format' must be a string, not an integer"});
    CHECK(first_lines("format = \"rosgen-profile/1\"\ngate = 3\n") ==
          std::vector<std::string>{
              "p.toml:2:8: error: 'gate' must be an array of tables ([[gate]]), not an integer"});
    CHECK(first_lines(one_gate("window-bytes = 1.5\n",
                               "nocase = \"1\"\nexact = true\n"
                               "forms = 3\n")) ==
          std::vector<std::string>{
              "p.toml:5:16: error: 'window-bytes' must be an integer, not a floating-point number",
              "p.toml:8:10: error: 'nocase' must be an integer, not a string",
              "p.toml:9:9: error: 'exact' must be an integer, not a boolean",
              "p.toml:10:9: error: 'forms' must be a table of case forms and counts, not an "
              "integer"});
    CHECK(first_lines("format = \"rosgen-profile/1\"\n[[gate]]\nprotocol = \"tcp\"\npackets = 1\n"
                      "fragment = { bytes = \"x\" }\n") ==
          std::vector<std::string>{
              "p.toml:5:12: error: 'fragment' must be an array of tables ([[gate.fragment]]), not "
              "a table"});
  }

  TEST_CASE("errors: negative counts and counts larger than the gate's packets") {
    CHECK(first_lines("format = \"rosgen-profile/1\"\n[[gate]]\nprotocol = \"tcp\"\n"
                      "packets = -1\n") ==
          std::vector<std::string>{"p.toml:4:11: error: 'packets' must not be negative (-1)"});
    CHECK(first_lines(one_gate("", "nocase = 5\nexact = 9\nforms = { \"get \" = 6 }\n")) ==
          std::vector<std::string>{
              "p.toml:7:10: error: 'nocase' (5) is larger than the gate's packets (4)",
              "p.toml:4:11: note: the gate's packets are given here",
              "p.toml:8:9: error: 'exact' (9) is larger than the gate's packets (4)",
              "p.toml:4:11: note: the gate's packets are given here",
              "p.toml:9:20: error: 'forms' (6) is larger than the gate's packets (4)",
              "p.toml:4:11: note: the gate's packets are given here"});
    CHECK(first_lines(one_gate("data-packets = 5\n", "nocase = 1\nexact = 1\n")) ==
          std::vector<std::string>{
              "p.toml:5:16: error: 'data-packets' (5) is larger than the gate's packets (4)",
              "p.toml:4:11: note: the gate's packets are given here"});
  }

  TEST_CASE("errors: values out of their domain") {
    CHECK(first_lines("format = \"rosgen-profile/2\"\n") ==
          std::vector<std::string>{
              "p.toml:1:10: error: unsupported profile format 'rosgen-profile/2'; this rosgen "
              "reads 'rosgen-profile/1'"});
    CHECK(
        first_lines(one_gate("ports = \"80;81\"\nwindow-bytes = 0\n", "nocase = 1\nexact = 1\n")) ==
        std::vector<std::string>{
            "p.toml:5:9: error: 'ports' must be ports (1-65535) and ranges separated by commas, "
            "such as '80,3128,8000-8080', not '80;81'",
            "p.toml:6:16: error: 'window-bytes' must be between 1 and 4294967295, not 0"});
    CHECK(first_lines("format = \"rosgen-profile/1\"\n[[gate]]\nprotocol = \"icmp\"\n"
                      "packets = 1\n") ==
          std::vector<std::string>{
              "p.toml:3:12: error: 'protocol' must be 'tcp' or 'udp', not 'icmp'"});
  }

  TEST_CASE("errors: fragment bytes and case forms") {
    CHECK(first_lines("format = \"rosgen-profile/1\"\n[[gate]]\nprotocol = \"tcp\"\npackets = 4\n"
                      "[[gate.fragment]]\nbytes = \"\\u20ac\"\nnocase = 0\nexact = 0\n"
                      "[[gate.fragment]]\nbytes = \"\"\nnocase = 0\nexact = 0\n") ==
          std::vector<std::string>{
              "p.toml:6:9: error: 'bytes' must hold characters U+0000-U+00FF (one per byte), "
              "not U+20AC",
              "p.toml:10:9: error: 'bytes' must not be empty"});
    CHECK(first_lines(one_gate("",
                               "nocase = 2\nexact = 1\n"
                               "forms = { \"GET \" = 1, \"PUT \" = 1, \"get \" = 0 }\n")) ==
          std::vector<std::string>{
              "p.toml:9:23: error: 'PUT ' is not a case form of 'GET '",
              "p.toml:9:44: error: a case form's count must be at least 1 (forms not seen are "
              "left out)"});
  }

  TEST_CASE("errors: counts of a fragment that contradict each other, at the offending value") {
    // A packet holding the bytes exactly holds them in some case.
    CHECK(first_lines(one_gate("", "nocase = 2\nexact = 3\n")) ==
          std::vector<std::string>{
              "p.toml:8:9: error: 'exact' (3) is larger than 'nocase' (2): a packet holding "
              "'GET ' byte for byte holds it in some case",
              "p.toml:7:10: note: 'nocase' is given here"});
    // So does one holding a case form; and one holding it in some case holds some form.
    CHECK(first_lines(
              one_gate("", "nocase = 2\nexact = 1\nforms = { \"GET \" = 1, \"get \" = 3 }\n")) ==
          std::vector<std::string>{
              "p.toml:9:32: error: 'forms' (3) is larger than 'nocase' (2): a packet holding "
              "'get ' holds 'GET ' in some case",
              "p.toml:7:10: note: 'nocase' is given here"});
    CHECK(first_lines(
              one_gate("", "nocase = 3\nexact = 1\nforms = { \"GET \" = 1, \"get \" = 1 }\n")) ==
          std::vector<std::string>{
              "p.toml:9:9: error: the forms add up to 2, fewer than 'nocase' (3): every packet "
              "holding 'GET ' in some case holds one of its forms",
              "p.toml:7:10: note: 'nocase' is given here"});
    // With forms, `exact` is the count of the form written as `bytes`: 0 when not listed.
    CHECK(first_lines(
              one_gate("", "nocase = 3\nexact = 1\nforms = { \"GET \" = 2, \"get \" = 1 }\n")) ==
          std::vector<std::string>{
              "p.toml:8:9: error: 'exact' (1) differs from the count of 'GET ' itself in "
              "'forms' (2)",
              "p.toml:9:20: note: that count is given here"});
    CHECK(first_lines(
              one_gate("", "nocase = 3\nexact = 1\nforms = { \"get \" = 2, \"Get \" = 1 }\n")) ==
          std::vector<std::string>{
              "p.toml:8:9: error: 'exact' (1) must be 0: 'forms' does not list 'GET ' itself "
              "(the form written as 'bytes')",
              "p.toml:9:9: note: 'forms' is given here"});
    CHECK(
        read_text(one_gate("", "nocase = 3\nexact = 0\nforms = { \"get \" = 2, \"Get \" = 1 }\n")));
    // Without forms, `exact` may be anything up to `nocase`; a packet with two forms
    // counts for both.
    CHECK(read_text(one_gate("", "nocase = 3\nexact = 3\n")));
    CHECK(
        read_text(one_gate("", "nocase = 2\nexact = 2\nforms = { \"GET \" = 2, \"get \" = 1 }\n")));
    // A key that is not a case form: other letters, or another length.
    CHECK(first_lines(
              one_gate("", "nocase = 1\nexact = 1\nforms = { \"GET \" = 1, \"GET\" = 1 }\n")) ==
          std::vector<std::string>{"p.toml:9:23: error: 'GET' is not a case form of 'GET '"});
    // Bytes that do not read: the forms are not compared with them (one error, not three).
    CHECK(first_lines("format = \"rosgen-profile/1\"\n[[gate]]\nprotocol = \"tcp\"\npackets = 4\n"
                      "[[gate.fragment]]\nbytes = 7\nnocase = 1\nexact = 1\n"
                      "forms = { \"GET \" = 1 }\n") ==
          std::vector<std::string>{"p.toml:6:9: error: 'bytes' must be a string, not an integer"});
  }

  TEST_CASE("errors: duplicate gates and fragments") {
    std::string gate = "[[gate]]\nprotocol = \"tcp\"\nports = \"80,81\"\npackets = 1\n";
    CHECK(
        first_lines("format = \"rosgen-profile/1\"\n" + gate +
                    "[[gate]]\nprotocol = \"tcp\"\nports = \"81,80\"\npackets = 2\n") ==
        std::vector<std::string>{"p.toml:6:1: error: duplicate gate (tcp, ports 80-81, no window)",
                                 "p.toml:2:1: note: first given here"});
    CHECK(first_lines(one_gate("", "nocase = 1\nexact = 1\n") +
                      "[[gate.fragment]]\nbytes = \"GET \"\nnocase = 1\nexact = 1\n") ==
          std::vector<std::string>{"p.toml:10:9: error: duplicate fragment 'GET ' in a gate"});
  }

  TEST_CASE("load_profile: a missing file is an I/O error naming it") {
    support::DiagnosticEngine diags;
    try {
      (void)load_profile("/nonexistent/p.toml", diags);
      FAIL("no error");
    } catch (const support::IoError& e) {
      CHECK(std::string(e.what()) ==
            "cannot open '/nonexistent/p.toml': No such file or directory");
    }
  }
}
