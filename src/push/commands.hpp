// The RouterOS command lines of a push (issue 10 §3): what rosgen sends, as pure functions
// of names, so that push.cpp only sequences them and tests can read them. Every value goes
// through emit::quote_value() (reference §4), nested strings included.
//
// The protocol, on the router:
//  - one /system scheduler entry per policy, "rosgen-push-<policy>", its comment the push's
//    state: "rosgen-push <policy> <run>: <state>[: <error text>]": the job writes applying,
//    applied, failed, failed-rolled-back, failed-rollback-failed; the entry when it fires
//    rollback-fired, rolled-back, rollback-failed. Enabled = armed; a fired entry disables
//    itself first.
//  - armed before the patch runs with interval = the apply limit (default 15 min): if the
//    apply never ends (a hung job, a reboot in the middle) the rollback still comes.
//  - the patch runs detached, as an :execute job (a dropped SSH link cannot stop it
//    half-way), inside `:onerror e in={ } do={ }` (RouterOS 7.13+: the error's text goes
//    into the state, "failed: <text>") or `:do { } on-error={ }` before 7.13 (no text). At
//    its end the job re-creates the entry with interval = the confirm timeout, so the
//    timer starts when the apply ends and the entry can never fire while the apply runs;
//    on a failed import the job imports the rollback at once.
//  - every import of the rollback (the job's, the entry's) is caught the same way: a
//    rollback that RouterOS refuses ends in "rollback-failed: <text>", never in silence,
//    so rosgen stops waiting at once and reports the mixed state.
// RouterOS facts relied on, and their status (../shared/routeros-reference.md):
//  - a periodic entry added with interval=N and no start-time first fires N after it was
//    added (§5.1, the dead-man's switch of librouteros PR #383 and napalm-ros #137/#149:
//    how public tools use it; not verified on a router here);
//  - `:do { /import f } on-error={ }` catches a run-time failure inside the import: the
//    manual says that from 7.16 it *also* catches syntax errors [SCRIPT], so run-time
//    failures were caught before (inferred). A syntax error applies nothing anyway: the
//    whole file is parsed first (§5.1, librouteros integration test);
//  - :execute runs a script as a background job (Scripting manual);
//  - `:onerror e in={ } do={ }` exists from 7.13 and binds the error's text to e (§5,
//    [RESTRAML]); "$e" inside a string is replaced by its value (Scripting manual). Whether
//    the text names the refused line of an imported file is unverified: rosgen maps
//    "line N" to the patch when the text has it and shows the text as it is otherwise;
//  - the entry's policy must cover what the rollback does: an entry with too narrow a
//    policy fails silently when it fires (§5.1). The one given below is the default
//    policy of a new entry without reboot, password, sniff and romon (unverified as the
//    least that /import of firewall, layer7 and queue items needs).
// Entry points: Names, and the *_command() functions.
#pragma once

#include <chrono>
#include <string>

namespace rosgen::push {

// What a push is called on the router.
struct Names {
  std::string policy;    // the policy's name (bare: [a-z0-9-])
  std::string run;       // this push's id: 8 hex digits
  std::string patch;     // uploaded files, as RouterOS names them ("flash/rosgen-...-patch.rsc")
  std::string rollback;
  // RouterOS 7.13+: catch errors with `:onerror`, which gives their text to the script.
  bool error_text = false;

  std::string entry() const { return "rosgen-push-" + policy; }
  // The scheduler entry's comment for `state`.
  std::string comment(const std::string& state) const;
};

// The states a push writes into its entry's comment.
inline constexpr const char* kApplying = "applying";
inline constexpr const char* kApplied = "applied";
inline constexpr const char* kFailed = "failed";
inline constexpr const char* kRollbackFired = "rollback-fired";
inline constexpr const char* kRolledBack = "rolled-back";  // by the entry (or rosgen)
// Not a comment: what rosgen concludes when the entry is absent twice in a row (the job
// removes and re-adds it in two consecutive statements, so once is not enough).
inline constexpr const char* kMissing = "(missing)";
// The job's own rollback after a failed import.
inline constexpr const char* kFailedRolledBack = "failed-rolled-back";
// RouterOS refused the rollback the entry ran when it fired: the router holds part of both.
// Terminal: nothing runs after it.
inline constexpr const char* kRollbackFailed = "rollback-failed";
// The job's own rollback after a failed import was refused too. Terminal.
inline constexpr const char* kFailedRollbackFailed = "failed-rollback-failed";

// A state read back from the entry's comment: its name (one of the k* above) and, from
// RouterOS 7.13, the text of the errors behind it ("failed", "failed-rolled-back": the
// apply's; "rollback-failed": the rollback's; "failed-rollback-failed": the rollback's,
// then "; apply: " and the apply's).
struct State {
  std::string name;
  std::string error;
  bool operator==(const State&) const = default;
};

// `:put` lines appended to the read: the number of armed rosgen push entries (of any
// policy), of all of them, and of files left by earlier pushes. Three numbers, one per
// line, after a line holding kStateMarker.
inline constexpr const char* kStateMarker = "# rosgen-push-state";
// A fourth: the armed entries of `policy` (0 or 1); a fifth: of them, the one whose job
// still runs (its state applying, or failed: the job imports the rollback).
std::string state_query_command(const std::string& policy);

// Removes what earlier pushes of `policy` left: its entry when disabled (fired or never
// started; with `all`, armed too: --force) and its files. Other policies' entries and
// files are theirs: a pending push of another policy keeps its rollback.
std::string cleanup_command(const std::string& policy, bool all);

// Arms the rollback (interval = `apply_limit`) and starts the apply job, in one line: when
// RouterOS refuses the entry (device-mode), the line stops before the job starts.
std::string arm_and_apply_command(const Names& names, std::chrono::seconds apply_limit,
                                  std::chrono::seconds confirm_timeout);

// Prints the number of entries of this policy (0 or 1), then the entry's comment (the
// push's state); an error instead of the comment when there is no entry.
std::string state_command(const Names& names);

// Runs the rollback now, as the entry would when it fires.
std::string rollback_now_command(const Names& names);

// Disarms: prints how many entries of this policy exist and how many are armed (an entry
// that fired has disabled itself: its rollback runs or ran, and is left alone), then
// removes the entry if it is still armed, and the patch file.
std::string disarm_command(const Names& names);

// After a disarm, or once a rollback has ended: removes the entry and the rollback file.
std::string remove_files_command(const Names& names);

// `/import file-name=<patch> verbose=yes dry-run` (RouterOS 7.16+, §5.1).
std::string dry_run_command(const Names& names);

// The state in a comment written for this run, or an empty name when the comment is
// another run's or not rosgen's.
State state_of(const Names& names, const std::string& comment);

// Removes the entry of this policy, armed or not, and leaves the files (for a person to read
// after a rollback failed).
std::string remove_entry_command(const Names& names);

}  // namespace rosgen::push
