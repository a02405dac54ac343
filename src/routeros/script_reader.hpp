// RouterOS exports and scripts -> RouterState. Reads compact exports (section headers
// then add lines), terse exports (the full path on every line), v7 slash paths,
// '\'+newline continuations (also inside quoted strings), every escape of reference §4,
// '#' comments (to the end of their line, quotes in them mean nothing), the header forms
// of exports and backup tools (header_version() in the .cpp lists them with sources, also
// after a pasted console prompt), and ';'-separated commands. It executes what it
// models: add (with place-before), and set / remove / move on items selected by
// [find where comment="..."] or [find where name="..."] (also comment~"^prefix"), which
// is what rosgen's scripts and patches use, rosgen's own placement block
// "{ :local top [<menu> find where dynamic=no]; :if ([:len $top] = 0|> N) do={ ... }
// [else={ ... }] }" with [:pick $top N] (emit::at_top_of_table; N > 0: the rollback), and
// the rollback's guard ":if ([:len [<menu> find where comment="..."]] = 0) do={ <one
// command or placement block> }". Everything else (scripting, function calls,
// other menus and their verbs, other selectors) is kept as opaque, counted, and reported
// with its line; but a command changing items of a modeled menu with a value the reader
// cannot know ($x, "a$x", ( ... ) other than quoted strings joined by '.', [ ... $x ... ])
// is an error, since it could be an owned item. Problems are diagnostics with
// file:line:col; a bad line (pasted console text, a quoted value that does not end on its
// line) never stops the rest of the file from being read.
// Entry point: read_script().
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "routeros/state.hpp"
#include "support/diagnostics.hpp"

namespace rosgen::routeros {

struct OpaqueStatement {
  std::uint32_t line = 0;
  std::string menu;    // "/interface bridge", or "(script)" for ':local' and the like
  std::string reason;  // "menu not modeled", "selector not supported", ...
};

struct ReadResult {
  RouterState state;
  // "6.38.5", from the header: "# ... by RouterOS 6.38.5", "# RouterOS 6.38.5" or
  // "# installed-version: 6.38.5" (Oxidized); nullopt when the file names none.
  std::optional<std::string> routeros_version;
  std::vector<OpaqueStatement> opaque;
  std::size_t commands = 0;  // commands executed on modeled menus
  // Import mode: the line of the command RouterOS would refuse, where the import stops.
  std::optional<std::uint32_t> stopped_at;

  // Opaque statements per menu, for summaries.
  std::map<std::string, std::size_t> opaque_by_menu() const;
  // The major version from the header, if any.
  std::optional<int> routeros_major() const;
};

struct ReadOptions {
  // Further warnings about this file are summed up in one closing note (and still counted
  // in the DiagnosticEngine's summary); below the engine's own limit of 100 warnings per run,
  // so that one noisy export cannot hide the policy's warnings.
  std::size_t max_warnings = 40;
  // Execute the file as RouterOS's /import does, on a model of the router: a command
  // RouterOS refuses is an error, and the script stops there with every earlier command
  // left applied (reference §5.1: /import is not transactional). Refused: an add that
  // breaks a precondition (routeros/preconditions.hpp: tarpit or tcp-reset without
  // protocol=tcp, ...); placing or moving before a dynamic item ("failure: cannot change
  // builtin"); a place-before or destination by number past the end, or a selector that
  // finds nothing ("no such item"); changing, moving or removing a dynamic item; a second
  // queue type, queue tree or address-list entry with the same name. FastTrack's dynamic
  // counter rule is kept at the top of the filter table while FastTrack is on
  // (sync_dynamic_items). Without it, the file is read as an export: no refusals.
  bool import = false;
};

// Reads `file` and executes it on `initial` (empty for an export). Diagnostics go to
// `diags`: errors for what makes the read state uncertain (control bytes, an unterminated
// quoted value: that statement is skipped), warnings for defects read around.
ReadResult read_script(const std::shared_ptr<const support::SourceFile>& file,
                       support::DiagnosticEngine& diags, RouterState initial = {},
                       const ReadOptions& options = {});

}  // namespace rosgen::routeros
