// Tests for ir/case_variants: every case form, exactly once, nothing else.
#include "lower/case_variants.hpp"

#include <doctest/doctest.h>

#include <cctype>
#include <set>

using namespace rosgen;

namespace {

std::string lower_all(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

TEST_SUITE("case_variants") {
  TEST_CASE("case variants: CONNECT has 128 distinct forms, all of them") {
    auto variants = lower::case_variants("CONNECT ", true);
    REQUIRE(variants.size() == 128);
    std::set<std::string> distinct;
    for (const auto& v : variants) {
      CHECK(lower_all(v.bytes) == "connect ");
      distinct.insert(v.bytes);
    }
    CHECK(distinct.size() == 128);
    // Independently enumerate every case form and check each one is present.
    std::string word = "connect";
    for (unsigned mask = 0; mask < 128; ++mask) {
      std::string form = word;
      for (unsigned i = 0; i < 7; ++i) {
        if (mask & (1u << i))
          form[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(form[i])));
      }
      CHECK(distinct.count(form + " ") == 1);
    }
    CHECK(variants.front().bytes == "CONNECT ");
    CHECK(variants.back().bytes == "connect ");
  }

  TEST_CASE("case variants: non-letters stay, masks are stable") {
    auto variants = lower::case_variants("rcpt to:", true);
    REQUIRE(variants.size() == 64);
    CHECK(variants[0].bytes == "RCPT TO:");
    CHECK(variants[1].bytes == "rCPT TO:");
    CHECK(variants[1].mask == 1);
    for (const auto& v : variants) {
      CHECK(v.bytes[4] == ' ');
      CHECK(v.bytes[7] == ':');
    }
  }

  TEST_CASE("case variants: without nocase only the literal itself") {
    auto variants = lower::case_variants("HTTP/1.", false);
    REQUIRE(variants.size() == 1);
    CHECK(variants[0].bytes == "HTTP/1.");
    CHECK(lower::case_variants(std::string("\x00\xff", 2), true).size() == 1);
  }
}
