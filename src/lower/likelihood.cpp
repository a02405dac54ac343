// Default likelihood model for payload literals (see likelihood.hpp for the numbers).
#include "lower/likelihood.hpp"

#include <algorithm>

#include "sema/check.hpp"

namespace rosgen::lower {

namespace {

constexpr double kUpper = 0.02;
constexpr double kLower = 0.03;
constexpr double kDigit = 0.015;
constexpr double kSpace = 0.05;
constexpr double kPunct = 0.01;
constexpr double kOther = 1.0 / 256.0;
constexpr double kPayloadBytes = 1460.0;  // a full-size TCP segment on Ethernet
constexpr double kMaxProbability = 0.999;

double byte_probability(unsigned char c, bool nocase) {
  bool upper = c >= 'A' && c <= 'Z';
  bool lower = c >= 'a' && c <= 'z';
  if (nocase && (upper || lower))
    return kUpper + kLower;
  if (upper)
    return kUpper;
  if (lower)
    return kLower;
  if (c >= '0' && c <= '9')
    return kDigit;
  if (c == ' ')
    return kSpace;
  if (c > 0x20 && c < 0x7f)
    return kPunct;
  return kOther;
}

}  // namespace

double literal_probability(const sema::Literal& literal) {
  double p = 1.0;
  for (char c : literal.bytes) p *= byte_probability(static_cast<unsigned char>(c), literal.nocase);
  double positions = std::max(1.0, kPayloadBytes - static_cast<double>(literal.bytes.size()) + 1);
  return std::min(kMaxProbability, positions * p);
}

double stage_probability(const sema::Stage& stage) {
  double none = 1.0;
  for (const sema::Literal& literal : stage.alternatives)
    none *= 1.0 - literal_probability(literal);
  return std::min(kMaxProbability, 1.0 - none);
}

std::uint64_t stage_cost(const sema::Stage& stage) {
  return sema::case_forms(stage);
}

double stage_order_key(const sema::Stage& stage) {
  return static_cast<double>(stage_cost(stage)) / (1.0 - stage_probability(stage));
}

}  // namespace rosgen::lower
