// The scenario reader's text helpers, shared by scenario.cpp (validation) and
// scenario_text.cpp (their definitions): where values are in the JSON text, endpoint and
// hex parsing. Internal to src/capture; the entry points are in scenario.hpp.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "capture/packet.hpp"

namespace rosgen::capture::detail {

// Byte offsets [begin, end) in the scenario text.
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

// Where each value and object key of a JSON text is, by path: "" for the root,
// "connections", "connections[2]", "connections[2].server". nlohmann keeps no positions,
// so this walks the text once more. The text must be valid JSON (nlohmann parsed it).
// Values nested deeper than any scenario value are skipped without recursion. Duplicate
// keys, which nlohmann merges silently, are listed.
class Locator {
 public:
  explicit Locator(std::string_view text);

  std::map<std::string, Span> values;
  std::map<std::string, Span> keys;                      // the key's quoted string
  std::vector<std::pair<std::string, Span>> duplicates;  // the key's path, the later key

 private:
  static constexpr int kMaxDepth = 8;

  static bool blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  void blanks();

  char peek() const { return at_ < text_.size() ? text_[at_] : '\0'; }

  Span string();
  void skip_value();
  void value(const std::string& path, int depth);

  std::string_view text_;
  std::size_t at_ = 0;
};

struct Endpoint {
  Address address;
  std::optional<std::uint16_t> port;
};

// Parses "192.0.2.1", "192.0.2.1:80", "2001:db8::1", "[2001:db8::1]" or
// "[2001:db8::1]:80" (ports 1-65535). On failure returns nullopt and sets `why` to
// "port 70000 is out of range (1-65535)" for a bad port, or leaves it empty for text
// that is no endpoint at all.
std::optional<Endpoint> parse_endpoint(const std::string& text, std::string& why);

// Parses hex digits in pairs (either case; blanks between them are ignored) into bytes.
// On failure returns nullopt and sets `why`: "'g' is not a hex digit", "an odd number of
// hex digits".
std::optional<std::string> parse_hex(const std::string& text, std::string& why);

}  // namespace rosgen::capture::detail
