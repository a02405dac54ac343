// The state of one push while it runs (push.cpp, steps.cpp): class Push, which push::run()
// drives. Internal to src/push/: push.cpp holds the sequence (run_steps(): read, plan,
// upload, dry run, arm and apply, wait, verify_and_disarm()); steps.cpp the steps it
// shares and the outcomes of failures (waiting for the entry's state, disarming, the
// rollback confirmed or refused, an interrupt). Entry point: detail::Push.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "push/commands.hpp"
#include "push/push.hpp"
#include "push/snapshot.hpp"

namespace rosgen::push::detail {

using Clock = std::chrono::steady_clock;

class Push {
 public:
  explicit Push(const Request& request) : request_(request) {}

  // The steps, and what an interrupt (Request::interrupt) leaves.
  Result run() {
    try {
      return run_steps();
    } catch (const Stopped&) {
      return interrupted();
    } catch (const transport::Interrupted&) {  // a step cut short (Request::interrupt)
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
  // A new logged-in session, its round trips added to the result when it is replaced. An
  // interruptible one (Request::interrupt cuts its steps short: transport::Interrupted,
  // which run() turns into interrupted()) unless `interruptible` is false.
  transport::Session& connect(bool interruptible = true);
  // The session for a step that must run to its end once begun (disarming, removing
  // uploads): the current one with interrupts off, or a new uninterruptible one.
  transport::Session& uninterruptible();
  void drop_session();
  // Polls the entry until its state is none of `waiting_for`; a State with an empty name
  // when the router could not be asked again before `limit`.
  State wait_while(const std::vector<std::string>& waiting_for, Clock::time_point limit);
  Result finish(Status status, std::string message);
  // After the job reported the apply's end: verify over a new connection (again, while the
  // confirm window lasts, when the link drops); roll back when the router differs.
  Result verify_and_disarm();
  // Why the entry fired before rosgen confirmed (the "why" of after_rollback()): the
  // router refused rosgen's questions (a lockout), the verify's `failure` (may be ""), or
  // the confirm timeout passed.
  std::string fired_before_confirm(const std::string& failure) const;
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

}  // namespace rosgen::push::detail
