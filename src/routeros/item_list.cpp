// ItemList (see item_list.hpp): items by id, the list order in chunks of ids, and the
// comment / name index.
#include "routeros/item_list.hpp"

#include <algorithm>

namespace rosgen::routeros::detail {

ItemList::ItemList(std::vector<ir::Item> items) : items_(std::move(items)) {
  meta_.resize(items_.size());
  for (std::size_t id = 0; id < items_.size(); ++id) {
    if (chunks_.empty() || chunks_.back()->ids.size() >= kChunk) {
      chunks_.push_back(std::make_unique<Chunk>());
      chunks_.back()->order = chunks_.size() - 1;
    }
    chunks_.back()->ids.push_back(static_cast<Id>(id));
    meta_[id].chunk = chunks_.back().get();
  }
  size_ = items_.size();
  starts_valid_ = false;
}

ItemList::~ItemList() = default;

void ItemList::refresh_starts() const {
  if (starts_valid_)
    return;
  starts_.resize(chunks_.size());
  std::size_t start = 0;
  for (std::size_t i = 0; i < chunks_.size(); ++i) {
    starts_[i] = start;
    start += chunks_[i]->ids.size();
  }
  starts_valid_ = true;
}

void ItemList::renumber(std::size_t from) {
  for (std::size_t i = from; i < chunks_.size(); ++i) chunks_[i]->order = i;
}

std::pair<ItemList::Chunk*, std::size_t> ItemList::locate(std::size_t index) const {
  refresh_starts();
  // Chunks are never empty, so the starts ascend strictly.
  auto it = std::upper_bound(starts_.begin(), starts_.end(), index);
  std::size_t chunk = static_cast<std::size_t>(it - starts_.begin()) - 1;
  return {chunks_[chunk].get(), index - starts_[chunk]};
}

ItemList::Id ItemList::id_at(std::size_t index) const {
  auto [chunk, offset] = locate(index);
  return chunk->ids[offset];
}

std::size_t ItemList::position(Id id) const {
  refresh_starts();
  const Chunk* chunk = meta_[id].chunk;
  auto it = std::find(chunk->ids.begin(), chunk->ids.end(), id);
  return starts_[chunk->order] + static_cast<std::size_t>(it - chunk->ids.begin());
}

const ir::Item& ItemList::operator[](std::size_t index) const {
  return items_[id_at(index)];
}

void ItemList::insert(std::size_t index, ir::Item item) {
  if (chunks_.empty()) {
    chunks_.push_back(std::make_unique<Chunk>());
    starts_valid_ = false;
  }
  auto [chunk, offset] = locate(std::min(index, size_));
  auto id = static_cast<Id>(items_.size());
  items_.push_back(std::move(item));
  meta_.push_back({chunk, {0, 0}});
  chunk->ids.insert(chunk->ids.begin() + static_cast<std::ptrdiff_t>(offset), id);
  ++size_;
  // Keep the starts valid in place: only the chunks after this one move, so an append
  // (the common case: every add of an export) costs O(1), not a recount of all chunks.
  if (starts_valid_) {
    for (std::size_t i = chunk->order + 1; i < starts_.size(); ++i) ++starts_[i];
  }
  if (chunk->ids.size() > 2 * kChunk) {  // split in two halves
    auto next = std::make_unique<Chunk>();
    auto half = chunk->ids.begin() + static_cast<std::ptrdiff_t>(kChunk);
    next->ids.assign(half, chunk->ids.end());
    chunk->ids.erase(half, chunk->ids.end());
    for (Id moved : next->ids) meta_[moved].chunk = next.get();
    chunks_.insert(chunks_.begin() + static_cast<std::ptrdiff_t>(chunk->order) + 1,
                   std::move(next));
    if (starts_valid_) {
      starts_.insert(starts_.begin() + static_cast<std::ptrdiff_t>(chunk->order) + 1,
                     starts_[chunk->order] + chunk->ids.size());
    }
    renumber(chunk->order + 1);
  }
  index_item(id);
}

void ItemList::erase(std::size_t index) {
  auto [chunk, offset] = locate(index);
  Id id = chunk->ids[offset];
  unindex_item(id);
  items_[id] = ir::Item{};  // its memory back; the id is not reused
  meta_[id].chunk = nullptr;
  chunk->ids.erase(chunk->ids.begin() + static_cast<std::ptrdiff_t>(offset));
  --size_;
  starts_valid_ = false;
  if (chunk->ids.empty()) {
    std::size_t order = chunk->order;
    chunks_.erase(chunks_.begin() + static_cast<std::ptrdiff_t>(order));
    renumber(order);
  }
}

void ItemList::set(std::size_t index, std::string name, std::string value) {
  Id id = id_at(index);
  for (std::size_t key = 0; key < kKeys && indexed_; ++key) {
    if (name == key_name(key)) {
      unindex_key(key, id);
      items_[id].set(std::move(name), std::move(value));
      index_key(key, id);
      return;
    }
  }
  items_[id].set(std::move(name), std::move(value));
}

void ItemList::unset(std::size_t index, std::string_view name) {
  Id id = id_at(index);
  for (std::size_t key = 0; key < kKeys; ++key) {
    if (indexed_ && name == key_name(key))
      unindex_key(key, id);
  }
  std::erase_if(items_[id].properties, [&](const ir::Property& p) { return p.name == name; });
  for (std::size_t key = 0; key < kKeys; ++key) {
    if (indexed_ && name == key_name(key))
      index_key(key, id);
  }
}

void ItemList::ensure_index() const {
  if (indexed_)
    return;
  indexed_ = true;
  for (const auto& chunk : chunks_) {
    for (Id id : chunk->ids) index_item(id);
  }
}

ItemList::Bucket& ItemList::bucket_of(std::size_t key, Id id) const {
  const std::string* value = items_[id].get(key_name(key));
  if (value == nullptr)
    return absent_[key];
  auto it = present_[key].find(*value);
  if (it == present_[key].end())
    it = present_[key].emplace(*value, Bucket{}).first;
  return it->second;
}

void ItemList::index_key(std::size_t key, Id id) const {
  Bucket& bucket = bucket_of(key, id);
  meta_[id].slot[key] = bucket.size();
  bucket.push_back(id);
}

void ItemList::unindex_key(std::size_t key, Id id) const {
  Bucket& bucket = bucket_of(key, id);
  std::size_t slot = meta_[id].slot[key];
  Id last = bucket.back();
  bucket[slot] = last;
  meta_[last].slot[key] = slot;
  bucket.pop_back();
  if (bucket.empty() && &bucket != &absent_[key])
    present_[key].erase(*items_[id].get(key_name(key)));
}

void ItemList::index_item(Id id) const {
  if (!indexed_)
    return;
  for (std::size_t key = 0; key < kKeys; ++key) index_key(key, id);
}

void ItemList::unindex_item(Id id) const {
  if (!indexed_)
    return;
  for (std::size_t key = 0; key < kKeys; ++key) unindex_key(key, id);
}

template <typename Match>
std::vector<std::size_t> ItemList::scan(Match match) const {
  std::vector<std::size_t> out;
  find_if([&](std::size_t index, const ir::Item& item) {
    if (match(item))
      out.push_back(index);
    return false;
  });
  return out;
}

template <typename Match>
std::vector<std::size_t> ItemList::positions(const std::vector<const Bucket*>& buckets,
                                             Match match) const {
  std::size_t total = 0;
  for (const Bucket* bucket : buckets) total += bucket->size();
  if (total * 16 > size_)  // a good part of the list: one scan, in order
    return scan(match);
  std::vector<std::size_t> out;
  out.reserve(total);
  for (const Bucket* bucket : buckets) {
    for (Id id : *bucket) out.push_back(position(id));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::size_t> ItemList::find_equal(Key key, std::string_view value,
                                              bool absent_is_empty) const {
  ensure_index();
  auto k = static_cast<std::size_t>(key);
  std::vector<const Bucket*> buckets;
  if (auto it = present_[k].find(value); it != present_[k].end())
    buckets.push_back(&it->second);
  bool absent = absent_is_empty && value.empty();
  if (absent)
    buckets.push_back(&absent_[k]);
  return positions(buckets, [&](const ir::Item& item) {
    const std::string* v = item.get(key_name(k));
    return v != nullptr ? *v == value : absent;
  });
}

std::vector<std::size_t> ItemList::find_prefix(Key key, std::string_view prefix) const {
  ensure_index();
  auto k = static_cast<std::size_t>(key);
  auto match = [&](const ir::Item& item) {
    const std::string* v = item.get(key_name(k));
    return v != nullptr && v->starts_with(prefix);
  };
  std::vector<const Bucket*> buckets;
  std::size_t total = 0;
  for (auto it = present_[k].lower_bound(prefix);
       it != present_[k].end() && it->first.starts_with(prefix); ++it) {
    buckets.push_back(&it->second);
    total += it->second.size();
    if (total * 16 > size_)
      return scan(match);  // a good part of the list
  }
  return positions(buckets, match);
}

std::vector<ir::Item> ItemList::take() {
  std::vector<ir::Item> out;
  bool in_place = size_ == items_.size();  // nothing removed: ids are 0..n-1 ...
  Id next = 0;
  for (const auto& chunk : chunks_) {  // ... and, if nothing was inserted, in order
    for (Id id : chunk->ids) in_place = in_place && id == next++;
  }
  if (in_place) {
    out = std::move(items_);
  } else {
    out.reserve(size_);
    for (const auto& chunk : chunks_) {
      for (Id id : chunk->ids) out.push_back(std::move(items_[id]));
    }
  }
  *this = ItemList();
  return out;
}

}  // namespace rosgen::routeros::detail
