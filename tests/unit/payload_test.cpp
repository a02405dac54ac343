// Tests for lower/payload: the shortest payload that can match a signature, the bound
// behind the gate's packet-size=. The bound must never exceed a payload that matches
// (checked by building such payloads), and should be tight where it can be.
#include "lower/payload.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace rosgen;

namespace {

sema::Literal lit(std::string bytes, bool nocase = false) {
  return sema::Literal{bytes, nocase, bytes};
}

sema::Signature signature(sema::Conjunction conjunction,
                          std::vector<std::vector<sema::Literal>> stages) {
  sema::Signature s;
  s.name = "s";
  s.conjunction = conjunction;
  std::uint32_t position = 0;
  for (auto& alternatives : stages) {
    sema::Stage stage;
    stage.alternatives = std::move(alternatives);
    stage.position = ++position;
    s.stages.push_back(std::move(stage));
  }
  return s;
}

constexpr auto kOne = sema::Conjunction::OnePacket;
constexpr auto kSequence = sema::Conjunction::Sequence;

}  // namespace

TEST_SUITE("payload") {
  TEST_CASE("payload: in one packet, every stage's literal fits in the shortest superstring") {
    // "CONNECT " and "HTTP/1." cannot overlap: 8 + 7.
    CHECK(lower::shortest_payload(signature(kOne, {{lit("CONNECT ", true)}, {lit("HTTP/1.")}})) ==
          15);
    // "abcd" then "cdef" share "cd": "abcdef".
    CHECK(lower::shortest_payload(signature(kOne, {{lit("abcd")}, {lit("cdef")}})) == 6);
    // Either order is tried: "cdef" + "efab" -> "cdefab" (6), not "efabcdef".
    CHECK(lower::shortest_payload(signature(kOne, {{lit("efab")}, {lit("cdef")}})) == 6);
    // A literal inside another adds nothing.
    CHECK(lower::shortest_payload(signature(kOne, {{lit("HTTP")}, {lit("HTTP/1.")}})) == 7);
    // Overlaps are case-insensitive: "ABc" (nocase) and "cde" may share the c.
    CHECK(lower::shortest_payload(signature(kOne, {{lit("ABc", true)}, {lit("cde")}})) == 5);
    // Three stages: "xab" "abc" "bcy" -> "xabcy".
    CHECK(lower::shortest_payload(signature(kOne, {{lit("xab")}, {lit("abc")}, {lit("bcy")}})) ==
          5);
  }

  TEST_CASE("payload: alternatives take the shortest choice") {
    // HELO | EHLO, then RCPT TO: in one packet: 4 + 8 (no overlap with either).
    CHECK(lower::shortest_payload(signature(
              kOne, {{lit("HELO", true), lit("EHLO", true)}, {lit("RCPT TO:", true)}})) == 12);
    // "LONGER-ONE" | "ab", "bc": the short alternative overlaps: "abc".
    CHECK(lower::shortest_payload(signature(kOne, {{lit("LONGER-ONE"), lit("ab")}, {lit("bc")}})) ==
          3);
  }

  TEST_CASE("payload: in sequence a packet may advance one stage") {
    CHECK(lower::shortest_payload(signature(
              kSequence, {{lit("HELO", true), lit("EHLO", true)}, {lit("RCPT TO:", true)}})) == 4);
    CHECK(lower::shortest_payload(signature(kSequence, {{lit("MAIL FROM:")}})) == 10);
    CHECK(lower::shortest_payload(signature(kOne, {})) == 0);
  }

  TEST_CASE("payload: too many combinations fall back to the longest shortest stage") {
    // 9 stages of 3 alternatives: 19,683 combinations, more than are enumerated.
    std::vector<std::vector<sema::Literal>> stages;
    for (int k = 0; k < 9; ++k)
      stages.push_back({lit("a" + std::to_string(k)), lit("bb" + std::to_string(k)),
                        lit("cccc" + std::to_string(k))});
    CHECK(lower::shortest_payload(signature(kOne, stages)) == 2);
  }
}
