// Sequencing a push (push.hpp): read, plan, upload, dry-run, arm and apply, wait, verify
// over a new connection, disarm; and what to do at each failure.
#include "push/push.hpp"

#include <algorithm>
#include <optional>
#include <tuple>
#include <random>
#include <thread>

#include "diff/rollback.hpp"
#include "live/read.hpp"
#include "push/commands.hpp"
#include "routeros/script_reader.hpp"
#include "support/diagnostics.hpp"

namespace rosgen::push {

namespace {

using Clock = std::chrono::steady_clock;

std::string random_run_id() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::random_device random;
  std::string id;
  for (int i = 0; i < 8; ++i) id += kHex[random() & 15u];
  return id;
}

std::string trim(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
    text.remove_suffix(1);
  while (!text.empty() && (text.front() == '\n' || text.front() == ' ')) text.remove_prefix(1);
  return std::string(text);
}

// What the router holds, read in one command.
struct Snapshot {
  routeros::ReadResult read;
  std::size_t armed = 0;  // rosgen push entries armed (any policy)
  std::size_t entries = 0;
  std::size_t files = 0;  // files of earlier pushes
};

// Reads the owned menus and the push state in one exec. Throws transport::Error,
// live::ReadError (also for an export rosgen cannot read).
Snapshot read_router(transport::Session& session) {
  std::string source = session.endpoint() + " (export)";
  transport::CommandResult result =
      session.run_checked(live::export_command() + "; " + state_query_command());
  std::size_t marker = result.out.rfind(kStateMarker);
  if (marker == std::string::npos)
    throw live::ReadError(source + ": the router's answer lacks the push state; nothing changed");
  Snapshot snapshot;
  std::string exports = result.out.substr(0, marker);
  auto file = std::make_shared<const support::SourceFile>(
      source, live::owned_menus_text(exports, source));
  support::DiagnosticEngine diags;
  snapshot.read = routeros::read_script(file, diags);
  if (diags.has_errors()) {
    throw live::ReadError(support::render_all(diags, {false}) + source +
                          ": rosgen cannot read this export; nothing was changed");
  }
  std::vector<std::size_t> numbers;
  std::string rest = result.out.substr(marker + std::string_view(kStateMarker).size());
  std::size_t pos = 0;
  while (pos < rest.size()) {
    std::size_t end = rest.find('\n', pos);
    std::string line = trim(rest.substr(pos, end == std::string::npos ? end : end - pos));
    if (!line.empty() && line.find_first_not_of("0123456789") == std::string::npos)
      numbers.push_back(std::stoul(line));
    pos = end == std::string::npos ? rest.size() : end + 1;
  }
  if (numbers.size() != 3)
    throw live::ReadError(source + ": the router's push state is unreadable; nothing changed");
  snapshot.armed = numbers[0];
  snapshot.entries = numbers[1];
  snapshot.files = numbers[2];
  return snapshot;
}

// Every line of `output` that reads as a RouterOS error, with the patch line it names
// ("line N") when there is one.
std::vector<std::string> errors_against_patch(const std::string& output,
                                              const std::string& patch) {
  std::vector<std::string> patch_lines;
  for (std::size_t pos = 0; pos < patch.size();) {
    std::size_t end = patch.find('\n', pos);
    patch_lines.push_back(patch.substr(pos, end == std::string::npos ? end : end - pos));
    pos = end == std::string::npos ? patch.size() : end + 1;
  }
  std::vector<std::string> out;
  for (std::size_t pos = 0; pos < output.size();) {
    std::size_t end = output.find('\n', pos);
    std::string line = trim(output.substr(pos, end == std::string::npos ? end : end - pos));
    pos = end == std::string::npos ? output.size() : end + 1;
    if (transport::routeros_error_line(line).empty() && !line.starts_with("Script Error"))
      continue;
    std::size_t at = line.find("line ");
    if (at != std::string::npos) {
      std::size_t n = std::strtoul(line.c_str() + at + 5, nullptr, 10);
      if (n >= 1 && n <= patch_lines.size())
        line += "\n    patch line " + std::to_string(n) + ": " + patch_lines[n - 1];
    }
    out.push_back(line);
  }
  if (out.empty())
    out.push_back(trim(output));
  return out;
}

// True when `a` and `b` hold the same items (their properties; the remarks a reader
// attaches are not the router's): in the same order in the firewall tables,
// where order is meaning; in any order elsewhere (a rollback re-adds a queue type or a
// layer7 protocol at the end of its menu, where RouterOS gives order no meaning).
bool same_state(const routeros::RouterState& a, const routeros::RouterState& b) {
  for (ir::Menu menu : routeros::kModeledMenus) {
    std::vector<ir::Item> x = a.items(menu);
    std::vector<ir::Item> y = b.items(menu);
    if (!ir::is_firewall_table(menu)) {
      auto order = [](const ir::Item& i, const ir::Item& j) {
        return std::lexicographical_compare(
            i.properties.begin(), i.properties.end(), j.properties.begin(), j.properties.end(),
            [](const ir::Property& p, const ir::Property& q) {
              return std::tie(p.name, p.value) < std::tie(q.name, q.value);
            });
      };
      std::sort(x.begin(), x.end(), order);
      std::sort(y.begin(), y.end(), order);
    }
    auto same = [](const ir::Item& i, const ir::Item& j) { return i.properties == j.properties; };
    if (!std::equal(x.begin(), x.end(), y.begin(), y.end(), same))
      return false;
  }
  return true;
}

class Push {
 public:
  explicit Push(const Request& request) : request_(request) {}

  Result run();

 private:
  void step(const std::string& line) {
    result_.steps.push_back(line);
    if (request_.progress)
      request_.progress(line);
  }
  std::string seconds_text(std::chrono::seconds s) const {
    return std::to_string(s.count()) + " s";
  }
  // A new logged-in session, its round trips added to the result when it is replaced.
  transport::Session& connect();
  void drop_session();
  // Polls the entry until its state is not `waiting_for`; "" when the router could not be
  // asked again before `limit`.
  std::string wait_while(const std::vector<std::string>& waiting_for, Clock::time_point limit);
  Result finish(Status status, std::string message);
  // After an apply: verify over a new connection; roll back when it differs.
  Result verify_and_disarm();
  // After the rollback ran: read, compare with the state before the push, disarm.
  Result confirm_rollback(const std::string& why);
  enum class Disarm { Done, Fired, Failed };
  Disarm try_disarm();
  void remove_uploads();

  const Request& request_;
  Result result_;
  std::optional<transport::Session> session_;
  std::uint64_t round_trips_done_ = 0;
  std::size_t failed_polls_ = 0;  // state questions refused, cut short or not answered
  Names names_;
  routeros::RouterState before_;
  int major_ = 7;
};

transport::Session& Push::connect() {
  drop_session();
  session_.emplace(request_.ssh);
  return *session_;
}

void Push::drop_session() {
  if (session_) {
    round_trips_done_ += session_->round_trips();
    session_.reset();
  }
}

Result Push::finish(Status status, std::string message) {
  drop_session();
  result_.status = status;
  result_.message = std::move(message);
  result_.round_trips = round_trips_done_;
  return std::move(result_);
}

std::string Push::wait_while(const std::vector<std::string>& waiting_for,
                             Clock::time_point limit) {
  auto pause = request_.poll_first;
  int missing = 0;  // answers in a row without the entry
  while (true) {
    std::this_thread::sleep_for(pause);
    pause = std::min(request_.poll_max,
                     std::chrono::milliseconds(pause.count() * 8 / 5 + 1));
    try {
      transport::Session& session = session_ ? *session_ : connect();
      transport::CommandResult r = session.run(state_command(names_));
      if (!r.completed)
        ++failed_polls_;  // refused (a lockout refuses commands) or cut short
      std::string out = trim(r.out);
      missing = out == "0" || out.starts_with("0\n") ? missing + 1 : 0;
      if (missing >= 2)
        return kMissing;
      std::size_t line = out.find('\n');
      std::string state = r.ok() && line != std::string::npos
                              ? state_of(names_, trim(out.substr(line + 1)))
                              : std::string();
      if (!state.empty() &&
          std::find(waiting_for.begin(), waiting_for.end(), state) == waiting_for.end())
        return state;
    } catch (const transport::Error& e) {
      drop_session();  // the link dropped: the job goes on; ask again on a new connection
      ++failed_polls_;
      step("lost the connection (" + std::string(e.what()) + "); asking again");
    }
    if (Clock::now() > limit)
      return "";
  }
}

Push::Disarm Push::try_disarm() {
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      transport::Session& session = session_ ? *session_ : connect();
      transport::CommandResult r = session.run(disarm_command(names_));
      if (!r.ok())
        continue;
      // "<entries>\n<armed>": an entry that exists but is no longer armed has fired. None
      // at all: removed already (an earlier attempt whose answer was lost).
      std::string out = trim(r.out);
      if (out.starts_with("1") && out.ends_with("0"))
        return Disarm::Fired;
      r = session.run(remove_files_command(names_));
      if (!r.ok())
        continue;
      return Disarm::Done;
    } catch (const transport::Error&) {
      drop_session();
    }
  }
  return Disarm::Failed;
}

void Push::remove_uploads() {
  try {
    transport::Session& session = session_ ? *session_ : connect();
    session.run(cleanup_command(false));
  } catch (const transport::Error&) {
    drop_session();  // nothing changed; the next push removes them
  }
}

Result Push::confirm_rollback(const std::string& why) {
  std::string entry = "'" + names_.entry() + "'";
  try {
    step("reading the router again over a new connection");
    connect();
    Snapshot after = read_router(*session_);
    if (!same_state(after.read.state, before_)) {
      diff::Plan left = diff::make_plan(*request_.desired, after.read.state, major_);
      return finish(Status::Failed,
                    why + " The rollback ran, but the router's menus differ from what they "
                          "were before the push; the scheduler entry " +
                        entry + " stays armed and imports the rollback again within " +
                        seconds_text(request_.confirm_timeout) +
                        ". Compare with `rosgen diff` and the router's log.");
    }
  } catch (const std::exception& e) {
    return finish(Status::Failed, why + " rosgen could not read the router after the rollback (" +
                                      e.what() + "); the scheduler entry " + entry +
                                      " imports the rollback again within " +
                                      seconds_text(request_.confirm_timeout) + ".");
  }
  step("the old rules are back; disarming");
  bool removed = false;
  try {
    removed = session_->run(disarm_command(names_)).ok() &&
              session_->run(remove_files_command(names_)).ok();
  } catch (const transport::Error&) {
    drop_session();
  }
  if (!removed) {
    return finish(Status::Failed, why + " The old rules are back, but the scheduler entry " +
                                      entry + " could not be removed: it will import the "
                                              "rollback again (harmless: the rules are already "
                                              "the old ones). Remove it by hand.");
  }
  return finish(Status::RolledBack, why + " The rollback restored the rules as they were.");
}

Result Push::verify_and_disarm() {
  std::string entry = "'" + names_.entry() + "'";
  std::string deadline = seconds_text(request_.confirm_timeout);
  Snapshot after;
  try {
    step("verifying over a new connection");
    connect();
    after = read_router(*session_);
  } catch (const std::exception& e) {
    drop_session();
    return finish(Status::Failed,
                  "The patch was applied, but rosgen could not log in again and read the router "
                  "(" + std::string(e.what()) + "). The scheduler entry " + entry +
                      " imports the rollback within " + deadline +
                      " of the apply's end unless confirmed; if you can reach the router, "
                      "check it and run the push again.");
  }
  diff::Plan left = diff::make_plan(*request_.desired, after.read.state, major_);
  if (left.in_sync()) {
    step("in sync; disarming the rollback");
    Disarm disarmed = try_disarm();
    if (disarmed == Disarm::Fired) {
      // The confirm timeout passed before rosgen could confirm: the rollback runs.
      std::string state = wait_while({kApplied, kRollbackFired},
                                     Clock::now() + request_.apply_limit);
      if (state != kRolledBack) {
        return finish(Status::Failed, "The confirm timeout (" + deadline +
                                          ") passed before rosgen could confirm the apply; the "
                                          "rollback entry fired and did not report its end.");
      }
      return confirm_rollback("The confirm timeout (" + deadline +
                              ") passed before rosgen could confirm the apply, so the rollback "
                              "entry fired; use a longer --confirm-timeout.");
    }
    if (disarmed == Disarm::Failed) {
      return finish(Status::Failed,
                    "The patch was applied and verified, but the scheduler entry " + entry +
                        " could not be removed: it will restore the old rules within " +
                        deadline + ". Run `rosgen push` again at once (it confirms), or remove "
                                   "the entry by hand.");
    }
    return finish(Status::Applied, "Applied and verified over a new connection; the rollback "
                                   "is disarmed.");
  }
  for (const diff::Change& change : left.changes)
    result_.details.push_back("still differs after the apply: " + change.key);
  step("the router differs from the policy after the apply; running the rollback");
  try {
    session_->run_checked(rollback_now_command(names_));
  } catch (const transport::Error& e) {
    drop_session();
    step("the rollback command failed (" + std::string(e.what()) +
         "); the scheduler entry will run it");
  }
  std::string state = wait_while({kApplied, kRollbackFired},
                                 Clock::now() + request_.confirm_timeout + std::chrono::seconds(30));
  if (state != kRolledBack) {
    return finish(Status::Failed, "After the apply the router still differs from the policy, "
                                  "and the rollback did not report its end; the scheduler entry " +
                                      entry + " stays armed.");
  }
  return confirm_rollback("After the apply the router still differed from the policy (" +
                          std::to_string(left.changes.size()) + " item(s)).");
}

Result Push::run() {
  const ir::Ruleset& desired = *request_.desired;
  step("reading " + request_.ssh.host);
  transport::Session& session = connect();
  result_.endpoint = session.endpoint();
  Snapshot snapshot = read_router(session);
  before_ = snapshot.read.state;
  result_.routeros_version = snapshot.read.routeros_version.value_or("");
  major_ = snapshot.read.routeros_major().value_or(desired.routeros);
  result_.plan = diff::make_plan(desired, snapshot.read.state, major_);
  // A pending push is checked before "in sync": the router may equal the policy only
  // because an unconfirmed push put it there, and that push's entry would still restore
  // the old rules (an operator re-running a push after a dropped link).
  std::string pending =
      snapshot.armed > 0
          ? " Another rosgen push is pending on this router (an armed /system scheduler entry "
            "rosgen-push-*): unless it is confirmed, it restores the rules it replaced when its "
            "timer ends."
          : "";
  if (request_.dry_run)
    return finish(result_.plan.in_sync() ? Status::InSync : Status::DryRun,
                  (result_.plan.in_sync() ? "In sync" : "Dry run") +
                      std::string(": nothing was sent.") + pending);
  if (result_.plan.in_sync() && snapshot.armed == 0)
    return finish(Status::InSync, "In sync: nothing to change, nothing was sent.");
  if (snapshot.armed > 0 && !request_.force) {
    return finish(Status::Refused,
                  "Another rosgen push is pending on this router (an armed /system scheduler "
                  "entry named rosgen-push-*): it is waiting for its confirmation or its "
                  "rollback, and when its timer ends it restores the rules it replaced. Wait "
                  "for it to finish (at most its confirm timeout) and push again, or run again "
                  "with --force to remove it (then this push applies and confirms the "
                  "policy). Nothing was changed.");
  }
  names_.policy = desired.policy;
  names_.run = random_run_id();
  if (snapshot.entries > snapshot.armed || snapshot.files > 0 || request_.force) {
    step("removing what earlier pushes left");
    session.run_checked(cleanup_command(request_.force));
  }
  if (result_.plan.in_sync()) {  // only with --force and a pending push, now removed
    return finish(Status::InSync, "In sync; the pending push's rollback entry was removed "
                                  "(--force), so the rules stay as they are.");
  }
  diff::RenderContext context{session.endpoint() + " (export)", {}, {}, false};
  std::string patch = diff::render_script(result_.plan, context);
  std::string rollback = diff::render_rollback(result_.plan, snapshot.read.state,
                                               {session.endpoint()});
  step("uploading the patch (" + std::to_string(result_.plan.changes.size()) +
       " change(s)) and the rollback");
  names_.patch = session.upload(patch, "push-" + desired.policy + "-patch.rsc");
  names_.rollback = session.upload(rollback, "push-" + desired.policy + "-rollback.rsc");
  int minor = 0;
  if (auto dot = result_.routeros_version.find('.'); dot != std::string::npos)
    minor = std::atoi(result_.routeros_version.c_str() + dot + 1);
  if (major_ > 7 || (major_ == 7 && minor >= 16)) {
    step("checking the patch with /import dry-run");
    transport::CommandResult check = session.run(dry_run_command(names_));
    if (!check.ok()) {
      result_.details = errors_against_patch(check.out + check.err, patch);
      remove_uploads();
      return finish(Status::Refused, "RouterOS refused the patch in a dry run (below); nothing "
                                     "was changed.");
    }
  }
  step("arming the rollback (fires " + seconds_text(request_.confirm_timeout) +
       " after the apply ends unless confirmed) and applying");
  transport::CommandResult armed;
  try {
    armed = session.run(
        arm_and_apply_command(names_, request_.apply_limit, request_.confirm_timeout));
  } catch (const transport::Error& e) {
    drop_session();  // did the job start? the entry's state tells
    step("lost the connection while starting the apply (" + std::string(e.what()) + ")");
  }
  if (session_ && !armed.ok()) {
    std::string error = armed.error.empty() ? trim(armed.out) : armed.error;
    bool device_mode = error.find("device-mode") != std::string::npos;
    try_disarm();  // the entry may exist if only the job failed to start
    return finish(Status::Refused,
                  device_mode ? "RouterOS refuses scheduler entries under its device-mode ('" +
                                    error +
                                    "'), so rosgen cannot arm a rollback. Allow them on the "
                                    "router with /system/device-mode/update scheduler=yes "
                                    "(it asks for a button press or power cycle to confirm), "
                                    "then push again. Nothing was changed."
                              : "RouterOS refused to arm the rollback or start the apply ('" +
                                    error + "'). Nothing was changed.");
  }
  step("waiting for the apply to end");
  std::string state = wait_while({kApplying}, Clock::now() + request_.apply_limit);
  if (state.empty()) {
    return finish(Status::Failed,
                  "rosgen lost contact with the router during the apply. The apply runs on "
                  "the router to its end; unless confirmed, the scheduler entry '" +
                      names_.entry() + "' restores the old rules within " +
                      seconds_text(request_.confirm_timeout) +
                      " of the apply's end (or after " + seconds_text(request_.apply_limit) +
                      " if it never ends).");
  }
  if (state == kApplied)
    return verify_and_disarm();
  if (state == kMissing) {
    // The arm command never ran (the link dropped before it reached the router), or
    // someone removed the entry: no job was started by this push.
    remove_uploads();
    return finish(Status::Failed, "The connection dropped before the rollback was armed, so "
                                  "the patch was not started: nothing changed. Push again.");
  }
  if (state == kFailed)  // the job is importing the rollback
    state = wait_while({kFailed}, Clock::now() + request_.apply_limit);
  if (state == kFailedRolledBack) {
    return confirm_rollback("RouterOS stopped the patch at a run-time failure (the import is "
                            "not transactional); the job imported the rollback at once.");
  }
  if (state.empty() || state == kFailed) {
    return finish(Status::Failed, "The apply failed and its rollback did not report its end; "
                                  "the scheduler entry '" + names_.entry() +
                                      "' stays armed and tries again.");
  }
  // The entry fired before rosgen could confirm: the apply outlived --apply-timeout, or
  // rosgen could not ask the router in time.
  if (state == kRollbackFired)
    state = wait_while({kRollbackFired}, Clock::now() + request_.apply_limit);
  if (state != kRolledBack) {
    return finish(Status::Failed, "The rollback entry fired and did not report its end (state '" +
                                      state + "'); check the router.");
  }
  if (failed_polls_ > 0) {
    return confirm_rollback(
        "After the apply the router refused or dropped rosgen's commands (" +
        std::to_string(failed_polls_) +
        " time(s)): the new rules may lock rosgen out (check that the policy lets the "
        "management host reach the router's SSH port). The rollback entry fired.");
  }
  return confirm_rollback("The rollback entry fired before rosgen could confirm the apply: the "
                          "confirm timeout (" + seconds_text(request_.confirm_timeout) +
                          ") passed first (a slow router or link: use a longer "
                          "--confirm-timeout).");
}

}  // namespace

const char* status_name(Status status) {
  switch (status) {
    case Status::InSync: return "in-sync";
    case Status::DryRun: return "dry-run";
    case Status::Applied: return "applied";
    case Status::Refused: return "refused";
    case Status::RolledBack: return "rolled-back";
    case Status::Failed: return "failed";
  }
  return "failed";
}

Result run(const Request& request) {
  Push push(request);
  return push.run();
}

}  // namespace rosgen::push
