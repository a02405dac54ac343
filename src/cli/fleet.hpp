// The fleet run every `--all` command shares (fleet.cpp), and the seam a command plugs its
// per-router job into: `diff --all` (run_diff_all(), app.hpp) and `push --all`.
// Entry points: FleetJob, run_fleet().
#pragma once

#include <atomic>
#include <functional>
#include <string_view>

#include "cli/app.hpp"
#include "diff/plan.hpp"
#include "fleet/inventory.hpp"
#include "fleet/run.hpp"

namespace rosgen::cli {

// The command's pipeline options for `router`: its policy, compiled for its RouterOS.
PipelineOptions pipeline_for(const PipelineOptions& pipeline, const fleet::Router& router);

// A plan's counts (add, change, move, remove), as a fleet line and rosgen-*/1 JSON give them.
fleet::Changes changes_of(const diff::Summary& summary);

// One router's job in a fleet run, given its policy compiled for it (`compiled.ruleset` is
// set): the seam `diff --all` (fleet.cpp) and `push --all` (push.cpp) plug into
// run_fleet(). It may throw (a transport::Error is the router's failure; see
// fleet::result_of()). Jobs run on several threads at once (--parallel): one
// transport::Session each, and nothing shared but `compiled`, which they only read.
using FleetJob =
    std::function<fleet::RouterResult(const fleet::Router& router, const PipelineResult& compiled)>;

// A fleet run (fleet.cpp): reads the inventory (options.inventory), takes the --shard,
// compiles each distinct (policy, RouterOS version, anchor) once with `pipeline`'s
// include directories, profile and --no-optimise (diagnostics on env.err; a router whose
// policy has errors fails without being contacted), runs `job` on every router per
// fleet::run(), and prints a line per router as each finishes, then the summary (or with
// `json` the rosgen-fleet/1 document on env.out and the lines on env.err). `command`
// ("diff", "push") names the run in the summary. `interrupt` (push: set by SIGINT, SIGTERM
// or SIGHUP; may be null) skips the routers not yet started. Returns
// fleet::Report::exit_code() (0, 1, 2, 130), 1 for errors in the inventory; throws
// support::IoError when the inventory cannot be read.
int run_fleet(std::string_view command, const FleetOptions& options,
              const PipelineOptions& pipeline, bool json, const FleetJob& job,
              const Environment& env, const std::atomic<bool>* interrupt = nullptr);

}  // namespace rosgen::cli
