// The static cost model of another script at the policy's gates (see against.hpp).
#include "optimise/against.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

#include "profile/profile.hpp"

namespace rosgen::optimise {

namespace {

// A probability known to lie in [lo, hi].
struct Odds {
  double lo = 1, hi = 1;
};

Odds operator*(Odds a, Odds b) {
  return {a.lo * b.lo, a.hi * b.hi};
}

Odds complement(Odds a) {
  return {1 - a.hi, 1 - a.lo};
}

constexpr Odds kHolds{1, 1};
constexpr Odds kFails{0, 0};
constexpr Odds kMay{0, 1};

Odds holds_if(bool condition) {
  return condition ? kHolds : kFails;
}

// A packet at the gate, as the rules' decided matchers see it.
struct GatePacket {
  std::uint8_t protocol = 6;
  std::uint16_t port = 0;                                            // one port of the class walked
  std::uint64_t window = std::numeric_limits<std::uint64_t>::max();  // connection-bytes <=
  std::vector<std::pair<std::uint32_t, std::uint32_t>> clients;      // empty: not known
  std::optional<sema::Interface> in, out;
};

// One walk of the script for one port class.
class Walk {
 public:
  Walk(const simulate::Rules& rules, const GatePacket& packet,
       const FragmentProbability& probability, AgainstCost& out)
      : rules_(rules), packet_(packet), probability_(probability), out_(out) {
    connection_marks_[0] = packet_marks_[0] = kHolds;  // no-mark
  }

  PortClassCost run(bool forwarded) {
    struct Hook {
      const simulate::Table* table;
      const char* chain;
    };

    std::vector<Hook> hooks = {{&rules_.raw, "prerouting"}, {&rules_.mangle, "prerouting"}};
    if (forwarded)
      hooks.insert(hooks.end(), {{&rules_.mangle, "forward"},
                                 {&rules_.filter, "forward"},
                                 {&rules_.mangle, "postrouting"}});
    else
      hooks.insert(hooks.end(), {{&rules_.mangle, "input"}, {&rules_.filter, "input"}});
    Odds alive = kHolds;
    for (const Hook& hook : hooks) {
      dropped_ = kFails;
      chain(*hook.table, hook.table->chain(hook.chain), alive, 0);
      alive = {std::max(0.0, alive.lo - dropped_.hi), std::max(0.0, alive.hi - dropped_.lo)};
    }
    PortClassCost cost;
    for (std::size_t index : order_) {
      const RuleTests& tests = tests_.at(index);
      cost.content_tests += tests.content;
      cost.layer7 += tests.layer7;
      if (tests.content > 0 || tests.layer7 > 0)
        cost.rules.push_back(tests);
    }
    return cost;
  }

 private:
  // Walks `chain` of `table` entered with probability `reach`; returns the probability of
  // coming back to the caller (the end of the chain, or a return).
  Odds chain(const simulate::Table& table, int chain, Odds reach, int depth) {
    if (chain < 0 || depth > 32)  // no such chain, or a loop RouterOS would refuse
      return reach;
    Odds current = reach, back = kFails;
    for (int index : table.chains[static_cast<std::size_t>(chain)]) {
      if (current.hi <= 0)
        break;
      const simulate::Rule& rule = rules_.rules[static_cast<std::size_t>(index)];
      std::vector<std::string> undecided;
      Odds before = others(rule, undecided);
      if (before.hi <= 0)
        continue;  // its decided matchers cannot hold for this packet: skipped
      for (const std::string& name : undecided)
        out_.undecided[name].insert(static_cast<std::size_t>(index));
      out_.fasttrack |= rule.action == simulate::Action::FasttrackConnection;
      Odds content = kHolds;
      if (rule.content) {
        double p = content_probability(*rule.content);
        content = rule.neg_content ? Odds{1 - p, 1 - p} : Odds{p, p};
        tests(index).content += current.hi * before.hi;
      }
      if (has_layer7(rule))
        tests(index).layer7 += current.hi * before.hi * content.hi;
      Odds q = before * content;
      Odds matched = current * q;
      Odds rest = current * complement(q);
      switch (rule.action) {
        case simulate::Action::Accept:
          current = rest;
          break;
        case simulate::Action::Drop:
        case simulate::Action::Reject:
        case simulate::Action::Tarpit:
          dropped_ = {dropped_.lo + matched.lo, dropped_.hi + matched.hi};
          current = rest;
          break;
        case simulate::Action::Return:
          back = {back.lo + matched.lo, back.hi + matched.hi};
          current = rest;
          break;
        case simulate::Action::Jump: {
          Odds returned = this->chain(table, rule.jump_target, matched, depth + 1);
          current = {rest.lo + returned.lo, std::min(current.hi, rest.hi + returned.hi)};
          break;
        }
        case simulate::Action::MarkConnection:
        case simulate::Action::MarkPacket:
          set_mark(
              rule.action == simulate::Action::MarkConnection ? connection_marks_ : packet_marks_,
              rule.new_mark, matched);
          if (!rule.passthrough)
            current = rest;
          break;
        default:  // log, passthrough, address lists, fasttrack-connection, ...: continue
          break;
      }
    }
    return {back.lo + current.lo, std::min(reach.hi, back.hi + current.hi)};
  }

  // The odds of every matcher of `rule` but content= and layer7-protocol=, taken as
  // independent; the names of those that may match are appended to `undecided`.
  Odds others(const simulate::Rule& rule, std::vector<std::string>& undecided) {
    Odds odds = kHolds;
    // A matcher the model cannot decide is kMay exactly and is named; a mark's odds come
    // from the rules that set it (mark()) and are not named.
    auto apply = [&](Odds matcher, bool negated, const std::string& name) {
      if (matcher.lo == kMay.lo && matcher.hi == kMay.hi && !name.empty())
        undecided.push_back(name);
      odds = odds * (negated ? complement(matcher) : matcher);
    };
    if (rule.protocol)
      apply(holds_if(*rule.protocol == packet_.protocol), rule.neg_protocol, "protocol");
    if (rule.src_address)
      apply(clients_in(*rule.src_address), rule.neg_src_address, "src-address");
    if (rule.dst_address)
      apply(kMay, false, "dst-address");
    if (rule.in_interface)
      apply(interface(rule.in_interface, packet_.in, false), rule.neg_in_interface, "in-interface");
    if (rule.in_list)
      apply(interface(rule.in_list, packet_.in, true), rule.neg_in_list, "in-interface-list");
    if (rule.out_interface)
      apply(interface(rule.out_interface, packet_.out, false), rule.neg_out_interface,
            "out-interface");
    if (rule.out_list)
      apply(interface(rule.out_list, packet_.out, true), rule.neg_out_list, "out-interface-list");
    if (rule.src_list)
      apply(kMay, false, "src-address-list");
    if (rule.dst_list)
      apply(kMay, false, "dst-address-list");
    if (rule.packet_size)
      apply(kMay, false, "packet-size");
    if (rule.dst_port)
      apply(holds_if(rule.dst_port->contains(packet_.port)), rule.neg_dst_port, "dst-port");
    if (rule.src_port)
      apply(kMay, false, "src-port");
    if (rule.any_port)  // the source port (the client's) is not known
      apply(rule.any_port->contains(packet_.port) ? kHolds : kMay, rule.neg_any_port, "port");
    if (rule.has_tcp_flags)
      apply(kMay, false, "tcp-flags");
    if (rule.packet_mark)
      apply(mark(packet_marks_, *rule.packet_mark), rule.neg_packet_mark, "");
    if (rule.connection_mark)
      apply(mark(connection_marks_, *rule.connection_mark), rule.neg_connection_mark, "");
    if (rule.connection_state)
      apply(kMay, false, "connection-state");
    if (rule.nat_state)
      apply(kMay, false, "connection-nat-state");
    if (rule.connection_bytes)
      apply(window(*rule.connection_bytes), rule.neg_connection_bytes, "connection-bytes");
    if (rule.connection_limit)
      apply(kMay, false, "connection-limit");
    if (rule.ipsec_matches)
      apply(kMay, false, "ipsec-policy");
    if (rule.layer7 >= 0)
      apply(kMay, false, "layer7-protocol");
    if (rule.limit)
      apply(kMay, false, "limit");
    if (rule.dst_limit)
      apply(kMay, false, "dst-limit");
    for (const std::string& property : rule.unmodeled)
      apply(kMay, false, property.substr(0, property.find('=')));
    return odds;
  }

  static bool has_layer7(const simulate::Rule& rule) {
    return rule.layer7 >= 0 ||
           std::any_of(rule.unmodeled.begin(), rule.unmodeled.end(),
                       [](const std::string& p) { return p.rfind("layer7-protocol=", 0) == 0; });
  }

  // src-address: holds when every client is in `set`, fails when none is.
  Odds clients_in(const simulate::Ipv4Set& set) const {
    if (packet_.clients.empty())
      return kMay;
    bool all = true, any = false;
    for (const auto& [low, high] : packet_.clients) {
      bool inside = false;
      for (const auto& [first, last] : set.ranges) {
        inside |= first <= low && high <= last;
        any |= first <= high && low <= last;
      }
      all &= inside;
    }
    return all ? kHolds : any ? kMay : kFails;
  }

  // An interface (or, `list`, an interface list) matcher against the packet's interface.
  Odds interface(int id, const std::optional<sema::Interface>& packet, bool list) const {
    if (!packet || packet->is_list != list)
      return kMay;  // a plain interface's lists (or a list's members) are not known
    if (rules_.names.name(id) == (list ? "ilist:" : "iface:") + packet->name)
      return kHolds;
    return list ? kMay : kFails;  // another list may hold the interface too
  }

  // connection-bytes=A-B (B 0: no end) against the gate's window 0-W.
  Odds window(std::pair<std::uint64_t, std::uint64_t> range) const {
    std::uint64_t end =
        range.second == 0 ? std::numeric_limits<std::uint64_t>::max() : range.second;
    if (range.first > packet_.window)
      return kFails;
    return range.first == 0 && end >= packet_.window ? kHolds : kMay;
  }

  static Odds mark(const std::map<int, Odds>& marks, int id) {
    auto it = marks.find(id);
    return it != marks.end() ? it->second : kFails;
  }

  // Sets mark `id` on the packets `matched` covers: it replaces any other mark.
  static void set_mark(std::map<int, Odds>& marks, int id, Odds matched) {
    marks.try_emplace(id, kFails);
    for (auto& [other, odds] : marks) {
      if (other == id)
        odds = {odds.lo + (1 - odds.lo) * matched.lo, odds.hi + (1 - odds.hi) * matched.hi};
      else
        odds = odds * complement(matched);
    }
  }

  double content_probability(const std::string& content) {
    auto [it, inserted] = content_p_.try_emplace(content, 0.0);
    if (inserted)
      it->second = std::clamp(probability_(content, false), 0.0, 1.0);
    return it->second;
  }

  RuleTests& tests(int index) {
    auto [it, inserted] = tests_.try_emplace(static_cast<std::size_t>(index));
    if (inserted) {
      it->second.rule = static_cast<std::size_t>(index);
      order_.push_back(it->first);
    }
    return it->second;
  }

  const simulate::Rules& rules_;
  const GatePacket& packet_;
  const FragmentProbability& probability_;
  AgainstCost& out_;
  std::map<int, Odds> connection_marks_, packet_marks_;  // mark id -> P(the packet has it)
  Odds dropped_ = kFails;                                // in the current built-in chain
  std::map<std::size_t, RuleTests> tests_;
  std::vector<std::size_t> order_;  // rules in the order first evaluated
  std::map<std::string, double> content_p_;
};

// The gate's ports split where the script's dst-port= and port= lists start and end, and
// grouped by which of those lists hold them: the ports of a group decide every port matcher
// alike. In the order of their first port.
std::vector<std::vector<sema::PortRange>> port_classes(const simulate::Rules& rules,
                                                       std::vector<sema::PortRange> ports) {
  std::vector<const simulate::PortSet*> lists;
  std::set<std::uint32_t> cuts;
  for (const simulate::Rule& rule : rules.rules) {
    if (rule.menu == ir::Menu::Nat)
      continue;
    for (const std::optional<simulate::PortSet>* set : {&rule.dst_port, &rule.any_port}) {
      if (!*set)
        continue;
      lists.push_back(&**set);
      for (const auto& [low, high] : (*set)->ranges) {
        cuts.insert(low);
        cuts.insert(std::uint32_t{high} + 1);
      }
    }
  }
  if (ports.empty())
    ports.push_back({1, 65535});
  std::map<std::vector<bool>, std::size_t> index;
  std::vector<std::vector<sema::PortRange>> out;
  auto add = [&](std::uint32_t first, std::uint32_t last) {
    std::vector<bool> key;
    for (const simulate::PortSet* list : lists)
      key.push_back(list->contains(static_cast<std::uint16_t>(first)));
    auto [it, inserted] = index.try_emplace(std::move(key), out.size());
    if (inserted)
      out.emplace_back();
    out[it->second].push_back(
        {static_cast<std::uint16_t>(first), static_cast<std::uint16_t>(last)});
  };
  for (const sema::PortRange& range : ports) {
    std::uint32_t start = range.first;
    for (auto it = cuts.upper_bound(range.first); it != cuts.end() && *it <= range.last; ++it) {
      add(start, *it - 1);
      start = *it;
    }
    add(start, range.last);
  }
  return out;
}

std::vector<sema::PortRange> merged(sema::Protocol protocol, std::vector<sema::PortRange> ports) {
  return profile::make_gate(protocol, std::move(ports), std::nullopt).ports;
}

// How many case forms of `literal` contain one of `strings`.
FormsHeld forms_held(const sema::Literal& literal, const std::set<std::string>& strings) {
  constexpr std::size_t kMaxLetters = 16;
  FormsHeld out;
  out.literal = literal.written;
  std::vector<std::size_t> letters;
  for (std::size_t i = 0; i < literal.bytes.size(); ++i)
    if (std::isalpha(static_cast<unsigned char>(literal.bytes[i])))
      letters.push_back(i);
  out.forms = letters.size() < 64 ? std::uint64_t{1} << letters.size() : 0;
  out.counted = letters.size() <= kMaxLetters;
  if (!out.counted)
    return out;
  std::string form = literal.bytes;
  for (std::uint64_t mask = 0; mask < out.forms; ++mask) {
    for (std::size_t j = 0; j < letters.size(); ++j) {
      auto c = static_cast<unsigned char>(literal.bytes[letters[j]]);
      form[letters[j]] = static_cast<char>((mask >> j) & 1 ? std::toupper(c) : std::tolower(c));
    }
    out.held += std::any_of(strings.begin(), strings.end(), [&](const std::string& s) {
      return form.find(s) != std::string::npos;
    });
  }
  return out;
}

}  // namespace

double AgainstCost::content_tests() const {
  double most = 0;
  for (const PortClassCost& c : classes) most = std::max(most, c.content_tests);
  return most;
}

double AgainstCost::layer7() const {
  double most = 0;
  for (const PortClassCost& c : classes) most = std::max(most, c.layer7);
  return most;
}

AgainstCost against_cost(const simulate::Rules& script, const sema::Signature& signature,
                         const sema::Site& site, const FragmentProbability& probability) {
  AgainstCost out;
  out.forwarded =
      std::find(site.hooks.begin(), site.hooks.end(), sema::Hook::Forward) != site.hooks.end();
  GatePacket packet;
  packet.protocol = signature.ports.protocol == sema::Protocol::Tcp ? 6 : 17;
  if (signature.window_bytes)
    packet.window = *signature.window_bytes;
  const sema::AddressSet* clients = site.clients ? &*site.clients : nullptr;
  if (signature.source && !signature.source->except)
    clients = &signature.source->addresses;
  if (clients != nullptr) {
    for (const sema::Prefix& prefix : clients->prefixes) {
      std::uint32_t host =
          prefix.length == 0 ? ~0u : (std::uint32_t{1} << (32 - prefix.length)) - 1;
      packet.clients.emplace_back(prefix.address, prefix.address | host);
    }
  }
  packet.in = site.client_interface;
  if (out.forwarded)
    packet.out = site.uplink;
  const sema::Protocol protocol = signature.ports.protocol;
  for (std::vector<sema::PortRange>& ports :
       port_classes(script, merged(protocol, signature.ports.ranges))) {
    packet.port = ports.front().first;
    PortClassCost cost = Walk(script, packet, probability, out).run(out.forwarded);
    auto same = std::find_if(out.classes.begin(), out.classes.end(), [&](const PortClassCost& c) {
      return c.content_tests == cost.content_tests && c.layer7 == cost.layer7 &&
             c.rules == cost.rules;
    });
    if (same != out.classes.end()) {
      same->ports.insert(same->ports.end(), ports.begin(), ports.end());
      same->ports = merged(protocol, std::move(same->ports));
    } else {
      cost.ports = merged(protocol, std::move(ports));
      out.classes.push_back(std::move(cost));
    }
  }
  std::set<std::string> strings;
  for (const PortClassCost& c : out.classes)
    for (const RuleTests& tests : c.rules)
      if (const simulate::Rule& rule = script.rules[tests.rule];
          tests.content > 0 && rule.content && !rule.neg_content)
        strings.insert(*rule.content);
  std::vector<const sema::Stage*> stages;
  for (const sema::Stage& stage : signature.stages) stages.push_back(&stage);
  std::sort(stages.begin(), stages.end(),
            [](const sema::Stage* a, const sema::Stage* b) { return a->position < b->position; });
  for (const sema::Stage* stage : stages)
    for (const sema::Literal& literal : stage->alternatives)
      if (literal.nocase)
        out.forms.push_back(forms_held(literal, strings));
  return out;
}

}  // namespace rosgen::optimise
