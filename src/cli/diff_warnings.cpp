// What `rosgen diff` warns about in the router's own configuration: the places where the
// operator's rules keep rosgen's from working (issue 8 §2). FastTrack without a guard,
// the guard's packets skipping operator rules, verdicts under an 'accept established'
// rule with 'anchor bottom', operator mark-connection rules that overwrite the
// connection marks rosgen's signatures and throttles count on, and operator layer7 rules
// that can classify a connection before rosgen's 'at start' checks; and a script compiled
// with another traffic profile than the diff's.
#include "cli/diff_warnings.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "routeros/state.hpp"

namespace rosgen::cli {

namespace {

const std::string* get(const ir::Item& item, const char* name) {
  return item.get(name);
}

bool enabled(const ir::Item& item) {
  const std::string* disabled = get(item, "disabled");
  return (disabled == nullptr || *disabled != "yes") && !routeros::is_dynamic(item);
}

bool owned(const ir::Item& item) {
  const std::string* comment = get(item, "comment");
  return comment != nullptr && comment->starts_with("rosgen:");
}

// "'defconf: drop invalid' (number 9 in the export)" or "the rule chain=forward
// action=drop (number 7 in the export)": print numbers of the menu as read.
std::string describe(const ir::Item& item, std::size_t position) {
  const std::string* comment = get(item, "comment");
  if (comment != nullptr && !comment->empty())
    return "'" + *comment + "' (number " + std::to_string(position) + " in the export)";
  const std::string* chain = get(item, "chain");
  const std::string* action = get(item, "action");
  return "the rule chain=" + (chain ? *chain : std::string("?")) +
         " action=" + (action ? *action : std::string("accept")) + " (number " +
         std::to_string(position) + " in the export)";
}

// Whether a rule with this connection-state matcher can match established or related
// packets (no matcher: yes; "!established" and the like: yes, conservatively).
bool can_see_established(const ir::Item& item) {
  const std::string* state = get(item, "connection-state");
  if (state == nullptr || state->starts_with("!"))
    return true;
  return state->find("established") != std::string::npos ||
         state->find("related") != std::string::npos;
}

// Inclusive port ranges of a dst-port value ("25,465,587", "8000-8080"); empty = any.
std::vector<std::pair<int, int>> ports_of(const ir::Item& item) {
  std::vector<std::pair<int, int>> out;
  const std::string* value = get(item, "dst-port");
  if (value == nullptr || value->starts_with("!"))
    return out;  // any, or a negation: treated as overlapping everything
  std::size_t start = 0;
  while (start <= value->size()) {
    std::size_t comma = value->find(',', start);
    std::string part = value->substr(start, comma == std::string::npos ? comma : comma - start);
    std::size_t dash = part.find('-');
    try {
      int low = std::stoi(part.substr(0, dash));
      int high = dash == std::string::npos ? low : std::stoi(part.substr(dash + 1));
      out.emplace_back(low, high);
    } catch (...) {
      return {};  // unreadable: treated as any
    }
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  return out;
}

// Whether two rules' protocol and dst-port matchers can match the same packet.
bool traffic_overlaps(const ir::Item& a, const ir::Item& b) {
  const std::string* pa = get(a, "protocol");
  const std::string* pb = get(b, "protocol");
  if (pa != nullptr && pb != nullptr && !pa->starts_with("!") && !pb->starts_with("!") &&
      *pa != *pb)
    return false;
  auto ra = ports_of(a);
  auto rb = ports_of(b);
  if (ra.empty() || rb.empty())
    return true;
  for (auto [la, ha] : ra) {
    for (auto [lb, hb] : rb) {
      if (la <= hb && lb <= ha)
        return true;
    }
  }
  return false;
}

void warn_fasttrack(const ir::Ruleset& ruleset, const routeros::RouterState& running,
                    const std::string& against, support::DiagnosticEngine& diags) {
  const auto& filter = running.items(ir::Menu::Filter);
  bool inspects = std::any_of(ruleset.items.begin(), ruleset.items.end(), [](const ir::Item& i) {
    return i.get("content") != nullptr || i.menu == ir::Menu::QueueTree ||
           i.get("new-connection-mark") != nullptr;
  });
  const auto& mangle = running.items(ir::Menu::Mangle);
  if (inspects && std::any_of(mangle.begin(), mangle.end(), routeros::enables_fasttrack)) {
    diags.warning({}, "'" + against +
                          "' fast-tracks connections from /ip firewall mangle "
                          "(action=fasttrack-connection there, a RouterOS 6 recipe): the "
                          "FastTrack guard only stands before the filter table's rule, so "
                          "connections this policy watches can still be fast-tracked; move "
                          "FastTrack to /ip firewall filter");
  }
  auto fasttrack = routeros::first_fasttrack(filter, "forward");
  if (!fasttrack || !inspects)
    return;
  if (ruleset.guards.empty()) {
    diags.warning({}, "'" + against +
                          "' fast-tracks connections (an enabled fasttrack-connection rule in "
                          "chain forward) and this policy has no FastTrack guard (it hooks no "
                          "forward chain): the connections FastTrack takes skip mangle, filter "
                          "and parent=global queues");
    return;
  }
  // The guard accepts the packets it keeps from FastTrack: they skip the operator's rules
  // below the fasttrack rule. The default firewall has only 'accept established,related'
  // (the same verdict) and rules for new or invalid packets there.
  for (std::size_t i = *fasttrack + 1; i < filter.size(); ++i) {
    const ir::Item& item = filter[i];
    const std::string* chain = get(item, "chain");
    const std::string* action = get(item, "action");
    if (!enabled(item) || owned(item) || chain == nullptr || *chain != "forward")
      continue;
    if (!can_see_established(item))
      continue;
    // A second fasttrack-connection rule is what the guard keeps packets from anyway.
    if (action == nullptr || *action == "accept" || *action == "passthrough" || *action == "log" ||
        *action == "fasttrack-connection")
      continue;
    diags.warning({},
                  "the FastTrack guard keeps watched connections out of FastTrack by "
                  "accepting their established packets just above '" +
                      against + "''s fasttrack-connection rule, so those packets skip " +
                      describe(item, i) + " (action=" + *action +
                      ") below it; move that rule above the fasttrack-connection rule if "
                      "it must see them");
  }
}

void warn_anchor_bottom(const ir::Ruleset& ruleset, const routeros::RouterState& running,
                        const std::string& against, support::DiagnosticEngine& diags) {
  if (ruleset.anchor_top)
    return;
  for (const ir::Item& anchor : ruleset.anchors) {
    const std::string* anchor_chain = get(anchor, "chain");
    const auto& items = running.items(anchor.menu);
    for (std::size_t i = 0; i < items.size(); ++i) {
      const ir::Item& item = items[i];
      const std::string* chain = get(item, "chain");
      const std::string* action = get(item, "action");
      const std::string* state = get(item, "connection-state");
      if (!enabled(item) || owned(item) || chain == nullptr || anchor_chain == nullptr ||
          *chain != *anchor_chain || action == nullptr || *action != "accept" || state == nullptr ||
          state->starts_with("!") || state->find("established") == std::string::npos)
        continue;
      diags.warning({}, "'anchor bottom': " + describe(item, i) + " in '" + against +
                            "' accepts established packets above this policy's anchor in " +
                            std::string(ir::menu_path(anchor.menu)) + " chain " + *anchor_chain +
                            ", so the policy's verdicts on established connections (signature "
                            "drops, the quarantine of open connections, throttles) never see "
                            "them; use 'anchor top' (the default)");
      break;
    }
  }
}

void warn_marks(const ir::Ruleset& ruleset, const routeros::RouterState& running,
                const std::string& against, support::DiagnosticEngine& diags) {
  // rosgen's connection-marked traffic: signature gates and mark-connection rules of the
  // hook chains (a signature's own chains only see what its gate lets in).
  std::vector<const ir::Item*> marked;
  for (const ir::Item& item : ruleset.items) {
    const std::string* target = get(item, "jump-target");
    const std::string* chain = get(item, "chain");
    if (chain != nullptr && chain->find("-sig-") != std::string::npos)
      continue;
    if (item.menu == ir::Menu::Mangle &&
        (get(item, "new-connection-mark") != nullptr ||
         (target != nullptr && target->find("-sig-") != std::string::npos)))
      marked.push_back(&item);
  }
  if (marked.empty())
    return;
  const auto& mangle = running.items(ir::Menu::Mangle);
  for (std::size_t i = 0; i < mangle.size(); ++i) {
    const ir::Item& item = mangle[i];
    const std::string* action = get(item, "action");
    if (!enabled(item) || owned(item) || action == nullptr || *action != "mark-connection")
      continue;
    // connection-mark=no-mark (only unmarked connections) or one of the operator's own
    // marks: rosgen's marked connections do not match it. A negation ("!x") may.
    const std::string* condition = get(item, "connection-mark");
    if (condition != nullptr && !condition->starts_with("!") && !condition->starts_with("rosgen-"))
      continue;
    // Every rosgen rule whose traffic it overlaps, named by its rule (the comment's id up
    // to the first '.': "smtp-bot" of "rosgen:cafe:smtp-bot.gate.forward").
    std::vector<std::string> names;
    for (const ir::Item* mine : marked) {
      if (!traffic_overlaps(item, *mine))
        continue;
      const std::string* comment = get(*mine, "comment");
      std::string id = comment != nullptr ? *comment : "?";
      std::size_t colon = id.find(':', 7);
      if (colon != std::string::npos)
        id = id.substr(colon + 1);
      id = id.substr(0, id.find('.'));
      if (std::find(names.begin(), names.end(), id) == names.end())
        names.push_back(id);
    }
    if (names.empty())
      continue;
    std::string list;
    for (const std::string& name : names) list += (list.empty() ? "'" : ", '") + name + "'";
    diags.warning({}, describe(item, i) + " in '" + against +
                          "' marks connections that this policy marks too (" + list +
                          "): a connection carries one connection mark, so it can overwrite "
                          "rosgen's and the signature or throttle loses its connection; add "
                          "connection-mark=no-mark to it so it marks only unmarked connections");
  }
}

// The operator's layer7 rules that a connection meets before rosgen's 'at start' checks:
// l7-filter classifies a connection once, by the first pattern that matches (reference
// §1.6; the simulator's model, simulate/layer7.hpp), so such a rule can take a connection
// rosgen's regexp was meant to see, and the data it feeds may start before the client's.
void warn_layer7(const ir::Ruleset& ruleset, const routeros::RouterState& running,
                 const std::string& against, support::DiagnosticEngine& diags) {
  const std::string prefix = "rosgen:" + ruleset.policy + ":";
  // Signatures with an anchored stage (their layer7 entries' ids: "<sig>.lit<k>.layer7"),
  // then their gates in the hook chains: the traffic they watch, and the built-in chain
  // (hook) it enters through.
  std::vector<std::string> anchored;
  for (const ir::Item& item : ruleset.items) {
    const std::string* comment = get(item, "comment");
    if (item.menu == ir::Menu::Layer7Protocol && comment != nullptr &&
        comment->starts_with(prefix)) {
      std::string id = comment->substr(prefix.size());
      anchored.push_back(id.substr(0, id.find(".lit")));
    }
  }

  struct Gate {
    const ir::Item* item;
    std::string signature;
    std::string hook;  // "forward" or "input"
  };

  std::vector<Gate> gates;
  for (const ir::Item& item : ruleset.items) {
    const std::string* comment = get(item, "comment");
    if (item.menu != ir::Menu::Mangle || comment == nullptr)
      continue;
    for (const std::string& sig : anchored) {
      for (const char* hook : {"forward", "input"}) {
        if (*comment == prefix + sig + ".gate." + hook)
          gates.push_back({&item, sig, hook});
      }
    }
  }
  if (gates.empty())
    return;
  const auto& mangle = running.items(ir::Menu::Mangle);
  // Where this policy's anchor sits in each built-in chain of the running table; where it
  // is not there yet, the push puts it at the top or, with 'anchor bottom', the end.
  auto before_anchor = [&](const std::string& chain, std::size_t index) {
    for (std::size_t j = 0; j < mangle.size(); ++j) {
      const std::string* comment = get(mangle[j], "comment");
      if (comment != nullptr && *comment == prefix + "anchor." + chain)
        return index < j;
    }
    return !ruleset.anchor_top;
  };
  for (std::size_t i = 0; i < mangle.size(); ++i) {
    const ir::Item& item = mangle[i];
    const std::string* protocol = get(item, "layer7-protocol");
    const std::string* chain = get(item, "chain");
    if (!enabled(item) || owned(item) || protocol == nullptr || chain == nullptr)
      continue;
    bool builtin = *chain == "prerouting" || *chain == "forward" || *chain == "input" ||
                   *chain == "output" || *chain == "postrouting";
    std::vector<std::string> names;
    for (const Gate& gate : gates) {
      // prerouting comes before forward and input; a rule of the hook's own chain counts
      // above the anchor; a rule in a chain of the operator's own may be jumped to from
      // anywhere (counted, conservatively).
      bool first = *chain == "prerouting" || !builtin ||
                   (*chain == gate.hook && before_anchor(gate.hook, i));
      if (first && traffic_overlaps(item, *gate.item) &&
          std::find(names.begin(), names.end(), gate.signature) == names.end())
        names.push_back(gate.signature);
    }
    if (names.empty())
      continue;
    std::string list;
    for (const std::string& name : names) list += (list.empty() ? "'" : ", '") + name + "'";
    diags.warning({}, describe(item, i) + " in '" + against + "' tests layer7-protocol=" +
                          *protocol + " before the 'at start' check of " + list +
                          " on the same traffic: layer7 classifies a connection once, by the "
                          "first pattern that matches (l7-filter; unverified on RouterOS), so "
                          "when its pattern matches first, rosgen's never can; place it below "
                          "this policy's anchor, or keep it off those ports");
  }
}

}  // namespace

void warn_running_configuration(const ir::Ruleset& ruleset, const routeros::RouterState& running,
                                const std::string& against, support::DiagnosticEngine& diags) {
  warn_fasttrack(ruleset, running, against, diags);
  warn_anchor_bottom(ruleset, running, against, diags);
  warn_marks(ruleset, running, against, diags);
  warn_layer7(ruleset, running, against, diags);
}

namespace {

// "profile built-in (sha256 0f7205176f4c...)", "profile 'home.toml' (sha256 ...)", "no
// profile (--no-optimise)".
std::string profile_text(const emit::ProfileName& profile) {
  if (profile.name.empty())
    return "no profile (--no-optimise)";
  std::string name = profile.name == "built-in" ? profile.name : "'" + profile.name + "'";
  return "profile " + name + " (sha256 " + profile.sha256.substr(0, 12) + "...)";
}

// How to compile as the script was, given what this diff uses.
std::string advice(const emit::ProfileName& script, const emit::ProfileName& used) {
  if (script.name.empty())
    return "pass --no-optimise, or the plan shows reorderings and covers that are only the "
           "optimiser's";
  std::string how;
  if (script.name == "built-in")
    how = used.name == "built-in" ? "compile with the rosgen that wrote it (its built-in profile "
                                    "differs from this one's)"
                                  : "leave out --profile";
  else if (script.name == "in memory")
    how = "pass --profile with the same profile";
  else
    how = "pass --profile with that file ('" + script.name + "')";
  if (used.name.empty())
    how = "leave out --no-optimise" + (script.name == "built-in" ? "" : " and " + how);
  return how + ", or the plan shows reorderings that are only the profile's";
}

}  // namespace

void warn_profile_mismatch(const std::shared_ptr<const support::SourceFile>& against,
                           const emit::ProfileName& used, support::DiagnosticEngine& diags) {
  auto line = emit::find_profile_line(against->text());
  if (!line || line->profile.sha256 == used.sha256)
    return;
  auto begin = static_cast<std::uint32_t>(line->offset);
  diags.warning({against, begin, static_cast<std::uint32_t>(begin + line->length)},
                "the rules in '" + against->name() + "' were compiled with " +
                    profile_text(line->profile) + "; this diff uses " + profile_text(used) + ": " +
                    advice(line->profile, used));
}

}  // namespace rosgen::cli
