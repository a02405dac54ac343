// The steps a push shares and the outcomes of its failures (sequence.hpp): connecting,
// pausing (interruptibly), polling the entry's state, disarming, removing uploads, and
// what the result says when the rollback ran, was refused, or rosgen was interrupted.
#include <algorithm>
#include <thread>

#include "live/read.hpp"
#include "push/sequence.hpp"

namespace rosgen::push::detail {

transport::Session& Push::connect(bool interruptible) {
  drop_session();
  transport::Options options = request_.ssh;
  options.interrupt = interruptible ? request_.interrupt : nullptr;
  session_.emplace(options);
  return *session_;
}

transport::Session& Push::uninterruptible() {
  // A session an interrupt cut short is unusable: connect again.
  transport::Session& session = session_ ? *session_ : connect(false);
  session.set_interruptible(false);
  return session;
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
    drop_session();  // an interrupt may have cut it short
    if (uploaded_)
      remove_uploads();
    result_.changed = false;
    return finish(Status::Interrupted,
                  "stopped before the rollback was armed: nothing was changed." +
                      (result_.notice.empty() ? "" : " " + result_.notice));
  }
  result_.pending = true;  // this push's own entry, armed and not confirmed
  return finish(Status::Interrupted,
                "stopped after the apply started (not confirmed). The apply goes on on the "
                "router; unless "
                "confirmed, the scheduler entry " + entry_name() +
                    " restores the old rules within " + seconds_text(request_.confirm_timeout) +
                    " of the apply's end (or after " + seconds_text(request_.apply_limit) +
                    " if it never ends). To keep the new rules, run " +
                    (request_.push_command.empty() ? "the same push again with --force"
                                                   : "`" + request_.push_command + " --force`") +
                    " once the apply has ended (it confirms them); to go back, let the entry "
                    "fire. `" + diff_hint() + "` shows where the router stands." +
                    (result_.notice.empty() ? "" : " " + result_.notice));
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
      transport::Session& session = uninterruptible();
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
    transport::Session& session = uninterruptible();
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
  } catch (const transport::Interrupted&) {
    throw;  // Push::run() says what the router will do
  } catch (const std::exception& e) {
    return finish(Status::Failed, why + " rosgen could not read the router after the rollback (" +
                                      e.what() + "); the scheduler entry " + entry_name() +
                                      " imports the rollback again within " +
                                      seconds_text(request_.confirm_timeout) + ".");
  }
  step("the old rules are back; disarming");
  bool removed = false;
  try {
    session_->set_interruptible(false);  // once begun, the clean-up runs to its end
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
    transport::Session& session = uninterruptible();
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
  } catch (const transport::Interrupted&) {
    throw;
  } catch (const std::exception& e) {
    drop_session();
    unread = e.what();
  }
  if (now && same_state(now->read.state, before_)) {
    try {
      session_->set_interruptible(false);
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
  if (now && diff::make_plan(*request_.desired, now->read.state, major_).in_sync()) {
    // The rollback was refused before it undid anything: the new rules stand whole. Not a
    // mix, and not confirmed as a push is (the rollback was meant to run): a failure to
    // look at, with the router holding the policy.
    result_.changed = true;
    return finish(Status::Failed,
                  why + " Then RouterOS refused the rollback (below) before it undid anything: "
                        "the router holds the new rules whole (read back over a new "
                        "connection: in sync with the policy), and they stay. " +
                      entry + "; the patch (" + names_.patch + ") and the rollback (" +
                      names_.rollback + ") stay on the router to be read, and the next push "
                      "removes them. Check that the management host still gets in, and why "
                      "the rollback was refused.");
  }
  std::string holds =
      now ? "the router now holds part of the old rules and part of the new ones (read back: " +
                std::to_string(diff::make_plan(*request_.desired, now->read.state, major_)
                                   .changes.size()) +
                " item(s) differ from the new policy)"
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
    result_.pending = true;  // its own entry, still armed as far as rosgen knows
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

}  // namespace rosgen::push::detail
