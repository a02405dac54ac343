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

  // The steps, and what an interrupt (Request::interrupt) leaves.
  Result run() {
    try {
      return run_steps();
    } catch (const Stopped&) {
      return interrupted();
    }
  }

 private:
  struct Stopped {};  // thrown at a check point once Request::interrupt is set
  Result run_steps();
  bool stop_requested() const { return request_.interrupt != nullptr && request_.interrupt->load(); }
  // Throws Stopped when an interrupt came.
  void check_interrupt() const {
    if (stop_requested())
      throw Stopped{};
  }
  // Sleeps `pause` in short slices; throws Stopped when an interrupt comes.
  void pause_for(std::chrono::milliseconds pause) const;
  Result interrupted();
  // The `rosgen diff` command line that compares this router with the policy.
  std::string diff_hint() const;
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
  bool uploaded_ = false;  // files of this push may be on the router
  bool armed_ = false;     // the arm-and-apply command was sent: the router may change
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

void Push::pause_for(std::chrono::milliseconds pause) const {
  Clock::time_point end = Clock::now() + pause;
  while (Clock::now() < end) {
    check_interrupt();
    std::this_thread::sleep_for(std::min<Clock::duration>(std::chrono::milliseconds(100),
                                                          end - Clock::now()));
  }
  check_interrupt();
}

std::string Push::diff_hint() const {
  if (!request_.diff_command.empty())
    return request_.diff_command;
  return "rosgen diff " + request_.desired->policy + " --host " + request_.ssh.host;
}

Result Push::interrupted() {
  if (!armed_) {
    if (uploaded_)
      remove_uploads();
    result_.changed = false;
    return finish(Status::Interrupted, "stopped before the rollback was armed: nothing was "
                                       "changed.");
  }
  return finish(Status::Interrupted,
                "stopped after the apply started (not confirmed). The apply goes on on the "
                "router; unless "
                "confirmed, the scheduler entry " + entry_name() +
                    " restores the old rules within " + seconds_text(request_.confirm_timeout) +
                    " of the apply's end (or after " + seconds_text(request_.apply_limit) +
                    " if it never ends). To keep the new rules, run the same push again with "
                    "--force once the apply has ended (it confirms them); to go back, let the "
                    "entry fire. `" + diff_hint() + "` shows where the router stands.");
}

Result Push::finish(Status status, std::string message) {
  drop_session();
  switch (status) {
    case Status::InSync:
    case Status::DryRun:
    case Status::Refused:
    case Status::RolledBack: result_.changed = false; break;
    case Status::Applied:
    case Status::Mixed: result_.changed = true; break;
    case Status::Failed:
    case Status::Interrupted: break;  // as the step that failed set it (unknown by default)
  }
  result_.status = status;
  result_.message = std::move(message);
  result_.round_trips = round_trips_done_;
  return std::move(result_);
}

State Push::wait_while(const std::vector<std::string>& waiting_for, Clock::time_point limit) {
  auto pause = request_.poll_first;
  int missing = 0;  // answers in a row without the entry
  while (true) {
    pause_for(pause);
    pause = std::min(request_.poll_max,
                     std::chrono::milliseconds(pause.count() * 8 / 5 + 1));
    try {
      transport::Session& session = session_ ? *session_ : connect();
      transport::CommandResult r = session.run(state_command(names_));
      if (!r.completed) {
        ++failed_polls_;  // refused (a lockout refuses commands) or cut short
        if (failed_polls_ == 1 || failed_polls_ % 10 == 0)
          step("the router refused or cut short rosgen's question (" +
               std::to_string(failed_polls_) + " time(s) so far); asking again");
      }
      std::string out = trim(r.out);
      missing = out == "0" || out.starts_with("0\n") ? missing + 1 : 0;
      if (missing >= 2)
        return {kMissing, ""};
      std::size_t line = out.find('\n');
      State state = r.ok() && line != std::string::npos
                        ? state_of(names_, trim(out.substr(line + 1)))
                        : State{};
      check_interrupt();  // one that came while the question ran (it can take long)
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
    session.run(cleanup_command(names_.policy, false));
  } catch (const transport::Error&) {
    drop_session();  // nothing changed; the next push removes them
  }
}

void Push::error_details(const std::string& error, const std::string& script,
                         const std::string& label) {
  if (!names_.error_text) {
    result_.details.push_back("RouterOS " + result_.routeros_version +
                              " gives a script no error text (:onerror is 7.13+), so rosgen "
                              "cannot show which statement of the " + label +
                              " it refused (the router's log may: /log print where "
                              "topics~\"script\"); `" + diff_hint() +
                              " --script` prints the patch to try on a test router");
    return;
  }
  for (const std::string& line : errors_against(error, script, label))
    result_.details.push_back(label + ": " + line);
}

Result Push::confirm_rollback(const std::string& why) {
  try {
    step("reading the router again over a new connection");
    connect();
    Snapshot after = read_router(*session_, request_.desired->policy);
    if (!same_state(after.read.state, before_)) {
      return finish(Status::Failed,
                    why + " The rollback ran, but the router's menus differ from what they "
                          "were before the push; the scheduler entry " +
                        entry_name() + " stays armed and imports the rollback again within " +
                        seconds_text(request_.confirm_timeout) +
                        ". Compare with `" + diff_hint() + "` and the router's log.");
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
  // What the router holds now: a refused statement of the rollback may have been harmless.
  std::optional<Snapshot> now;
  std::string unread;
  try {
    step("reading the router again over a new connection");
    connect();
    now = read_router(*session_, request_.desired->policy);
  } catch (const std::exception& e) {
    drop_session();
    unread = e.what();
  }
  if (now && same_state(now->read.state, before_)) {
    try {
      session_->run(disarm_command(names_));
      session_->run(remove_files_command(names_));
    } catch (const transport::Error&) {
      drop_session();  // the next push removes them
    }
    return finish(Status::RolledBack,
                  why + " RouterOS refused a statement of the rollback too (below), but the "
                        "router holds the rules it had before the push again (read back over a "
                        "new connection).");
  }
  std::string entry = removed ? "rosgen removed the scheduler entry " + entry_name() +
                                    " (it would fail the same way)"
                              : "rosgen could not remove the scheduler entry " + entry_name() +
                                    " (remove it by hand: it would fail the same way)";
  std::string holds =
      now ? "the router now holds part of the old rules and part of the new ones (read back: " +
                std::to_string(diff::make_plan(*request_.desired, now->read.state, major_)
                                   .changes.size()) +
                " change(s) from the policy)"
          : "the router may hold part of the old rules and part of the new ones (rosgen could "
            "not read it back: " + unread + ")";
  std::string cause = names_.error_text ? "fix the cause shown below"
                                        : "fix the cause (the router's log may name it)";
  result_.changed = now ? std::optional<bool>(true) : std::nullopt;
  return finish(now ? Status::Mixed : Status::Failed,
                why + " Then RouterOS refused the rollback too (below): " + holds + ". " +
                    entry + "; the patch (" + names_.patch + ") and the rollback (" +
                    names_.rollback + ") stay on the router to be read, and the next push "
                    "removes them. Run `" + diff_hint() + "` to see what differs, " + cause +
                    ", and push again: a push plans from whatever the router holds.");
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
                                      "reported the rollback's end; check the router with `" +
                                      diff_hint() + "`.");
  }
  return finish(Status::Failed,
                why + " The rollback did not report its end" +
                    (state.name.empty() ? " while rosgen could ask"
                                        : " (state '" + state.name + "')") +
                    "; check the router with `" + diff_hint() + "`.");
}

Result Push::unverified(const std::string& failure) {
  std::string deadline = seconds_text(request_.confirm_timeout);
  auto left = std::chrono::duration_cast<std::chrono::seconds>(
      applied_at_ + request_.confirm_timeout - Clock::now());
  step(failure + "; the rollback entry fires in about " +
       seconds_text(std::max(left, std::chrono::seconds(0))) +
       " unless confirmed: waiting for it to restore the old rules");
  State state = wait_while({kApplied, kRollbackFired},
                           applied_at_ + request_.confirm_timeout + std::chrono::seconds(60));
  if (state.name.empty()) {
    return finish(Status::Failed,
                  "The patch was applied, but rosgen " + failure +
                      ". The scheduler entry " + entry_name() +
                      " imports the rollback within " + deadline +
                      " of the apply's end unless confirmed, and rosgen could not reach the "
                      "router since: if you can reach it, check it and run the push again.");
  }
  return after_rollback("The patch was applied, but rosgen " + failure +
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
  check_interrupt();  // not verified: the entry restores the old rules
  for (int attempt = 1; !after; ++attempt) {
    bool logged_in = false;
    try {
      step(attempt == 1 ? "verifying over a new connection"
                        : "verifying again over a new connection (attempt " +
                              std::to_string(attempt) + ")");
      connect();
      logged_in = true;
      after = read_router(*session_, request_.desired->policy);
      break;
    } catch (const live::ReadError& e) {
      drop_session();
      failure = "logged in again but cannot read the router (" + std::string(e.what()) + ")";
      return unverified(failure);  // not a dropped link: asking again reads the same
    } catch (const transport::Error& e) {
      drop_session();
      failure = logged_in ? "logged in again, but the connection dropped while it read the "
                            "router (" + std::string(e.what()) + ")"
                          : "could not log in again (" + std::string(e.what()) + ")";
    }
    if (Clock::now() + pause >= give_up)
      return unverified(failure);
    step(failure + "; trying again");
    pause_for(pause);
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
    return finish(Status::Applied, "verified over a new connection; the rollback is "
                                   "disarmed.");
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

Result Push::run_steps() {
  const ir::Ruleset& desired = *request_.desired;
  step("reading " + transport::endpoint_of(request_.ssh));
  transport::Session& session = connect();
  result_.endpoint = session.endpoint();
  Snapshot snapshot = read_router(session, desired.policy);
  before_ = snapshot.read.state;
  result_.routeros_version = snapshot.read.routeros_version.value_or("");
  major_ = snapshot.read.routeros_major().value_or(desired.routeros);
  result_.plan = diff::make_plan(desired, snapshot.read.state, major_);
  // A pending push is checked before "in sync": the router may equal the policy only
  // because an unconfirmed push put it there, and that push's entry would still restore
  // the old rules (an operator re-running a push after a dropped link).
  result_.pending = snapshot.armed > 0;
  std::string whose =
      snapshot.armed_policy > 0
          ? "A push of this policy is pending on this router (its /system scheduler entry '" +
                std::string("rosgen-push-") + desired.policy + "' is armed)"
          : "A rosgen push of another policy is pending on this router (an armed /system "
            "scheduler entry rosgen-push-<policy>)";
  if (result_.pending)
    result_.notice = whose + ": unless it is confirmed, it restores the rules it replaced "
                             "when its timer ends.";
  if (request_.dry_run)
    return finish(result_.plan.in_sync() ? Status::InSync : Status::DryRun,
                  std::string(result_.plan.in_sync() ? "nothing to change; " : "") +
                      "nothing was sent." + (result_.pending ? " " + result_.notice : ""));
  if (result_.plan.in_sync() && snapshot.armed == 0)
    return finish(Status::InSync, "nothing to change; nothing was sent.");
  if (snapshot.armed > 0 && !request_.force) {
    // Another policy's push is refused too: its rollback places re-added items by their
    // index among the firewall's non-dynamic items, which this push would shift.
    return finish(Status::Refused,
                  whose + ": it waits for its confirmation, and when its timer ends (its "
                          "--confirm-timeout after its apply ended, 120 s by default, or its "
                          "--apply-timeout if the apply never ends) it restores the rules it "
                          "replaced. Wait for it and push again, or run again with --force: " +
                      (snapshot.armed_policy > 0
                           ? "the pending push is then removed, and this push applies and "
                             "confirms the policy."
                           : "this push then goes on beside it (the other policy's entry is "
                             "left alone).") +
                      " Nothing was changed.");
  }
  int minor = 0;
  if (auto dot = result_.routeros_version.find('.'); dot != std::string::npos)
    minor = std::atoi(result_.routeros_version.c_str() + dot + 1);
  names_.policy = desired.policy;
  names_.run = random_run_id();
  names_.error_text = major_ > 7 || (major_ == 7 && minor >= 13);
  if (!result_.plan.in_sync() && request_.on_plan)
    request_.on_plan(result_.plan);
  check_interrupt();
  if (snapshot.entries > snapshot.armed || snapshot.files > 0 || request_.force) {
    step("removing what earlier pushes of this policy left");
    session.run_checked(cleanup_command(names_.policy, request_.force));
  }
  if (result_.plan.in_sync()) {  // only with --force and a pending push
    return finish(Status::InSync, "nothing to change; --force removed this policy's pending "
                                  "rollback entry (if it had one), so the rules stay as they "
                                  "are.");
  }
  diff::RenderContext context{session.endpoint() + " (export)", {}, {}, false};
  patch_ = diff::render_script(result_.plan, context);
  rollback_ = diff::render_rollback(result_.plan, snapshot.read.state, {session.endpoint()});
  try {
    check_interrupt();
    step("uploading the patch (" + std::to_string(result_.plan.changes.size()) +
         " change(s)) and the rollback");
    uploaded_ = true;
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
  check_interrupt();
  step("arming the rollback (fires " + seconds_text(request_.confirm_timeout) +
       " after the apply ends unless confirmed) and applying");
  armed_ = true;
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
    result_.changed = false;
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
    case Status::Mixed: return "mixed";
    case Status::Failed: return "failed";
    case Status::Interrupted: return "interrupted";
  }
  return "failed";
}

Result run(const Request& request) {
  Push push(request);
  return push.run();
}

}  // namespace rosgen::push
