// Ctrl-C during a push (push, push --all): while an InterruptOnSignals lives, SIGINT,
// SIGTERM and SIGHUP set a flag that push::Request::interrupt (and through it the SSH
// transport) watches, so the push stops cleanly and says what the router will do; a second
// signal ends the process at once. Entry points: InterruptOnSignals, interrupt_flag().
#pragma once

#include <array>
#include <atomic>
#include <csignal>

namespace rosgen::cli {

// The flag the handler sets: false while no signal came since the last InterruptOnSignals
// was made. For push::Request::interrupt and fleet::RunOptions::interrupt.
const std::atomic<bool>* interrupt_flag();

// While it lives, the first SIGINT, SIGTERM or SIGHUP sets interrupt_flag() and writes
// "rosgen: interrupted: stopping at the next safe point ..." to stderr instead of ending
// the process (the step in progress is cut short, or the push stops at its next check
// point); a second writes "rosgen: stopped at once (a second interrupt); ..." and ends the
// process by that signal's default action (a shell shows 128 + the signal: 130 for SIGINT). A signal ignored before (nohup's SIGHUP, a script's background job's SIGINT)
// stays ignored. The handlers in place before are restored when it ends. One at a time
// per process.
class InterruptOnSignals {
 public:
  InterruptOnSignals();
  ~InterruptOnSignals();
  InterruptOnSignals(const InterruptOnSignals&) = delete;
  InterruptOnSignals& operator=(const InterruptOnSignals&) = delete;

 private:
  static constexpr std::array<int, 3> kSignals = {SIGINT, SIGTERM, SIGHUP};
  std::array<struct sigaction, 3> previous_{};
};

}  // namespace rosgen::cli
