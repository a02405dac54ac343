// `rosgen compile --explain --against SCRIPT`: a static model of the content tests another
// RouterOS script (the forum recipe, the operator's own rules) costs a packet at each of the
// policy's signature gates, in the same unit as explain.hpp's figures, without traffic.
// This file declares the model (against_cost(), in against.cpp) and its text
// (render_against(), render_against_model(), in against_report.cpp); explain.cpp places that
// text in the report.
//
// The model, for one gate (the signature's protocol, destination ports and window, packets
// from the clients), walks the script's firewall rules in the order the router runs them for
// such a packet (forwarded: raw prerouting, mangle prerouting, mangle forward, filter
// forward, mangle postrouting; to the router itself, the policy's 'hook input': raw
// prerouting, mangle prerouting, mangle input, filter input), following jump and return.
// Every matcher of a rule holds with a probability interval [lo, hi]:
//  - decided exactly: protocol, dst-port (per port class, below), src-address against the
//    policy's clients, in-/out-interface against the policy's interfaces, connection-bytes
//    against the window (when they contain or exclude it), content= (p from the same
//    FragmentProbability as the policy's stages, case-sensitive), connection-mark= /
//    packet-mark= (the probability that a rule walked before set that mark on this packet);
//  - anything else "may match", [0, 1]: counted as holding where that costs more (reaching
//    the rule, entering a jump, setting a mark), never as stopping a packet. An upper bound
//    on the cost; the names are reported.
// Matchers are taken as independent. A rule whose decided matchers cannot hold is skipped;
// else it costs, per gate packet, one content test (content=) on the packets that reach it
// and pass its other matchers (RouterOS tests content= after all of them but layer7-protocol,
// limit and dst-limit), and one layer7 evaluation (layer7-protocol=) on those that also hold
// its content. A terminating match (accept, drop, reject, tarpit, return, passthrough=no)
// with probability q lowers the reach of the rest of its chain by (1 - q); a drop, reject or
// tarpit also lowers the reach of the later built-in chains.
// Port classes: the gate's ports are split where the script's dst-port= and port= lists
// start and end; each class is walked once with one of its ports (they all decide alike).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "optimise/cover.hpp"
#include "routeros/script_reader.hpp"
#include "sema/model.hpp"
#include "simulate/rules.hpp"

namespace rosgen::optimise {

// The other script, read (routeros::read_script) and compiled (simulate::compile_rules).
struct AgainstScript {
  std::string name;  // the path as given on the command line
  simulate::Rules rules;
  // Statements the reader kept as opaque (not modeled): the walk cannot see them.
  std::vector<routeros::OpaqueStatement> not_read;
};

// What one rule of the script costs per gate packet (upper bounds).
struct RuleTests {
  std::size_t rule = 0;  // index into simulate::Rules::rules
  double content = 0;    // content tests
  double layer7 = 0;     // layer7 evaluations
  bool operator==(const RuleTests&) const = default;
};

// The cost for the gate packets to one class of the gate's ports.
struct PortClassCost {
  std::vector<sema::PortRange> ports;  // sorted, merged
  double content_tests = 0;            // per gate packet
  double layer7 = 0;                   // per gate packet
  std::vector<RuleTests> rules;        // the rules that cost something, in walk order
};

// How many case forms of one nocase literal of the signature hold a content= string of a
// rule the walk evaluated (a packet holding such a form matches that rule's content test).
struct FormsHeld {
  std::string literal;      // as written in the policy
  std::uint64_t held = 0;   // forms that hold one of the script's strings
  std::uint64_t forms = 0;  // 2^letters
  bool counted = true;      // false past 65,536 forms (not enumerated)
  bool operator==(const FormsHeld&) const = default;
};

struct AgainstCost {
  std::vector<PortClassCost> classes;  // by first port; classes that cost alike are merged
  std::vector<FormsHeld> forms;        // per nocase literal, in stage order
  // Matchers taken as "may match" -> the rules (indices) the walk evaluated them on.
  std::map<std::string, std::set<std::size_t>> undecided;
  bool forwarded = true;   // the path walked: forwarded (else to the router, 'hook input')
  bool fasttrack = false;  // an action=fasttrack-connection rule was evaluated

  double content_tests() const;  // the largest over the classes (the costliest port)
  double layer7() const;         // the largest over the classes
};

// The model above for the gate of `signature` on the router described by `site` (clients,
// interfaces, hook), with P(content) from `probability` (the signature's). In: the compiled
// script. Out: the cost per port class, the case forms held, the undecided matchers. Same
// input, same output.
AgainstCost against_cost(const simulate::Rules& script, const sema::Signature& signature,
                         const sema::Site& site, const FragmentProbability& probability);

// The per-signature lines of the report: "  against NAME: ..." and, indented below, the
// port classes, the rules that cost something and the case forms held.
std::string render_against(const AgainstCost& cost, const AgainstScript& script);

// The closing section: the model's assumptions, with the undecided matchers of every
// signature's walk (`costs`) and the rules they were met on.
std::string render_against_model(const std::vector<AgainstCost>& costs, const AgainstScript& script,
                                 const sema::Site& site);

}  // namespace rosgen::optimise
