// The profile value type: canonical gates, port text, and the optimiser's lookups with
// their three tiers (see profile.hpp).
#include "profile/profile.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <tuple>

#include "support/ascii.hpp"

namespace rosgen::profile {

Gate make_gate(sema::Protocol protocol, std::vector<sema::PortRange> ports,
               std::optional<std::uint32_t> window_bytes) {
  std::sort(ports.begin(), ports.end(), [](const sema::PortRange& a, const sema::PortRange& b) {
    return std::tie(a.first, a.last) < std::tie(b.first, b.last);
  });
  std::vector<sema::PortRange> merged;
  for (const sema::PortRange& range : ports) {
    if (!merged.empty() && std::uint32_t{range.first} <= std::uint32_t{merged.back().last} + 1)
      merged.back().last = std::max(merged.back().last, range.last);
    else
      merged.push_back(range);
  }
  return {protocol, std::move(merged), window_bytes};
}

Gate gate_of(const sema::Signature& signature) {
  return make_gate(signature.ports.protocol, signature.ports.ranges, signature.window_bytes);
}

bool gate_less(const Gate& a, const Gate& b) {
  auto key = [](const Gate& g) {
    std::vector<std::pair<std::uint16_t, std::uint16_t>> ports;
    for (const sema::PortRange& r : g.ports) ports.emplace_back(r.first, r.last);
    // No window sorts after every window.
    std::uint64_t window = g.window_bytes ? *g.window_bytes : std::uint64_t{1} << 32;
    return std::tuple(static_cast<int>(g.protocol), ports, window);
  };
  return key(a) < key(b);
}

bool ports_overlap(const Gate& a, const Gate& b) {
  if (a.ports.empty() || b.ports.empty())
    return true;
  for (const sema::PortRange& x : a.ports) {
    for (const sema::PortRange& y : b.ports) {
      if (x.first <= y.last && y.first <= x.last)
        return true;
    }
  }
  return false;
}

bool gate_has_port(const Gate& gate, std::uint16_t port) {
  if (gate.ports.empty())
    return true;
  return std::any_of(gate.ports.begin(), gate.ports.end(),
                     [&](const sema::PortRange& r) { return r.first <= port && port <= r.last; });
}

std::string ports_text(const std::vector<sema::PortRange>& ports) {
  std::string out;
  for (const sema::PortRange& r : ports) {
    if (!out.empty())
      out += ',';
    out += std::to_string(r.first);
    if (r.last != r.first)
      out += '-' + std::to_string(r.last);
  }
  return out;
}

std::optional<std::vector<sema::PortRange>> parse_ports(std::string_view text) {
  auto port = [](std::string_view digits) -> std::optional<std::uint16_t> {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || value == 0 ||
        value > 65535)
      return std::nullopt;
    return static_cast<std::uint16_t>(value);
  };
  std::vector<sema::PortRange> out;
  while (!text.empty()) {
    std::size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    std::size_t dash = item.find('-');
    auto first = port(item.substr(0, dash));
    auto last = dash == std::string_view::npos ? first : port(item.substr(dash + 1));
    if (!first || !last || *last < *first)
      return std::nullopt;
    out.push_back({*first, *last});
    if (comma == std::string_view::npos)
      break;
    text.remove_prefix(comma + 1);
    if (text.empty())
      return std::nullopt;  // a trailing comma
  }
  return out;
}

std::string_view basis_name(Basis basis) {
  switch (basis) {
    case Basis::Gate:
      return "gate";
    case Basis::OverlappingPorts:
      return "overlapping ports";
    case Basis::AllGates:
      return "all gates";
  }
  return "?";
}

std::string ascii_lower(std::string_view text) {
  return support::ascii_lower(text);
}

std::size_t letter_count(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }));
}

const GateCounts* Profile::find(const Gate& gate) const {
  Gate canonical = make_gate(gate.protocol, gate.ports, gate.window_bytes);
  auto it =
      std::lower_bound(gates.begin(), gates.end(), canonical,
                       [](const GateCounts& g, const Gate& key) { return gate_less(g.gate, key); });
  return it != gates.end() && it->gate == canonical ? &*it : nullptr;
}

namespace {

// Calls `use` for each gate of the first tier (profile.hpp) in which `known` says at least
// one gate with packets has data; returns that tier, or nullopt when none has.
template <typename Known, typename Use>
std::optional<Basis> for_tier(const Profile& profile, const Gate& asked, Known known, Use use) {
  Gate gate = make_gate(asked.protocol, asked.ports, asked.window_bytes);
  using Filter = std::function<bool(const GateCounts&)>;
  const std::pair<Basis, Filter> tiers[] = {
      {Basis::Gate, [&](const GateCounts& g) { return g.gate == gate; }},
      {Basis::OverlappingPorts,
       [&](const GateCounts& g) {
         return g.gate.protocol == gate.protocol && ports_overlap(g.gate, gate);
       }},
      {Basis::AllGates, [](const GateCounts&) { return true; }},
  };
  for (const auto& [basis, in_tier] : tiers) {
    bool any = false;
    for (const GateCounts& g : profile.gates) {
      if (g.packets == 0 || !in_tier(g) || !known(g))
        continue;
      any = true;
      use(g);
    }
    if (any)
      return basis;
  }
  return std::nullopt;
}

// The entry for `fragment` compared case-insensitively, preferring one written the same.
const FragmentCount* find_fragment(const GateCounts& gate, std::string_view fragment) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  auto same = [&](const std::string& bytes) {
    if (bytes.size() != fragment.size())
      return false;
    for (std::size_t i = 0; i < bytes.size(); ++i)
      if (lower(bytes[i]) != lower(fragment[i]))
        return false;
    return true;
  };
  const FragmentCount* found = nullptr;
  for (const FragmentCount& f : gate.fragments) {
    if (!same(f.bytes))
      continue;
    if (f.bytes == fragment)
      return &f;
    if (found == nullptr)
      found = &f;
  }
  return found;
}

// Packets of `gate` holding `fragment`, when the gate can tell.
std::optional<std::uint64_t> count_in(const GateCounts& gate, std::string_view fragment,
                                      bool nocase) {
  const FragmentCount* f = find_fragment(gate, fragment);
  if (f == nullptr)
    return std::nullopt;
  if (nocase)
    return f->nocase;
  if (f->bytes == fragment)
    return f->exact;
  if (f->nocase == 0)
    return 0;  // no case form occurred
  if (f->forms.empty())
    return std::nullopt;  // forms not recorded
  auto it = f->forms.find(std::string(fragment));
  return it == f->forms.end() ? 0 : it->second;
}

}  // namespace

std::optional<Estimate> Profile::probability(const Gate& gate, std::string_view fragment,
                                             bool nocase) const {
  Estimate estimate;
  auto basis = for_tier(
      *this, gate, [&](const GateCounts& g) { return count_in(g, fragment, nocase).has_value(); },
      [&](const GateCounts& g) {
        estimate.matches += *count_in(g, fragment, nocase);
        estimate.packets += g.packets;
      });
  if (!basis)
    return std::nullopt;
  estimate.basis = *basis;
  estimate.probability =
      static_cast<double>(estimate.matches) / static_cast<double>(estimate.packets);
  return estimate;
}

std::optional<DataShare> Profile::data_share(const Gate& gate) const {
  DataShare out;
  auto basis = for_tier(
      *this, gate, [](const GateCounts& g) { return g.data_packets.has_value(); },
      [&](const GateCounts& g) {
        out.data_packets += *g.data_packets;
        out.packets += g.packets;
      });
  if (!basis || out.packets == 0)
    return std::nullopt;
  out.basis = *basis;
  out.share = static_cast<double>(out.data_packets) / static_cast<double>(out.packets);
  return out;
}

bool Profile::knows_gate(const Gate& asked) const {
  Gate gate = make_gate(asked.protocol, asked.ports, asked.window_bytes);
  for (const GateCounts& g : gates)
    if (g.packets > 0 &&
        (g.gate == gate || (g.gate.protocol == gate.protocol && ports_overlap(g.gate, gate))))
      return true;
  return false;
}

std::optional<FormsSeen> Profile::case_forms(const Gate& gate, std::string_view fragment) const {
  auto recorded = [&](const GateCounts& g) {
    const FragmentCount* f = find_fragment(g, fragment);
    return f != nullptr && (!f->forms.empty() || f->nocase == 0) &&
           letter_count(fragment) <= kMaxFormLetters;
  };
  FormsSeen seen;
  auto basis = for_tier(*this, gate, recorded, [&](const GateCounts& g) {
    seen.packets += g.packets;
    for (const auto& [form, count] : find_fragment(g, fragment)->forms) seen.forms[form] += count;
  });
  if (!basis)
    return std::nullopt;
  seen.basis = *basis;
  return seen;
}

}  // namespace rosgen::profile
