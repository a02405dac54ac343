// Running one job per router over a selection of the inventory: `rosgen diff --all` reads
// each router, `push --all` will apply to each. The job is any function from a router to
// its result, so the runner knows nothing of diffs or pushes. Routers run --parallel N at
// a time on worker threads; with --canary K the first K run first and, when any of them
// fails, the rest are not run ("skipped"). A job that throws, or a router that cannot be
// reached, fails alone: every other router still runs and is reported.
// Entry points: run(), RouterResult, Report, result_of().
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fleet/inventory.hpp"

namespace rosgen::fleet {

// One router's outcome. Diff gives InSync, Differs or a failure; a push gives InSync,
// Applied, DryRun or a failure (push::Status, each under its own name).
enum class Status {
  InSync,       // the router's owned rules equal the policy's: nothing to do
  Differs,      // they differ (diff: what a push would change)
  Applied,      // push: the change was applied and verified
  DryRun,       // push --dry-run with changes (or this policy's push pending): planned
                // against the router's export only; nothing was sent or checked
  Refused,      // push: refused before anything changed (a pending push, device-mode,
                // RouterOS's dry run of the patch)
  RolledBack,   // push: applying or verifying failed and the router went back
  Mixed,        // push: RouterOS refused the rollback half-way: part old rules, part new
                // (the router needs a person first)
  Failed,       // the job failed: host key refused, login failed, policy errors, lost the
                // router after a change (its armed entry restores the old rules), ...
  Unreachable,  // the router's name did not resolve or nothing answered on its port
  Interrupted,  // push: stopped by SIGINT/SIGTERM/SIGHUP; the message says what comes
  Skipped,      // not run: a canary failed first, or the run was interrupted
};

// Every status, in the order summaries list them.
inline constexpr Status kStatuses[] = {Status::InSync,      Status::Differs, Status::Applied,
                                       Status::DryRun,      Status::Refused, Status::RolledBack,
                                       Status::Mixed,       Status::Failed,  Status::Unreachable,
                                       Status::Interrupted, Status::Skipped};

// "in sync", "differs", "applied", "dry run", "refused", "rolled back", "mixed", "failed",
// "unreachable", "interrupted", "skipped": for result lines and summaries.
std::string_view status_text(Status status);
// The same in JSON: "in_sync", "differs", "applied", "dry_run", "rolled_back", ...
std::string_view status_key(Status status);
// Every status but InSync, Differs, Applied, DryRun and Skipped: what makes a run exit 1
// (130 for Interrupted) and stops after a canary.
bool is_failure(Status status);

// The changes a diff found, or a push applied.
struct Changes {
  std::size_t add = 0;
  std::size_t change = 0;
  std::size_t move = 0;
  std::size_t remove = 0;
  bool operator==(const Changes&) const = default;
};

struct RouterResult {
  Status status = Status::Failed;
  std::string message;  // one line: what differs, why it failed; may be ""
  // What the plan against the router's export counted (push: what it applied or tried
  // to); nullopt when no plan was made (the router was not read, the policy has errors,
  // skipped): JSON null, not zeros.
  std::optional<Changes> changes;
  std::vector<std::string> warnings;  // one line each (a version mismatch, FastTrack, ...)
  // What the router said, for a person to read under the line: RouterOS's errors against
  // the patch or rollback lines they name ("patch: failure: ...\n    patch line 12: ...";
  // push --all), differences left after an apply. An entry may hold several lines.
  std::vector<std::string> details;
  bool operator==(const RouterResult&) const = default;
};

// The job: from one router to its result. It may throw; run() turns the exception into
// the router's result with result_of().
using Job = std::function<RouterResult(const Router&)>;

// A failed router's result from what its job threw: Unreachable for a transport error
// resolving the name or connecting, Failed with the exception's message otherwise.
RouterResult result_of(const std::exception& error);

struct RunOptions {
  std::size_t parallel = 1;  // routers at a time (worker threads), at least 1
  std::size_t canary = 0;    // K routers first, then stop on any failure; 0: no canary stage
  // Set (by a signal handler) to stop: routers not yet started are Skipped ("not run:
  // interrupted"); those running are left to their job (push stops at its next check
  // point). May be null.
  const std::atomic<bool>* interrupt = nullptr;
};

// Called once per router as its result is known (skipped routers too), never by two
// threads at once: `index` is the router's position in run()'s `routers`.
using Progress = std::function<void(std::size_t index, const RouterResult& result)>;

struct Report {
  std::vector<RouterResult> results;  // one per router, in the order of run()'s `routers`
  std::size_t canaries = 0;           // routers run as canaries (0 without --canary)
  bool canary_stopped = false;        // a canary failed: the others were skipped
  bool interrupted = false;           // RunOptions::interrupt was set before the run ended

  std::size_t count(Status status) const;
  // 130 when the run was interrupted (as a shell reports SIGINT), else 1 when a router
  // failed (or a canary stopped the run), else 2 when one differs or a dry run found
  // changes, else 0.
  int exit_code() const;
};

// Runs `job` once for each of `routers` (at most options.parallel at a time; the first
// options.canary ones first) and returns every result in `routers`' order, whatever the
// order they finished in: the same Report for any --parallel. When `progress` throws (its
// output failed), it is not called again, the routers still run to their end (no push is
// abandoned half-way), and the exception is rethrown once all have finished.
Report run(const std::vector<Router>& routers, const Job& job, const RunOptions& options,
           const Progress& progress = {});

}  // namespace rosgen::fleet
