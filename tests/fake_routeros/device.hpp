// The fake RouterOS device's directory: what it holds, how it is locked, and its control
// file. Layout of DIR:
//   state.json     the router: modeled menus (dynamic items left out: they are derived),
//                  scheduler entries, lockout flag (written under the lock)
//   export.rsc     the same menus as `/export terse` prints them, for people reading DIR
//   control.conf   fault injection and settings, `key=value` lines, read on every command
//                  (kControlKeys in device.cpp lists them)
//   commands.log   one line per exec command received (its number, then the text);
//                  "(sftp)" for an SFTP session
//   unmodeled.log  statements on menus the fake does not model (ignored, as RouterOS
//                  would run them)
//   files/         the router's file system (`/file`, SFTP's start directory; flash/ there)
//   jobs/          running script jobs (:execute, scheduler events): <id>.pid, <id>.rsc
//   lock           flock(2) target: one command or job changes the state at a time (a job
//                  holds it for its whole script; `/system script job print` and the
//                  login check do not need it)
//   locked-out     present while new sessions are locked out (lockout-after-import)
//   late.log       scheduler entries that came due while a job held the lock (on a real
//                  router they would have run during it): one line each
//   jobs.log       what each job printed
// Entry points: Control, Device, DeviceLock, record_command().
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "routeros/state.hpp"
#include "script.hpp"

namespace rosgen::fake {

namespace fs = std::filesystem;

struct Control {
  std::optional<std::uint64_t> drop_before;  // drop the link when exec command N arrives
  std::optional<std::uint64_t> drop_after;   // run exec command N, then drop, no answer
  // ECMAScript regex over exec commands: drop the link when the `drop_matching_nth`-th
  // command matching it arrives (counted over the whole command log), before it runs.
  std::optional<std::string> drop_matching;
  std::uint64_t drop_matching_nth = 1;
  int delay_ms = 0;                          // before each exec command
  // With delay_matching: delay_ms only before the `delay_matching_nth`-th exec command
  // matching this ECMAScript regex (counted as drop_matching is).
  std::optional<std::string> delay_matching;
  std::uint64_t delay_matching_nth = 1;
  int statement_delay_ms = 0;                // before each statement of an import or job
  std::optional<std::string> reject;         // ECMAScript regex over each statement
  std::string reject_message = "failure: rejected by fault injection";
  // ECMAScript regex: a matching statement is a syntax error in /import's parse pass (as a
  // property an older RouterOS does not know): nothing is imported; dry-run lists it.
  std::optional<std::string> reject_syntax;
  bool lockout_after_import = false;  // a real import locks out new sessions until an
                                      // scheduler event runs (the rollback)
  std::string version = "7.16.2";     // /system resource version; dry-run needs 7.16+
  bool scheduler_allowed = true;      // device-mode scheduler=no refuses scheduler add

  static Control load(const fs::path& dir);
  int major() const;
  int minor() const;
};

struct Device {
  routeros::RouterState state;    // with FastTrack's dynamic counter rule when it is on
  std::vector<Record> scheduler;  // properties as print shows them; ".next-run" in epoch s
  bool locked_out = false;
  std::int64_t locked_at = 0;  // epoch seconds
  bool lockout_used = false;   // lockout-after-import fires once
  std::uint64_t next_job = 1;

  static Device load(const fs::path& dir);  // an empty device when there is no state.json
  void save(const fs::path& dir) const;
};

// flock(2) on DIR/lock for its lifetime.
class DeviceLock {
 public:
  explicit DeviceLock(const fs::path& dir);
  ~DeviceLock();
  // True when nobody holds the lock at this moment.
  static bool available(const fs::path& dir);
  DeviceLock(const DeviceLock&) = delete;
  DeviceLock& operator=(const DeviceLock&) = delete;

 private:
  int fd_ = -1;
};

// Appends `text` to DIR/commands.log and returns its number (1-based, over the device's
// life).
std::uint64_t record_command(const fs::path& dir, const std::string& text);

// The number of logged exec commands (this one included) that match `pattern`.
std::uint64_t count_commands_matching(const fs::path& dir, const std::string& pattern);

// Appends a line to DIR/unmodeled.log.
void record_unmodeled(const fs::path& dir, const std::string& text);

// Time as RouterOS prints it: "2026-11-05" and "10:02:00" (local time).
std::string date_text(std::int64_t epoch);
std::string time_text(std::int64_t epoch);
std::int64_t now_epoch();

// Epoch seconds of a start-date ("2026-11-05", "nov/05/2026") and start-time ("10:02:00",
// "startup" = nullopt), or nullopt.
std::optional<std::int64_t> parse_start(const std::string& date, const std::string& time);

// Queues `script` as a job (jobs/<id>.rsc, jobs/<id>.pid = "queued <origin>"); the daemon
// starts it. Returns its id ("*1").
std::string queue_job(const fs::path& dir, Device& device, const std::string& script,
                      const std::string& origin);

// The daemon's side: starts queued job `id` as its child (`self --job DIR ID`, stdio on
// /dev/null); the job waits for the lock when it needs the device.
pid_t start_job(const fs::path& self, const fs::path& dir, const std::string& id);
std::string job_origin(const fs::path& dir, const std::string& id);
std::vector<std::string> queued_jobs(const fs::path& dir);  // ids without '*'

// Jobs queued or running: id, origin, state (queued, starting, running), pid (dead ones
// are cleaned up).
std::vector<Record> running_jobs(const fs::path& dir);

}  // namespace rosgen::fake
