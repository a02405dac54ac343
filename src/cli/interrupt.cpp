// The signal handler behind InterruptOnSignals (interrupt.hpp).
#include "cli/interrupt.hpp"

#include <unistd.h>

namespace rosgen::cli {

namespace {

std::atomic<bool> g_interrupt{false};
static_assert(std::atomic<bool>::is_always_lock_free, "a signal handler may only use it");

// The first signal sets g_interrupt and says what happens now; a second says so too and
// ends the process by that signal's default action. Only async-signal-safe calls (write,
// signal, raise).
extern "C" void on_interrupt(int signal) {
  if (!g_interrupt.exchange(true)) {
    static constexpr char kFirst[] =
        "\nrosgen: interrupted: stopping at the next safe point and saying what the router "
        "will do (interrupt again to end at once)\n";
    [[maybe_unused]] ssize_t n = ::write(STDERR_FILENO, kFirst, sizeof kFirst - 1);
    return;
  }
  static constexpr char kSecond[] =
      "\nrosgen: stopped at once (a second interrupt); a rollback entry rosgen armed, if it "
      "armed one, still restores the old rules unless a push confirms them\n";
  [[maybe_unused]] ssize_t n = ::write(STDERR_FILENO, kSecond, sizeof kSecond - 1);
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

}  // namespace

const std::atomic<bool>* interrupt_flag() {
  return &g_interrupt;
}

InterruptOnSignals::InterruptOnSignals() {
  g_interrupt.store(false);

  struct sigaction action {};

  action.sa_handler = on_interrupt;
  action.sa_flags = 0;  // no SA_RESTART: a waiting poll() returns at once (EINTR)
  ::sigemptyset(&action.sa_mask);
  for (std::size_t i = 0; i < kSignals.size(); ++i) {
    ::sigaction(kSignals[i], &action, &previous_[i]);
    // An ignored signal stays ignored: `nohup rosgen push ...` must survive the terminal
    // closing, and a background job of a script does not get the terminal's Ctrl-C.
    if ((previous_[i].sa_flags & SA_SIGINFO) == 0 && previous_[i].sa_handler == SIG_IGN)
      ::sigaction(kSignals[i], &previous_[i], nullptr);
  }
}

InterruptOnSignals::~InterruptOnSignals() {
  for (std::size_t i = 0; i < kSignals.size(); ++i)
    ::sigaction(kSignals[i], &previous_[i], nullptr);
}

}  // namespace rosgen::cli
