// Rule order (issue 9 §2, third part): within one filter chain, a run of rules that end
// every packet they match (drop, reject, tarpit, accept, or a jump into a chain that always
// ends in one of them) is reordered cheapest per match first, and a rule moves ahead of
// another only when the two provably commute. This file owns the proof (two rules commute
// when no packet can match both, or when they do the same thing and neither keeps state
// that depends on which packets it sees), the pass's model of cost and P(match)
// (RuleModel and the constants below) and its `compile --explain` section.
// Entry points: rule_model(), order_rules(), explain_rule_order().
//
// Why the order matters and how it is chosen: every packet that enters a run visits its
// rules until one matches, so the expected cost per packet is
//   sum over i of cost_i x product over j < i of (1 - P_j),
// least when the rules are sorted by cost / P ascending (swap two neighbours: the order
// a, b is cheaper iff cost_a x P_b < cost_b x P_a). Ties keep the written order.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ir/ir.hpp"
#include "optimise/optimise.hpp"
#include "sema/model.hpp"

namespace rosgen::optimise {

// ---- the model -------------------------------------------------------------------------
// Cost unit: one rule visit (its cheap matchers: addresses, ports, marks, states). An
// expensive matcher adds its weight on the packets that reach it (RouterOS evaluates
// matchers in a fixed order, cheap ones first; reference §1.2). The weights are stated
// guesses, not measurements; in rosgen's own output only connection-limit occurs in a
// filter run, so only its weight against a rule visit matters. A jump into a verdict chain
// costs its own visit: the verdict chain's rules are paid by the packets the jump takes,
// whatever the order.
inline constexpr double kConnectionLimitCost = 4;  // the rule's table of connections per host
inline constexpr double kLimitCost = 1;            // limit=: one token bucket per rule
inline constexpr double kDstLimitCost = 2;         // dst-limit=: a hash lookup, then a bucket
inline constexpr double kContentCost = 4;          // content=: a substring search of the packet
inline constexpr double kLayer7Cost = 16;          // layer7-protocol=: a regexp over the data

// P(a cap's connection-limit matches | the packet reached it): a cap is written well above
// what a normal host opens (the café: 60 connections per host, 6 for mail), so only the
// excess connections of a misbehaving host match. 1 in 100 is a stated guess.
inline constexpr double kCapShare = 0.01;
// P(a packet's source, or destination, is in the quarantine list): hosts land there only
// when a signature flags them, a few bots among the clients. 1 in 100, the same guess.
inline constexpr double kQuarantineShare = 0.01;

// What the pass knows about the traffic at a filter rule. A matcher it has no estimate for
// (ports, protocol, connection-state, connection-bytes, ...: no profile counts the traffic
// outside the signatures' gates) is a factor 1 in a rule's P; a rule with no estimated
// matcher at all has no estimate of P, and the pass neither moves it nor moves anything
// across it (taking "unknown" as "matches everything" would float such rules to the top:
// on the shared SMTP captures, the FastTrack guard's port rules ahead of the mark that
// every SMTP connection carries after EHLO cost more rule visits, not fewer).
struct RuleModel {
  // P(a packet carries connection mark M), by mark name.
  std::map<std::string, double> marks;
  // P(a packet's address is in list L), by list name (src- and dst-address-list alike).
  std::map<std::string, double> lists;
  // P(connection-limit=... matches a packet that reaches it).
  double cap_share = kCapShare;
};

// The model for `policy`'s lowered rules: each signature's final connection mark (and, in
// sequence, the mark after stage k) with P = the product of its stages' P (a stage: any
// of its alternatives, taken as independent, at the signature's gate, from `probability`:
// a profile or the default per-byte model), so per packet at the gate, not scaled by the
// gate's share of the chain's traffic; a throttled cap's mark: kCapShare; the quarantine
// list: kQuarantineShare. Names follow lowering ("rosgen-<policy>-<name>").
RuleModel rule_model(const sema::Policy& policy, const SignatureProbability& probability);

// One run: the terminating rules between two rules that are not (or a chain's ends), in
// one chain, at least two of them.
struct Run {
  std::string chain;
  std::vector<std::string> written, emitted;  // the rules' ids, as written and as emitted
  // "smtp-bot.forward ahead of proxy-connect.forward.drop: disjoint (connection-mark)"
  std::vector<std::string> moves;
  // Why a rule whose move would have paid stayed: "per-host.forward stays behind ...".
  std::vector<std::string> kept;
  double written_cost = 0, emitted_cost = 0;  // expected cost per packet entering the run
  bool operator==(const Run&) const = default;
};

// Reorders the runs of terminating rules in every filter chain of `ruleset` (mangle rules
// mark, jump or return: none ends a packet's way through the table). A rule that is not a
// member ends a run and never moves, nor does any rule move across it: a jump into a
// chain that may return, return, log, passthrough, add-src/dst-to-address-list, a
// disabled rule, or one with a property the simulator's rule reader does not model.
// Members: drop, reject, tarpit, accept, and a jump into a chain whose rules are only
// those (or log/address-list side effects) and whose last rule matches every packet the
// jump sends there.
// A rule moves ahead of a neighbour (a stable insertion by cost / P) only when both have
// an estimate of P (RuleModel), its key is strictly smaller and the two commute: their
// matches are provably disjoint on a matcher RouterOS evaluates before any stateful one
// (protocol, addresses, interfaces and address lists against their negation, ports,
// packet-size, tcp-flags, packet and connection marks, connection-state,
// connection-bytes), or they have the same action (action, reject-with, jump-target) and
// neither keeps state that depends on the packets it sees (connection-limit, limit,
// dst-limit, layer7) nor has a side effect (log=yes, a verdict chain that logs or adds
// to an address list). The remarks of a run's first rule stay at the run's top, and a
// reordered run gets a "rule order:" remark. Returns every run of two or more, chain by
// chain (chains in the order of their first rule), each chain's runs in order.
std::vector<Run> order_rules(ir::Ruleset& ruleset, const RuleModel& model);

// The "rule order" section of `compile --explain`: per run its chain, the moves (or
// "kept as written: <reason>") and the expected cost per packet before and after.
std::string explain_rule_order(const std::vector<Run>& runs);

}  // namespace rosgen::optimise
