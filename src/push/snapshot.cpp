// Reading a router for a push and comparing what it holds (snapshot.hpp).
#include "push/snapshot.hpp"

#include <algorithm>
#include <memory>
#include <tuple>

#include "live/read.hpp"
#include "push/commands.hpp"
#include "support/diagnostics.hpp"

namespace rosgen::push {

std::string trim(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
    text.remove_suffix(1);
  while (!text.empty() && (text.front() == '\n' || text.front() == ' ')) text.remove_prefix(1);
  return std::string(text);
}

LiveRead read_live(transport::Session& session, const std::string& policy) {
  std::string source = session.endpoint() + " (export)";
  transport::CommandResult result =
      session.run_checked(live::export_command() + "; " + state_query_command(policy));
  std::size_t marker = result.out.rfind(kStateMarker);
  if (marker == std::string::npos)
    throw live::ReadError(source + ": the router's answer lacks the push state; nothing changed");
  LiveRead read;
  read.file = std::make_shared<const support::SourceFile>(
      source, live::owned_menus_text(std::string_view(result.out).substr(0, marker), source));
  std::vector<std::size_t> numbers;
  std::string rest = result.out.substr(marker + std::string_view(kStateMarker).size());
  std::size_t pos = 0;
  while (pos < rest.size()) {
    std::size_t end = rest.find('\n', pos);
    std::string line = trim(rest.substr(pos, end == std::string::npos ? end : end - pos));
    if (!line.empty() && line.find_first_not_of("0123456789") == std::string::npos)
      numbers.push_back(std::stoul(line));
    pos = end == std::string::npos ? rest.size() : end + 1;
  }
  if (numbers.size() != 5)
    throw live::ReadError(source + ": the router's push state is unreadable; nothing changed");
  read.armed = numbers[0];
  read.entries = numbers[1];
  read.files = numbers[2];
  read.armed_policy = numbers[3];
  read.busy_policy = numbers[4];
  return read;
}

Snapshot read_router(transport::Session& session, const std::string& policy) {
  LiveRead read = read_live(session, policy);
  Snapshot snapshot;
  support::DiagnosticEngine diags;
  snapshot.read = routeros::read_script(read.file, diags);
  if (diags.has_errors()) {
    throw live::ReadError(support::render_all(diags, {false}) + read.file->name() +
                          ": rosgen cannot read this export; nothing was changed");
  }
  snapshot.armed = read.armed;
  snapshot.entries = read.entries;
  snapshot.files = read.files;
  snapshot.armed_policy = read.armed_policy;
  snapshot.busy_policy = read.busy_policy;
  return snapshot;
}

std::vector<std::string> errors_against(const std::string& output, const std::string& script,
                                        const std::string& label) {
  std::vector<std::string> patch_lines;
  for (std::size_t pos = 0; pos < script.size();) {
    std::size_t end = script.find('\n', pos);
    patch_lines.push_back(script.substr(pos, end == std::string::npos ? end : end - pos));
    pos = end == std::string::npos ? script.size() : end + 1;
  }
  std::vector<std::string> out;
  for (std::size_t pos = 0; pos < output.size();) {
    std::size_t end = output.find('\n', pos);
    std::string line = trim(output.substr(pos, end == std::string::npos ? end : end - pos));
    pos = end == std::string::npos ? output.size() : end + 1;
    if (transport::routeros_error_line(line).empty() && !line.starts_with("Script Error"))
      continue;
    std::size_t at = line.find("line ");
    if (at != std::string::npos) {
      std::size_t n = std::strtoul(line.c_str() + at + 5, nullptr, 10);
      if (n >= 1 && n <= patch_lines.size())
        line += "\n    " + label + " line " + std::to_string(n) + ": " + patch_lines[n - 1];
    }
    out.push_back(line);
  }
  if (out.empty())
    out.push_back(trim(output));
  return out;
}

bool same_state(const routeros::RouterState& a, const routeros::RouterState& b) {
  for (ir::Menu menu : routeros::kModeledMenus) {
    std::vector<ir::Item> x = a.items(menu);
    std::vector<ir::Item> y = b.items(menu);
    if (!ir::is_firewall_table(menu)) {
      auto order = [](const ir::Item& i, const ir::Item& j) {
        return std::lexicographical_compare(
            i.properties.begin(), i.properties.end(), j.properties.begin(), j.properties.end(),
            [](const ir::Property& p, const ir::Property& q) {
              return std::tie(p.name, p.value) < std::tie(q.name, q.value);
            });
      };
      std::sort(x.begin(), x.end(), order);
      std::sort(y.begin(), y.end(), order);
    }
    auto same = [](const ir::Item& i, const ir::Item& j) { return i.properties == j.properties; };
    if (!std::equal(x.begin(), x.end(), y.begin(), y.end(), same))
      return false;
  }
  return true;
}

}  // namespace rosgen::push
