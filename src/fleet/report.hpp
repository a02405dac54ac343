// What a fleet run prints: a line per router (as each finishes), a summary whose order
// does not depend on the order routers finished in, and the JSON document (schema
// rosgen-fleet/1, README "Fleets"). Entry points: result_line(), summary_text(),
// render_json().
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "fleet/inventory.hpp"
#include "fleet/run.hpp"
#include "fleet/shard.hpp"

namespace rosgen::fleet {

// Where the routers of a run came from, for the summary and the JSON.
struct RunContext {
  std::string command;         // "diff" or "push"
  std::string inventory;       // the inventory file, as given
  std::size_t inventory_size;  // routers in it (before --shard)
  std::optional<Shard> shard;  // --shard, when given
};

// The widest router name of `routers`, for aligned lines.
std::size_t name_width(const std::vector<Router>& routers);

// "cafe-02   differs: add 2, remove 1\n": the name padded to `width`, the status, then the
// changes (add, change, move, remove; those not 0) and the message after them ("dry run:
// add 2; Another rosgen push is pending ..."); a failure shows only its message when it
// has one. Then each warning on a line of its own ("    warning: ..."), then each detail
// (RouterOS's errors), every line of it indented by 4 ("    patch: failure: ...",
// "        patch line 12: ..."). Control characters are escaped.
std::string result_line(const Router& router, const RouterResult& result, std::size_t width);

// "diff --all: 4 routers (shard 1/2 of 9 in rosgen.toml): 1 in sync, 1 differs, 2 failed",
// then one line per status that needs attention (every status but in sync, applied and
// skipped) naming its routers in inventory order, and a line when a canary or an
// interrupt stopped the run.
std::string summary_text(const std::vector<Router>& routers, const Report& report,
                         const RunContext& context);

// Schema rosgen-fleet/1: every router in inventory order with its status, message, changes
// (null when no plan was made), warnings and details, the counts per status and the exit code. Keys
// in the documented order; the same results always give the same bytes.
std::string render_json(const std::vector<Router>& routers, const Report& report,
                        const RunContext& context);

// When no router could be run (the inventory cannot be read, or has errors): schema
// rosgen-fleet/1 with only "schema", "command", "inventory", "error" (`error`, one line)
// and "exit_code", so that a CI job that keeps the JSON still gets a document.
std::string render_error_json(const RunContext& context, const std::string& error,
                              int exit_code);

}  // namespace rosgen::fleet
