// Case variants of a nocase literal: RouterOS content= is a literal, case-sensitive
// substring test, so "CONNECT" in any case needs every case form. Entry point:
// case_variants().
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rosgen::lower {

struct CaseVariant {
  std::string bytes;
  std::uint64_t mask = 0;  // bit i set: the i-th ASCII letter is lower case
  bool operator==(const CaseVariant&) const = default;
};

// All 2^k case forms (k = ASCII letters in `bytes`), ordered by mask: mask 0 is all
// upper case. Without nocase, only the literal itself (mask 0, bytes unchanged).
// The caller has checked k against the variant budget.
std::vector<CaseVariant> case_variants(const std::string& bytes, bool nocase);

}  // namespace rosgen::lower
