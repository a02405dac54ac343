// Lowering: checked policy -> IR items. See lower.hpp for the shape of the output.
// Every item gets comment="rosgen:<policy>:<id>", the id built from rule names and
// roles (never positions), so that editing one rule leaves the other ids alone.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "lower/case_variants.hpp"
#include "lower/likelihood.hpp"
#include "lower/lower_parts.hpp"
#include "sema/check.hpp"

namespace rosgen::lower {

namespace detail {

std::string hex(std::uint64_t value, int digits) {
  static const char kHex[] = "0123456789abcdef";
  std::string out(static_cast<std::size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kHex[value & 15];
    value >>= 4;
  }
  return out;
}

// "25,465,587" or "8000-8080"; empty for every port of the protocol. Canonical and as
// short as it can be: sorted, with overlapping and adjacent ranges merged ("tcp 25, 25,
// 1-100, 50, 101, 20-30" is "1-101"; all 65,535 ports are "1-65535", not 65,535 entries),
// the form routeros::canonical_value gives an export's list. Whether RouterOS caps the
// number of entries in one dst-port (iptables' multiport takes 15) is not verified: a
// long list of separate ports is written as it is.
std::string port_list(const sema::PortSet& ports) {
  std::vector<sema::PortRange> sorted = ports.ranges;
  std::sort(sorted.begin(), sorted.end(), [](const sema::PortRange& a, const sema::PortRange& b) {
    return a.first != b.first ? a.first < b.first : a.last < b.last;
  });
  std::vector<sema::PortRange> merged;
  for (const sema::PortRange& range : sorted) {
    if (!merged.empty() && std::uint32_t{range.first} <= std::uint32_t{merged.back().last} + 1)
      merged.back().last = std::max(merged.back().last, range.last);
    else
      merged.push_back(range);
  }
  std::string out;
  for (const sema::PortRange& range : merged) {
    if (!out.empty())
      out += ',';
    out += std::to_string(range.first);
    if (range.last != range.first)
      out += "-" + std::to_string(range.last);
  }
  return out;
}

// A C-like rendering of literal bytes for remarks ("CONNECT ", "\r\n").
std::string printable_literal(const sema::Literal& literal) {
  std::string out = literal.nocase ? "nocase \"" : "\"";
  for (char ch : literal.bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += "\\x" + hex(c, 2);
    }
  }
  return out + "\"";
}

std::string fixed(double value, const char* format) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

void Lowerer::register_list(const sema::AddressSet& set) {
  if (!list_names_.insert(set.list).second)
    return;
  for (const sema::Prefix& prefix : set.prefixes) {
    Item item = make(Menu::AddressList, "", "list." + set.list + "." + prefix.text());
    item.set("address", prefix.text());
    item.set("list", list_name(set));
    lists_.push_back(std::move(item));
  }
}

void Lowerer::match_addresses(Item& item, const sema::AddressSet& set, bool negate, bool source) {
  std::string bang = negate ? "!" : "";
  if (set.prefixes.size() == 1) {
    item.set(source ? "src-address" : "dst-address", bang + set.prefixes[0].text());
    return;
  }
  register_list(set);
  item.set(source ? "src-address-list" : "dst-address-list", bang + list_name(set));
}

void Lowerer::match_source(Item& item, const std::optional<sema::SourceFilter>& source) {
  if (source)
    match_addresses(item, source->addresses, source->except, true);
}

void Lowerer::match_ports(Item& item, const sema::PortSet& ports) {
  item.set("protocol", std::string(sema::protocol_name(ports.protocol)));
  if (!ports.ranges.empty())
    item.set("dst-port", port_list(ports));
}

VerdictAction Lowerer::log_action(std::string role, const std::string& prefix) {
  VerdictAction a{std::move(role), {}};
  a.item.set("action", "log");
  a.item.set("limit", std::string(kLogLimit));
  a.item.set("log-prefix", prefix);
  return a;
}

Item Lowerer::log_rule(Menu menu, const std::string& chain, const std::string& id,
                       const std::string& prefix) const {
  Item item = make(menu, chain, id);
  item.set("action", "log");
  item.set("limit", std::string(kLogLimit));
  item.set("log-prefix", prefix);
  return item;
}

void Lowerer::mark_packet_and_return(Hook hook, Item mark_rule, const std::string& mark,
                                     const std::string& id) {
  mark_rule.set("action", "mark-packet");
  mark_rule.set("new-packet-mark", mark);
  mark_rule.set("passthrough", "yes");
  hook_mangle_[hook].push_back(std::move(mark_rule));
  Item done = make(Menu::Mangle, hook_chain(hook), id + ".done");
  done.set("action", "return");
  done.set("packet-mark", mark);
  hook_mangle_[hook].push_back(std::move(done));
}

std::string Lowerer::queue_parent(std::vector<std::string>& remarks) const {
  if (site_.routeros >= 7)
    return "global";
  // Traffic to the router (hook input) never leaves through the uplink, so an interface
  // parent would queue nothing: only the global HTB sees it (help.mikrotik.com Queues: HTB
  // attaches "at input and postrouting").
  bool input = std::find(site_.hooks.begin(), site_.hooks.end(), Hook::Input) != site_.hooks.end();
  if (input) {
    if (!(site_.routeros_minor && *site_.routeros_minor >= 48)) {
      remarks.push_back(
          "hook input: parent=global, the only queue traffic to the router passes; v6 "
          "releases before 6.48 may name it global-in (unverified)");
    }
    return "global";
  }
  // RouterOS 6: an interface parent works on every v6 release; 'global' is seen in
  // v6.48 exports (data/rsc/defm_mikrouter_v6.48.4.rsc) but older v6 releases had
  // global-in/global-out instead (reference §2.1: exact release unverified).
  if (site_.uplink && !site_.uplink->is_list)
    return site_.uplink->name;
  if (site_.routeros_minor && *site_.routeros_minor >= 48)
    return "global";  // the release the policy names prints it
  remarks.push_back(
      "v6 without a single uplink interface: parent=global needs v6.48 or "
      "later (unverified for older v6)");
  return "global";
}

void Lowerer::add_pcq_queue(const std::string& name, const std::string& id, std::uint64_t rate_bps,
                            std::optional<std::uint32_t> limit_packets, std::uint32_t packet_bytes,
                            std::vector<std::string> remarks, const std::string& classifier) {
  Item type = make(Menu::QueueType, "", id + ".queue-type");
  type.set("kind", "pcq");
  type.set("name", name);
  type.set("pcq-classifier", classifier);
  type.set("pcq-rate", std::to_string(rate_bps));
  // pcq-limit is in KiB on RouterOS 7 and, by every export found, on RouterOS 6 from
  // 6.35.1 on (printed "50KiB"; a plain number is read as KiB); the wiki dates the PCQ
  // rewrite to v5.0rc4, and only the v2.9-v4 manuals count packets. The release of the
  // switch is not settled by any source (routeros/canonical.cpp lists them).
  if (limit_packets) {
    std::uint64_t bytes = std::uint64_t{*limit_packets} * packet_bytes;
    std::uint64_t kib = std::max<std::uint64_t>(1, (bytes + 1023) / 1024);
    type.set("pcq-limit", std::to_string(kib) + "KiB");
    remarks.push_back("  queue holds " + std::to_string(kib) + " KiB per source: the burst of " +
                      std::to_string(*limit_packets) + " SYNs x " + std::to_string(packet_bytes) +
                      " B, rounded up to whole KiB, so it really holds up to " +
                      std::to_string(kib * 1024 / packet_bytes) + " SYNs of " +
                      std::to_string(packet_bytes) + " B (" + std::to_string(kib * 1024 / 40) +
                      " of 40 B) before it drops");
    if (site_.routeros < 7 && !(site_.routeros_minor && *site_.routeros_minor >= 35)) {
      remarks.push_back(
          "  pcq-limit in KiB as RouterOS 6 prints it from 6.35.1 on (unverified for "
          "older releases, which may count packets)");
    }
  }
  type.remarks = std::move(remarks);
  queue_types_.push_back(std::move(type));

  Item tree = make(Menu::QueueTree, "", id + ".queue");
  tree.set("name", name);
  tree.set("packet-mark", name);
  tree.set("queue", name);
  tree.set("parent", queue_parent(tree.remarks));
  queue_trees_.push_back(std::move(tree));
}

void Lowerer::filter_verdict(std::vector<Item>& into, const Item& match, bool cheap_match,
                             const std::string& rule, const std::string& id,
                             const sema::Verdict& verdict, std::optional<sema::Protocol> protocol,
                             bool log_here) {
  using Action = VerdictAction;
  auto action = [](std::string role, std::initializer_list<Property> properties) {
    Action a{std::move(role), {}};
    for (const Property& p : properties) a.item.set(p.name, p.value);
    return a;
  };
  std::optional<sema::Terminal> terminal = verdict.terminal;
  if (verdict.quarantine_seconds && !terminal)
    terminal = sema::Terminal::Drop;
  std::vector<Action> actions;
  if (log_here && verdict.log_prefix && (terminal || verdict.quarantine_seconds))
    actions.push_back(log_action("log", *verdict.log_prefix));
  if (verdict.quarantine_seconds) {
    actions.push_back(action(
        "quarantine", {{"action", "add-src-to-address-list"},
                       {"address-list", owned("quarantine")},
                       {"address-list-timeout", routeros_duration(*verdict.quarantine_seconds)}}));
  }
  if (terminal) {
    // tarpit and tcp-reset are refused unless the same rule matches protocol=tcp
    // (routeros/preconditions.cpp): they carry it themselves.
    switch (*terminal) {
      case sema::Terminal::Drop:
        actions.push_back(action("drop", {{"action", "drop"}}));
        break;
      case sema::Terminal::Reject:
        // TCP connections get a reset, everything else ICMP port unreachable. With no
        // protocol known, both branches follow one counting match.
        if (protocol != sema::Protocol::Udp) {
          actions.push_back(
              action(protocol ? "reject" : "reject-tcp",
                     {{"action", "reject"}, {"protocol", "tcp"}, {"reject-with", "tcp-reset"}}));
        }
        if (protocol != sema::Protocol::Tcp) {
          actions.push_back(
              action("reject", {{"action", "reject"}, {"reject-with", "icmp-port-unreachable"}}));
        }
        break;
      case sema::Terminal::Tarpit:  // the checker allows tarpit on tcp rules only
        actions.push_back(action("tarpit", {{"action", "tarpit"}, {"protocol", "tcp"}}));
        break;
    }
  }
  if (actions.empty())  // log only: count and log (rate-limited), let the packet go on
    actions.push_back(log_action("log", verdict.log_prefix.value_or(rule)));
  // The main action (the first that is not a log) keeps the rule's id; the others get
  // id.<role>.
  auto main =
      std::find_if(actions.begin(), actions.end(), [](const Action& a) { return a.role != "log"; });
  if (main == actions.end())
    main = actions.begin();

  if (actions.size() == 1 || cheap_match) {
    for (auto a = actions.begin(); a != actions.end(); ++a) {
      Item item = match;
      for (const Property& p : a->item.properties) item.set(p.name, p.value);
      if (a != main)
        item.set("comment", owner_comment(site_.policy, id + "." + a->role));
      into.push_back(std::move(item));
    }
    return;
  }
  // Several actions behind an expensive match (connection-limit keeps one count per
  // rule, reference §1.4): test it once, then jump to the verdict chain.
  std::string verdict_chain = owned(rule + "-verdict");
  Item jump = match;
  jump.set("action", "jump");
  jump.set("jump-target", verdict_chain);
  into.push_back(std::move(jump));
  if (!verdict_chains_.insert(verdict_chain).second)
    return;  // shared by the hooks
  for (const Action& a : actions) {
    Item item = make(Menu::Filter, verdict_chain, rule + ".verdict." + a.role);
    for (const Property& p : a.item.properties) item.set(p.name, p.value);
    sub_filter_.push_back(std::move(item));
  }
}

// A throttle shapes both directions of a flagged connection, each to `bps` per client
// host: uploads (client -> internet, hook chain) in a PCQ by src-address, downloads
// (internet -> client, the reply chain; forward hook only: traffic to the router has no
// download through it) in a PCQ by dst-address.
void Lowerer::throttle(Hook hook, const std::string& rule, const std::string& connection_mark,
                       std::uint64_t bps, bool first_hook) {
  std::string mark = owned(rule + "-throttle");
  std::string id = rule + ".throttle." + std::string(hook_word(hook));
  Item item = make(Menu::Mangle, hook_chain(hook), id);
  item.set("connection-mark", connection_mark);
  mark_packet_and_return(hook, std::move(item), mark, id);
  if (hook == Hook::Forward) {
    std::string down = owned(rule + "-throttle-down");
    std::string down_id = rule + ".throttle.download";
    Item mark_rule = make(Menu::Mangle, owned("reply"), down_id);
    mark_rule.set("connection-mark", connection_mark);
    mark_rule.set("action", "mark-packet");
    mark_rule.set("new-packet-mark", down);
    mark_rule.set("passthrough", "yes");
    reply_mangle_.push_back(std::move(mark_rule));
    Item done = make(Menu::Mangle, owned("reply"), down_id + ".done");
    done.set("action", "return");
    done.set("packet-mark", down);
    reply_mangle_.push_back(std::move(done));
    add_pcq_queue(down, rule + ".throttle-down", bps, std::nullopt, 0,
                  {rule +
                   ": throttle the downloads of each client host's flagged connections "
                   "to " +
                   std::to_string(bps) + " bit/s (PCQ by dst-address)"},
                  "dst-address");
  }
  if (!first_hook)
    return;
  add_pcq_queue(mark, rule + ".throttle", bps, std::nullopt, 0,
                {rule + ": throttle the uploads of each client host's flagged connections to " +
                 std::to_string(bps) + " bit/s (PCQ by src-address)"});
}

// ---- caps ----------------------------------------------------------------------------

void Lowerer::lower_cap(Hook hook, const sema::Cap& cap, bool first_hook) {
  std::string id = cap.name + "." + std::string(hook_word(hook));
  bool shaped = cap.verdict.throttle_bps.has_value();
  Item match = make(shaped ? Menu::Mangle : Menu::Filter, hook_chain(hook), id);
  match.set("connection-state", "new");
  match.set("connection-limit",
            std::to_string(cap.count) + "," + std::to_string(cap.prefix_length));
  if (cap.ports)
    match_ports(match, *cap.ports);
  match_source(match, cap.source);
  if (!shaped) {
    std::optional<sema::Protocol> protocol;
    if (cap.ports)
      protocol = cap.ports->protocol;
    filter_verdict(hook_filter_[hook], match, false, cap.name, id, cap.verdict, protocol, true);
    return;
  }
  std::string mark = owned(cap.name);
  match.set("action", "mark-connection");
  match.set("new-connection-mark", mark);
  match.set("passthrough", "yes");
  hook_mangle_[hook].push_back(std::move(match));
  if (cap.verdict.log_prefix) {  // a new connection with the mark was just marked above
    Item log = log_rule(Menu::Mangle, hook_chain(hook), id + ".log", *cap.verdict.log_prefix);
    log.set("connection-mark", mark);
    log.set("connection-state", "new");
    hook_mangle_[hook].push_back(std::move(log));
  }
  throttle(hook, cap.name, mark, *cap.verdict.throttle_bps, first_hook);
}

// ---- SYN rates ---------------------------------------------------------------------

void syn_match(Item& item, const sema::PortSet& ports) {
  item.set("connection-state", "new");
  item.set("tcp-flags", "syn,!ack");
  item.set("protocol", "tcp");
  if (!ports.ranges.empty())
    item.set("dst-port", port_list(ports));
}

void Lowerer::lower_rate(Hook hook, const sema::Rate& rate, bool first_hook) {
  std::string id = rate.name + "." + std::string(hook_word(hook));
  std::string period = routeros_duration(rate.period_seconds);
  if (rate.back_end == sema::RateBackEnd::Queue) {
    std::string mark = owned(rate.name);
    Item item = make(Menu::Mangle, hook_chain(hook), id);
    syn_match(item, rate.ports);
    match_source(item, rate.source);
    mark_packet_and_return(hook, std::move(item), mark, id);
    if (!first_hook)
      return;
    constexpr std::uint32_t kSynBytes = sema::SynQueue::kSynBytes;
    std::uint64_t bits = std::uint64_t{rate.count} * kSynBytes * 8;
    std::uint64_t bps = sema::syn_queue(rate).rate_bps;  // the numbers check warns about
    add_pcq_queue(
        mark, rate.name, bps, rate.burst, kSynBytes,
        {rate.name + ": " + std::to_string(rate.count) + " SYN per " + period +
             " per client host, shaped by a PCQ queue (an approximation: a queue "
             "delays SYNs over the rate before it drops them)",
         "  rate = " + std::to_string(rate.count) + " SYN x " + std::to_string(kSynBytes) +
             " B x 8 bit / " + std::to_string(rate.period_seconds) +
             " s = " + std::to_string(bits) + "/" + std::to_string(rate.period_seconds) + " = " +
             std::to_string(bps) + " bit/s per source (rounded up; a SYN is 40-60 B)"});
    return;
  }
  std::string chain = owned(rate.name);
  Item jump = make(Menu::Filter, hook_chain(hook), id);
  syn_match(jump, rate.ports);
  match_source(jump, rate.source);
  jump.set("action", "jump");
  jump.set("jump-target", chain);
  hook_filter_[hook].push_back(std::move(jump));
  if (!first_hook)
    return;
  // Entries may expire once a full bucket would have refilled; never under a minute.
  std::uint64_t refill =
      (std::uint64_t{rate.burst} * rate.period_seconds + rate.count - 1) / rate.count;
  auto expire = static_cast<std::uint32_t>(std::max<std::uint64_t>(60, refill));
  Item limit = make(Menu::Filter, chain, rate.name + ".limit");
  std::string rate_text = std::to_string(rate.count);
  if (rate.period_seconds != 1)
    rate_text += "/" + period;
  limit.set("action", "return");
  limit.set("dst-limit", rate_text + "," + std::to_string(rate.burst) + ",src-address/" +
                             routeros_duration(expire));
  limit.remarks.push_back(rate.name + ": each client host may open " + std::to_string(rate.count) +
                          " connections per " + period + " (burst " + std::to_string(rate.burst) +
                          ") to tcp " +
                          (rate.ports.ranges.empty() ? "(any port)" : port_list(rate.ports)) +
                          "; SYNs over the rate fall through");
  sub_filter_.push_back(std::move(limit));
  Item over = make(Menu::Filter, chain, rate.name + ".over");
  filter_verdict(sub_filter_, over, true, rate.name, rate.name + ".over", rate.verdict,
                 sema::Protocol::Tcp, true);
}

// ---- anchors -----------------------------------------------------------------------

void Lowerer::anchors() {
  for (Menu menu : {Menu::Mangle, Menu::Filter}) {
    for (Hook hook : site_.hooks) {
      auto& items = menu == Menu::Mangle ? hook_mangle_[hook] : hook_filter_[hook];
      if (items.empty())
        continue;
      Item anchor =
          make(menu, std::string(hook_word(hook)), "anchor." + std::string(hook_word(hook)));
      anchor.set("action", "jump");
      anchor.set("jump-target", hook_chain(hook));
      if (site_.client_interface) {
        anchor.set(site_.client_interface->is_list ? "in-interface-list" : "in-interface",
                   site_.client_interface->name);
      }
      if (site_.clients)
        match_addresses(anchor, *site_.clients, false, true);
      if (hook == Hook::Forward && site_.uplink) {
        anchor.set(site_.uplink->is_list ? "out-interface-list" : "out-interface",
                   site_.uplink->name);
      }
      anchors_.push_back(std::move(anchor));
    }
  }
  if (!reply_mangle_.empty()) {  // downloads of forwarded traffic: internet -> clients
    Item anchor = make(Menu::Mangle, "forward", "anchor.forward-reply");
    anchor.set("action", "jump");
    anchor.set("jump-target", owned("reply"));
    if (site_.uplink) {
      anchor.set(site_.uplink->is_list ? "in-interface-list" : "in-interface", site_.uplink->name);
    }
    if (site_.clients)
      match_addresses(anchor, *site_.clients, false, false);
    if (site_.client_interface) {
      anchor.set(site_.client_interface->is_list ? "out-interface-list" : "out-interface",
                 site_.client_interface->name);
    }
    anchors_.push_back(std::move(anchor));
  }
}

// ---- the FastTrack guard ------------------------------------------------------------
//
// FastTrack takes a connection out of mangle, filter and parent=global queues once an
// action=fasttrack-connection rule sees one of its established packets (reference §5.1,
// [FASTTRACK]); on a default router that is the answer to the SYN. The guard is a jump
// placed directly before that rule (found when the script runs) into a chain that accepts
// the established packets rosgen must keep seeing, so those connections are never
// fast-tracked and everything else still is:
//  - connections carrying a connection mark rosgen sets (signature stages and verdicts,
//    throttles): their verdicts act on every later packet;
//  - packets to a quarantined host (its own packets meet the quarantine drop at the anchor,
//    above the fasttrack rule): its open connections stay out of FastTrack and can be
//    stopped;
//  - connections still inside a signature's 'within first' window, both directions (the
//    answer would fast-track them too); a signature without a window keeps its
//    connections out of FastTrack for their whole life (the CPU cost LANGUAGE.md names).
// The accepted packets skip the operator's forward rules below the fasttrack rule;
// `diff` warns when those are more than the default 'accept established,related'.
void Lowerer::fasttrack_guard() {
  if (std::find(site_.hooks.begin(), site_.hooks.end(), Hook::Forward) == site_.hooks.end())
    return;
  std::string chain = owned("guard");
  std::vector<Item> rules;
  auto accept = [&](const std::string& id) {
    Item item = make(Menu::Filter, chain, id);
    item.set("action", "accept");
    return item;
  };
  std::set<std::string> marks_seen;
  const std::string prefix = owned("");
  for (const auto* list : {&hook_mangle_[Hook::Forward], &sub_mangle_}) {
    for (const Item& item : *list) {
      const std::string* mark = item.get("new-connection-mark");
      if (mark == nullptr || !marks_seen.insert(*mark).second)
        continue;
      Item keep = accept("guard.mark." + mark->substr(std::min(mark->size(), prefix.size())));
      keep.set("connection-mark", *mark);
      rules.push_back(std::move(keep));
    }
  }
  for (const Item& item : hook_filter_[Hook::Forward]) {
    const std::string* list = item.get("src-address-list");
    if (list == nullptr || *list != owned("quarantine"))
      continue;
    // Only packets to the host: its own go through the anchor, above the fasttrack rule,
    // into the quarantine drop first.
    Item keep = accept("guard.quarantine.to");
    keep.set("dst-address-list", *list);
    rules.push_back(std::move(keep));
    break;
  }
  for (const sema::Rule& rule : policy_.rules) {
    const auto* signature = std::get_if<sema::Signature>(&rule);
    if (signature == nullptr)
      continue;
    for (bool request : {true, false}) {
      Item keep = accept("guard." + signature->name + (request ? ".request" : ".reply"));
      keep.set("protocol", std::string(sema::protocol_name(signature->ports.protocol)));
      if (!signature->ports.ranges.empty())
        keep.set(request ? "dst-port" : "src-port", port_list(signature->ports));
      if (signature->window_bytes)
        keep.set("connection-bytes", "0-" + std::to_string(*signature->window_bytes));
      if (site_.clients)
        match_addresses(keep, *site_.clients, false, request);
      rules.push_back(std::move(keep));
    }
  }
  if (rules.empty())
    return;
  rules.front().remarks = {
      "FastTrack guard: established packets rosgen must keep seeing are accepted here,",
      "before the router's fasttrack-connection rule, so their connections are never",
      "fast-tracked (connections it has fast-tracked skip every firewall rule)"};
  for (Item& item : rules) sub_filter_.push_back(std::move(item));
  Item jump = make(Menu::Filter, "forward", "guard.forward");
  jump.set("action", "jump");
  jump.set("connection-state", "established,related");
  jump.set("jump-target", chain);
  guards_.push_back(std::move(jump));
}

Ruleset Lowerer::run() {
  bool any_quarantine =
      std::any_of(policy_.rules.begin(), policy_.rules.end(), [](const sema::Rule& r) {
        return std::visit([](const auto& x) { return x.verdict.quarantine_seconds.has_value(); },
                          r);
      });
  for (std::size_t h = 0; h < site_.hooks.size(); ++h) {
    Hook hook = site_.hooks[h];
    bool first_hook = h == 0;
    if (any_quarantine) {
      Item drop =
          make(Menu::Filter, hook_chain(hook), "quarantine." + std::string(hook_word(hook)));
      drop.set("action", "drop");
      drop.set("src-address-list", owned("quarantine"));
      hook_filter_[hook].push_back(std::move(drop));
    }
    for (const sema::Rule& rule : policy_.rules) {
      if (const auto* cap = std::get_if<sema::Cap>(&rule))
        lower_cap(hook, *cap, first_hook);
      if (const auto* rate = std::get_if<sema::Rate>(&rule))
        lower_rate(hook, *rate, first_hook);
      if (const auto* sig = std::get_if<sema::Signature>(&rule))
        lower_signature(hook, *sig, first_hook);
    }
  }
  anchors();
  fasttrack_guard();

  Ruleset out;
  out.policy = site_.policy;
  out.routeros = site_.routeros;
  out.routeros_minor = site_.routeros_minor;
  auto append = [&](std::vector<Item>& items) {
    for (Item& item : items) out.items.push_back(std::move(item));
  };
  append(lists_);
  append(queue_types_);
  append(layer7_);
  for (Hook hook : site_.hooks) append(hook_mangle_[hook]);
  append(reply_mangle_);
  append(sub_mangle_);
  for (Hook hook : site_.hooks) append(hook_filter_[hook]);
  append(sub_filter_);
  append(queue_trees_);
  out.anchors = std::move(anchors_);
  out.anchor_top = site_.anchor_top;
  out.guards = std::move(guards_);
  out.content_groups = std::move(content_groups_);
  return out;
}

}  // namespace detail

ir::Ruleset lower(const sema::Policy& policy) {
  return detail::Lowerer(policy).run();
}

}  // namespace rosgen::lower
