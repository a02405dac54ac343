// Tests for ir/likelihood and ir/order: least likely per cost first in one packet,
// author order kept in sequence and for ties.
#include "lower/order.hpp"

#include <doctest/doctest.h>

#include "lower/likelihood.hpp"

using namespace rosgen;

namespace {

sema::Stage lit(std::string bytes, bool nocase, std::uint32_t position) {
  sema::Stage stage;
  stage.alternatives.push_back({bytes, nocase, "\"" + bytes + "\""});
  stage.position = position;
  return stage;
}

sema::Policy policy_with(sema::Conjunction conjunction, std::vector<sema::Stage> stages) {
  sema::Signature sig;
  sig.name = "s";
  sig.conjunction = conjunction;
  sig.stages = std::move(stages);
  sema::Policy policy;
  policy.rules.push_back(sig);
  return policy;
}

std::vector<std::uint32_t> positions(const sema::Policy& policy) {
  std::vector<std::uint32_t> out;
  for (const auto& s : std::get<sema::Signature>(policy.rules[0]).stages) out.push_back(s.position);
  return out;
}

}  // namespace

TEST_SUITE("order") {
  TEST_CASE("likelihood: longer and rarer literals are less likely; nocase doubles letters") {
    CHECK(lower::stage_probability(lit("HTTP/1.", false, 1)) <
          lower::stage_probability(lit("HTTP", false, 1)));
    CHECK(lower::stage_probability(lit("GET", true, 1)) >
          lower::stage_probability(lit("GET", false, 1)));
    CHECK(lower::stage_probability(lit(std::string(1, ' '), false, 1)) == doctest::Approx(0.999));
    CHECK(lower::stage_cost(lit("CONNECT ", true, 1)) == 128);
    CHECK(lower::stage_cost(lit("CONNECT ", false, 1)) == 1);
  }

  TEST_CASE("order: in one packet, the cheap unlikely stage goes first") {
    auto ordered = lower::order(policy_with(sema::Conjunction::OnePacket,
                                            {lit("CONNECT ", true, 1), lit("HTTP/1.", false, 2)}));
    CHECK(positions(ordered) == std::vector<std::uint32_t>{2, 1});
  }

  TEST_CASE("order: equal cost, the less likely first; ties keep author order") {
    auto ordered = lower::order(
        policy_with(sema::Conjunction::OnePacket,
                    {lit("ab", false, 1), lit("abcdef", false, 2), lit("ab", false, 3)}));
    CHECK(positions(ordered) == std::vector<std::uint32_t>{2, 1, 3});
  }

  TEST_CASE("order: in sequence, author order is the meaning and is kept") {
    auto ordered = lower::order(
        policy_with(sema::Conjunction::Sequence, {lit("HELO", true, 1), lit("X", false, 2)}));
    CHECK(positions(ordered) == std::vector<std::uint32_t>{1, 2});
  }
}
