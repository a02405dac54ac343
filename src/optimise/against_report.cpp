// The text of the --against model (see against.hpp): the per-signature lines and the
// closing section with the model's assumptions.
#include <algorithm>
#include <cstdio>

#include "emit/quote.hpp"
#include "optimise/against.hpp"
#include "optimise/text.hpp"
#include "profile/profile.hpp"

namespace rosgen::optimise {

namespace {

// "mangle rule 1 (chain=forward) \"recipe: CONNECT seen\"": print's number, the comment.
std::string describe(const simulate::Rule& rule) {
  std::string menu(ir::menu_short_name(rule.menu));
  std::string out = menu + " rule " + std::to_string(rule.position) + " (chain=" + rule.chain + ")";
  std::string unnamed = out.substr(0, out.size() - 1) + " action=" + rule.action_name + ")";
  if (rule.label != unnamed)  // compile_rules() labels a rule without a comment so
    out += " " + emit::quote_value(rule.label, true);
  return out;
}

std::string rule_lines(const PortClassCost& cost, const simulate::Rules& rules,
                       const std::string& indent) {
  std::string out;
  for (const RuleTests& tests : cost.rules) {
    const simulate::Rule& rule = rules.rules[tests.rule];
    out += indent + describe(rule) + ":";
    if (rule.content)
      out += std::string(" content=") + (rule.neg_content ? "!" : "") +
             emit::quote_value(*rule.content, true) + " on " + fixed(tests.content, "%.3g") +
             " of the gate's packets" + (tests.layer7 > 0 ? ";" : "");
    if (tests.layer7 > 0)
      out += " layer7-protocol=" +
             (rule.layer7 >= 0 ? rules.layer7[static_cast<std::size_t>(rule.layer7)].name
                               : std::string("?")) +
             " on " + fixed(tests.layer7, "%.3g") + " of the gate's packets";
    out += "\n";
  }
  return out;
}

}  // namespace

std::string render_against(const AgainstCost& cost, const AgainstScript& script) {
  auto figures = [](double tests, double layer7) {
    return fixed(tests) + " content tests, " + fixed(layer7) + " layer7 evaluations";
  };
  std::string out = "  against " + script.name + ": ";
  if (cost.classes.size() == 1) {
    out += figures(cost.content_tests(), cost.layer7()) + " per gate packet\n" +
           rule_lines(cost.classes.front(), script.rules, "    ");
  } else {
    out += "up to " + fixed(cost.content_tests()) + " content tests and " + fixed(cost.layer7()) +
           " layer7 evaluations per gate packet (its costliest ports)\n";
    for (const PortClassCost& c : cost.classes) {
      bool one = c.ports.size() == 1 && c.ports.front().first == c.ports.front().last;
      out += std::string("    port") + (one ? " " : "s ") + profile::ports_text(c.ports) + ": " +
             figures(c.content_tests, c.layer7) + "\n" + rule_lines(c, script.rules, "      ");
    }
  }
  if (!cost.forms.empty()) {
    out += "    case forms its content= strings hold:";
    for (std::size_t i = 0; i < cost.forms.size(); ++i) {
      const FormsHeld& f = cost.forms[i];
      out += std::string(i ? ", " : " ") + "nocase " + f.literal + " " +
             (f.counted ? std::to_string(f.held) : std::string("(not counted)")) + " of " +
             (f.forms ? std::to_string(f.forms) : std::string("2^64 and more"));
    }
    out += "\n";
  }
  return out;
}

std::string render_against_model(const std::vector<AgainstCost>& costs, const AgainstScript& script,
                                 const sema::Site& site) {
  bool forwarded =
      std::find(site.hooks.begin(), site.hooks.end(), sema::Hook::Forward) != site.hooks.end();
  std::string from = "a client";
  if (site.clients) {
    from += " (";
    for (std::size_t i = 0; i < site.clients->prefixes.size(); ++i)
      from += (i ? ", " : "") + site.clients->prefixes[i].text();
    from += ")";
  }
  auto via = [](const std::optional<sema::Interface>& i) {
    return i ? (i->is_list ? "interface list " : "") + i->name : std::string("?");
  };
  std::string out = "\nthe --against model of " + script.name +
                    " (static: its rules walked for one packet at each gate, no traffic):\n";
  out += "  - the packet goes from " + from + ", in on " + via(site.client_interface) +
         ", to one of the gate's ports within its window, " +
         (forwarded ? "and is forwarded (out on " + via(site.uplink) +
                          "): raw prerouting, mangle prerouting, mangle forward, filter "
                          "forward, mangle postrouting"
                    : std::string("to the router itself ('hook input'): raw prerouting, mangle "
                                  "prerouting, mangle input, filter input")) +
         ", following jump and return; the script alone, without this policy's rules\n";
  out +=
      "  - a rule is skipped (no cost) when its protocol, dst-port, port, src-address, "
      "in-/out-interface or connection-bytes cannot hold for the packet, or a mark it needs is "
      "never set; the gate's ports are split where the script's port lists start and end, "
      "and a signature's figure is its costliest ports\n";
  out +=
      "  - content=\"X\" holds with the p the emitted stages' figures use (X case-sensitive, at "
      "the gate) and costs one test on the packets that reach its rule and hold its other "
      "matchers (RouterOS tests content= after all but layer7-protocol, limit and dst-limit); "
      "layer7-protocol= costs one evaluation on those that also hold its content=\n";
  out +=
      "  - connection-mark=M and packet-mark=M hold with the probability that a rule walked "
      "before set M on the same packet (a mark from an earlier packet of the connection is "
      "not carried, as for the emitted in-sequence stages); matchers are taken as "
      "independent\n";
  out +=
      "  - a match that ends its chain (accept, drop, reject, tarpit, return, passthrough=no) "
      "with probability q lowers the reach of the rest of the chain by (1 - q); drop, reject "
      "and tarpit also of the later built-in chains\n";
  std::map<std::string, std::set<std::size_t>> undecided;
  bool fasttrack = false;
  for (const AgainstCost& cost : costs) {
    fasttrack |= cost.fasttrack;
    for (const auto& [name, rules] : cost.undecided)
      undecided[name].insert(rules.begin(), rules.end());
  }
  if (undecided.empty()) {
    out += "  - every matcher met was decided: none was taken as \"may match\"\n";
  } else {
    out +=
        "  - taken as \"may match\" (holding where that costs more: reaching a rule, jumping, "
        "setting a mark; never stopping a packet), so the figures are upper bounds:";
    bool first = true;
    for (const auto& [name, rules] : undecided) {
      out += std::string(first ? " " : "; ") + name + " (" + std::to_string(rules.size()) +
             (rules.size() == 1 ? " rule: " : " rules: ");
      first = false;
      std::size_t shown = 0;
      for (std::size_t index : rules) {
        if (shown == 4) {
          out += ", ...";
          break;
        }
        const simulate::Rule& rule = script.rules.rules[index];
        out += std::string(shown++ ? ", " : "") + std::string(ir::menu_short_name(rule.menu)) +
               " " + std::to_string(rule.position);
      }
      out += ")";
    }
    out += "\n";
  }
  // Statements of the firewall menus, or that may be anything, the reader kept opaque.
  std::vector<const routeros::OpaqueStatement*> unseen;
  for (const routeros::OpaqueStatement& statement : script.not_read)
    if (statement.menu == "/ip firewall filter" || statement.menu == "/ip firewall mangle" ||
        statement.menu == "/ip firewall raw" || statement.menu == "/ip firewall layer7-protocol" ||
        statement.menu.starts_with("("))
      unseen.push_back(&statement);
  if (!unseen.empty()) {
    out += "  - not read, so not walked (the reader does not model them): " +
           std::to_string(unseen.size()) + " statement(s) of the firewall tables or of scripting:";
    for (std::size_t i = 0; i < unseen.size() && i < 5; ++i)
      out += std::string(i ? ", " : " ") + "line " + std::to_string(unseen[i]->line) + " (" +
             unseen[i]->menu + ": " + unseen[i]->reason + ")";
    out += unseen.size() > 5 ? ", ...\n" : "\n";
  }
  if (fasttrack)
    out +=
        "  - action=fasttrack-connection is taken as fast-tracking nothing: on the router, later "
        "packets of a fast-tracked connection skip mangle and filter (fewer tests than shown)\n";
  out +=
      "  - a case form of a nocase literal is held when it contains the content= string of a "
      "rule the walk evaluated at its gate (whether the script then stops the connection is "
      "not checked)\n";
  return out;
}

}  // namespace rosgen::optimise
