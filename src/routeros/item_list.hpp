// One menu's items in list order, as the script reader keeps them while it executes a
// file: inserts and removals at any position, and items found by comment or by name
// through an index that every change keeps up to date. It makes reading crafted exports
// linear (issue 7, section 5): a chain of `add ... place-before=[find where comment=...]`
// or `set [find where comment=...]` costs one index lookup and one chunk update per
// command, where a plain vector costs a scan and a shift of the whole table (40,000
// lines: 3.2 s and 13.1 s before; bench: `rosgen_bench crafted`).
//
// Items are stored by id in the order they were added (a plain export's items end up
// where a vector would hold them, and take() hands them over without a copy); the list
// order is a sequence of ids in chunks of at most 2 * kChunk, so a position is found, and
// an item inserted or removed, in O(n / kChunk + kChunk) steps. The index is built on the
// first find (an export that only adds never pays for it), then kept up to date.
// Internal to src/routeros (used by script_exec.cpp); entry point: ItemList.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/ir.hpp"

namespace rosgen::routeros::detail {

class ItemList {
 public:
  // The properties items are indexed by: what rosgen's selectors address items by.
  enum class Key { Comment, Name };

  explicit ItemList(std::vector<ir::Item> items = {});
  ItemList(ItemList&&) noexcept = default;
  ItemList& operator=(ItemList&&) noexcept = default;
  ~ItemList();

  std::size_t size() const { return size_; }

  bool empty() const { return size_ == 0; }

  // The item at `index` (< size()).
  const ir::Item& operator[](std::size_t index) const;

  // Inserts before the item at `index`; index == size() appends.
  void insert(std::size_t index, ir::Item item);
  void erase(std::size_t index);

  // Sets (replacing) or removes one property of the item at `index`, index kept in step.
  void set(std::size_t index, std::string name, std::string value);
  void unset(std::size_t index, std::string_view name);

  // Ascending positions of the items whose `key` property equals `value`. With
  // `absent_is_empty`, an item without the property matches an empty `value` (what
  // RouterOS's `find where comment=""` does); otherwise only items that have it match.
  std::vector<std::size_t> find_equal(Key key, std::string_view value, bool absent_is_empty) const;

  // Ascending positions of the items that have `key` and whose value starts with `prefix`.
  std::vector<std::size_t> find_prefix(Key key, std::string_view prefix) const;

  // Calls fn(index, item) in list order until it returns true; returns that index.
  template <typename Fn>
  std::optional<std::size_t> find_if(Fn fn) const {
    std::size_t index = 0;
    for (const auto& chunk : chunks_) {
      for (Id id : chunk->ids) {
        if (fn(index, items_[id]))
          return index;
        ++index;
      }
    }
    return std::nullopt;
  }

  // The items in list order; the list is left empty.
  std::vector<ir::Item> take();

 private:
  static constexpr std::size_t kChunk = 256;
  static constexpr std::size_t kKeys = 2;
  using Id = std::uint32_t;  // an item's place in items_, for as long as it lives

  struct Chunk {
    std::vector<Id> ids;
    std::size_t order = 0;  // its place in chunks_
  };

  struct Meta {
    Chunk* chunk = nullptr;
    std::size_t slot[kKeys] = {0, 0};  // its place in the index bucket of each key
  };

  // The items whose key has one value, or lack the key (absent_).
  using Bucket = std::vector<Id>;

  static const char* key_name(std::size_t key) { return key == 0 ? "comment" : "name"; }

  // The chunk and offset of `index`; index == size() is the end of the last chunk.
  std::pair<Chunk*, std::size_t> locate(std::size_t index) const;
  Id id_at(std::size_t index) const;
  std::size_t position(Id id) const;
  void refresh_starts() const;
  void renumber(std::size_t from);
  void ensure_index() const;
  Bucket& bucket_of(std::size_t key, Id id) const;
  void index_item(Id id) const;
  void unindex_item(Id id) const;
  void index_key(std::size_t key, Id id) const;
  void unindex_key(std::size_t key, Id id) const;
  // Positions of the items in `buckets`, ascending; or a scan when there are many.
  template <typename Match>
  std::vector<std::size_t> positions(const std::vector<const Bucket*>& buckets, Match match) const;
  template <typename Match>
  std::vector<std::size_t> scan(Match match) const;

  std::vector<ir::Item> items_;     // by id; a removed item's slot is left empty
  mutable std::vector<Meta> meta_;  // by id (slots: part of the index, built when const)
  std::vector<std::unique_ptr<Chunk>> chunks_;
  std::size_t size_ = 0;
  // The index, once built (indexed_): by value of each key, and the items without it.
  mutable bool indexed_ = false;
  mutable std::map<std::string, Bucket, std::less<>> present_[kKeys];
  mutable Bucket absent_[kKeys];
  // starts_[i]: the position of chunk i's first item; recomputed after a change.
  mutable std::vector<std::size_t> starts_;
  mutable bool starts_valid_ = true;
};

}  // namespace rosgen::routeros::detail
