// UTF-8 validity, one definition for the whole program: the reader warns about exports
// that are not UTF-8 (Latin-1/CP1252 text from Winbox), and the JSON writer keeps such
// bytes lossless instead of letting nlohmann's dump() throw. Entry point:
// first_invalid_utf8(), utf8_prefix(), escape_controls().
#pragma once

#include <cstddef>
#include <string>
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

// The length of the well-formed UTF-8 character at bytes[i] (1-4), or 0 when the byte
// there does not start one.
std::size_t utf8_char_length(std::string_view bytes, std::size_t i);

// Terminal controls, for text shown on a terminal that came from outside (export values,
// file names): the length of the control character at text[i], or 0. Controls are C0
// (0x00-0x1F), DEL (0x7F) and C1: U+0080-U+009F in UTF-8 (C2 80 - C2 9F; U+009B is CSI,
// which starts escape sequences as ESC [ does) and a stray byte 0x80-0x9F that is not
// part of a UTF-8 character (C1 to a terminal in an 8-bit mode).
std::size_t control_length(std::string_view text, std::size_t i);

// `text` with each byte of every control (control_length) written as \HH, as RouterOS
// writes such bytes in strings: "a\x1b[2J" becomes "a\1B[2J", U+009B "\C2\9B". Nothing
// else changes, so that a name or value cannot move the cursor, retitle the terminal or
// forge lines of rosgen's output.
std::string escape_controls(std::string_view text);

inline bool is_utf8(std::string_view bytes) {
  return first_invalid_utf8(bytes) == std::string_view::npos;
}

}  // namespace rosgen::support
