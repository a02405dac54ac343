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
#include "push/snapshot.hpp"

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
  std::string entry_name() const { return "'" + names_.entry() + "'"; }
  // A new logged-in session, its round trips added to the result when it is replaced.
  transport::Session& connect();
  void drop_session();
  // Polls the entry until its state is none of `waiting_for`; a State with an empty name
  // when the router could not be asked again before `limit`.
  State wait_while(const std::vector<std::string>& waiting_for, Clock::time_point limit);
  Result finish(Status status, std::string message);
  // After the job reported the apply's end: verify over a new connection (again, while the
  // confirm window lasts, when the link drops); roll back when the router differs.
  Result verify_and_disarm();
  // The verify could not read the router (`failure` says why): wait for the entry to fire
  // and confirm its rollback, or say what the router will do.
  Result unverified(const std::string& failure);
  // A rollback is running or ran (`state`, after `why`): its end decides the result.
  Result after_rollback(const std::string& why, State state);
  // After the rollback ran: read, compare with the state before the push, disarm.
  Result confirm_rollback(const std::string& why);
  // RouterOS refused the rollback too (`state`: rollback-failed or failed-rollback-failed):
  // the router holds part of both. The entry is removed (it would fail the same way), the
  // files stay to be read.
  Result mixed_state(const std::string& why, const State& state);
  // `error` (an :onerror text from RouterOS 7.13+) as details against `script`'s lines.
  void error_details(const std::string& error, const std::string& script,
                     const std::string& label);
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
  std::string patch_;     // the uploaded scripts, for mapping RouterOS's "line N"
  std::string rollback_;
  Clock::time_point applied_at_;  // when rosgen saw the job report the apply's end
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

State Push::wait_while(const std::vector<std::string>& waiting_for, Clock::time_point limit) {
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
        return {kMissing, ""};
      std::size_t line = out.find('\n');
      State state = r.ok() && line != std::string::npos
                        ? state_of(names_, trim(out.substr(line + 1)))
                        : State{};
      if (!state.name.empty() &&
          std::find(waiting_for.begin(), waiting_for.end(), state.name) == waiting_for.end())
        return state;
    } catch (const transport::Error& e) {
      drop_session();  // the link dropped: the job goes on; ask again on a new connection
      ++failed_polls_;
      step("lost the connection (" + std::string(e.what()) + "); asking again");
    }
    if (Clock::now() > limit)
      return {};
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

void Push::error_details(const std::string& error, const std::string& script,
                         const std::string& label) {
  if (!names_.error_text) {
    result_.details.push_back("RouterOS " + result_.routeros_version +
                              " gives a script no error text (:onerror is 7.13+), so rosgen "
                              "cannot show which statement of the " + label + " it refused");
    return;
  }
  for (const std::string& line : errors_against(error, script, label))
    result_.details.push_back(label + ": " + line);
}

Result Push::confirm_rollback(const std::string& why) {
  try {
    step("reading the router again over a new connection");
    connect();
    Snapshot after = read_router(*session_);
    if (!same_state(after.read.state, before_)) {
      return finish(Status::Failed,
                    why + " The rollback ran, but the router's menus differ from what they "
                          "were before the push; the scheduler entry " +
                        entry_name() + " stays armed and imports the rollback again within " +
                        seconds_text(request_.confirm_timeout) +
                        ". Compare with `rosgen diff` and the router's log.");
    }
  } catch (const std::exception& e) {
    return finish(Status::Failed, why + " rosgen could not read the router after the rollback (" +
                                      e.what() + "); the scheduler entry " + entry_name() +
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
                                      entry_name() +
                                      " could not be removed: it will import the rollback "
                                      "again (harmless: the rules are already the old ones). "
                                      "Remove it by hand.");
  }
  return finish(Status::RolledBack, why + " The rollback restored the rules as they were.");
}

Result Push::mixed_state(const std::string& why, const State& state) {
  // The job writes "<rollback's error>; apply: <apply's error>" (failed-rollback-failed),
  // the entry the former only (rollback-failed).
  std::string rollback_error = state.error;
  std::string apply_error;
  if (std::size_t at = state.error.find("; apply: "); at != std::string::npos) {
    rollback_error = state.error.substr(0, at);
    apply_error = state.error.substr(at + 9);
  }
  if (!apply_error.empty())
    error_details(apply_error, patch_, "patch");
  error_details(rollback_error, rollback_, "rollback");
  bool removed = false;
  try {
    transport::Session& session = session_ ? *session_ : connect();
    removed = session.run(remove_entry_command(names_)).ok();
  } catch (const transport::Error&) {
    drop_session();
  }
  return finish(
      Status::Failed,
      why + " Then RouterOS refused the rollback too (below): the router now holds part of "
            "the old rules and part of the new ones. " +
          (removed ? "rosgen removed the scheduler entry " + entry_name() +
                         " (it would fail the same way)"
                   : "rosgen could not remove the scheduler entry " + entry_name() +
                         " (remove it by hand: it would fail the same way)") +
          "; the patch (" + names_.patch + ") and the rollback (" + names_.rollback +
          ") stay on the router to be read, and the next push removes them. Run `rosgen diff " +
          request_.desired->policy + " --host " + request_.ssh.host +
          "` to see what differs, fix the cause shown below, and push again: a push plans "
          "from whatever the router holds.");
}

Result Push::after_rollback(const std::string& why, State state) {
  if (state.name == kRollbackFired)  // the rollback is running
    state = wait_while({kRollbackFired}, Clock::now() + request_.apply_limit);
  if (state.name == kRolledBack)
    return confirm_rollback(why);
  if (state.name == kRollbackFailed)
    return mixed_state(why, state);
  if (state.name == kMissing) {
    return finish(Status::Failed, why + " The scheduler entry " + entry_name() +
                                      " disappeared (removed by someone else?) before it "
                                      "reported the rollback's end; check the router with "
                                      "`rosgen diff`.");
  }
  return finish(Status::Failed,
                why + " The rollback did not report its end" +
                    (state.name.empty() ? " while rosgen could ask"
                                        : " (state '" + state.name + "')") +
                    "; check the router with `rosgen diff`.");
}

Result Push::unverified(const std::string& failure) {
  std::string deadline = seconds_text(request_.confirm_timeout);
  step(failure + "; waiting for the rollback entry to restore the old rules");
  State state = wait_while({kApplied, kRollbackFired},
                           applied_at_ + request_.confirm_timeout + std::chrono::seconds(60));
  if (state.name.empty()) {
    return finish(Status::Failed,
                  "The patch was applied, but " + failure +
                      ". The scheduler entry " + entry_name() +
                      " imports the rollback within " + deadline +
                      " of the apply's end unless confirmed, and rosgen could not reach the "
                      "router since: if you can reach it, check it and run the push again.");
  }
  return after_rollback("The patch was applied, but " + failure +
                            ", so the rollback entry fired: the new rules may lock the "
                            "management host out (check that the policy lets it reach the "
                            "router's SSH port).",
                        state);
}

Result Push::verify_and_disarm() {
  std::string deadline = seconds_text(request_.confirm_timeout);
  // A dropped link is tried again while the confirm window lasts, keeping time to disarm.
  Clock::time_point give_up =
      applied_at_ + request_.confirm_timeout -
      std::min<std::chrono::seconds>(request_.confirm_timeout / 4, std::chrono::seconds(15));
  auto pause = request_.poll_first;
  std::optional<Snapshot> after;
  std::string failure;
  for (int attempt = 1; !after; ++attempt) {
    bool logged_in = false;
    try {
      step(attempt == 1 ? "verifying over a new connection"
                        : "verifying again over a new connection (attempt " +
                              std::to_string(attempt) + ")");
      connect();
      logged_in = true;
      after = read_router(*session_);
      break;
    } catch (const live::ReadError& e) {
      drop_session();
      failure = "rosgen logged in again but cannot read the router (" + std::string(e.what()) +
                ")";
      return unverified(failure);  // not a dropped link: asking again reads the same
    } catch (const transport::Error& e) {
      drop_session();
      failure = logged_in ? "rosgen logged in again, but the connection dropped while it read "
                            "the router (" + std::string(e.what()) + ")"
                          : "rosgen could not log in again (" + std::string(e.what()) + ")";
    }
    if (Clock::now() + pause >= give_up)
      return unverified(failure);
    step(failure + "; trying again");
    std::this_thread::sleep_for(pause);
    pause = std::min(request_.poll_max, pause * 2);
  }
  diff::Plan left = diff::make_plan(*request_.desired, after->read.state, major_);
  if (left.in_sync()) {
    step("in sync; disarming the rollback");
    Disarm disarmed = try_disarm();
    if (disarmed == Disarm::Fired) {
      // The confirm timeout passed before rosgen could confirm: the rollback runs.
      State state = wait_while({kApplied}, Clock::now() + request_.apply_limit);
      return after_rollback("The confirm timeout (" + deadline +
                                ") passed before rosgen could confirm the apply, so the "
                                "rollback entry fired; use a longer --confirm-timeout.",
                            state);
    }
    if (disarmed == Disarm::Failed) {
      return finish(Status::Failed,
                    "The patch was applied and verified, but the scheduler entry " +
                        entry_name() + " could not be removed: it will restore the old rules "
                                       "within " +
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
  State state = wait_while({kApplied},
                           Clock::now() + request_.confirm_timeout + std::chrono::seconds(30));
  return after_rollback("After the apply the router still differed from the policy (" +
                            std::to_string(left.changes.size()) + " item(s)).",
                        state);
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
  result_.pending = snapshot.armed > 0;
  if (result_.pending)
    result_.notice = "Another rosgen push is pending on this router (an armed /system "
                     "scheduler entry rosgen-push-*): unless it is confirmed, it restores the "
                     "rules it replaced when its timer ends.";
  if (request_.dry_run)
    return finish(result_.plan.in_sync() ? Status::InSync : Status::DryRun,
                  (result_.plan.in_sync() ? "In sync" : "Dry run") +
                      std::string(": nothing was sent.") +
                      (result_.pending ? " " + result_.notice : ""));
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
  int minor = 0;
  if (auto dot = result_.routeros_version.find('.'); dot != std::string::npos)
    minor = std::atoi(result_.routeros_version.c_str() + dot + 1);
  names_.policy = desired.policy;
  names_.run = random_run_id();
  names_.error_text = major_ > 7 || (major_ == 7 && minor >= 13);
  if (snapshot.entries > snapshot.armed || snapshot.files > 0 || request_.force) {
    step("removing what earlier pushes left");
    session.run_checked(cleanup_command(request_.force));
  }
  if (result_.plan.in_sync()) {  // only with --force and a pending push, now removed
    return finish(Status::InSync, "In sync; the pending push's rollback entry was removed "
                                  "(--force), so the rules stay as they are.");
  }
  diff::RenderContext context{session.endpoint() + " (export)", {}, {}, false};
  patch_ = diff::render_script(result_.plan, context);
  rollback_ = diff::render_rollback(result_.plan, snapshot.read.state, {session.endpoint()});
  try {
    step("uploading the patch (" + std::to_string(result_.plan.changes.size()) +
         " change(s)) and the rollback");
    names_.patch = session.upload(patch_, "push-" + desired.policy + "-patch.rsc");
    names_.rollback = session.upload(rollback_, "push-" + desired.policy + "-rollback.rsc");
    if (major_ > 7 || (major_ == 7 && minor >= 16)) {
      step("checking the patch with /import dry-run");
      transport::CommandResult check = session.run(dry_run_command(names_));
      if (!check.ok()) {
        result_.details = errors_against(check.out + check.err, patch_);
        remove_uploads();
        return finish(Status::Refused, "RouterOS refused the patch in a dry run (below); "
                                       "nothing was changed.");
      }
    }
  } catch (const transport::Error&) {
    // Nothing changed: remove what was uploaded over a new connection, then report the
    // error as any error before the first change (exit 3).
    drop_session();
    remove_uploads();
    drop_session();
    throw;
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
  State state = wait_while({kApplying}, Clock::now() + request_.apply_limit);
  if (state.name.empty()) {
    return finish(Status::Failed,
                  "rosgen lost contact with the router during the apply. The apply runs on "
                  "the router to its end; unless confirmed, the scheduler entry " +
                      entry_name() + " restores the old rules within " +
                      seconds_text(request_.confirm_timeout) +
                      " of the apply's end (or after " + seconds_text(request_.apply_limit) +
                      " if it never ends).");
  }
  if (state.name == kApplied) {
    applied_at_ = Clock::now();
    return verify_and_disarm();
  }
  if (state.name == kMissing) {
    // The arm command never ran (the link dropped before it reached the router), or
    // someone removed the entry: no job was started by this push.
    remove_uploads();
    return finish(Status::Failed, "The connection dropped before the rollback was armed, so "
                                  "the patch was not started: nothing changed. Push again.");
  }
  if (state.name == kFailed)  // the job is importing the rollback
    state = wait_while({kFailed}, Clock::now() + request_.apply_limit);
  if (state.name == kFailedRolledBack || state.name == kFailedRollbackFailed) {
    std::string why = "RouterOS stopped the patch at a run-time failure (the import is not "
                      "transactional; below), and the job imported the rollback at once.";
    if (state.name == kFailedRollbackFailed)
      return mixed_state(why, state);
    error_details(state.error, patch_, "patch");
    return confirm_rollback(why);
  }
  if (state.name.empty() || state.name == kFailed) {
    return finish(Status::Failed, "The apply failed and its rollback did not report its end; "
                                  "the scheduler entry " + entry_name() +
                                      " stays armed and tries again.");
  }
  // The entry fired before rosgen could confirm: the apply outlived --apply-timeout, or
  // rosgen could not ask the router in time.
  if (failed_polls_ > 0) {
    return after_rollback(
        "After the apply the router refused or dropped rosgen's commands (" +
            std::to_string(failed_polls_) +
            " time(s)): the new rules may lock rosgen out (check that the policy lets the "
            "management host reach the router's SSH port). The rollback entry fired.",
        state);
  }
  return after_rollback("The rollback entry fired before rosgen could confirm the apply: the "
                        "confirm timeout (" + seconds_text(request_.confirm_timeout) +
                            ") passed first (a slow router or link: use a longer "
                            "--confirm-timeout).",
                        state);
}

}  // namespace

const char* status_name(Status status) {
  switch (status) {
    case Status::InSync: return "in_sync";
    case Status::DryRun: return "dry_run";
    case Status::Applied: return "applied";
    case Status::Refused: return "refused";
    case Status::RolledBack: return "rolled_back";
    case Status::Failed: return "failed";
  }
  return "failed";
}

Result run(const Request& request) {
  Push push(request);
  return push.run();
}

}  // namespace rosgen::push
