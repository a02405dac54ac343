// Sequencing a push (push.hpp): read, plan, upload, dry-run, arm and apply, wait, verify
// over a new connection, disarm (sequence.hpp; the shared steps and the failure outcomes
// are in steps.cpp).
#include "push/push.hpp"

#include <algorithm>
#include <optional>
#include <random>
#include <thread>

#include "diff/rollback.hpp"
#include "live/read.hpp"
#include "push/commands.hpp"
#include "push/sequence.hpp"
#include "push/snapshot.hpp"

namespace rosgen::push {

namespace {

std::string random_run_id() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::random_device random;
  std::string id;
  for (int i = 0; i < 8; ++i) id += kHex[random() & 15u];
  return id;
}

}  // namespace

namespace detail {

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
  if (after->armed_policy == 0) {
    // The entry fired (it disables itself first) before rosgen could confirm: its rollback
    // runs or ran, so what the verify read is not the apply's result.
    step("the rollback entry fired before rosgen could confirm the apply");
    State state = wait_while({kApplied}, Clock::now() + request_.apply_limit);
    return after_rollback(fired_before_confirm(failure), state);
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
      result_.pending = true;  // its own entry stays armed
      return finish(Status::Failed,
                    "The patch was applied and verified, but the scheduler entry " +
                        entry_name() + " could not be removed: it will restore the old rules "
                                       "within " +
                        deadline + ". Run `rosgen push` again at once (it confirms), or remove "
                                   "the entry by hand.");
    }
    return finish(Status::Applied,
                  "verified over a new connection; the rollback is disarmed." +
                      (result_.notice.empty() ? "" : " " + result_.notice));
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
  result_.endpoint = transport::endpoint_of(request_.ssh);  // the session's, once connected
  step("reading " + result_.endpoint);
  transport::Session& session = connect();
  result_.endpoint = session.endpoint();
  Snapshot snapshot = read_router(session, desired.policy);
  before_ = snapshot.read.state;
  result_.routeros_version = snapshot.read.routeros_version.value_or("");
  major_ = snapshot.read.routeros_major().value_or(desired.routeros);
  result_.plan = diff::make_plan(desired, snapshot.read.state, major_);
  result_.planned = true;
  // A pending push is checked before "in sync": the router may equal the policy only
  // because an unconfirmed push put it there, and that push's entry would still restore
  // the old rules (an operator re-running a push after a dropped link).
  result_.pending = snapshot.armed > 0;
  const std::string own =
      "A push of this policy is pending on this router (its /system scheduler entry '" +
      std::string("rosgen-push-") + desired.policy + "' is armed)";
  const std::string other =
      "A rosgen push of another policy is pending on this router (an armed /system scheduler "
      "entry rosgen-push-<policy>)";
  const std::string until =
      ": unless it is confirmed, it restores the rules it replaced when its timer ends.";
  std::string whose = snapshot.armed_policy > 0 ? own : other;
  if (result_.pending)
    result_.notice = whose + until;
  if (request_.dry_run) {
    // In sync with this policy's push pending is a dry run with something to come: that
    // push's entry restores the old rules unless confirmed (diff --host exits 2 for it too).
    bool will_change = !result_.plan.in_sync() || snapshot.armed_policy > 0;
    return finish(will_change ? Status::DryRun : Status::InSync,
                  std::string(result_.plan.in_sync() ? "nothing to change; " : "") +
                      "nothing was sent." + (result_.pending ? " " + result_.notice : ""));
  }
  if (result_.plan.in_sync() && snapshot.armed_policy == 0) {
    // Nothing to send, so another policy's pending push (if any) is not disturbed: its
    // rollback's positions stay right. The dry run above says the same.
    return finish(Status::InSync, "nothing to change; nothing was sent." +
                                      (result_.pending ? " " + result_.notice : ""));
  }
  if (snapshot.busy_policy > 0) {
    // Even with --force: that push's job still imports (its patch, or its rollback after a
    // failure), so the router is still changing, and the job re-creates its entry at its end.
    return finish(Status::Refused,
                  "A push of this policy is still running on this router (its /system "
                  "scheduler entry 'rosgen-push-" + desired.policy +
                      "' says its job still imports: the patch, or the rollback after a "
                      "failure). Wait for it to end (at most its --apply-timeout, 900 s by "
                      "default) and push again" +
                      (request_.force ? " (--force too waits for it)" : "") +
                      ". Nothing was changed.");
  }
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
  if (request_.force && snapshot.armed_policy > 0) {
    // This policy's pending push is gone (said in `notice`, which every result shows): only
    // another policy's may still be pending.
    bool others = snapshot.armed > snapshot.armed_policy;
    result_.pending = others;
    result_.notice = "--force removed this policy's pending push (its entry 'rosgen-push-" +
                     desired.policy + "' and its files): its rollback will not run." +
                     (others ? " " + other + until : "");
  }
  if (result_.plan.in_sync()) {  // only with --force and this policy's pending push
    return finish(Status::InSync,
                  "nothing to change; the rules stay as they are. " + result_.notice);
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
    // Not cut short: rosgen must know whether the entry and the job exist (an interrupt is
    // seen at the next check point, while waiting for the apply).
    session.set_interruptible(false);
    armed = session.run(
        arm_and_apply_command(names_, request_.apply_limit, request_.confirm_timeout));
    session.set_interruptible(true);
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
  check_interrupt();  // one that came while the entry was armed and the job started
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
  return after_rollback(fired_before_confirm(""), state);
}

std::string Push::fired_before_confirm(const std::string& failure) const {
  if (failed_polls_ > 0) {
    return "After the apply the router refused or dropped rosgen's commands (" +
           std::to_string(failed_polls_) +
           " time(s)): the new rules may lock rosgen out (check that the policy lets the "
           "management host reach the router's SSH port). The rollback entry fired.";
  }
  if (!failure.empty()) {
    return "The patch was applied, but rosgen " + failure +
           ", so the rollback entry fired: the new rules may lock the management host out "
           "(check that the policy lets it reach the router's SSH port).";
  }
  return "The rollback entry fired before rosgen could confirm the apply: the confirm "
         "timeout (" + seconds_text(request_.confirm_timeout) +
         ") passed first (a slow router or link: use a longer --confirm-timeout).";
}

}  // namespace detail

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
  detail::Push push(request);
  return push.run();
}

}  // namespace rosgen::push
