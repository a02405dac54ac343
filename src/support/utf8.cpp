// Well-formed UTF-8 (see utf8.hpp).
#include "support/utf8.hpp"

#include <algorithm>

namespace rosgen::support {

std::size_t utf8_char_length(std::string_view bytes, std::size_t i) {
  auto byte = [&](std::size_t at) { return static_cast<unsigned char>(bytes[at]); };
  auto continuation = [&](std::size_t at, unsigned char low = 0x80, unsigned char high = 0xbf) {
    return at < bytes.size() && byte(at) >= low && byte(at) <= high;
  };
  unsigned char c = byte(i);
  if (c < 0x80)
    return 1;
  if (c >= 0xc2 && c <= 0xdf && continuation(i + 1))
    return 2;
  if (c >= 0xe0 && c <= 0xef &&
      continuation(i + 1, c == 0xe0 ? 0xa0 : 0x80, c == 0xed ? 0x9f : 0xbf) && continuation(i + 2))
    return 3;
  if (c >= 0xf0 && c <= 0xf4 &&
      continuation(i + 1, c == 0xf0 ? 0x90 : 0x80, c == 0xf4 ? 0x8f : 0xbf) &&
      continuation(i + 2) && continuation(i + 3))
    return 4;
  return 0;
}

std::size_t first_invalid_utf8(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    std::size_t n = utf8_char_length(bytes, i);
    if (n == 0)
      return i;
    i += n;
  }
  return std::string_view::npos;
}

std::size_t control_length(std::string_view text, std::size_t i) {
  auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x20 || c == 0x7f)
    return 1;  // C0, DEL
  if (c < 0x80)
    return 0;
  std::size_t n = utf8_char_length(text, i);
  if (n == 0)
    return c <= 0x9f ? 1 : 0;  // a stray byte 0x80-0x9F: C1 to an 8-bit terminal
  if (n == 2 && c == 0xc2 && static_cast<unsigned char>(text[i + 1]) <= 0x9f)
    return 2;  // U+0080-U+009F (U+009B is CSI)
  return 0;
}

std::string escape_controls(std::string_view text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t n = control_length(text, i);
    if (n == 0) {
      // Copy the whole character: its continuation bytes are not stray bytes.
      std::size_t length = std::max<std::size_t>(utf8_char_length(text, i), 1);
      out += text.substr(i, length);
      i += length;
      continue;
    }
    for (std::size_t end = i + n; i < end; ++i) {
      auto c = static_cast<unsigned char>(text[i]);
      out += '\\';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace rosgen::support
