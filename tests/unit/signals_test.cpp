// Tests for support::RemoveOnFatalSignal: a process killed while -o's temporary file
// exists removes it and still dies by the signal (issue 7 review); and for
// cli::InterruptOnSignals (push's Ctrl-C: the first signal sets a flag, a second ends the
// process and says so; ignored signals stay ignored). Each case runs in a forked child,
// since the signal ends it.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "cli/interrupt.hpp"
#include "support/files.hpp"

using namespace rosgen;
namespace fs = std::filesystem;

namespace {

struct ChildResult {
  bool signaled = false;
  int signal = 0;
  int exit_code = -1;
};

// Runs `body` in a child process and reports how the child ended.
template <typename Body>
ChildResult in_child(Body body) {
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    // rosgen runs with the default dispositions; the test runner's crash handlers would
    // report the signal as a failed test instead of dying by it.
    for (int signal : {SIGTERM, SIGINT, SIGHUP, SIGQUIT}) std::signal(signal, SIG_DFL);
    body();
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  ChildResult out;
  out.signaled = WIFSIGNALED(status);
  out.signal = out.signaled ? WTERMSIG(status) : 0;
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

struct TempFile {
  fs::path dir;
  fs::path path;

  TempFile() {
    std::string tmpl = (fs::temp_directory_path() / "rosgen-signals-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    dir = tmpl;
    path = dir / ".out.rsc.rosgen-test";
    std::ofstream(path) << "partial";
  }

  ~TempFile() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

}  // namespace

TEST_SUITE("signals") {
  TEST_CASE("signals: a fatal signal removes the registered file, then kills with that signal") {
    for (int signal : {SIGTERM, SIGINT, SIGHUP, SIGQUIT}) {
      INFO("signal " << signal);
      TempFile file;
      ChildResult child = in_child([&] {
        support::RemoveOnFatalSignal cleanup(file.path.string());
        ::raise(signal);
        ::_exit(99);  // not reached
      });
      CHECK(child.signaled);
      CHECK(child.signal == signal);
      CHECK_FALSE(fs::exists(file.path));
    }
  }

  TEST_CASE("signals: once the guard ends, the previous handling is back and nothing is removed") {
    TempFile file;
    ChildResult child = in_child([&] {
      { support::RemoveOnFatalSignal cleanup(file.path.string()); }
      ::raise(SIGTERM);
      ::_exit(99);
    });
    CHECK(child.signaled);
    CHECK(child.signal == SIGTERM);
    CHECK(fs::exists(file.path));
  }

  TEST_CASE("signals: an ignored signal (nohup's SIGHUP) stays ignored") {
    TempFile file;
    ChildResult child = in_child([&] {
      std::signal(SIGHUP, SIG_IGN);
      support::RemoveOnFatalSignal cleanup(file.path.string());
      ::raise(SIGHUP);
      ::_exit(7);
    });
    CHECK_FALSE(child.signaled);
    CHECK(child.exit_code == 7);
    CHECK(fs::exists(file.path));
  }

  TEST_CASE("signals: -o leaves neither a temporary file nor a changed signal disposition") {
    TempFile file;
    ChildResult child = in_child([&] {
      support::write_output_file((file.dir / "out.rsc").string(), "contents\n");
      ::raise(SIGTERM);  // default action again: the child dies, nothing else is removed
      ::_exit(99);
    });
    CHECK(child.signal == SIGTERM);
    CHECK(fs::exists(file.dir / "out.rsc"));
    CHECK(fs::exists(file.path));
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(file.dir)) ++entries;
    CHECK(entries == 2);
  }
  TEST_CASE("signals: push's first interrupt sets the flag; a second ends the process and "
            "says so on stderr") {
    for (int signal : {SIGINT, SIGTERM, SIGHUP}) {
      INFO("signal " << signal);
      TempFile file;  // its directory holds the child's stderr
      fs::path err = file.dir / "stderr.txt";
      ChildResult child = in_child([&] {
        int fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(fd, STDERR_FILENO);
        cli::InterruptOnSignals interrupts;
        if (cli::interrupt_flag()->load())
          ::_exit(10);  // set before any signal
        ::raise(signal);  // handled at once: the flag, and the process goes on
        if (!cli::interrupt_flag()->load())
          ::_exit(11);
        ::raise(signal);
        ::_exit(12);  // not reached
      });
      CHECK(child.signaled);
      CHECK(child.signal == signal);
      std::ifstream stream(err);
      std::string text((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
      CHECK(text.find("rosgen: interrupted: stopping at the next safe point") !=
            std::string::npos);
      CHECK(text.find("rosgen: stopped at once (a second interrupt)") != std::string::npos);
    }
  }

  TEST_CASE("signals: push leaves an ignored signal ignored (nohup), and restores handlers") {
    ChildResult child = in_child([&] {
      std::signal(SIGHUP, SIG_IGN);
      {
        cli::InterruptOnSignals interrupts;
        ::raise(SIGHUP);  // ignored: no flag
        if (cli::interrupt_flag()->load())
          ::_exit(10);
        ::raise(SIGINT);  // handled: the flag
        if (!cli::interrupt_flag()->load())
          ::_exit(11);
      }
      {
        cli::InterruptOnSignals again;  // a new one starts with the flag clear
        if (cli::interrupt_flag()->load())
          ::_exit(12);
      }
      ::raise(SIGTERM);  // the default action is back: the child dies
      ::_exit(13);
    });
    CHECK(child.signaled);
    CHECK(child.signal == SIGTERM);
  }
}
