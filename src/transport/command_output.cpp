// Sentinels and RouterOS error text in command output (command_output.hpp, session.hpp).
#include "transport/command_output.hpp"

#include <array>
#include <cctype>
#include <random>

namespace rosgen::transport {

namespace {

// How RouterOS error lines begin (reference §5.1 "Errors over SSH exec are text", §6).
constexpr std::array<std::string_view, 10> kErrorStarts = {
    "failure:",
    "syntax error",
    "expected end of command",
    "expected command name",
    "bad command name",
    "no such item",
    "invalid value",
    "input does not match any value of",
    "Script Error:",
    "ambiguous value of",
};

bool is_digits(std::string_view s) {
  if (s.empty()) {
    return false;
  }
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

// RouterOS ends parse errors with "(line N column M)".
bool ends_with_position(std::string_view line) {
  if (!line.ends_with(")")) {
    return false;
  }
  std::size_t open = line.rfind("(line ");
  if (open == std::string_view::npos) {
    return false;
  }
  std::string_view inside = line.substr(open + 6, line.size() - open - 7);
  std::size_t column = inside.find(" column ");
  return column != std::string_view::npos && is_digits(inside.substr(0, column)) &&
         is_digits(inside.substr(column + 8));
}

std::string crlf_to_lf(std::string_view raw) {
  std::string text;
  text.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') {
      continue;
    }
    text += raw[i];
  }
  return text;
}

}  // namespace

std::string routeros_error_line(std::string_view text) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
    start = end == std::string_view::npos ? text.size() : end + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
      line.remove_suffix(1);
    }
    std::string_view body = line;
    while (!body.empty() && (body.front() == ' ' || body.front() == '\t')) {
      body.remove_prefix(1);
    }
    for (std::string_view prefix : kErrorStarts) {
      if (body.starts_with(prefix)) {
        return std::string(body);
      }
    }
    if (body == line && ends_with_position(body)) {  // not a continuation line
      return std::string(body);
    }
  }
  return "";
}

namespace detail {

std::string new_sentinel() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::random_device random;
  std::string text = "rosgen-done-";
  for (int i = 0; i < 16; ++i) {
    text += kHex[random() & 15u];
  }
  return text;
}

std::string with_sentinel(std::string_view command, const std::string& sentinel) {
  while (!command.empty() && std::isspace(static_cast<unsigned char>(command.back()))) {
    command.remove_suffix(1);
  }
  std::string line(command);
  if (!line.empty() && line.back() != ';') {
    line += ";";
  }
  if (!line.empty()) {
    line += " ";
  }
  return line + ":put \"" + sentinel + "\"";
}

void finish_result(CommandResult& result, std::string_view raw_out, std::string_view raw_err,
                   const std::string& sentinel) {
  std::string out = crlf_to_lf(raw_out);
  // The sentinel is the last thing printed; output without a final newline shares its line.
  std::size_t at = out.rfind(sentinel);
  result.completed = at != std::string::npos &&
                     out.find_first_not_of("\r\n", at + sentinel.size()) == std::string::npos;
  if (result.completed) {
    out.erase(at);
  }
  result.out = std::move(out);
  result.err = crlf_to_lf(raw_err);
  result.error = routeros_error_line(result.out);
  if (result.error.empty()) {
    result.error = routeros_error_line(result.err);
  }
}

std::string command_head(std::string_view command, std::size_t limit) {
  if (command.size() <= limit) {
    return std::string(command);
  }
  return std::string(command.substr(0, limit)) + "...";
}

}  // namespace detail

}  // namespace rosgen::transport
