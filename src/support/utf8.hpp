// UTF-8 validity, one definition for the whole program: the reader warns about exports
// that are not UTF-8 (Latin-1/CP1252 text from Winbox), and the JSON writer keeps such
// bytes lossless instead of letting nlohmann's dump() throw. Entry point:
// first_invalid_utf8().
#pragma once

#include <cstddef>
#include <string_view>

namespace rosgen::support {

// Offset of the first byte of `bytes` that does not belong to well-formed UTF-8 (Unicode
// 15, table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF), or npos.
// nlohmann::json's dump() accepts exactly the strings for which this is npos.
std::size_t first_invalid_utf8(std::string_view bytes);

inline bool is_utf8(std::string_view bytes) {
  return first_invalid_utf8(bytes) == std::string_view::npos;
}

}  // namespace rosgen::support
