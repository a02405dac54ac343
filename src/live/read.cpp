// Reading the modeled menus of a router over SSH in one command (read.hpp).
#include "live/read.hpp"

#include <optional>
#include <vector>

#include "ir/ir.hpp"
#include "routeros/state.hpp"

namespace rosgen::live {

namespace {

// Printed by the router before each menu's export; a '#' line, so a reader that sees one
// takes it for a comment.
constexpr std::string_view kMarker = "# rosgen-export ";

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos)
      end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// The modeled menu whose path starts `line` (the longest one: "/interface list member add"
// is a member, not an interface list), or nullopt.
std::optional<ir::Menu> menu_of_line(std::string_view line) {
  std::optional<ir::Menu> best;
  std::size_t best_size = 0;
  for (ir::Menu menu : routeros::kModeledMenus) {
    std::string_view path = ir::menu_path(menu);
    bool starts =
        line.starts_with(path) && (line.size() == path.size() || line[path.size()] == ' ');
    if (starts && path.size() > best_size) {
      best = menu;
      best_size = path.size();
    }
  }
  return best;
}

bool continues(std::string_view line) {
  return !line.empty() && line.back() == '\\';
}

}  // namespace

std::string export_command() {
  std::string command;
  for (ir::Menu menu : routeros::kModeledMenus) {
    std::string path(ir::menu_path(menu));
    if (!command.empty())
      command += "; ";
    command += ":put \"" + std::string(kMarker) + path + "\"; " + path + " export terse";
  }
  return command;
}

std::string owned_menus_text(std::string_view output, const std::string& source) {
  std::string text;
  text.reserve(output.size());
  std::optional<ir::Menu> section;  // the menu whose export the lines belong to
  std::size_t markers = 0;
  bool path_keep = false;   // the last path line belongs to `section`
  bool keep = false;        // the current line is kept
  bool continuing = false;  // the previous line ended with a backslash: this one belongs to it
  for (std::string_view line : split_lines(output)) {
    std::string_view trimmed = line;
    if (trimmed.ends_with('\r'))
      trimmed.remove_suffix(1);
    if (continuing) {
      // keep as the line it continues
    } else if (trimmed.starts_with(kMarker)) {
      section = ir::menu_from_path(trimmed.substr(kMarker.size()));
      ++markers;
      keep = path_keep = false;  // the marker is not part of any export
    } else if (trimmed.starts_with("#error")) {
      throw ReadError(source + ": the router could not export every menu rosgen reads (" +
                      std::string(trimmed) + "); nothing was compared");
    } else if (trimmed.starts_with("/")) {
      keep = path_keep = section && menu_of_line(trimmed) == section;
    } else if (trimmed.empty() || trimmed.starts_with("#")) {
      keep = true;  // header comments and blank lines
    } else {
      keep = path_keep;  // a compact export's "add ..." under its section header
    }
    continuing = continues(trimmed);
    if (keep)
      text += line;
    text += '\n';
  }
  if (markers != routeros::kModeledMenus.size()) {
    throw ReadError(source + ": the router's answer holds " + std::to_string(markers) + " of " +
                    std::to_string(routeros::kModeledMenus.size()) +
                    " menu exports; nothing was compared");
  }
  return text;
}

std::shared_ptr<const support::SourceFile> read_running(transport::Session& session) {
  std::string source = session.endpoint() + " (export)";
  transport::CommandResult result = session.run_checked(export_command());
  return std::make_shared<const support::SourceFile>(source, owned_menus_text(result.out, source));
}

}  // namespace rosgen::live
