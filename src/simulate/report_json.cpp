// `rosgen simulate --json`: schema rosgen-simulate/1 (see report.hpp and the README),
// written with nlohmann-json. Non-UTF-8 text (a rule comment from a Latin-1 export) is
// kept lossless the way diff --json keeps it.
#include <nlohmann/json.hpp>

#include "simulate/report.hpp"
#include "support/utf8.hpp"

namespace rosgen::simulate {

namespace {

using Json = nlohmann::ordered_json;

// A string value, or {"hex": ..., "text": ...} when it is not UTF-8 (as diff --json does).
Json text(const std::string& value) {
  if (support::is_utf8(value))
    return value;
  static const char kHex[] = "0123456789abcdef";
  std::string hex, shown;
  for (unsigned char c : value) {
    hex += kHex[c >> 4];
    hex += kHex[c & 15];
    shown += c < 0x80 ? static_cast<char>(c) : '?';
  }
  return Json{{"hex", hex}, {"text", shown}};
}

Json measure(std::uint64_t total, double packets, std::uint64_t max) {
  return Json{{"total", total},
              {"mean", packets > 0 ? static_cast<double>(total) / packets : 0.0},
              {"max", max}};
}

}  // namespace

std::string render_report_json(const Simulator& simulator, const ReportContext& context) {
  const Totals& t = simulator.totals();
  const Rules& rules = simulator.rules();
  Json doc;
  doc["schema"] = "rosgen-simulate/1";
  doc["rules"] = Json{{"source", text(context.rules_source)},
                      {"kind", context.rules_kind},
                      {"policy", context.policy.empty() ? Json() : Json(context.policy)},
                      {"items", context.items},
                      {"with", context.with ? text(*context.with) : Json()},
                      {"fasttrack", context.fasttrack}};
  Json skipped = Json::object();
  for (const auto& [reason, count] : context.skipped.by_reason) skipped[reason] = count;
  Json not_routed = Json::object();
  for (const auto& [reason, count] : t.not_routed) not_routed[reason] = count;
  Json fates = Json::object();
  for (const auto& [fate, count] : t.fates) fates[std::string(fate_name(fate))] = count;
  doc["traffic"] = Json{{"source", text(context.traffic_source)},
                        {"frames", context.frames},
                        {"skipped", skipped},
                        {"ipv6_passed_without_rules", t.ipv6},
                        {"not_through_router", not_routed},
                        {"setup", text(context.setup)},
                        {"not_sent", t.not_sent},
                        {"packets", t.packets},
                        {"forward", t.forward},
                        {"input", t.input},
                        {"output", t.output},
                        {"fasttracked", t.fasttracked},
                        {"untracked_flows", t.untracked_flows},
                        {"dstnat_connections", t.dstnat_connections},
                        {"fates", fates}};
  Json connections = Json::array();
  for (const ConnectionRecord& c : simulator.connections()) {
    Json j{{"protocol", protocol_name(c.protocol, false)},
           {"client", capture::to_string(c.client)},
           {"client_port", c.client_port},
           {"server", capture::to_string(c.server)},
           {"server_port", c.server_port},
           {"label", c.label.empty() ? Json() : Json(c.label)},
           {"first_s", static_cast<double>(c.first_us) / 1e6},
           {"packets", c.packets},
           {"packets_fasttracked", c.packets_fasttracked},
           {"verdict", c.fate ? "stopped" : "passed"}};
    if (c.fate) {
      j["fate"] = std::string(fate_name(*c.fate));
      j["stopped_by"] = text(c.stopped_by);
      j["stopped_at_packet"] = c.stopped_at_packet;
      j["packets_stopped"] = c.packets_stopped;
    }
    Json marks = Json::array();
    for (const std::string& mark : c.marks) marks.push_back(text(mark));
    j["connection_marks"] = marks;
    if (!c.tracking.empty())
      j["tracking"] = c.tracking;
    j["max_queue_delay_s"] = static_cast<double>(c.max_queue_delay_us) / 1e6;
    j["packets_queue_dropped"] = c.packets_queue_dropped;
    connections.push_back(std::move(j));
  }
  doc["connections"] = std::move(connections);
  Json rule_list = Json::array();
  const auto& stats = simulator.rule_stats();
  for (std::size_t i = 0; i < rules.rules.size(); ++i) {
    if (stats[i].evaluated == 0)
      continue;
    const Rule& r = rules.rules[i];
    Json j{{"rule", text(r.label)},
           {"menu", std::string(ir::menu_path(r.menu))},
           {"position", r.position},
           {"chain", text(r.chain)},
           {"action", text(r.action_name)},
           {"owned", r.owned},
           {"evaluated", stats[i].evaluated},
           {"matched", stats[i].matched},
           {"content_tests", stats[i].content_tests},
           {"layer7_tests", stats[i].layer7_tests}};
    if (!r.unmodeled.empty()) {
      Json what = Json::array();
      for (const std::string& u : r.unmodeled) what.push_back(text(u));
      j["unmodeled"] = what;
      j["unmodeled_packets"] = stats[i].unmodeled;
    }
    rule_list.push_back(std::move(j));
  }
  doc["rules_evaluated"] = std::move(rule_list);
  Json queues = Json::array();
  for (std::size_t i = 0; i < rules.queues.size(); ++i) {
    const QueueStats& s = simulator.queue_stats()[i];
    std::uint64_t sent = s.packets - s.dropped;
    queues.push_back(Json{
        {"queue", text(rules.queues[i].label)},
        {"packets", s.packets},
        {"dropped", s.dropped},
        {"max_delay_s", static_cast<double>(s.max_delay_us) / 1e6},
        {"mean_delay_s", sent > 0 ? s.total_delay_us / 1e6 / static_cast<double>(sent) : 0.0}});
    if (!rules.queues[i].unmodeled.empty()) {
      Json what = Json::array();
      for (const std::string& u : rules.queues[i].unmodeled) what.push_back(text(u));
      queues.back()["unmodeled"] = std::move(what);
    }
  }
  doc["queues"] = std::move(queues);
  double n = static_cast<double>(t.packets);
  doc["cost"] = Json{{"packets", t.packets},
                     {"rules_visited", measure(t.cost.rules_visited, n, t.max_rules_visited)},
                     {"content_tests", measure(t.cost.content_tests, n, t.max_content_tests)},
                     {"content_bytes",
                      Json{{"total", t.cost.content_bytes},
                           {"max", t.max_content_bytes},
                           {"mean", n > 0 ? static_cast<double>(t.cost.content_bytes) / n : 0.0}}},
                     {"layer7_tests", measure(t.cost.layer7_tests, n, t.max_layer7_tests)},
                     {"layer7_bytes", t.cost.layer7_bytes}};
  Json lists = Json::array();
  for (const auto& entry : simulator.address_list_entries()) {
    lists.push_back(Json{
        {"list", text(entry.list)},
        {"address", capture::to_string(entry.address)},
        {"expires_in_s",
         entry.expires_us ? Json(static_cast<double>(*entry.expires_us - simulator.now_us()) / 1e6)
                          : Json()}});
  }
  doc["address_lists"] = std::move(lists);
  Json not_modeled = Json::array();
  for (const std::string& line : context.not_modeled) not_modeled.push_back(text(line));
  doc["not_modeled"] = std::move(not_modeled);
  return doc.dump(2) + "\n";
}

}  // namespace rosgen::simulate
