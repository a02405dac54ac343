// The layer7-protocol entry of an anchored stage (see anchor.hpp).
#include "lower/anchor.hpp"

#include <algorithm>
#include <vector>

namespace rosgen::lower {

namespace {

constexpr std::string_view kMetacharacters = ".[]()*+?{}|^$\\";

std::string regexp_alternative(const std::string& bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (kMetacharacters.find(static_cast<char>(c)) != std::string_view::npos) {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string layer7_regexp(const sema::Stage& stage) {
  std::vector<std::string> alternatives;
  for (const sema::Literal& literal : stage.alternatives) {
    std::string alternative = regexp_alternative(literal.bytes);
    if (std::find(alternatives.begin(), alternatives.end(), alternative) == alternatives.end())
      alternatives.push_back(std::move(alternative));
  }
  // Blank lines before the literal are skipped: HTTP servers ignore CR LF before a request
  // line (RFC 9112 §2.2), so a bot may send "\r\nCONNECT ..." and still be served.
  std::string out = "^[\\x0d\\x0a]*(";
  for (std::size_t i = 0; i < alternatives.size(); ++i)
    out += (i == 0 ? "" : "|") + alternatives[i];
  return out + ")";
}

std::string layer7_name(std::string_view policy, std::string_view signature,
                        std::uint32_t position) {
  return "rosgen-" + std::string(policy) + "-" + std::string(signature) + "-" +
         std::to_string(position);
}

}  // namespace rosgen::lower
