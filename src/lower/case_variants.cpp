// Enumerates case forms by counting through a bit mask over the literal's letters.
#include "lower/case_variants.hpp"

#include <cassert>

namespace rosgen::lower {

namespace {

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

std::vector<CaseVariant> case_variants(const std::string& bytes, bool nocase) {
  if (!nocase)
    return {CaseVariant{bytes, 0}};
  std::vector<std::size_t> letters;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (is_letter(bytes[i]))
      letters.push_back(i);
  }
  assert(letters.size() < 32);
  std::uint64_t count = std::uint64_t{1} << letters.size();
  std::vector<CaseVariant> out;
  out.reserve(count);
  for (std::uint64_t mask = 0; mask < count; ++mask) {
    std::string variant = bytes;
    for (std::size_t bit = 0; bit < letters.size(); ++bit) {
      char& c = variant[letters[bit]];
      c = (mask >> bit) & 1 ? lower(c) : upper(c);
    }
    out.push_back({std::move(variant), mask});
  }
  return out;
}

}  // namespace rosgen::lower
