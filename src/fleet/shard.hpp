// --shard I/N: a stable share of the inventory, so that N CI runners (a matrix job) cover a
// fleet between them. A router's shard depends on its name alone (the first 8 bytes of the
// SHA-256 of the name, big-endian, modulo N), so adding or removing a router never moves
// another between shards, the N shards are disjoint and together hold every router, and
// every runner computes the same partition without talking to the others.
// Entry points: Shard, parse_shard(), shard_of(), select_shard().
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fleet/inventory.hpp"

namespace rosgen::fleet {

struct Shard {
  std::size_t index = 1;  // 1-based, 1 <= index <= count
  std::size_t count = 1;
  bool operator==(const Shard&) const = default;
};

// The largest N of --shard I/N.
inline constexpr std::size_t kMaxShards = 100000;

// Parses "I/N" (decimal, 1 <= I <= N <= kMaxShards). On failure returns nullopt and sets
// `why` ("the shard 5/4 does not exist: I must be from 1 to 4").
std::optional<Shard> parse_shard(std::string_view text, std::string* why);

// The shard (1-based, of `count`) the router named `name` belongs to.
std::size_t shard_of(std::string_view name, std::size_t count);

// The routers of `routers` in `shard`, in their inventory order.
std::vector<Router> select_shard(const std::vector<Router>& routers, const Shard& shard);

}  // namespace rosgen::fleet
