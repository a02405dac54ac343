// Layer7 patterns through the C library's POSIX regex (regcomp/regexec); see layer7.hpp.
#include "simulate/layer7.hpp"

#include <regex.h>

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

// l7-filter's pre-processing: "\xHH" becomes the byte, escaped when the regex would read it
// as an operator. False when a \x00 is named.
bool expand_hex(const std::string& in, std::string& out) {
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '\\' && i + 3 < in.size() && in[i + 1] == 'x' && hex_value(in[i + 2]) >= 0 &&
        hex_value(in[i + 3]) >= 0) {
      char byte = static_cast<char>(hex_value(in[i + 2]) * 16 + hex_value(in[i + 3]));
      if (byte == '\0')
        return false;
      if (std::string_view(".[]()*+?{}|^$\\").find(byte) != std::string_view::npos)
        out += '\\';
      out += byte;
      i += 3;
      continue;
    }
    if (in[i] == '\\' && i + 1 < in.size()) {  // keep any other escape pair whole
      out += in[i];
      out += in[++i];
      continue;
    }
    out += in[i];
  }
  return true;
}

}  // namespace

std::optional<Layer7Pattern> Layer7Pattern::compile(const std::string& regexp, std::string& error) {
  std::string expanded;
  if (!expand_hex(regexp, expanded)) {
    error = "names a NUL byte (\\x00), which layer7 removes from the data";
    return std::nullopt;
  }
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
