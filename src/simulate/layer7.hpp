// Layer7 protocol matching as the simulator models it: a connection's first application
// data, lower-cased, searched with a POSIX extended regular expression. Entry points:
// Layer7Pattern (one /ip firewall layer7-protocol entry, compiled), append_layer7_data().
//
// The model is l7-filter's (xt_layer7.c of l7-filter.sourceforge.net, the code RouterOS's
// matcher is documented to behave like; reference §1.6): each connection keeps one buffer
// of the payload bytes of its first kLayer7Packets packets (both directions, handshake
// included in the count) up to kLayer7Bytes bytes, lower-cased with NUL bytes removed; a
// packet's payload joins the buffer when it first reaches a layer7 matcher. Whether RouterOS
// lower-cases the data (so that a pattern with an upper-case letter never matches) is a
// field report, not documented: unverified.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace rosgen::simulate {

inline constexpr std::size_t kLayer7Packets = 10;  // packets of a connection layer7 sees
inline constexpr std::size_t kLayer7Bytes = 2048;  // bytes of their payload it keeps

class Layer7Pattern {
 public:
  // Compiles `regexp` (the entry's regexp= value as RouterOS stores it, after string
  // unescaping; \xHH escapes are turned into their bytes first, as l7-filter does) as a
  // POSIX extended regular expression (regcomp). nullopt with `error` set when it does not
  // compile or names a NUL byte (\x00 can never match: NULs are removed from the data).
  static std::optional<Layer7Pattern> compile(const std::string& regexp, std::string& error);

  // True when the pattern occurs in `data` (a buffer built by append_layer7_data: no NUL).
  bool search(const std::string& data) const;

 private:
  struct Compiled;
  std::shared_ptr<const Compiled> compiled_;
};

// Appends `payload` to `buffer` lower-cased (ASCII letters only), NUL bytes removed, up to
// kLayer7Bytes bytes in all.
void append_layer7_data(std::string& buffer, std::string_view payload);

}  // namespace rosgen::simulate
