// Value conversions with range checks. Every message names the value, the bad text and
// the allowed range, and points at the exact characters.
#include "sema/values.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

#include "support/ascii.hpp"

namespace rosgen::sema {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads decimal digits at text[pos...]; nullopt when there are none. A number too large
// for 64 bits reads as the largest value (all its digits are consumed), so that every
// caller's range check reports it as out of range rather than as malformed.
std::optional<std::uint64_t> read_number(const std::string& text, std::size_t& pos) {
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  std::size_t start = pos;
  std::uint64_t value = 0;
  while (pos < text.size() && is_digit(text[pos])) {
    auto digit = static_cast<std::uint64_t>(text[pos] - '0');
    value = value > (kMax - digit) / 10 ? kMax : value * 10 + digit;
    ++pos;
  }
  if (pos == start)
    return std::nullopt;
  return value;
}

using support::hex_value;

}  // namespace

std::optional<std::uint32_t> parse_integer(const TokenContext& ctx, const syntax::Token& token,
                                           std::uint32_t min, std::uint32_t max,
                                           const std::string& what) {
  std::size_t pos = 0;
  auto value = read_number(token.text, pos);
  if (!value || pos != token.text.size()) {
    ctx.error(token, what + " must be a whole number, not '" + token.text + "'");
    return std::nullopt;
  }
  if (*value < min || *value > max) {
    ctx.error(token, what + " " + token.text + " is out of range (" + std::to_string(min) + "-" +
                         std::to_string(max) + ")");
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(*value);
}

std::optional<PortRange> parse_port_range(const TokenContext& ctx, const syntax::Token& token) {
  const std::string& text = token.text;
  std::size_t dash = text.find('-');
  auto one = [&](std::uint32_t begin, std::uint32_t end) -> std::optional<std::uint16_t> {
    syntax::Token part{text.substr(begin - token.begin, end - begin), begin, end};
    auto value = parse_integer(ctx, part, 1, 65535, "port");
    if (!value)
      return std::nullopt;
    return static_cast<std::uint16_t>(*value);
  };
  if (dash == std::string::npos) {
    auto port = one(token.begin, token.end);
    if (!port)
      return std::nullopt;
    return PortRange{*port, *port};
  }
  auto split = token.begin + static_cast<std::uint32_t>(dash);
  auto first = one(token.begin, split);
  auto last = one(split + 1, token.end);
  if (!first || !last)
    return std::nullopt;
  if (*first > *last) {
    ctx.error(token, "port range '" + text + "' runs backwards; write '" + std::to_string(*last) +
                         "-" + std::to_string(*first) + "'");
    return std::nullopt;
  }
  return PortRange{*first, *last};
}

std::optional<Prefix> parse_prefix(const TokenContext& ctx, const syntax::Token& token) {
  const std::string& text = token.text;
  std::size_t pos = 0;
  std::uint32_t address = 0;
  for (int octet = 0; octet < 4; ++octet) {
    if (octet > 0) {
      if (pos >= text.size() || text[pos] != '.') {
        ctx.error(token, "'" + text + "' is not an IPv4 address or prefix (a.b.c.d or a.b.c.d/n)");
        return std::nullopt;
      }
      ++pos;
    }
    std::size_t digits = pos;
    auto value = read_number(text, pos);
    if (!value) {
      ctx.error(token, "'" + text + "' is not an IPv4 address or prefix (a.b.c.d or a.b.c.d/n)");
      return std::nullopt;
    }
    if (*value > 255) {
      ctx.error(token, "address byte " + text.substr(digits, pos - digits) + " in '" + text +
                           "' is out of range (0-255)");
      return std::nullopt;
    }
    address = (address << 8) | static_cast<std::uint32_t>(*value);
  }
  std::uint64_t length = 32;
  if (pos < text.size() && text[pos] == '/') {
    ++pos;
    std::size_t digits = pos;
    auto value = read_number(text, pos);
    if (!value || pos != text.size()) {
      ctx.error(token, "prefix length in '" + text + "' must be 0-32");
      return std::nullopt;
    }
    if (*value > 32) {
      ctx.error(token, "prefix length " + text.substr(digits) + " in '" + text +
                           "' is out of range (0-32)");
      return std::nullopt;
    }
    length = *value;
  }
  if (pos != text.size()) {
    ctx.error(token, "'" + text + "' is not an IPv4 address or prefix (a.b.c.d or a.b.c.d/n)");
    return std::nullopt;
  }
  std::uint32_t mask = length == 0 ? 0 : ~std::uint32_t{0} << (32 - length);
  Prefix prefix{address & mask, static_cast<std::uint8_t>(length)};
  if ((address & ~mask) != 0) {
    ctx.diags->warning(ctx.range(token),
                       "'" + text + "' has host bits set; using '" + prefix.text() + "'");
  }
  return prefix;
}

std::optional<std::uint32_t> parse_duration(const TokenContext& ctx, const syntax::Token& token) {
  const std::string& text = token.text;
  std::size_t pos = 0;
  std::uint64_t total = 0;
  bool any = false;
  while (pos < text.size()) {
    auto value = read_number(text, pos);
    if (!value || pos >= text.size()) {
      ctx.error(token, "duration '" + text +
                           "' needs a unit after each number (s, m, h, d, w), "
                           "e.g. '30m' or '1h30m'");
      return std::nullopt;
    }
    std::uint64_t unit = 0;
    switch (text[pos]) {
      case 's':
        unit = 1;
        break;
      case 'm':
        unit = 60;
        break;
      case 'h':
        unit = 3600;
        break;
      case 'd':
        unit = 86400;
        break;
      case 'w':
        unit = 604800;
        break;
      default:
        ctx.error(token, "unknown unit '" + std::string(1, text[pos]) + "' in duration '" + text +
                             "' (use s, m, h, d or w)");
        return std::nullopt;
    }
    ++pos;
    // Saturates just over the maximum: neither the product nor the sum can wrap.
    if (*value > kMaxDurationSeconds) {
      total = std::uint64_t{kMaxDurationSeconds} + 1;
    } else {
      total =
          std::min<std::uint64_t>(total + *value * unit, std::uint64_t{kMaxDurationSeconds} + 1);
    }
    any = true;
  }
  if (!any || total == 0 || total > kMaxDurationSeconds) {
    ctx.error(token, "duration '" + text + "' is out of range (1s-35w3d13h13m56s)");
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(total);
}

std::optional<std::uint32_t> parse_size(const TokenContext& ctx, const syntax::Token& token) {
  const std::string& text = token.text;
  std::size_t pos = 0;
  auto value = read_number(text, pos);
  std::string unit = text.substr(pos);
  std::uint64_t scale = 0;
  if (unit.empty() || unit == "B")
    scale = 1;
  if (unit == "KiB")
    scale = 1024;
  if (unit == "MiB")
    scale = 1024 * 1024;
  if (!value || scale == 0) {
    ctx.error(token, "size '" + text +
                         "' must be a number of bytes with an optional unit "
                         "(B, KiB, MiB), e.g. '2KiB'");
    return std::nullopt;
  }
  if (*value == 0 || *value > std::numeric_limits<std::uint32_t>::max() / scale) {
    ctx.error(token, "size '" + text + "' is out of range (1B-4294967295B, just under 4GiB)");
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(*value * scale);
}

std::optional<std::uint64_t> parse_bandwidth(const TokenContext& ctx, const syntax::Token& token) {
  const std::string& text = token.text;
  std::size_t pos = 0;
  auto value = read_number(text, pos);
  std::string unit = text.substr(pos);
  std::uint64_t scale = 0;
  if (unit.empty())
    scale = 1;
  if (unit == "k")
    scale = 1000;
  if (unit == "M")
    scale = 1000 * 1000;
  if (unit == "G")
    scale = 1000 * 1000 * 1000;
  if (!value || scale == 0) {
    ctx.error(token, "bandwidth '" + text +
                         "' must be bits per second with an optional unit "
                         "(k, M, G), e.g. '64k'");
    return std::nullopt;
  }
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint32_t>::max();
  if (*value == 0 || *value > kMax / scale) {
    ctx.error(token, "bandwidth '" + text + "' is out of range (1-4294967295 bit/s)");
    return std::nullopt;
  }
  return *value * scale;
}

std::optional<RateValue> parse_rate(const TokenContext& ctx, const syntax::Token& token) {
  const std::string& text = token.text;
  std::size_t slash = text.find('/');
  syntax::Token count_token{text.substr(0, slash), token.begin,
                            token.begin + static_cast<std::uint32_t>(slash)};
  auto count = parse_integer(ctx, count_token, 1, 1000000, "rate");
  std::string unit = text.substr(slash + 1);
  std::uint32_t period = 0;
  if (unit == "s" || unit == "sec" || unit == "second")
    period = 1;
  if (unit == "min" || unit == "minute")
    period = 60;
  if (unit == "h" || unit == "hour")
    period = 3600;
  if (period == 0) {
    ctx.diags->error(ctx.range(token.begin + static_cast<std::uint32_t>(slash) + 1, token.end),
                     "unknown rate period '" + unit + "' (use s, min or hour)");
    return std::nullopt;
  }
  if (!count)
    return std::nullopt;
  return RateValue{*count, period};
}

std::optional<std::string> decode_string(const TokenContext& ctx, const syntax::Token& token) {
  const std::string& text = token.text;
  // The grammar guarantees the surrounding quotes.
  std::string out;
  bool ok = true;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    char c = text[i];
    if (c != '\\') {
      out += c;
      continue;
    }
    auto at = token.begin + static_cast<std::uint32_t>(i);
    char e = text[i + 1];
    switch (e) {
      case '\\':
        out += '\\';
        ++i;
        break;
      case '"':
        out += '"';
        ++i;
        break;
      case 'n':
        out += '\n';
        ++i;
        break;
      case 'r':
        out += '\r';
        ++i;
        break;
      case 't':
        out += '\t';
        ++i;
        break;
      case '0':
        out += '\0';
        ++i;
        break;
      case 'x': {
        int hi = i + 2 < text.size() - 1 ? hex_value(text[i + 2]) : -1;
        int lo = i + 3 < text.size() - 1 ? hex_value(text[i + 3]) : -1;
        if (hi < 0 || lo < 0) {
          ctx.diags->error(ctx.range(at, at + 2), "'\\x' must be followed by two hex digits");
          ok = false;
          i += 1;
          break;
        }
        out += static_cast<char>(hi * 16 + lo);
        i += 3;
        break;
      }
      default:
        ctx.diags->error(ctx.range(at, at + 2),
                         "unknown escape '\\" + std::string(1, e) +
                             "' (use \\\\, \\\", \\n, \\r, \\t, \\0 or \\xHH)");
        ok = false;
        ++i;
        break;
    }
  }
  if (!ok)
    return std::nullopt;
  return out;
}

std::optional<std::string> decode_hex(const TokenContext& ctx, const syntax::Token& token) {
  const std::string& text = token.text;
  std::string digits = text.substr(2);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (hex_value(digits[i]) < 0) {
      auto at = token.begin + 2 + static_cast<std::uint32_t>(i);
      ctx.diags->error(ctx.range(at, at + 1),
                       "'" + std::string(1, digits[i]) + "' is not a hex digit");
      return std::nullopt;
    }
  }
  if (digits.size() % 2 != 0) {
    ctx.error(token, "hex bytes '" + text + "' have an odd number of digits");
    return std::nullopt;
  }
  std::string out;
  for (std::size_t i = 0; i < digits.size(); i += 2) {
    out += static_cast<char>(hex_value(digits[i]) * 16 + hex_value(digits[i + 1]));
  }
  return out;
}

}  // namespace rosgen::sema
