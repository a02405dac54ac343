// The per-chain decision structure (see chain_index.hpp).
#include "simulate/chain_index.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace rosgen::simulate {

namespace {

// 64-bit words a key's bitsets may take per chain (8 MiB): past this the key is left out
// (a chain of thousands of rules with distinct ports or addresses).
constexpr std::size_t kMaxWords = std::size_t{1} << 20;

// Chains shorter than this are not indexed: choosing a packet's bitsets costs about what
// running a few rules' cheap matchers does.
constexpr std::size_t kMinRules = 8;

// Matcher tests a key may take to build (values x rules, about 0.1 s): past this it is
// left out.
constexpr std::size_t kMaxTests = std::size_t{1} << 24;

bool has_ports(std::uint8_t protocol) {
  return protocol == 6 || protocol == 17;
}

using Key = ChainIndex::Key;

// Whether `rule` has a matcher on `key`.
bool tests(const Rule& rule, Key key) {
  switch (key) {
    case Key::ProtocolPort:
      return rule.protocol || rule.dst_port;
    case Key::Src:
      return rule.src_address.has_value();
    case Key::Dst:
      return rule.dst_address.has_value();
    case Key::In:
      return rule.in_interface != 0 || rule.in_list != 0;
    case Key::Out:
      return rule.out_interface != 0 || rule.out_list != 0;
    case Key::State:
      return rule.connection_state != 0;
    case Key::PacketMark:
      return rule.packet_mark.has_value();
    case Key::ConnMark:
      return rule.connection_mark.has_value();
  }
  return false;
}

// Whether `rule`'s matchers on `key` pass a packet whose value of it is `value` (the
// same tests as Simulator's matches()).
bool passes(const Rule& rule, Key key, std::int64_t value, const IndexContext& context) {
  auto check = [](bool test, bool negate) { return test != negate; };
  switch (key) {
    case Key::ProtocolPort: {
      auto protocol = static_cast<std::uint8_t>(value >> 16);
      auto port = static_cast<std::uint16_t>(value & 0xFFFF);
      if (rule.protocol && !check(protocol == *rule.protocol, rule.neg_protocol))
        return false;
      return !rule.dst_port ||
             (has_ports(protocol) && check(rule.dst_port->contains(port), rule.neg_dst_port));
    }
    case Key::Src:
      return !rule.src_address ||
             check(rule.src_address->contains(static_cast<std::uint32_t>(value)),
                   rule.neg_src_address);
    case Key::Dst:
      return !rule.dst_address ||
             check(rule.dst_address->contains(static_cast<std::uint32_t>(value)),
                   rule.neg_dst_address);
    case Key::In:
    case Key::Out: {
      bool in = key == Key::In;
      int interface = in ? rule.in_interface : rule.out_interface;
      int list = in ? rule.in_list : rule.out_list;
      auto v = static_cast<int>(value);
      if (interface != 0 &&
          !check(v == interface, in ? rule.neg_in_interface : rule.neg_out_interface))
        return false;
      return list == 0 ||
             check(context.in_interface_list(list, v), in ? rule.neg_in_list : rule.neg_out_list);
    }
    case Key::State:
      return rule.connection_state == 0 ||
             check((value & rule.connection_state) != 0, rule.neg_connection_state);
    case Key::PacketMark:
      return !rule.packet_mark || check(value == *rule.packet_mark, rule.neg_packet_mark);
    case Key::ConnMark:
      return !rule.connection_mark ||
             check(value == *rule.connection_mark, rule.neg_connection_mark);
  }
  return true;
}

void add_range(std::set<std::int64_t>& breaks, std::int64_t low, std::int64_t high) {
  breaks.insert(low);
  breaks.insert(high + 1);
}

// Src, Dst: the starts of the intervals every address range of the chain's rules starts
// and ends at.
std::vector<std::int64_t> interval_starts(const Rules& rules, const std::vector<int>& chain,
                                          Key key) {
  std::set<std::int64_t> starts{0};
  for (int i : chain) {
    const Rule& rule = rules.rules[static_cast<std::size_t>(i)];
    const auto& set = key == Key::Src ? rule.src_address : rule.dst_address;
    if (set) {
      for (const auto& [low, high] : set->ranges) add_range(starts, low, high);
    }
  }
  starts.erase(starts.lower_bound(std::int64_t{1} << 32), starts.end());
  return {starts.begin(), starts.end()};
}

// The largest value of `key` a rule of the chain names (or the context gives).
std::int64_t largest_value(const Rules& rules, const std::vector<int>& chain, Key key,
                           const IndexContext& context) {
  std::int64_t largest = 0;
  if (key == Key::State)
    return 31;
  if (key == Key::In || key == Key::Out) {
    for (int interface : context.interfaces) largest = std::max<std::int64_t>(largest, interface);
  }
  for (int i : chain) {
    const Rule& rule = rules.rules[static_cast<std::size_t>(i)];
    switch (key) {
      case Key::In:
        largest = std::max<std::int64_t>(largest, rule.in_interface);
        break;
      case Key::Out:
        largest = std::max<std::int64_t>(largest, rule.out_interface);
        break;
      case Key::PacketMark:
        largest = std::max<std::int64_t>(largest, rule.packet_mark.value_or(0));
        break;
      case Key::ConnMark:
        largest = std::max<std::int64_t>(largest, rule.connection_mark.value_or(0));
        break;
      default:
        break;
    }
  }
  return largest;
}

// The values of `key` to compute bitsets for, in the order of Dimension::dense (for Src
// and Dst, of the intervals), and the value standing for all others (none: all pass).
std::vector<std::int64_t> representatives(const Rules& rules, const std::vector<int>& chain,
                                          Key key, const IndexContext& context,
                                          std::vector<std::int64_t>& starts,
                                          std::optional<std::int64_t>& other) {
  std::vector<std::int64_t> values;
  other.reset();
  switch (key) {
    case Key::ProtocolPort: {
      for (std::int64_t protocol = 0; protocol < 256; ++protocol) values.push_back(protocol << 16);
      for (std::int64_t protocol : {6, 17}) {
        for (std::uint16_t port : context.ports->first_port)
          values.push_back((protocol << 16) | port);
      }
      break;
    }
    case Key::Src:
    case Key::Dst:
      starts = interval_starts(rules, chain, key);
      values = starts;
      break;
    default: {
      std::int64_t largest = largest_value(rules, chain, key, context);
      if (largest >= (std::int64_t{1} << 16))
        return {};  // not a small id: left out
      for (std::int64_t v = 0; v <= largest; ++v) values.push_back(v);
      // A value past the table: an interface in no list, a mark no rule names. State: none.
      if (key != Key::State)
        other = -1;
    }
  }
  return values;
}

}  // namespace

PortClasses port_classes(const Rules& rules) {
  std::set<std::int64_t> starts{0};
  for (const Rule& rule : rules.rules) {
    if (rule.dst_port) {
      for (const auto& [low, high] : rule.dst_port->ranges) add_range(starts, low, high);
    }
  }
  starts.erase(starts.lower_bound(65536), starts.end());
  PortClasses classes;
  classes.of_port.resize(65536);
  for (std::int64_t start : starts) classes.first_port.push_back(static_cast<std::uint16_t>(start));
  std::size_t c = 0;
  for (std::size_t port = 0; port < 65536; ++port) {
    if (c + 1 < classes.first_port.size() && classes.first_port[c + 1] == port)
      ++c;
    classes.of_port[port] = static_cast<std::uint16_t>(c);
  }
  return classes;
}

void ChainIndex::select(const IndexKeys& keys, Selection& selection) const {
  selection.count = 0;
  for (const Dimension& d : dimensions_) {
    std::int64_t value = keys[d.key];
    std::size_t slot = 0;
    if (d.key == Key::Src || d.key == Key::Dst) {
      // The last interval starting at or before `value` (the first starts at 0), found
      // without branches: packets' addresses vary too much to predict a binary search.
      const std::int64_t* base = d.starts.data();
      for (std::size_t n = d.starts.size(); n > 1; n -= n / 2)
        base = base[n / 2] <= value ? base + n / 2 : base;
      slot = static_cast<std::size_t>(base - d.starts.data());
    } else if (d.key == Key::ProtocolPort) {
      auto protocol = static_cast<std::size_t>(value >> 16);
      auto port = static_cast<std::size_t>(value & 0xFFFF);
      std::size_t classes = ports_->first_port.size();
      // Ports past the last rule's (ephemeral ones, mostly) skip the table's cache lines.
      std::size_t port_class =
          port >= ports_->first_port.back() ? classes - 1 : ports_->of_port[port];
      slot = protocol == 6    ? 256 + port_class
             : protocol == 17 ? 256 + classes + port_class
                              : protocol;
    } else {
      slot = static_cast<std::size_t>(value);  // a negative value lands past the table
    }
    std::size_t number = slot < d.dense.size() ? d.dense[slot] : d.other;
    selection.masks[selection.count++] = d.masks.data() + number * words_;
  }
}

ChainIndex build_chain_index(const Rules& rules, const std::vector<int>& chain,
                             const IndexContext& context) {
  ChainIndex index;
  index.size_ = chain.size();
  index.words_ = (chain.size() + 63) / 64;
  index.ports_ = context.ports;
  if (chain.size() < kMinRules)
    return index;
  std::vector<std::uint64_t> mask(index.words_);
  for (std::size_t k = 0; k < ChainIndex::kKeys; ++k) {
    auto key = static_cast<Key>(k);
    bool tested = std::any_of(chain.begin(), chain.end(), [&](int i) {
      return tests(rules.rules[static_cast<std::size_t>(i)], key);
    });
    if (!tested)
      continue;
    ChainIndex::Dimension d;
    d.key = key;
    std::optional<std::int64_t> other;
    std::vector<std::int64_t> values = representatives(rules, chain, key, context, d.starts, other);
    if (values.empty() || values.size() * chain.size() > kMaxTests)
      continue;  // left out: every rule stays a candidate as far as this key goes
    // One bitset per distinct outcome.
    std::map<std::vector<std::uint64_t>, std::uint32_t> numbers;
    auto number_of = [&](std::optional<std::int64_t> value) {
      std::fill(mask.begin(), mask.end(), 0);
      for (std::size_t position = 0; position < chain.size(); ++position) {
        const Rule& rule = rules.rules[static_cast<std::size_t>(chain[position])];
        if (!value || passes(rule, key, *value, context))
          mask[position >> 6] |= std::uint64_t{1} << (position & 63);
      }
      auto [it, added] = numbers.try_emplace(mask, static_cast<std::uint32_t>(numbers.size()));
      if (added)
        d.masks.insert(d.masks.end(), mask.begin(), mask.end());
      return it->second;
    };
    for (std::int64_t value : values) {
      d.dense.push_back(number_of(value));
      if (d.masks.size() > kMaxWords)
        break;
    }
    d.other = number_of(other);
    if (d.masks.size() > kMaxWords || numbers.size() < 2)
      continue;  // too large, or no value of the key rules out a rule
    if (key == Key::PacketMark || key == Key::ConnMark)
      index.uses_marks_ = true;
    index.dimensions_.push_back(std::move(d));
  }
  return index;
}

}  // namespace rosgen::simulate
