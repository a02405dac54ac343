// Well-formed UTF-8 (see utf8.hpp).
#include "support/utf8.hpp"

namespace rosgen::support {

std::size_t first_invalid_utf8(std::string_view bytes) {
  std::size_t i = 0;
  auto byte = [&](std::size_t at) { return static_cast<unsigned char>(bytes[at]); };
  auto continuation = [&](std::size_t at, unsigned char low = 0x80, unsigned char high = 0xbf) {
    return at < bytes.size() && byte(at) >= low && byte(at) <= high;
  };
  while (i < bytes.size()) {
    unsigned char c = byte(i);
    if (c < 0x80) {
      i += 1;
    } else if (c >= 0xc2 && c <= 0xdf && continuation(i + 1)) {
      i += 2;
    } else if (c >= 0xe0 && c <= 0xef &&
               continuation(i + 1, c == 0xe0 ? 0xa0 : 0x80, c == 0xed ? 0x9f : 0xbf) &&
               continuation(i + 2)) {
      i += 3;
    } else if (c >= 0xf0 && c <= 0xf4 &&
               continuation(i + 1, c == 0xf0 ? 0x90 : 0x80, c == 0xf4 ? 0x8f : 0xbf) &&
               continuation(i + 2) && continuation(i + 3)) {
      i += 4;
    } else {
      return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace rosgen::support
