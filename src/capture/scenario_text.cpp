// Text helpers of the scenario reader: the JSON position scanner (Locator), endpoint and
// hex parsing, edit distance. Declared in scenario_parts.hpp.
#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

#include "capture/scenario_parts.hpp"

namespace rosgen::capture::detail {

Locator::Locator(std::string_view text) : text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF")
    at_ = 3;  // nlohmann skips a UTF-8 byte order mark too
  value("", 0);
}

void Locator::blanks() {
  while (at_ < text_.size() && blank(text_[at_])) ++at_;
}

Span Locator::string() {
  Span span{static_cast<std::uint32_t>(at_), 0};
  for (++at_; at_ < text_.size() && text_[at_] != '"'; ++at_) {
    if (text_[at_] == '\\')
      ++at_;
  }
  ++at_;
  span.end = static_cast<std::uint32_t>(std::min(at_, text_.size()));
  return span;
}

// Skips one value of any depth with a counter instead of recursion.
void Locator::skip_value() {
  int depth = 0;
  while (at_ < text_.size()) {
    char c = text_[at_];
    if (c == '"') {
      string();
      if (depth == 0)
        return;
      continue;
    }
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (depth == 0)
        return;
      if (--depth == 0) {
        ++at_;
        return;
      }
    } else if (depth == 0 && (c == ',' || blank(c))) {
      return;
    }
    ++at_;
  }
}

void Locator::value(const std::string& path, int depth) {
  blanks();
  auto begin = static_cast<std::uint32_t>(at_);
  if (depth > kMaxDepth) {
    skip_value();
  } else if (peek() == '{') {
    std::set<std::string> seen;
    ++at_;
    for (blanks(); peek() == '"'; blanks()) {
      Span key = string();
      std::string name =
          nlohmann::json::parse(text_.substr(key.begin, key.end - key.begin)).get<std::string>();
      std::string child = path.empty() ? name : path + "." + name;
      if (!seen.insert(name).second)
        duplicates.emplace_back(child, key);
      keys[child] = key;
      blanks();
      ++at_;  // ':'
      value(child, depth + 1);
      blanks();
      if (peek() == ',')
        ++at_;
    }
    ++at_;  // '}'
  } else if (peek() == '[') {
    ++at_;
    blanks();
    for (std::size_t i = 0; peek() != ']' && at_ < text_.size(); ++i) {
      value(path + "[" + std::to_string(i) + "]", depth + 1);
      blanks();
      if (peek() == ',')
        ++at_;
      blanks();
    }
    ++at_;  // ']'
  } else if (peek() == '"') {
    string();
  } else {
    skip_value();
  }
  values[path] = {begin, static_cast<std::uint32_t>(std::min(at_, text_.size()))};
}

std::optional<Endpoint> parse_endpoint(const std::string& text, std::string& why) {
  Endpoint out;
  if (text.find('\0') != std::string::npos)  // "\u0000" in JSON; inet_pton would stop there
    return std::nullopt;
  std::string host = text;
  std::string port;
  bool bracketed = !text.empty() && text[0] == '[';
  if (bracketed) {
    std::size_t close = text.find(']');
    if (close == std::string::npos)
      return std::nullopt;
    host = text.substr(1, close - 1);
    std::string rest = text.substr(close + 1);
    if (!rest.empty() && (rest[0] != ':' || rest.size() == 1))
      return std::nullopt;
    port = rest.empty() ? "" : rest.substr(1);
  } else if (::inet_pton(AF_INET6, text.c_str(), out.address.bytes.data()) == 1) {
    out.address.v6 = true;
    return out;
  } else if (std::size_t colon = text.rfind(':'); colon != std::string::npos) {
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (port.empty())
      return std::nullopt;
  }
  out.address.v6 = bracketed;
  if (::inet_pton(bracketed ? AF_INET6 : AF_INET, host.c_str(), out.address.bytes.data()) != 1)
    return std::nullopt;
  if (!port.empty()) {
    if (port.size() > 9 || port.find_first_not_of("0123456789") != std::string::npos)
      return std::nullopt;
    long value = std::stol(port);
    if (value < 1 || value > 65535) {
      why = "port " + port + " is out of range (1-65535)";
      return std::nullopt;
    }
    out.port = static_cast<std::uint16_t>(value);
  }
  return out;
}

std::optional<std::string> parse_hex(const std::string& text, std::string& why) {
  std::string out;
  int high = -1;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
      continue;
    int digit =
        std::isxdigit(static_cast<unsigned char>(c))
            ? (std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (c | 0x20) - 'a' + 10)
            : -1;
    if (digit < 0) {
      why = "'" + std::string(1, c) + "' is not a hex digit";
      if (static_cast<unsigned char>(c) >= 0x80)
        why = "a non-ASCII character is not a hex digit";
      return std::nullopt;
    }
    if (high < 0) {
      high = digit;
    } else {
      out += static_cast<char>(high * 16 + digit);
      high = -1;
    }
  }
  if (high >= 0) {
    why = "an odd number of hex digits";
    return std::nullopt;
  }
  return out;
}

}  // namespace rosgen::capture::detail
