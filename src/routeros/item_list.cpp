// ItemList (see item_list.hpp): chunked storage and the comment / name index.
#include "routeros/item_list.hpp"

#include <algorithm>

namespace rosgen::routeros::detail {

ItemList::ItemList(std::vector<ir::Item> items) {
  for (ir::Item& item : items) {
    if (chunks_.empty() || chunks_.back()->entries.size() >= kChunk) {
      chunks_.push_back(std::make_unique<Chunk>());
      chunks_.back()->order = chunks_.size() - 1;
    }
    auto entry = std::make_unique<Entry>();
    entry->item = std::move(item);
    entry->chunk = chunks_.back().get();
    index_entry(entry.get());
    chunks_.back()->entries.push_back(std::move(entry));
    ++size_;
  }
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
    start += chunks_[i]->entries.size();
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

std::size_t ItemList::position(const Entry* entry) const {
  refresh_starts();
  const auto& entries = entry->chunk->entries;
  auto it = std::find_if(entries.begin(), entries.end(),
                         [&](const std::unique_ptr<Entry>& e) { return e.get() == entry; });
  return starts_[entry->chunk->order] + static_cast<std::size_t>(it - entries.begin());
}

const ir::Item& ItemList::operator[](std::size_t index) const {
  auto [chunk, offset] = locate(index);
  return chunk->entries[offset]->item;
}

void ItemList::insert(std::size_t index, ir::Item item) {
  if (chunks_.empty()) {
    chunks_.push_back(std::make_unique<Chunk>());
    starts_valid_ = false;
  }
  auto [chunk, offset] = locate(std::min(index, size_));
  auto entry = std::make_unique<Entry>();
  entry->item = std::move(item);
  entry->chunk = chunk;
  Entry* raw = entry.get();
  chunk->entries.insert(chunk->entries.begin() + static_cast<std::ptrdiff_t>(offset),
                        std::move(entry));
  ++size_;
  starts_valid_ = false;
  if (chunk->entries.size() > 2 * kChunk) {  // split in two halves
    auto next = std::make_unique<Chunk>();
    auto half = chunk->entries.begin() + static_cast<std::ptrdiff_t>(kChunk);
    next->entries.assign(std::make_move_iterator(half),
                         std::make_move_iterator(chunk->entries.end()));
    chunk->entries.erase(half, chunk->entries.end());
    for (auto& moved : next->entries) moved->chunk = next.get();
    chunks_.insert(chunks_.begin() + static_cast<std::ptrdiff_t>(chunk->order) + 1,
                   std::move(next));
    renumber(chunk->order + 1);
  }
  index_entry(raw);
}

void ItemList::erase(std::size_t index) {
  auto [chunk, offset] = locate(index);
  unindex_entry(chunk->entries[offset].get());
  chunk->entries.erase(chunk->entries.begin() + static_cast<std::ptrdiff_t>(offset));
  --size_;
  starts_valid_ = false;
  if (chunk->entries.empty()) {
    std::size_t order = chunk->order;
    chunks_.erase(chunks_.begin() + static_cast<std::ptrdiff_t>(order));
    renumber(order);
  }
}

void ItemList::set(std::size_t index, std::string name, std::string value) {
  auto [chunk, offset] = locate(index);
  Entry* entry = chunk->entries[offset].get();
  for (std::size_t key = 0; key < kKeys; ++key) {
    if (name == key_name(key)) {
      unindex_key(key, entry);
      entry->item.set(std::move(name), std::move(value));
      index_key(key, entry);
      return;
    }
  }
  entry->item.set(std::move(name), std::move(value));
}

void ItemList::unset(std::size_t index, std::string_view name) {
  auto [chunk, offset] = locate(index);
  Entry* entry = chunk->entries[offset].get();
  for (std::size_t key = 0; key < kKeys; ++key) {
    if (name == key_name(key))
      unindex_key(key, entry);
  }
  std::erase_if(entry->item.properties, [&](const ir::Property& p) { return p.name == name; });
  for (std::size_t key = 0; key < kKeys; ++key) {
    if (name == key_name(key))
      index_key(key, entry);
  }
}

ItemList::Bucket& ItemList::bucket_of(std::size_t key, const Entry* entry) {
  const std::string* value = entry->item.get(key_name(key));
  if (value == nullptr)
    return absent_[key];
  auto it = present_[key].find(*value);
  if (it == present_[key].end())
    it = present_[key].emplace(*value, Bucket{}).first;
  return it->second;
}

void ItemList::index_key(std::size_t key, Entry* entry) {
  Bucket& bucket = bucket_of(key, entry);
  entry->slot[key] = bucket.size();
  bucket.push_back(entry);
}

void ItemList::unindex_key(std::size_t key, Entry* entry) {
  Bucket& bucket = bucket_of(key, entry);
  Entry* last = bucket.back();
  bucket[entry->slot[key]] = last;
  last->slot[key] = entry->slot[key];
  bucket.pop_back();
  if (bucket.empty() && &bucket != &absent_[key])
    present_[key].erase(*entry->item.get(key_name(key)));
}

void ItemList::index_entry(Entry* entry) {
  for (std::size_t key = 0; key < kKeys; ++key) index_key(key, entry);
}

void ItemList::unindex_entry(Entry* entry) {
  for (std::size_t key = 0; key < kKeys; ++key) unindex_key(key, entry);
}

template <typename Match>
std::vector<std::size_t> ItemList::positions(const std::vector<const Bucket*>& buckets,
                                             Match match) const {
  std::size_t total = 0;
  for (const Bucket* bucket : buckets) total += bucket->size();
  std::vector<std::size_t> out;
  if (total * 16 > size_) {  // a good part of the list: one scan, in order
    find_if([&](std::size_t index, const ir::Item& item) {
      if (match(item))
        out.push_back(index);
      return false;
    });
    return out;
  }
  out.reserve(total);
  for (const Bucket* bucket : buckets) {
    for (const Entry* entry : *bucket) out.push_back(position(entry));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::size_t> ItemList::find_equal(Key key, std::string_view value,
                                              bool absent_is_empty) const {
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
      break;  // positions() scans the list anyway
  }
  if (total * 16 > size_) {
    std::vector<std::size_t> out;
    find_if([&](std::size_t index, const ir::Item& item) {
      if (match(item))
        out.push_back(index);
      return false;
    });
    return out;
  }
  return positions(buckets, match);
}

std::vector<ir::Item> ItemList::take() {
  std::vector<ir::Item> out;
  out.reserve(size_);
  for (auto& chunk : chunks_) {
    for (auto& entry : chunk->entries) out.push_back(std::move(entry->item));
  }
  *this = ItemList();
  return out;
}

}  // namespace rosgen::routeros::detail
