// RouterOS value decoding (see script_string.hpp).
#include "routeros/script_string.hpp"

namespace rosgen::routeros {

namespace {

int upper_hex(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

}  // namespace

std::optional<std::string> read_value(std::string_view text, std::size_t& pos, std::string* error) {
  std::string out;
  if (pos >= text.size() || text[pos] != '"') {
    while (pos < text.size() && !is_blank(text[pos]) && text[pos] != ';' && text[pos] != '\n') {
      out += text[pos++];
    }
    return out;
  }
  ++pos;
  while (pos < text.size()) {
    char c = text[pos++];
    if (c == '"')
      return out;
    if (c != '\\') {
      out += c;
      continue;
    }
    if (pos >= text.size())
      break;
    char e = text[pos++];
    switch (e) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '$':
        out += '$';
        break;
      case '?':
        out += '?';
        break;
      case '_':
        out += ' ';
        break;
      case 'a':
        out += '\a';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case '\r':
      case '\n':  // line continuation: drop the newline and the next line's indent
        if (e == '\r' && pos < text.size() && text[pos] == '\n')
          ++pos;
        while (pos < text.size() && is_blank(text[pos])) ++pos;
        break;
      default: {
        int hi = upper_hex(e);
        int lo = pos < text.size() ? upper_hex(text[pos]) : -1;
        if (hi < 0 || lo < 0) {
          if (error)
            *error =
                "invalid escape '\\" + std::string(1, e) + "' at offset " + std::to_string(pos - 2);
          return std::nullopt;
        }
        ++pos;
        out += static_cast<char>(hi * 16 + lo);
      }
    }
  }
  if (error)
    *error = "unterminated string";
  return std::nullopt;
}

std::optional<CommandLine> split_command(std::string_view line, std::string* error) {
  CommandLine out;
  std::size_t pos = 0;
  while (true) {
    while (pos < line.size() && is_blank(line[pos])) ++pos;
    if (pos >= line.size() || line[pos] == '\n')
      break;
    std::size_t start = pos;
    while (pos < line.size() && !is_blank(line[pos]) && line[pos] != '=' && line[pos] != '\n')
      ++pos;
    std::string word(line.substr(start, pos - start));
    if (pos < line.size() && line[pos] == '=') {
      ++pos;
      auto value = read_value(line, pos, error);
      if (!value)
        return std::nullopt;
      out.properties.emplace_back(std::move(word), std::move(*value));
    } else {
      out.words.push_back(std::move(word));
    }
  }
  return out;
}

}  // namespace rosgen::routeros
