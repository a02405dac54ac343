// `rosgen push`: puts a compiled policy on one router over SSH with a rollback armed on the
// router itself (issue 10 §3, design §5). The steps, and the round trips each takes:
//   1. read the owned menus and the push state (1 exec: live/read.hpp + commands.hpp);
//      plan (diff/plan.hpp). Nothing to change: stop (nothing is sent). --dry-run: stop.
//      Another push pending (an armed rosgen-push-* entry): refuse unless --force;
//   2. remove what earlier pushes left (fired entries, files): 1 exec, only when there is any;
//   3. upload the patch and the rollback (diff/rollback.hpp) over SFTP (2 transfers);
//   4. RouterOS 7.16+: /import ... verbose=yes dry-run (1 exec); its errors are shown
//      against the patch's lines, and nothing changes;
//   5. arm the rollback and start the apply as a background job (1 exec, commands.hpp);
//   6. wait for the job's end: poll the entry's state with growing pauses (≥ 1 exec);
//   7. verify over a NEW connection (1 exec): the owned menus must equal the policy (this
//      also proves that the operator still gets in); a dropped link or a failed login is
//      tried again while the confirm window lasts;
//   8. disarm: remove the entry and the files (1 exec).
// The patch builds changed chains beside the old ones and repoints their one jump (content-
// addressed chain names, lower/version.hpp), so no moment of the apply is less protective
// than both ends. When the apply fails, the job imports the rollback at once; when the
// verify finds differences, rosgen runs the rollback; either way rosgen disarms only after
// the old state has been read back. When rosgen cannot log in again, the entry restores the
// old rules at most `confirm_timeout` after the apply ended; rosgen waits for it and
// confirms. When RouterOS refuses the rollback too, rosgen stops at once with both errors
// in `details`, removes the entry and reads the router back: the old rules (RolledBack),
// the new ones whole (Failed), or part of each (Mixed).
// Entry points: Request, Result, run().
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "diff/plan.hpp"
#include "ir/ir.hpp"
#include "transport/session.hpp"

namespace rosgen::push {

struct Request {
  transport::Options ssh;
  const ir::Ruleset* desired = nullptr;  // the compiled policy (not null)
  bool dry_run = false;                  // plan only: nothing is written to the router
  // Go on although a push is pending: this policy's pending entry is removed (its rules
  // are replaced by this push's); another policy's is left alone.
  bool force = false;
  // The rollback fires this long after the apply ends unless rosgen confirms (disarms).
  std::chrono::seconds confirm_timeout{120};
  // How long the apply may run before the rollback fires anyway (a hung job, a reboot).
  std::chrono::seconds apply_limit{900};
  // Called with a line per step as it starts ("uploading the patch (412 lines)"): progress
  // for a terminal. May be empty.
  std::function<void(const std::string&)> progress;
  // Called once with the plan before anything is written (not for --dry-run or in sync),
  // so that a terminal shows what is about to change. May be empty.
  std::function<void(const diff::Plan&)> on_plan;
  // How a person compares the router with the policy by hand: the `rosgen diff` command
  // line with this push's options, shown in messages. Empty: "rosgen diff <policy> --host H".
  std::string diff_command;
  // The `rosgen push` command line of this push (its options, without --force), shown
  // where a message says to push again. Empty: "the same push".
  std::string push_command;
  // Set (by a signal handler) to stop. Before the rollback is armed rosgen removes what it
  // uploaded and stops (Interrupted, nothing changed); after, it stops waiting and says what
  // the armed entry will do. A verified apply is still disarmed (one short command). May
  // be null.
  const std::atomic<bool>* interrupt = nullptr;
  // Pauses between polls of the apply's state (tests shorten them). Each pause is
  // the previous one times 1.6, at most `poll_max`.
  std::chrono::milliseconds poll_first{300};
  std::chrono::milliseconds poll_max{8000};
};

enum class Status {
  InSync,       // nothing to change; nothing was sent
  DryRun,       // --dry-run with changes, or in sync while a push of this policy is pending
                // (its entry will restore the old rules: the router will change, as
                // `rosgen diff --host` says); nothing was sent
  Applied,      // applied, verified over a new connection, disarmed
  Refused,      // refused before anything changed (pending push, device-mode, dry-run errors)
  RolledBack,   // the apply failed or did not verify; the old state is back and verified
  Mixed,        // RouterOS refused the rollback (after a failed apply or verify) half-way:
                // the router holds part of the old rules and part of the new (read back);
                // `details` has both errors
  Failed,       // something failed after the router may have changed; `message` says what
                // the router will do (the armed rollback) and what to check
  Interrupted,  // stopped by a signal (Request::interrupt); `message` says what the router
                // will do
};

// "in_sync", "dry_run", "applied", "refused", "rolled_back", "mixed", "failed",
// "interrupted": the status in JSON
// (rosgen-push/1; underscores, as rosgen-fleet/1 has them). Text for a person has spaces.
const char* status_name(Status status);

struct Result {
  Status status = Status::Failed;
  std::string endpoint;  // host:port
  std::string message;   // one paragraph for a person: what happened, what to do
  diff::Plan plan;
  bool planned = false;  // `plan` was made from the router's export (false: not read)
  std::string routeros_version;  // from the export header
  // A push's rollback entry is armed on the router: read so, and not removed by this
  // push's --force (`notice` says whose; a push is refused unless --force, or in sync
  // with only another policy's pending).
  bool pending = false;
  // For every result: another push pending, or what --force removed; "" when neither.
  std::string notice;
  // Whether the router's configuration differs from before the push: false when nothing
  // was written or the rollback restored it (read back), true when applied (or mixed),
  // nullopt when rosgen cannot know (it lost the router; the message says what comes).
  std::optional<bool> changed;
  std::uint64_t round_trips = 0;   // exec channels + SFTP transfers, both connections
  std::vector<std::string> steps;  // what was done, in order (also sent to progress)
  // RouterOS's errors against the lines they name ("patch: failure: ...\n    patch line
  // 12: /ip firewall ..."; "rollback: ..."), differences left after an apply, etc.
  std::vector<std::string> details;
};

// Runs the push. Throws transport::Error when the router cannot be reached, logged in to or
// read BEFORE anything was written (nothing changed: exit 3), live::ReadError when its
// export is unusable. After the first write every failure becomes a Result (Failed or
// RolledBack) that says what the router will do.
Result run(const Request& request);

}  // namespace rosgen::push
