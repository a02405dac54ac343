// The human report of `rosgen simulate` (see report.hpp).
#include "simulate/report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

namespace rosgen::simulate {

namespace {

// 1234567 -> "1,234,567".
std::string grouped(std::uint64_t value) {
  std::string digits = std::to_string(value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0)
      out += ',';
    out += digits[i];
  }
  return out;
}

std::string fixed(double value, const char* format = "%.2f") {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

std::string endpoint(const capture::Address& address, std::uint16_t port, std::uint8_t protocol) {
  std::string text = capture::to_string(address);
  if (protocol == capture::kTcp || protocol == capture::kUdp)
    text += ":" + std::to_string(port);
  return text;
}

std::string seconds(std::int64_t us) {
  return fixed(static_cast<double>(us) / 1e6, us < 10000000 ? "%.2f s" : "%.0f s");
}

// The connections grouped by what they are: a scenario's name, or for captured traffic
// the client, server, port and protocol. Groups in order of their first connection.
struct Group {
  std::string name;
  bool tracked = true;  // connections, or flows outside connection tracking
  std::uint64_t connections = 0, stopped = 0, fasttracked = 0;
  std::uint64_t queue_dropped = 0;  // packets lost in full queues
  std::uint64_t picked_up = 0;      // TCP connections whose first packet was no SYN
  std::vector<std::string> marks;   // connection marks of connections that passed
  std::int64_t max_queue_delay_us = 0;
  // (fate, rule, packet number) -> connections stopped that way
  std::map<std::tuple<std::string, std::string, std::uint64_t>, std::uint64_t> stops;
};

std::vector<Group> groups_of(const std::vector<ConnectionRecord>& records) {
  std::vector<Group> groups;
  std::map<std::string, std::size_t> index;
  for (const ConnectionRecord& c : records) {
    std::string name = !c.label.empty()
                           ? "\"" + c.label + "\""
                           : protocol_name(c.protocol) + " " + capture::to_string(c.client) +
                                 " -> " + endpoint(c.server, c.server_port, c.protocol);
    if (!c.tracking.empty())
      name += " [" + c.tracking + "]";
    auto [it, inserted] = index.try_emplace(name, groups.size());
    if (inserted) {
      Group group;
      group.name = name;
      group.tracked = c.tracking.empty();
      groups.push_back(std::move(group));
    }
    Group& g = groups[it->second];
    ++g.connections;
    g.fasttracked += c.fasttracked ? 1 : 0;
    g.queue_dropped += c.packets_queue_dropped;
    g.max_queue_delay_us = std::max(g.max_queue_delay_us, c.max_queue_delay_us);
    g.picked_up += c.picked_up ? 1 : 0;
    if (!c.fate) {
      for (const std::string& mark : c.marks)
        if (std::find(g.marks.begin(), g.marks.end(), mark) == g.marks.end())
          g.marks.push_back(mark);
    }
    if (c.fate) {
      ++g.stopped;
      ++g.stops[{std::string(fate_name(*c.fate)), c.stopped_by, c.stopped_at_packet}];
    }
  }
  return groups;
}

void connections_section(const Simulator& simulator, const ReportContext& context,
                         std::string& out) {
  const Totals& totals = simulator.totals();
  out += "Connections: " + grouped(totals.connections) + ", " +
         grouped(totals.connections_stopped) + " stopped";
  if (totals.untracked_flows > 0) {
    out += "; flows outside connection tracking: " + grouped(totals.untracked_flows) + ", " +
           grouped(totals.untracked_flows_stopped) + " stopped";
  }
  out += "\n";
  std::vector<Group> groups = groups_of(simulator.connections());
  std::size_t shown = 0;
  for (const Group& g : groups) {
    if (shown++ >= context.max_connections_shown)
      continue;
    out += "  " + g.name + ": " + grouped(g.connections) + (g.tracked ? " connection" : " flow") +
           (g.connections == 1 ? "" : "s");
    std::string notes;
    if (g.fasttracked > 0) {
      notes += (g.connections == 1 ? std::string("fast-tracked")
                                   : grouped(g.fasttracked) + " of them fast-tracked");
    }
    if (g.max_queue_delay_us >= 5000) {  // shown to 0.01 s
      notes += (notes.empty() ? "" : "; ") + std::string("queued up to ") +
               seconds(g.max_queue_delay_us);
    }
    if (g.queue_dropped > 0) {
      notes += (notes.empty() ? "" : "; ") + grouped(g.queue_dropped) +
               (g.queue_dropped == 1 ? " packet" : " packets") + " lost in full queues";
    }
    if (g.picked_up > 0) {
      notes += (notes.empty() ? "" : "; ") +
               (g.picked_up == g.connections
                    ? std::string("began before the capture: no SYN seen")
                    : grouped(g.picked_up) + " began before the capture: no SYN seen");
    }
    if (!g.marks.empty()) {  // a mark that led to no verdict (e.g. 'anchor bottom')
      std::string list;
      for (const std::string& mark : g.marks) list += (list.empty() ? "" : ", ") + mark;
      notes += (notes.empty() ? "" : "; ") + std::string("connection mark") +
               (g.marks.size() == 1 ? " " : "s ") + list;
    }
    if (g.stopped == 0) {
      out += ", passed" + (notes.empty() ? "" : " (" + notes + ")") + "\n";
      continue;
    }
    out += g.stopped == g.connections ? ", all stopped" : ", " + grouped(g.stopped) + " stopped";
    out += (notes.empty() ? "" : " (" + notes + ")") + "\n";
    for (const auto& [how, count] : g.stops) {
      const auto& [fate, rule, packet] = how;
      out += "      " + (count == g.stopped && count == 1 ? std::string() : grouped(count) + " ") +
             fate + " at packet " + std::to_string(packet) + " by " + rule + "\n";
    }
  }
  if (shown > context.max_connections_shown) {
    out += "  ... and " + grouped(shown - context.max_connections_shown) +
           " more groups (every connection is in --json)\n";
  }
  if (context.fasttrack) {
    std::uint64_t fast = 0;
    for (const Group& g : groups) fast += g.fasttracked;
    if (fast > 0) {
      out += "  note: " + grouped(fast) +
             (fast == 1 ? " connection was fast-tracked: its"
                        : " connections were fast-tracked: their") +
             " later packets skipped mangle, filter and parent=global queues\n";
    }
  }
}

void rules_section(const Simulator& simulator, std::string& out) {
  const Rules& rules = simulator.rules();
  const auto& stats = simulator.rule_stats();
  std::vector<std::size_t> hit;
  for (std::size_t i = 0; i < stats.size(); ++i) {
    if (stats[i].matched > 0 && rules.rules[i].action != Action::Jump &&
        rules.rules[i].action != Action::Return)
      hit.push_back(i);
  }
  out +=
      "\nRules that matched (packets matched / packets evaluated; jumps and returns in --json):\n";
  if (hit.empty())
    out += "  none\n";
  std::size_t width = 0;
  for (std::size_t i : hit) width = std::max(width, rules.rules[i].label.size());
  width = std::min<std::size_t>(width, 60);
  for (std::size_t i : hit) {
    const Rule& r = rules.rules[i];
    std::string label = r.label;
    if (label.size() < width)
      label.append(width - label.size(), ' ');
    out += "  " + label + "  " + r.action_name + "  " + grouped(stats[i].matched) + " / " +
           grouped(stats[i].evaluated) + "\n";
  }
  std::vector<std::size_t> unmodeled;
  for (std::size_t i = 0; i < stats.size(); ++i) {
    if (stats[i].unmodeled > 0)
      unmodeled.push_back(i);
  }
  if (!unmodeled.empty()) {
    out +=
        "\nRules the simulator cannot evaluate (taken as not matching; results may differ "
        "on the router):\n";
    for (std::size_t i : unmodeled) {
      const Rule& r = rules.rules[i];
      std::string what;
      for (const std::string& u : r.unmodeled) what += (what.empty() ? "" : ", ") + u;
      out += "  " + r.label + ": " + what + " (" + grouped(stats[i].unmodeled) + " packets)\n";
    }
  }
}

void queues_section(const Simulator& simulator, std::string& out) {
  const Rules& rules = simulator.rules();
  const auto& stats = simulator.queue_stats();
  if (rules.queues.empty())
    return;
  out +=
      "\nQueues (PCQ, approximate: each sub-stream a FIFO at pcq-rate with pcq-limit of buffer):\n";
  for (std::size_t i = 0; i < rules.queues.size(); ++i) {
    const Queue& q = rules.queues[i];
    const QueueStats& s = stats[i];
    out +=
        "  " + q.label + ": " + grouped(s.packets) + " packets, " + grouped(s.dropped) + " dropped";
    std::uint64_t sent = s.packets - s.dropped;
    if (sent > 0) {
      out += ", delay max " + seconds(s.max_delay_us) + ", mean " +
             seconds(static_cast<std::int64_t>(s.total_delay_us / static_cast<double>(sent)));
    }
    out += "\n";
    for (const std::string& what : q.unmodeled) out += "    not modeled: " + what + "\n";
  }
}

// The address-list entries rules added that are still there at the end: who is
// quarantined, and until when (relative to the last packet).
void lists_section(const Simulator& simulator, std::string& out) {
  auto entries = simulator.address_list_entries();
  if (entries.empty())
    return;
  out += "\nAddress lists at the end (entries added by rules):\n";
  std::size_t shown = 0;
  for (const auto& entry : entries) {
    if (shown++ == 20) {
      out += "  ... and " + grouped(entries.size() - 20) + " more (all in --json)\n";
      break;
    }
    out += "  " + entry.list + ": " + capture::to_string(entry.address) +
           (entry.expires_us ? " (for " + seconds(*entry.expires_us - simulator.now_us()) + " more)"
                             : std::string(" (no timeout)")) +
           "\n";
  }
}

void cost_section(const Simulator& simulator, std::string& out) {
  const Totals& t = simulator.totals();
  double n = t.packets == 0 ? 1.0 : static_cast<double>(t.packets);
  out += "\nCost per packet (the router's firewall work, " + grouped(t.packets) + " packets):\n";
  out += "  rules visited   mean " + fixed(static_cast<double>(t.cost.rules_visited) / n) +
         "   max " + grouped(t.max_rules_visited) + "   total " + grouped(t.cost.rules_visited) +
         "\n";
  out += "  content tests   mean " + fixed(static_cast<double>(t.cost.content_tests) / n) +
         "   max " + grouped(t.max_content_tests) + "   total " + grouped(t.cost.content_tests) +
         "\n";
  out += "  content bytes   mean " + fixed(static_cast<double>(t.cost.content_bytes) / n) +
         "   max " + grouped(t.max_content_bytes) + "   total " + grouped(t.cost.content_bytes) +
         "\n";
  out += "  layer7 tests    mean " + fixed(static_cast<double>(t.cost.layer7_tests) / n) +
         "   max " + grouped(t.max_layer7_tests) + "   total " + grouped(t.cost.layer7_tests) +
         (t.cost.layer7_tests > 0
              ? " (over " + grouped(t.cost.layer7_bytes) + " bytes of connection data)"
              : std::string()) +
         "\n";
}

}  // namespace

std::string protocol_name(std::uint8_t protocol, bool human) {
  switch (protocol) {
    case capture::kTcp:
      return "tcp";
    case capture::kUdp:
      return "udp";
    case capture::kIcmp:
      return "icmp";
    default:
      return (human ? "ip proto " : "") + std::to_string(protocol);
  }
}

std::string render_report(const Simulator& simulator, const ReportContext& context) {
  const Totals& t = simulator.totals();
  std::string out = "rosgen simulate: " + context.rules_kind + " " + context.rules_source;
  if (!context.policy.empty())
    out += " (policy \"" + context.policy + "\", " + grouped(context.items) + " items)";
  out += "\n";
  if (context.with) {
    out += "  in front: " + *context.with + " (the router's configuration" +
           (context.fasttrack ? ", FastTrack on)" : ", FastTrack off)") + "\n";
  }
  out += "traffic: " + context.traffic_source + ": " + grouped(context.frames) + " frames, " +
         grouped(t.packets) + " packets through the router (" + grouped(t.forward) + " forward, " +
         grouped(t.input) + " to the router" +
         (t.output > 0 ? ", " + grouped(t.output) + " from the router" : std::string()) + ")";
  if (t.fasttracked > 0)
    out += ", " + grouped(t.fasttracked) + " of them fast-tracked";
  out += "\n";
  if (!context.setup.empty())
    out += "  " + context.setup + "\n";
  if (t.not_sent > 0) {
    out += "  not sent " + grouped(t.not_sent) +
           ": later packets of stopped connections (described endpoints stop sending)\n";
  }
  for (const auto& [reason, count] : context.skipped.by_reason)
    out += "  skipped " + grouped(count) + ": " + reason + "\n";
  for (const auto& [reason, count] : t.not_routed)
    out += "  not through the router " + grouped(count) + ": " + reason + "\n";
  if (t.ipv6 > 0) {
    out +=
        "  IPv6 " + grouped(t.ipv6) + ": passed without rules (/ip firewall rules see IPv4 only)\n";
  }
  out += "\n";
  connections_section(simulator, context, out);
  rules_section(simulator, out);
  queues_section(simulator, out);
  cost_section(simulator, out);
  lists_section(simulator, out);
  std::vector<std::string> not_modeled = context.not_modeled;
  if (t.dstnat_connections > 0) {
    not_modeled.push_back(
        "dst-nat and redirect: " + grouped(t.dstnat_connections) +
        " connection(s) dst-nated; addresses are not rewritten, so each kept the path of its "
        "original addresses (a port forward from the router's address stayed on the input "
        "path; a redirect to the router stayed on the forward path): describe such traffic "
        "with its translated addresses");
  }
  if (!not_modeled.empty()) {
    out += "\nNot simulated (read, left out of the model):\n";
    for (const std::string& line : not_modeled) out += "  " + line + "\n";
  }
  return out;
}

}  // namespace rosgen::simulate
