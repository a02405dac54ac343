// The .rsc emitter: header from templates/, sections, remarks, quoted properties.
#include "emit/rsc_writer.hpp"

#include <algorithm>

#include "emit/quote.hpp"
#include "emit/templates.hpp"

namespace rosgen::emit {

namespace {

// Comment lines carry text from file names and literals: keep them one printable line.
std::string comment_text(std::string_view text) {
  std::string out;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    out += (c < 0x20 || c == 0x7f) ? '?' : ch;
  }
  return out;
}

void append_property(std::string& out, const ir::Property& property) {
  // User text (comments, payload literals, log prefixes) is always quoted.
  bool always =
      property.name == "comment" || property.name == "content" || property.name == "log-prefix";
  out += property.name;
  out += '=';
  append_value(out, property.value, always);
}

enum class Placement { Append, Top, BeforeFasttrack };

void write_item(std::string& out, const ir::Item& item, Placement placement) {
  for (const std::string& remark : item.remarks) out += "# " + comment_text(remark) + "\n";
  std::string add = "add";
  for (const ir::Property& p : item.properties) {
    add += ' ';
    append_property(add, p);
  }
  // Anchors go to the top of their built-in chain: before the first item of the table
  // that is not dynamic, found when the script runs (never by print number).
  std::string command = std::string(ir::menu_path(item.menu)) + " " + add;
  if (placement == Placement::Top) {
    out += at_top_of_table(item.menu, command, TopCommand::Add);
  } else if (placement == Placement::BeforeFasttrack) {
    const std::string* chain = item.get("chain");
    out += before_fasttrack(item.menu, chain != nullptr ? *chain : "forward", command,
                            TopCommand::Add);
  } else {
    out += add;
  }
  out += '\n';
}

void write_items(std::string& out, const std::vector<ir::Item>& items,
                 Placement placement = Placement::Append) {
  const ir::Item* previous = nullptr;
  for (const ir::Item& item : items) {
    if (previous == nullptr || previous->menu != item.menu) {
      out += render_template("section.rsc", {{"path", std::string(ir::menu_path(item.menu))}});
    }
    write_item(out, item, placement);
    previous = &item;
  }
}

// The interfaces and interface lists the anchors name, each checked before anything
// changes: RouterOS refuses a rule that names a missing one, and /import would stop
// there with the preamble's removals already done (reference §5.1: put precondition
// checks first). ':error' ends the import.
std::vector<std::pair<std::string, std::string>> named_interfaces(
    const std::vector<const ir::Item*>& items) {
  std::vector<std::pair<std::string, std::string>> out;  // (menu, name)
  for (const ir::Item* item : items) {
    for (const char* property : {"in-interface", "out-interface"}) {
      if (const std::string* name = item->get(property))
        out.emplace_back("/interface", *name);
    }
    for (const char* property : {"in-interface-list", "out-interface-list"}) {
      if (const std::string* name = item->get(property))
        out.emplace_back("/interface list", *name);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<const ir::Item*> anchors_of(const ir::Ruleset& ruleset) {
  std::vector<const ir::Item*> out;
  for (const ir::Item& anchor : ruleset.anchors) out.push_back(&anchor);
  return out;
}

}  // namespace

std::string interface_checks(const std::vector<const ir::Item*>& items) {
  auto names = named_interfaces(items);
  if (names.empty())
    return "";
  std::string out =
      "#\n# Stop before anything changes if an interface or interface list the policy names is\n"
      "# missing (RouterOS would refuse the first rule naming it, half-way through).\n";
  for (const auto& [menu, name] : names) {
    std::string what = menu == "/interface" ? "interface " : "interface list ";
    out += ":if ([:len [" + menu + " find where name=" + quote_value(name, true) +
           "]] = 0) do={ :error " +
           quote_value("rosgen: no " + what + name + " on this router; nothing was changed", true) +
           " }\n";
  }
  return out;
}

std::size_t precondition_commands(const ir::Ruleset& ruleset) {
  return named_interfaces(anchors_of(ruleset)).size();
}

std::string at_top_of_table(ir::Menu menu, std::string_view command, TopCommand kind) {
  std::string path(ir::menu_path(menu));
  std::string out = "{ :local top [" + path + " find where dynamic=no]; :if ([:len $top] ";
  if (kind == TopCommand::Add) {
    out += "= 0) do={ ";
    out += command;
    out += " } else={ ";
    out += command;
    out += " place-before=[:pick $top 0] } }";
  } else {
    out += "> 0) do={ ";
    out += command;
    out += " destination=[:pick $top 0] } }";
  }
  return out;
}

std::string before_fasttrack(ir::Menu menu, std::string_view chain, std::string_view command,
                             TopCommand kind) {
  std::string path(ir::menu_path(menu));
  return "{ :local ft [" + path +
         " find where action=fasttrack-connection chain=" + quote_value(std::string(chain), false) +
         " disabled=no]; :if ([:len $ft] > 0) do={ " + std::string(command) +
         (kind == TopCommand::Add ? " place-before=[:pick $ft 0] } }"
                                  : " destination=[:pick $ft 0] } }");
}

std::string write_export(const routeros::RouterState& state) {
  std::string out;
  for (ir::Menu menu : routeros::kModeledMenus) {
    write_items(out, state.items(menu));
  }
  return out;
}

std::string property_text(const ir::Property& property) {
  std::string out;
  append_property(out, property);
  return out;
}

namespace {

constexpr std::string_view kProfilePrefix = "# traffic profile: ";
constexpr std::string_view kProfileDigest = ", sha256 ";
constexpr std::string_view kNoProfile = "none (--no-optimise)";

bool is_sha256(std::string_view text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

std::string profile_line(const ProfileName& profile) {
  if (profile.name.empty())
    return std::string(kNoProfile);
  return comment_text(profile.name) + std::string(kProfileDigest) + profile.sha256;
}

std::optional<ProfileLine> find_profile_line(std::string_view script) {
  if (!script.starts_with("# rosgen "))
    return std::nullopt;
  for (std::size_t at = 0; at < script.size() && script[at] == '#';) {
    std::size_t end = std::min(script.find('\n', at), script.size());
    std::string_view line = script.substr(at, end - at);
    if (line.ends_with('\r'))
      line.remove_suffix(1);
    if (line.starts_with(kProfilePrefix)) {
      std::string_view rest = line.substr(kProfilePrefix.size());
      ProfileLine found{{}, at, line.size()};
      if (rest == kNoProfile)
        return found;
      std::size_t digest = rest.rfind(kProfileDigest);
      if (digest == std::string_view::npos || digest == 0 ||
          !is_sha256(rest.substr(digest + kProfileDigest.size())))
        return std::nullopt;
      found.profile = {std::string(rest.substr(0, digest)),
                       std::string(rest.substr(digest + kProfileDigest.size()))};
      return found;
    }
    at = end + 1;
  }
  return std::nullopt;
}

std::string emit_rsc(const ir::Ruleset& ruleset, const ScriptHeader& header) {
  std::string sources;
  for (const std::string& source : header.sources) {
    if (!sources.empty())
      sources += ", ";
    sources += comment_text(source);
  }
  std::size_t items = ruleset.items.size() + ruleset.anchors.size() + ruleset.guards.size();
  std::string out = render_template(
      "header.rsc",
      {{"version", ROSGEN_VERSION},
       {"policy", ruleset.policy},
       {"routeros",
        std::to_string(ruleset.routeros) +
            (ruleset.routeros_minor ? "." + std::to_string(*ruleset.routeros_minor) : "")},
       {"sources", sources},
       {"digest", header.digest},
       {"profile", profile_line(header.profile)},
       {"items", std::to_string(items)},
       {"commands", std::to_string(items + kPreambleCommands + precondition_commands(ruleset))}});
  out += interface_checks(anchors_of(ruleset));
  out += render_template("preamble.rsc", {{"policy", ruleset.policy}});
  write_items(out, ruleset.items);
  if (!ruleset.anchors.empty()) {
    std::string placement = ruleset.anchor_top
                                ? "placed at the top of its chain, before the router's own "
                                  "rules:\n# before the first item that is not dynamic (RouterOS "
                                  "refuses to place anything\n# before a dynamic item such as "
                                  "FastTrack's counter rule), found when the\n# script runs"
                                : "appended after the router's own rules ('anchor bottom')";
    out +=
        render_template("anchor-note.rsc", {{"policy", ruleset.policy}, {"placement", placement}});
    write_items(out, ruleset.anchors, ruleset.anchor_top ? Placement::Top : Placement::Append);
  }
  if (!ruleset.guards.empty()) {
    out += render_template("guard-note.rsc", {{"policy", ruleset.policy}});
    write_items(out, ruleset.guards, Placement::BeforeFasttrack);
  }
  return out;
}

}  // namespace rosgen::emit
