// Stable shards by a hash of the router's name (shard.hpp).
#include "fleet/shard.hpp"

#include <charconv>
#include <cstdint>

#include "support/ascii.hpp"
#include "support/digest.hpp"

namespace rosgen::fleet {

namespace {

std::optional<std::size_t> decimal(std::string_view text) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != text.npos)
    return std::nullopt;
  std::size_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

}  // namespace

std::optional<Shard> parse_shard(std::string_view text, std::string* why) {
  std::size_t slash = text.find('/');
  std::optional<std::size_t> index =
      slash == text.npos ? std::nullopt : decimal(text.substr(0, slash));
  std::optional<std::size_t> count =
      slash == text.npos ? std::nullopt : decimal(text.substr(slash + 1));
  if (!index || !count) {
    *why = "must be I/N, this runner's share I of N shares, such as 1/4, not '" +
           std::string(text) + "'";
    return std::nullopt;
  }
  if (*count < 1 || *count > kMaxShards) {
    *why = "the number of shards must be from 1 to " + std::to_string(kMaxShards) + ", not " +
           std::to_string(*count);
    return std::nullopt;
  }
  if (*index < 1 || *index > *count) {
    *why = "the shard " + std::string(text) + " does not exist: I must be from 1 to " +
           std::to_string(*count);
    return std::nullopt;
  }
  return Shard{*index, *count};
}

std::size_t shard_of(std::string_view name, std::size_t count) {
  std::string hex = support::sha256(name);
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < 16; ++i)
    value = value << 4 | static_cast<std::uint64_t>(support::hex_value(hex[i]));
  return static_cast<std::size_t>(value % count) + 1;
}

std::vector<Router> select_shard(const std::vector<Router>& routers, const Shard& shard) {
  std::vector<Router> out;
  for (const Router& router : routers) {
    if (shard_of(router.name, shard.count) == shard.index)
      out.push_back(router);
  }
  return out;
}

}  // namespace rosgen::fleet
