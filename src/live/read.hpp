// Reading a router's running configuration of every menu rosgen models, over SSH, in one
// round trip and without changing anything: what `rosgen diff --host` compares with the
// policy, and what a push plans from and verifies against (issue 10 §2, §3).
//
// One exec channel runs one command line (reference §6: one line per exec) that exports
// each modeled menu with `export terse` (full path on every line, no wrapping: §3.1/§3.2),
// each preceded by a marker line the router prints with :put. The markers let
// owned_menus_text() keep, from each menu's part, only the lines of that menu: a RouterOS
// export includes the menu's submenus ("/interface list export" also prints
// "/interface list member", which is exported on its own), so without them a submenu's
// items would be read twice. No `show-sensitive`: none of these menus has a sensitive
// property (passwords, keys and secrets live elsewhere), and RouterOS 6 refuses the word.
// The version comes from the exports' header (`# ... by RouterOS 7.16.2`), so no second
// command is needed. `#error exporting "/x" (timeout)` (7.11+: a menu that timed out) makes
// the read fail: a partial export would show owned items as missing.
// Entry points: read_running(), export_command(), owned_menus_text().
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "support/diagnostics.hpp"
#include "support/errors.hpp"
#include "transport/session.hpp"

namespace rosgen::live {

// The router's output could not be used (a menu that failed to export, markers missing):
// the read is incomplete, so nothing is compared.
class ReadError : public support::Error {
 public:
  using support::Error::Error;
};

// The single command line: for every menu in routeros::kModeledMenus,
// `:put "<marker> <path>"; <path> export terse`, joined by "; ".
std::string export_command();

// The exports in `output` (export_command()'s output, LF line ends) with each menu's part
// reduced to that menu's lines (header comments kept; other menus' lines, and their
// continuation lines, become empty lines so that line numbers still point into
// `output`). Throws ReadError naming `source` when a menu reports `#error exporting` or a
// marker is missing.
std::string owned_menus_text(std::string_view output, const std::string& source);

// Runs export_command() on `session` (one round trip) and returns the result of
// owned_menus_text() as a source file named "<host:port> (export)", ready for
// routeros::read_script(). Throws transport::Error (connection, timeout, a refused
// command) or ReadError.
std::shared_ptr<const support::SourceFile> read_running(transport::Session& session);

}  // namespace rosgen::live
