// Result lines, summaries and rosgen-fleet/1 JSON (report.hpp).
#include "fleet/report.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "support/utf8.hpp"

namespace rosgen::fleet {

namespace {

std::string changes_text(const std::optional<Changes>& known) {
  std::string out;
  if (!known)
    return out;
  const Changes& changes = *known;
  for (auto [word, n] : {std::pair{"add", changes.add}, std::pair{"change", changes.change},
                         std::pair{"move", changes.move}, std::pair{"remove", changes.remove}}) {
    if (n == 0)
      continue;
    out += out.empty() ? "" : ", ";
    out += std::string(word) + " " + std::to_string(n);
  }
  return out;
}

// "1 router", "2 routers"; "1 canary", "2 canaries".
std::string plural(std::size_t n, const std::string& word) {
  if (n == 1)
    return "1 " + word;
  if (word.ends_with("y"))
    return std::to_string(n) + " " + word.substr(0, word.size() - 1) + "ies";
  return std::to_string(n) + " " + word + "s";
}

}  // namespace

std::size_t name_width(const std::vector<Router>& routers) {
  std::size_t width = 0;
  for (const Router& router : routers) width = std::max(width, router.name.size());
  return width;
}

std::string result_line(const Router& router, const RouterResult& result, std::size_t width) {
  std::string line = router.name;
  line.resize(std::max(width, router.name.size()), ' ');
  line += "  ";
  line += status_text(result.status);
  std::string detail = changes_text(result.changes);
  if (!result.message.empty()) {
    bool counts = !detail.empty() && !is_failure(result.status);
    detail = counts ? detail + "; " + result.message : result.message;
  }
  if (!detail.empty())
    line += ": " + support::escape_controls(detail);
  line += "\n";
  for (const std::string& warning : result.warnings)
    line += "    warning: " + support::escape_controls(warning) + "\n";
  // A detail's own lines ("patch line 12: ...") keep their indent, under the detail's.
  for (const std::string& text : result.details) {
    for (std::size_t pos = 0; pos < text.size();) {
      std::size_t end = std::min(text.find('\n', pos), text.size());
      if (end > pos)
        line += "    " + support::escape_controls(text.substr(pos, end - pos)) + "\n";
      pos = end + 1;
    }
  }
  return line;
}

std::string summary_text(const std::vector<Router>& routers, const Report& report,
                         const RunContext& context) {
  std::string out = context.command + " --all: " + plural(routers.size(), "router");
  out += " (";
  if (context.shard)
    out += "shard " + std::to_string(context.shard->index) + "/" +
           std::to_string(context.shard->count) + " of ";
  out += std::to_string(context.inventory_size) + " in " +
         support::escape_controls(context.inventory) + ")";
  std::string counts;
  for (Status status : kStatuses) {
    if (std::size_t n = report.count(status); n > 0) {
      counts += counts.empty() ? "" : ", ";
      counts += std::to_string(n) + " " + std::string(status_text(status));
    }
  }
  out += ": " + (counts.empty() ? std::string("nothing to do") : counts) + "\n";
  for (Status status : kStatuses) {
    if (status == Status::InSync || status == Status::Applied || status == Status::Skipped)
      continue;  // only what needs attention
    std::string names;
    for (std::size_t i = 0; i < routers.size(); ++i) {
      if (report.results[i].status == status)
        names += (names.empty() ? "" : " ") + routers[i].name;
    }
    if (!names.empty())
      out += std::string(status_text(status)) + ": " + names + "\n";
  }
  if (report.canary_stopped) {
    out += "stopped after " + plural(report.canaries, "canary") + ": " +
           plural(report.count(Status::Skipped), "router") + " not run\n";
  } else if (report.interrupted && report.count(Status::Skipped) > 0) {
    out += "stopped by an interrupt: " + plural(report.count(Status::Skipped), "router") +
           " not run\n";
  }
  return out;
}

std::string render_json(const std::vector<Router>& routers, const Report& report,
                        const RunContext& context) {
  using Json = nlohmann::ordered_json;
  // Messages come from the routers and the system: bytes that are not UTF-8 become U+FFFD
  // rather than an exception.
  auto dump = [](const Json& value) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
  };
  auto field = [&](const char* key, const Json& value) {
    return "\"" + std::string(key) + "\": " + dump(value);
  };
  Json shard = context.shard
                   ? Json{{"index", context.shard->index}, {"count", context.shard->count}}
                   : Json(nullptr);
  Json canary = report.canaries > 0
                    ? Json{{"routers", report.canaries}, {"stopped", report.canary_stopped}}
                    : Json(nullptr);
  std::string out = "{\n  " + field("schema", "rosgen-fleet/1") + ", " +
                    field("command", context.command) + ", " +
                    field("inventory", context.inventory) + ", " +
                    field("inventory_routers", context.inventory_size) + ", " +
                    field("shard", shard) + ", " + field("canary", canary) + ",\n";
  out += "  \"routers\": [";
  for (std::size_t i = 0; i < routers.size(); ++i) {
    const Router& router = routers[i];
    const RouterResult& result = report.results[i];
    Json entry;
    entry["name"] = router.name;
    entry["host"] = router.ssh.host;
    entry["port"] = router.ssh.port;
    entry["policy"] = router.policy;
    entry["status"] = status_key(result.status);
    entry["message"] = result.message;
    if (result.changes) {
      entry["changes"] = {{"add", result.changes->add},
                          {"change", result.changes->change},
                          {"move", result.changes->move},
                          {"remove", result.changes->remove}};
    } else {
      entry["changes"] = nullptr;  // no plan was made: unknown, not zero
    }
    entry["warnings"] = result.warnings;
    entry["details"] = result.details;
    out += (i == 0 ? "\n    " : ",\n    ") + dump(entry);
  }
  out += routers.empty() ? "],\n" : "\n  ],\n";
  Json summary;
  summary["routers"] = routers.size();
  for (Status status : kStatuses) summary[std::string(status_key(status))] = report.count(status);
  out += "  " + field("summary", summary) + ", " + field("exit_code", report.exit_code()) + "\n}\n";
  return out;
}

std::string render_error_json(const RunContext& context, const std::string& error,
                              int exit_code) {
  nlohmann::ordered_json doc;
  doc["schema"] = "rosgen-fleet/1";
  doc["command"] = context.command;
  doc["inventory"] = context.inventory;
  doc["error"] = error;
  doc["exit_code"] = exit_code;
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace rosgen::fleet
