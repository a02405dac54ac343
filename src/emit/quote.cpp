// RouterOS string escaping (see quote.hpp for the table).
#include "emit/quote.hpp"

namespace rosgen::emit {

bool is_bare_value(std::string_view value) {
  if (value.empty())
    return false;
  for (char c : value) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == ',' || c == ':' || c == '/' || c == '!' || c == '+' ||
              c == '-';
    if (!ok)
      return false;
  }
  return true;
}

std::string quote_value(std::string_view value, bool always_quote) {
  std::string out;
  append_value(out, value, always_quote);
  return out;
}

void append_value(std::string& out, std::string_view value, bool always_quote) {
  if (!always_quote && is_bare_value(value)) {
    out += value;
    return;
  }
  static const char kHex[] = "0123456789ABCDEF";  // RouterOS wants upper-case \HH
  out += '"';
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '$':
        out += "\\$";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        // '?' opens help in the v6 console and '\?' was dropped in v7.1rc2: use \3F.
        if (c < 0x20 || c >= 0x7f || c == '?') {
          out += '\\';
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

}  // namespace rosgen::emit
