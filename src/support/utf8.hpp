// UTF-8 validity, one definition for the whole program: the reader warns about exports
// that are not UTF-8 (Latin-1/CP1252 text from Winbox), and the JSON writer keeps such
// bytes lossless instead of letting nlohmann's dump() throw. Entry point:
// first_invalid_utf8(), utf8_prefix().
#pragma once

#include <cstddef>
#include <string_view>

namespace rosgen::support {

// Offset of the first byte of `bytes` that does not belong to well-formed UTF-8 (Unicode
// 15, table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF), or npos.
// nlohmann::json's dump() accepts exactly the strings for which this is npos.
std::size_t first_invalid_utf8(std::string_view bytes);

// The longest prefix of `text` of at most `max_bytes` bytes that does not end inside a
// UTF-8 character: a cut never leaves half a character in a message. Bytes that are not
// UTF-8 are single characters here.
inline std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes)
    return text;
  auto continuation = [&](std::size_t at) {
    return (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80;  // 10xxxxxx
  };
  // The byte after the cut continues a character when a lead byte (11xxxxxx) precedes it
  // by at most 3 continuation bytes: then the cut moves to that lead byte.
  std::size_t start = max_bytes;
  for (int i = 0; i < 3 && start > 0 && continuation(start); ++i) --start;
  bool inside = start < max_bytes && static_cast<unsigned char>(text[start]) >= 0xC0;
  return text.substr(0, inside ? start : max_bytes);
}

inline bool is_utf8(std::string_view bytes) {
  return first_invalid_utf8(bytes) == std::string_view::npos;
}

}  // namespace rosgen::support
