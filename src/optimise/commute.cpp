// Rule order: runs of terminating filter rules, reordered where they provably commute (see
// commute.hpp). The rules are read by the simulator's rule reader (simulate/rules.hpp), the
// one model of what a RouterOS matcher means in rosgen, so that what is proved disjoint
// here is disjoint for the simulator that tests it.
#include "optimise/commute.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <numeric>
#include <optional>
#include <set>

#include "optimise/text.hpp"
#include "routeros/state.hpp"
#include "simulate/rule_values.hpp"
#include "simulate/rules.hpp"

namespace rosgen::optimise {

namespace {

using simulate::Action;

// An owned name, as lowering writes it (lower_parts.hpp, Lowerer::owned()).
std::string owned(const std::string& policy, const std::string& suffix) {
  return "rosgen-" + policy + "-" + suffix;
}

std::string number(double value) {
  return fixed(value, "%.4g");
}

// ---- disjoint matches ----------------------------------------------------------------

template <typename T>
using Ranges = std::vector<std::pair<T, T>>;

template <typename T>
Ranges<T> merged(Ranges<T> ranges) {
  std::sort(ranges.begin(), ranges.end());
  Ranges<T> out;
  for (const auto& range : ranges) {
    if (!out.empty() && std::uint64_t{range.first} <= std::uint64_t{out.back().second} + 1)
      out.back().second = std::max(out.back().second, range.second);
    else
      out.push_back(range);
  }
  return out;
}

// True when some value is in both.
template <typename T>
bool meet(const Ranges<T>& a, const Ranges<T>& b) {
  for (const auto& x : a)
    for (const auto& y : b)
      if (x.first <= y.second && y.first <= x.second)
        return true;
  return false;
}

// True when every value of `a` is in `b`.
template <typename T>
bool within(const Ranges<T>& a, const Ranges<T>& b) {
  Ranges<T> cover = merged(b);
  return std::all_of(a.begin(), a.end(), [&](const auto& x) {
    return std::any_of(cover.begin(), cover.end(),
                       [&](const auto& y) { return y.first <= x.first && x.second <= y.second; });
  });
}

// No value passes both "in a" (or "not in a" when neg_a) and "in b" (or not).
template <typename T>
bool sets_disjoint(const Ranges<T>& a, bool neg_a, const Ranges<T>& b, bool neg_b) {
  if (neg_a && neg_b)
    return false;
  if (!neg_a && !neg_b)
    return !meet(a, b);
  return neg_a ? within(b, a) : within(a, b);
}

// A single-valued matcher (a mark, an interned name): no packet has two values, and none
// passes both "= v" and "!= v".
bool values_disjoint(int a, bool neg_a, int b, bool neg_b) {
  if (a == b)
    return neg_a != neg_b;
  return !neg_a && !neg_b;
}

// The matcher that proves no packet matches both rules, or null. Only matchers RouterOS
// evaluates before every stateful one (reference §1.2: addresses, interfaces, lists,
// packet size, ports, TCP flags, marks, connection state and bytes come before connection
// limit, content, layer7, limit and dst-limit), so that a stateful rule sees the same
// packets whichever order the two are in. Interfaces and address lists: a name against
// its own negation only (a bridge port and its bridge, or two lists, may share packets).
const char* disjoint(const simulate::Rule& a, const simulate::Rule& b) {
  if (a.protocol && b.protocol &&
      values_disjoint(*a.protocol, a.neg_protocol, *b.protocol, b.neg_protocol))
    return "protocol";
  if (a.src_address && b.src_address &&
      sets_disjoint(a.src_address->ranges, a.neg_src_address, b.src_address->ranges,
                    b.neg_src_address))
    return "src-address";
  if (a.dst_address && b.dst_address &&
      sets_disjoint(a.dst_address->ranges, a.neg_dst_address, b.dst_address->ranges,
                    b.neg_dst_address))
    return "dst-address";
  auto against_negation = [](int x, bool neg_x, int y, bool neg_y) {
    return x != 0 && x == y && neg_x != neg_y;
  };
  if (against_negation(a.in_interface, a.neg_in_interface, b.in_interface, b.neg_in_interface))
    return "in-interface";
  if (against_negation(a.out_interface, a.neg_out_interface, b.out_interface, b.neg_out_interface))
    return "out-interface";
  if (against_negation(a.in_list, a.neg_in_list, b.in_list, b.neg_in_list))
    return "in-interface-list";
  if (against_negation(a.out_list, a.neg_out_list, b.out_list, b.neg_out_list))
    return "out-interface-list";
  if (against_negation(a.src_list, a.neg_src_list, b.src_list, b.neg_src_list))
    return "src-address-list";
  if (against_negation(a.dst_list, a.neg_dst_list, b.dst_list, b.neg_dst_list))
    return "dst-address-list";
  if (a.packet_size && b.packet_size && !a.neg_packet_size && !b.neg_packet_size &&
      !meet(Ranges<std::uint32_t>{*a.packet_size}, Ranges<std::uint32_t>{*b.packet_size}))
    return "packet-size";
  if (a.dst_port && b.dst_port &&
      sets_disjoint(a.dst_port->ranges, a.neg_dst_port, b.dst_port->ranges, b.neg_dst_port))
    return "dst-port";
  if (a.src_port && b.src_port &&
      sets_disjoint(a.src_port->ranges, a.neg_src_port, b.src_port->ranges, b.neg_src_port))
    return "src-port";
  if (a.has_tcp_flags && b.has_tcp_flags &&
      ((a.tcp_set & b.tcp_clear) != 0 || (a.tcp_clear & b.tcp_set) != 0))
    return "tcp-flags";
  if (a.packet_mark && b.packet_mark &&
      values_disjoint(*a.packet_mark, a.neg_packet_mark, *b.packet_mark, b.neg_packet_mark))
    return "packet-mark";
  if (a.connection_mark && b.connection_mark &&
      values_disjoint(*a.connection_mark, a.neg_connection_mark, *b.connection_mark,
                      b.neg_connection_mark))
    return "connection-mark";
  constexpr std::uint8_t kAllStates = simulate::kStateNew | simulate::kStateEstablished |
                                      simulate::kStateRelated | simulate::kStateInvalid |
                                      simulate::kStateUntracked;
  auto states = [&](const simulate::Rule& r) {
    return static_cast<std::uint8_t>(r.neg_connection_state ? ~r.connection_state & kAllStates
                                                            : r.connection_state);
  };
  if (a.connection_state != 0 && b.connection_state != 0 && (states(a) & states(b)) == 0)
    return "connection-state";
  auto bytes = [](const simulate::Rule& r) {  // to 0: no upper bound
    return Ranges<std::uint64_t>{
        {r.connection_bytes->first, r.connection_bytes->second == 0
                                        ? std::numeric_limits<std::uint64_t>::max()
                                        : r.connection_bytes->second}};
  };
  if (a.connection_bytes && b.connection_bytes && !a.neg_connection_bytes &&
      !b.neg_connection_bytes && !meet(bytes(a), bytes(b)))
    return "connection-bytes";
  return nullptr;
}

// ---- members of a run ----------------------------------------------------------------

// A terminating rule, with what the proof and the sort need.
struct Member {
  std::size_t slot = 0;  // index in Ruleset::items
  std::string id;
  const simulate::Rule* rule = nullptr;
  std::string effect;       // "drop", "reject tcp-reset", "jump rosgen-cafe-per-host-verdict"
  std::string stateful;     // a matcher whose state depends on the packets it sees, or ""
  std::string side_effect;  // "log=yes", "its chain logs", or ""
  double cost = 1, p = 1;
  bool estimated = false;  // some matcher has an estimate of P in the model

  double key() const { return p > 0 ? cost / p : std::numeric_limits<double>::infinity(); }
};

bool terminating(Action action) {
  return action == Action::Accept || action == Action::Drop || action == Action::Reject ||
         action == Action::Tarpit;
}

std::string stateful_matcher(const simulate::Rule& rule) {
  if (rule.connection_limit)
    return "connection-limit";
  if (rule.layer7 >= 0)
    return "layer7-protocol";
  if (rule.limit)
    return "limit";
  if (rule.dst_limit)
    return "dst-limit";
  return "";
}

bool logs(const ir::Item& item) {
  const std::string* log = item.get("log");
  return log != nullptr && (*log == "yes" || *log == "true");
}

class Pass {
 public:
  Pass(ir::Ruleset& ruleset, const RuleModel& model) : ruleset_(ruleset), model_(model) {
    routeros::RouterState state;
    for (std::size_t i = 0; i < ruleset.items.size(); ++i) {
      if (ruleset.items[i].menu != ir::Menu::Filter)
        continue;
      slots_.push_back(i);
      state.items(ir::Menu::Filter).push_back(ruleset.items[i]);
    }
    rules_ = simulate::compile_rules(state, ruleset.routeros);
    by_position_.assign(slots_.size(), -1);
    for (std::size_t r = 0; r < rules_.rules.size(); ++r)
      by_position_[rules_.rules[r].position] = static_cast<int>(r);
  }

  std::vector<Run> run();

 private:
  const ir::Item& item(std::size_t position) const { return ruleset_.items[slots_[position]]; }

  std::string id_of(std::size_t position) const {
    const std::string* comment = item(position).get("comment");
    const std::string tag = "rosgen:" + ruleset_.policy + ":";
    if (comment == nullptr)
      return "filter item " + std::to_string(position);
    return comment->rfind(tag, 0) == 0 ? comment->substr(tag.size()) : *comment;
  }

  std::string name(int id) const {  // an interned name without its kind ("mark:")
    const std::string& full = rules_.names.name(id);
    return full.substr(full.find(':') + 1);
  }

  std::optional<Member> member(std::size_t position) const;
  void model(Member& m) const;
  void order(std::vector<Member>& members, const std::string& chain, std::vector<Run>& out);

  ir::Ruleset& ruleset_;
  const RuleModel& model_;
  std::vector<std::size_t> slots_;  // the filter items' indices in ruleset_.items
  simulate::Rules rules_;
  std::vector<int> by_position_;  // filter position -> index in rules_.rules (-1: disabled)
};

// The member at filter position `position`, or nullopt when the rule ends a run.
std::optional<Member> Pass::member(std::size_t position) const {
  int index = by_position_[position];
  if (index < 0)
    return std::nullopt;  // disabled
  const simulate::Rule& rule = rules_.rules[static_cast<std::size_t>(index)];
  if (!rule.unmodeled.empty())
    return std::nullopt;
  Member m;
  m.slot = slots_[position];
  m.id = id_of(position);
  m.rule = &rule;
  m.stateful = stateful_matcher(rule);
  m.side_effect = logs(item(position)) ? "log=yes" : "";
  if (terminating(rule.action)) {
    m.effect = rule.action_name + (rule.reject_with.empty() ? "" : " " + rule.reject_with);
  } else if (rule.action == Action::Jump && rule.jump_target >= 0) {
    // A verdict chain: every rule in it ends the packet or has only a side effect, and
    // its last rule matches every packet this jump sends there.
    const std::vector<int>& chain =
        rules_.filter.chains[static_cast<std::size_t>(rule.jump_target)];
    if (chain.empty())
      return std::nullopt;
    for (int v : chain) {
      const simulate::Rule& step = rules_.rules[static_cast<std::size_t>(v)];
      const ir::Item& step_item = item(step.position);
      if (!step.unmodeled.empty())
        return std::nullopt;
      bool side = step.action == Action::Log || step.action == Action::AddSrcToAddressList ||
                  step.action == Action::AddDstToAddressList;
      if (!terminating(step.action) && !side && step.action != Action::Passthrough)
        return std::nullopt;
      if (m.stateful.empty())
        m.stateful = stateful_matcher(step);
      if (m.side_effect.empty() && (side || logs(step_item)))
        m.side_effect = "its chain " + step.action_name + (logs(step_item) ? " (log=yes)" : "");
    }
    const simulate::Rule& last = rules_.rules[static_cast<std::size_t>(chain.back())];
    if (!terminating(last.action))
      return std::nullopt;
    const ir::Item& jump = item(position);
    for (const ir::Property& p : item(last.position).properties) {
      const std::string* same = jump.get(p.name);
      if (!simulate::is_descriptive(p.name) && (same == nullptr || *same != p.value))
        return std::nullopt;
    }
    m.effect = "jump " + *jump.get("jump-target");
  } else {
    return std::nullopt;
  }
  model(m);
  return m;
}

// P(match) and cost of a member (commute.hpp: RuleModel and the constants).
void Pass::model(Member& m) const {
  const simulate::Rule& rule = *m.rule;
  auto share = [&](const std::map<std::string, double>& known, const std::string& key, bool neg) {
    auto it = known.find(key);
    if (it == known.end())
      return 1.0;
    m.estimated = true;
    double p = std::clamp(it->second, 0.0, 1.0);
    return neg ? 1 - p : p;
  };
  double reach = 1;  // P(the packet passes the matchers evaluated so far)
  if (rule.src_list != 0)
    reach *= share(model_.lists, name(rule.src_list), rule.neg_src_list);
  if (rule.dst_list != 0)
    reach *= share(model_.lists, name(rule.dst_list), rule.neg_dst_list);
  if (rule.connection_mark && *rule.connection_mark != 0)
    reach *= share(model_.marks, name(*rule.connection_mark), rule.neg_connection_mark);
  double cost = 1;
  if (rule.connection_limit) {
    m.estimated = true;
    cost += kConnectionLimitCost * reach;
    double cap = std::clamp(model_.cap_share, 0.0, 1.0);
    reach *= rule.neg_connection_limit ? 1 - cap : cap;
  }
  if (rule.content)
    cost += kContentCost * reach;
  if (rule.layer7 >= 0)
    cost += kLayer7Cost * reach;
  if (rule.limit)
    cost += kLimitCost * reach;
  if (rule.dst_limit)
    cost += kDstLimitCost * reach;
  m.cost = cost;
  m.p = reach;
}

// Whether two members commute, and the reason in words (built only when the report names
// the pair: the insertion below tests every pair it passes).
struct Proof {
  bool commute = false;
  const char* disjoint_on = nullptr;  // the matcher that proves no packet matches both

  std::string why(const Member& a, const Member& b) const {
    if (disjoint_on != nullptr)
      return std::string("disjoint (") + disjoint_on + ")";
    if (commute)
      return "same action (" + a.effect + ")";
    if (a.effect != b.effect)
      return "different actions (" + a.effect + ", " + b.effect +
             ") on matches not proved disjoint";
    for (const Member* m : {&a, &b}) {
      if (!m->stateful.empty())
        return m->id + " keeps state (" + m->stateful +
               ") that depends on the packets it sees, on matches not proved disjoint";
      if (!m->side_effect.empty())
        return m->id + " has a side effect (" + m->side_effect + ") on matches not proved disjoint";
    }
    return "";
  }
};

Proof commute(const Member& a, const Member& b) {
  if (const char* on = disjoint(*a.rule, *b.rule))
    return {true, on};
  bool plain =
      a.stateful.empty() && b.stateful.empty() && a.side_effect.empty() && b.side_effect.empty();
  return {a.effect == b.effect && plain, nullptr};
}

// The first few by name, then how many more: a long run must not make the report
// quadratic.
constexpr std::size_t kNamed = 6;

std::string named_list(const std::vector<std::string>& ids) {
  std::string out;
  for (std::size_t k = 0; k < std::min(ids.size(), kNamed); ++k) out += (k ? ", " : "") + ids[k];
  if (ids.size() > kNamed)
    out += " and " + std::to_string(ids.size() - kNamed) + " more";
  return out;
}

double expected_cost(const std::vector<Member>& members, const std::vector<std::size_t>& order) {
  double total = 0, reach = 1;
  for (std::size_t k : order) {
    total += reach * members[k].cost;
    reach *= 1 - members[k].p;
  }
  return total;
}

// A stable insertion by key: a member moves ahead of its neighbour only when both have an
// estimate of P, its key is strictly smaller and the two commute. Every pair that ends up inverted
// was inverted by one such swap (a member only ever passes members written before it), so every
// inverted pair commutes.
void Pass::order(std::vector<Member>& members, const std::string& chain, std::vector<Run>& out) {
  if (members.size() < 2)
    return;
  Run run;
  run.chain = chain;
  std::vector<std::size_t> order(members.size());
  std::iota(order.begin(), order.end(), 0);
  for (const Member& m : members) run.written.push_back(m.id);
  for (std::size_t i = 1; i < order.size(); ++i) {
    const Member& x = members[order[i]];
    std::vector<std::pair<std::size_t, Proof>> passed;  // member, proof
    for (std::size_t j = i; j > 0; --j) {
      const Member& y = members[order[j - 1]];
      if (!x.estimated || !y.estimated || !(x.key() < y.key()))
        break;
      Proof proof = commute(x, y);
      if (!proof.commute) {
        run.kept.push_back(x.id + " stays behind " + y.id + ": " + proof.why(x, y));
        break;
      }
      passed.emplace_back(order[j - 1], proof);
      std::swap(order[j], order[j - 1]);
    }
    if (passed.empty())
      continue;
    auto why = [&](std::size_t k) { return passed[k].second.why(x, members[passed[k].first]); };
    std::size_t named = std::min(passed.size(), kNamed);
    bool one_reason = true;
    for (std::size_t k = 1; k < named; ++k) one_reason = one_reason && why(k) == why(0);
    one_reason = one_reason && passed.size() <= kNamed;
    std::string line = x.id + " ahead of ";
    for (std::size_t k = 0; k < named; ++k)
      line +=
          (k ? ", " : "") + members[passed[k].first].id + (one_reason ? "" : " (" + why(k) + ")");
    if (passed.size() > kNamed)
      line += " and " + std::to_string(passed.size() - kNamed) + " more";
    run.moves.push_back(line + (one_reason ? ": " + why(0) : ""));
  }
  std::vector<std::string> unestimated;
  for (const Member& m : members)
    if (!m.estimated)
      unestimated.push_back(m.id);
  std::string unknown = named_list(unestimated);
  if (!unknown.empty())
    run.kept.insert(run.kept.begin(), "no estimate of P for " + unknown +
                                          " (no matcher the model knows): nothing passes them");
  std::vector<std::size_t> written(members.size());
  std::iota(written.begin(), written.end(), 0);
  run.written_cost = expected_cost(members, written);
  run.emitted_cost = expected_cost(members, order);
  for (std::size_t k : order) run.emitted.push_back(members[k].id);
  if (!run.moves.empty()) {
    // Back into the run's slots. The first rule's remarks describe the place (lowering
    // writes a chain's remarks on its first rule): they stay at the top.
    std::vector<ir::Item> items;
    for (std::size_t k : order) items.push_back(ruleset_.items[members[k].slot]);
    if (order[0] != 0) {
      auto first =
          static_cast<std::size_t>(std::find(order.begin(), order.end(), 0) - order.begin());
      std::vector<std::string> top = std::move(items[first].remarks);
      items[first].remarks.clear();
      top.insert(top.end(), items[0].remarks.begin(), items[0].remarks.end());
      items[0].remarks = std::move(top);
    }
    items[0].remarks.push_back("rule order: the next " + std::to_string(items.size()) +
                               " rules, cheapest per match first where two provably commute "
                               "(rosgen compile --explain)");
    for (std::size_t k = 0; k < members.size(); ++k)
      ruleset_.items[members[k].slot] = std::move(items[k]);
  }
  out.push_back(std::move(run));
}

std::vector<Run> Pass::run() {
  // Each chain's filter positions in order, chains in order of their first rule.
  std::vector<std::string> chains;
  std::map<std::string, std::vector<std::size_t>> positions;
  for (std::size_t position = 0; position < slots_.size(); ++position) {
    const std::string* chain = item(position).get("chain");
    std::string name = chain != nullptr ? *chain : "";
    if (positions.find(name) == positions.end())
      chains.push_back(name);
    positions[name].push_back(position);
  }
  // Members first, all of them, before any item moves (they point into rules_).
  std::vector<std::pair<std::string, std::vector<Member>>> runs;
  for (const std::string& chain : chains) {
    std::vector<Member> current;
    for (std::size_t position : positions[chain]) {
      if (std::optional<Member> m = member(position)) {
        current.push_back(std::move(*m));
        continue;
      }
      runs.emplace_back(chain, std::move(current));
      current.clear();
    }
    runs.emplace_back(chain, std::move(current));
  }
  std::vector<Run> out;
  for (auto& [chain, members] : runs) order(members, chain, out);
  return out;
}

}  // namespace

RuleModel rule_model(const sema::Policy& policy, const SignatureProbability& probability) {
  RuleModel model;
  const std::string& name = policy.site.policy;
  model.lists[owned(name, "quarantine")] = kQuarantineShare;
  for (const sema::Rule& rule : policy.rules) {
    if (const auto* cap = std::get_if<sema::Cap>(&rule)) {
      if (cap->verdict.throttle_bps)  // the connections over the cap carry its mark
        model.marks[owned(name, cap->name)] = kCapShare;
      continue;
    }
    const auto* signature = std::get_if<sema::Signature>(&rule);
    if (signature == nullptr)
      continue;
    FragmentProbability p_of = probability(signature->name);
    std::size_t n = signature->stages.size();
    bool sequence = signature->conjunction == sema::Conjunction::Sequence && n > 1;
    double reach = 1;
    for (std::size_t k = 0; k < n; ++k) {
      reach *= stage_probability(signature->stages[k], p_of);
      if (sequence && k + 1 < n)  // the mark after stage k + 1 (lower_signature.cpp)
        model.marks[owned(name, signature->name + "-" + std::to_string(k + 1))] = reach;
    }
    model.marks[owned(name, signature->name)] = reach;
  }
  return model;
}

std::vector<Run> order_rules(ir::Ruleset& ruleset, const RuleModel& model) {
  return Pass(ruleset, model).run();
}

std::string explain_rule_order(const std::vector<Run>& runs) {
  std::string out =
      "\nrule order: runs of filter rules that end every packet they match, cheapest per "
      "match first (cost / P ascending), a rule moving ahead of another only when the two "
      "provably commute (no packet matches both, or the same action and no state)\n";
  out += "  cost in rule visits (connection-limit +" + number(kConnectionLimitCost) +
         " on the packets that reach it); P: a signature's mark from its stages, a cap's "
         "connection-limit " +
         number(kCapShare) + ", the quarantine list " + number(kQuarantineShare) +
         ", any other matcher 1; a rule with none of these has no estimate and keeps its "
         "place\n";
  if (runs.empty())
    return out + "  no chain has two such rules in a row: nothing to reorder\n";
  double written = 0, emitted = 0;
  for (const Run& run : runs) {
    written += run.written_cost;
    emitted += run.emitted_cost;
    out += "  " + run.chain + " [" + named_list(run.written) + "]: ";
    if (run.moves.empty()) {
      out +=
          "kept as written: " +
          (run.kept.empty() ? std::string("already cheapest per match first") : run.kept.front()) +
          "; expected cost " + fixed(run.written_cost, "%.3f") + " per packet\n";
      for (std::size_t k = 1; k < run.kept.size(); ++k) out += "    " + run.kept[k] + "\n";
      continue;
    }
    out += "expected cost " + fixed(run.written_cost, "%.3f") + " -> " +
           fixed(run.emitted_cost, "%.3f") + " per packet\n";
    for (const std::string& move : run.moves) out += "    moved: " + move + "\n";
    for (const std::string& kept : run.kept) out += "    kept: " + kept + "\n";
  }
  out += "  total over " + std::to_string(runs.size()) +
         " run(s), per packet entering each: written " + fixed(written, "%.3f") + ", emitted " +
         fixed(emitted, "%.3f") + "\n";
  return out;
}

}  // namespace rosgen::optimise
