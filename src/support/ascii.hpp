// Small text helpers shared by the stages that decode text (policy values, layer7
// patterns, RouterOS values, comma lists).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rosgen::support {

// The value of the hexadecimal digit `c` (0-9, a-f, A-F), or -1 when it is none.
constexpr int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

// `text` with ASCII letters lower-cased, other bytes unchanged.
inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// The parts of `text` between `separator`s, empty parts kept ("a,,b" is "a", "", "b";
// "" is one empty part). The views point into `text`.
inline std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    std::size_t at = text.find(separator, start);
    out.push_back(
        text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos)
      return out;
    start = at + 1;
  }
}

}  // namespace rosgen::support
