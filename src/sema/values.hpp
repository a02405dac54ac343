// Conversion of value tokens ("70000", "30m", "2KiB", "64k", "5/min", "\"RCPT TO:\"",
// "0x0d0a", "10.0.0.0/8") into numbers and bytes, each with a precise diagnostic when
// the text is malformed or out of range. Entry points: the parse_* functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sema/model.hpp"
#include "support/diagnostics.hpp"
#include "syntax/ast.hpp"

namespace rosgen::sema {

// Where tokens come from, so that diagnostics can point at them.
struct TokenContext {
  std::shared_ptr<const support::SourceFile> file;
  support::DiagnosticEngine* diags = nullptr;

  support::SourceRange range(const syntax::Token& token) const {
    return {file, token.begin, token.end};
  }

  support::SourceRange range(std::uint32_t begin, std::uint32_t end) const {
    return {file, begin, end};
  }

  support::Diagnostic& error(const syntax::Token& token, std::string message) const {
    return diags->error(range(token), std::move(message));
  }
};

// Maximum RouterOS time interval: 35w3d13h13m56s (address-list-timeout).
inline constexpr std::uint32_t kMaxDurationSeconds = 21474836;

// An integer in [min, max]; `what` names it in messages ("connection count").
std::optional<std::uint32_t> parse_integer(const TokenContext& ctx, const syntax::Token& token,
                                           std::uint32_t min, std::uint32_t max,
                                           const std::string& what);
// "25" or "8000-8080", ports 1-65535.
std::optional<PortRange> parse_port_range(const TokenContext& ctx, const syntax::Token& token);
// "10.0.0.0/8" or "10.0.0.1"; warns when host bits are set and clears them.
std::optional<Prefix> parse_prefix(const TokenContext& ctx, const syntax::Token& token);
// "30m", "1h30m", "1d", "2w", "45s"; 1 s .. 35w3d13h13m56s.
std::optional<std::uint32_t> parse_duration(const TokenContext& ctx, const syntax::Token& token);
// "2KiB", "512", "512B", "1MiB"; 1 .. 4294967295 bytes.
std::optional<std::uint32_t> parse_size(const TokenContext& ctx, const syntax::Token& token);
// "64k", "2M", "1G", "9600" in bits per second (k = 1000, as RouterOS counts).
std::optional<std::uint64_t> parse_bandwidth(const TokenContext& ctx, const syntax::Token& token);

struct RateValue {
  std::uint32_t count = 0;
  std::uint32_t period_seconds = 1;
};

// "5/min", "10/s", "100/hour".
std::optional<RateValue> parse_rate(const TokenContext& ctx, const syntax::Token& token);

// A string literal token (with its quotes) decoded: \\ \" \n \r \t \0 \xHH.
std::optional<std::string> decode_string(const TokenContext& ctx, const syntax::Token& token);
// "0x434f" decoded to bytes.
std::optional<std::string> decode_hex(const TokenContext& ctx, const syntax::Token& token);

}  // namespace rosgen::sema
