// Layer7 patterns through the C library's POSIX regex (regcomp/regexec); see layer7.hpp.
#include "simulate/layer7.hpp"

#include <regex.h>

#include <algorithm>

#include "support/ascii.hpp"

namespace rosgen::simulate {

struct Layer7Pattern::Compiled {
  regex_t regex{};
  bool compiled = false;  // regfree only what regcomp built

  ~Compiled() {
    if (compiled)
      regfree(&regex);
  }
};

namespace {

using support::hex_value;

// The largest count of an interval ("a{255}") a pattern may use.
constexpr long kMaxInterval = 255;

// l7-filter's pre-processing: "\xHH" becomes the byte (escaped outside a bracket expression
// when the regex would read it as an operator; inside one, POSIX takes every byte but ']'
// literally). False, with `error` set, for what the model refuses: a \x00 (NULs are
// removed from the data), a backreference (exponential in glibc, absent from l7-filter),
// an interval over kMaxInterval.
bool expand_hex(const std::string& in, std::string& out, std::string& error) {
  bool bracket = false;           // inside [...]
  std::size_t bracket_start = 0;  // where its members start ("[]a]" and "[^]a]" hold ']')
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '\\' && i + 3 < in.size() && in[i + 1] == 'x' && hex_value(in[i + 2]) >= 0 &&
        hex_value(in[i + 3]) >= 0) {
      char byte = static_cast<char>(hex_value(in[i + 2]) * 16 + hex_value(in[i + 3]));
      if (byte == '\0') {
        error = "names a NUL byte (\\x00), which layer7 removes from the data";
        return false;
      }
      if (!bracket && std::string_view(".[]()*+?{}|^$\\").find(byte) != std::string_view::npos)
        out += '\\';
      out += byte;
      i += 3;
      continue;
    }
    if (bracket) {
      if (c == ']' && i > bracket_start)
        bracket = false;
      out += c;
      continue;
    }
    if (c == '[') {
      bracket = true;
      bracket_start = i + 1 < in.size() && in[i + 1] == '^' ? i + 2 : i + 1;
      out += c;
      continue;
    }
    if (c == '\\' && i + 1 < in.size() && in[i + 1] >= '1' && in[i + 1] <= '9') {
      error = std::string("uses a backreference (\\") + in[i + 1] +
              "), which l7-filter's regular expressions do not have";
      return false;
    }
    if (c == '{') {  // an interval: bounded, so that no pattern costs unbounded memory
      long count = 0;
      for (std::size_t j = i + 1; j < in.size() && ((in[j] >= '0' && in[j] <= '9') || in[j] == ',');
           ++j) {
        count = in[j] == ',' ? 0 : std::min(count * 10 + (in[j] - '0'), 100000L);
        if (count > kMaxInterval) {
          error = "repeats more than " + std::to_string(kMaxInterval) + " times in an interval";
          return false;
        }
      }
    }
    if (c == '\\' && i + 1 < in.size()) {  // keep any other escape pair whole
      out += c;
      out += in[++i];
      continue;
    }
    out += c;
  }
  return true;
}

}  // namespace

std::optional<Layer7Pattern> Layer7Pattern::compile(const std::string& regexp, std::string& error) {
  std::string expanded;
  if (!expand_hex(regexp, expanded, error))
    return std::nullopt;
  auto compiled = std::make_shared<Compiled>();
  int code = regcomp(&compiled->regex, expanded.c_str(), REG_EXTENDED | REG_NOSUB);
  if (code != 0) {
    char message[256];
    regerror(code, &compiled->regex, message, sizeof message);
    error = std::string("does not compile as a POSIX extended regular expression: ") + message;
    return std::nullopt;
  }
  compiled->compiled = true;
  Layer7Pattern pattern;
  pattern.compiled_ = std::move(compiled);
  return pattern;
}

bool Layer7Pattern::search(const std::string& data) const {
  return regexec(&compiled_->regex, data.c_str(), 0, nullptr, 0) == 0;
}

void append_layer7_data(std::string& buffer, std::string_view payload) {
  for (char c : payload) {
    if (buffer.size() >= kLayer7Bytes)
      return;
    if (c == '\0')
      continue;
    buffer += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
}

}  // namespace rosgen::simulate
