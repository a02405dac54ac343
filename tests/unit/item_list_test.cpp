// Tests for routeros/item_list (the reader's indexed item lists, issue 7 section 5): over
// random operations with a fixed seed, the list and its comment / name index agree with a
// plain vector scanned from the start, including chunk splits and emptied chunks.
#include "routeros/item_list.hpp"

#include <doctest/doctest.h>

#include <random>

using namespace rosgen;
using routeros::detail::ItemList;

namespace {

// The reference: what RouterOS's find does, by a scan in list order.
std::vector<std::size_t> scan_equal(const std::vector<ir::Item>& items, const char* key,
                                    const std::string& value, bool absent_is_empty) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string* v = items[i].get(key);
    if (v != nullptr ? *v == value : absent_is_empty && value.empty())
      out.push_back(i);
  }
  return out;
}

std::vector<std::size_t> scan_prefix(const std::vector<ir::Item>& items, const char* key,
                                     const std::string& prefix) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string* v = items[i].get(key);
    if (v != nullptr && v->starts_with(prefix))
      out.push_back(i);
  }
  return out;
}

}  // namespace

TEST_SUITE("item_list") {
  TEST_CASE("item_list: random inserts, erases, sets and finds agree with a scanned vector") {
    std::mt19937 rng(7);
    auto pick = [&](std::size_t n) {
      return std::uniform_int_distribution<std::size_t>(0, n)(rng);
    };
    // Few distinct values, so buckets hold several items; "" and prefixes of each other.
    const std::vector<std::string> values = {"", "a", "ab", "abc", "b", "rosgen:p:x", "rosgen:p:y"};
    auto value = [&]() { return values[pick(values.size() - 1)]; };
    for (std::size_t target : {std::size_t{40}, std::size_t{3000}}) {
      INFO("size around " << target);
      ItemList list;
      std::vector<ir::Item> model;
      for (int step = 0; step < 20000; ++step) {
        std::size_t op = pick(9);
        if (model.size() < target / 2)
          op = 0;
        if (op <= 2 || model.empty()) {  // insert; at the front often (place-before chains)
          std::size_t at = pick(3) == 0 ? 0 : pick(model.size());
          ir::Item item;
          item.set("chain", "c" + std::to_string(step));
          if (pick(3) != 0)
            item.set("comment", value());
          if (pick(2) == 0)
            item.set("name", value());
          list.insert(at, item);
          model.insert(model.begin() + static_cast<std::ptrdiff_t>(at), item);
        } else if (op == 3 && model.size() > target / 2) {
          std::size_t at = pick(model.size() - 1);
          list.erase(at);
          model.erase(model.begin() + static_cast<std::ptrdiff_t>(at));
        } else if (op == 4) {
          std::size_t at = pick(model.size() - 1);
          const char* name = pick(2) == 0 ? "comment" : pick(1) == 0 ? "name" : "action";
          std::string v = value();
          list.set(at, name, v);
          model[at].set(name, v);
        } else if (op == 5) {
          std::size_t at = pick(model.size() - 1);
          const char* name = pick(1) == 0 ? "comment" : "name";
          list.unset(at, name);
          std::erase_if(model[at].properties,
                        [&](const ir::Property& p) { return p.name == name; });
        } else {
          std::string v = value();
          bool absent = pick(1) == 0;
          CHECK(list.find_equal(ItemList::Key::Comment, v, absent) ==
                scan_equal(model, "comment", v, absent));
          CHECK(list.find_equal(ItemList::Key::Name, v, absent) ==
                scan_equal(model, "name", v, absent));
          CHECK(list.find_prefix(ItemList::Key::Comment, v) == scan_prefix(model, "comment", v));
        }
        REQUIRE(list.size() == model.size());
        if (!model.empty()) {
          std::size_t at = pick(model.size() - 1);
          REQUIRE(list[at] == model[at]);
        }
      }
      CHECK(list.take() == model);
      CHECK(list.empty());
    }
  }

  TEST_CASE("item_list: built from a state and taken back, the items are unchanged") {
    std::vector<ir::Item> items(1000);
    for (std::size_t i = 0; i < items.size(); ++i) items[i].set("comment", std::to_string(i % 7));
    ItemList list(items);
    CHECK(list.find_equal(ItemList::Key::Comment, "3", false).size() == 143);
    CHECK(list.find_equal(ItemList::Key::Name, "", true).size() == 1000);
    CHECK(list.find_equal(ItemList::Key::Name, "", false).empty());
    CHECK(list.take() == items);
  }
}
