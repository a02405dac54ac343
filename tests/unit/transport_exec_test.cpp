// Tests for transport::Session::run/run_checked/upload against the tests' own sshd and its
// fake RouterOS (transport_fake_routeros.sh): the sentinel and RouterOS error text (errors
// come with exit status 0, reference §5.1), stdout and stderr drained together, timeouts and
// dropped links as errors rather than hangs, SFTP uploads under flash/, round-trip counts.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "transport/command_output.hpp"
#include "transport/session.hpp"
#include "transport_sshd.hpp"

using namespace rosgen;
using namespace rosgen::test;
using transport::ErrorKind;
namespace fs = std::filesystem;

namespace {

// The Error `body` throws (FAILs when it throws none).
template <class F>
transport::Error error_of(F&& body) {
  try {
    body();
  } catch (const transport::Error& e) {
    return e;
  }
  FAIL("no transport::Error thrown");
  return transport::Error(ErrorKind::Usage, "");
}

}  // namespace

TEST_SUITE("transport") {
  TEST_CASE("transport: RouterOS error text counts only at the start of a line") {
    CHECK(transport::routeros_error_line("failure: already have such entry\r\n") ==
          "failure: already have such entry");
    CHECK(transport::routeros_error_line("ok\nbad command name foo (line 1 column 2)\n") ==
          "bad command name foo (line 1 column 2)");
    CHECK(transport::routeros_error_line("expected end of command (line 1 column 22)") ==
          "expected end of command (line 1 column 22)");
    CHECK(transport::routeros_error_line("  no such item\n") == "no such item");
    CHECK(transport::routeros_error_line("something odd (line 3 column 9)\n") ==
          "something odd (line 3 column 9)");
    CHECK(transport::routeros_error_line("add comment=\"failure: x\" chain=input\n").empty());
    CHECK(transport::routeros_error_line("/ip firewall filter\nadd chain=input\n").empty());
    CHECK(transport::routeros_error_line("").empty());
  }

  TEST_CASE("transport: the sentinel is appended once and removed from the output") {
    CHECK(transport::detail::with_sentinel("/export terse", "S") == "/export terse; :put \"S\"");
    CHECK(transport::detail::with_sentinel("/a; /b;  ", "S") == "/a; /b; :put \"S\"");
    CHECK(transport::detail::with_sentinel("", "S") == ":put \"S\"");
    std::string sentinel = transport::detail::new_sentinel();
    CHECK(sentinel.size() == std::string("rosgen-done-").size() + 16);
    CHECK(sentinel != transport::detail::new_sentinel());
    transport::CommandResult r;
    transport::detail::finish_result(r, "a\r\nb\r\n" + sentinel + "\r\n", "", sentinel);
    CHECK(r.completed);
    CHECK(r.out == "a\nb\n");
    CHECK(r.ok());
    transport::detail::finish_result(r, "no newline" + sentinel + "\r\n", "", sentinel);
    CHECK(r.completed);
    CHECK(r.out == "no newline");
    transport::detail::finish_result(r, "a\r\n", "", sentinel);
    CHECK_FALSE(r.completed);
    CHECK_FALSE(r.ok());
    transport::detail::finish_result(r, sentinel + "\r\nafter\r\n", "", sentinel);
    CHECK_FALSE(r.completed);  // only at the end
  }

  TEST_CASE("transport: commands run one per exec channel and are counted") {
    TestSshd sshd;
    transport::Session session(sshd.options());
    CHECK(session.round_trips() == 0);
    transport::CommandResult r = session.run("/system identity print");
    CHECK(r.ok());
    CHECK(r.completed);
    CHECK(r.exit_status == 0);
    CHECK(r.out == "  name: fake-router\n");
    CHECK(r.command == "/system identity print");
    CHECK(session.run(":put \"hello\"").out == "hello\n");
    CHECK(session.run("/whoami").ok());
    CHECK(session.round_trips() == 3);
    CHECK(session.endpoint() == "127.0.0.1:" + std::to_string(sshd.port()));
  }

  TEST_CASE("transport: RouterOS errors come with exit status 0 and are still caught") {
    TestSshd sshd;
    transport::Session session(sshd.options());

    transport::CommandResult syntax = session.run("/syntax-error");
    CHECK(syntax.exit_status == 0);
    CHECK_FALSE(syntax.completed);  // RouterOS ran nothing, so no sentinel
    CHECK(syntax.error == "syntax error (line 1 column 14)");
    CHECK_FALSE(syntax.ok());

    transport::CommandResult failure = session.run("/add-duplicate");
    CHECK(failure.exit_status == 0);
    CHECK(failure.error == "failure: already have such entry");
    CHECK_FALSE(failure.ok());

    transport::CommandResult unknown = session.run("/no/such/menu print");
    CHECK(unknown.error == "bad command name /no/such/menu (line 1 column 2)");

    transport::CommandResult went_on = session.run("/error-then-on");
    CHECK(went_on.completed);
    CHECK_FALSE(went_on.ok());  // error text alone is enough

    transport::CommandResult exported = session.run("/export-like");
    CHECK(exported.ok());  // 'failure:' inside a comment is not an error
    CHECK(exported.out.find("comment=\"failure: only a comment\"") != std::string::npos);

    transport::CommandResult status = session.run("/exit-3");
    CHECK(status.completed);
    CHECK(status.exit_status == 3);
    CHECK_FALSE(status.ok());

    transport::CommandResult to_stderr = session.run("/stderr");
    CHECK(to_stderr.ok());
    CHECK(to_stderr.err == "on stderr\n");

    transport::Error e = error_of([&] { session.run_checked("/add-duplicate"); });
    CHECK(e.kind() == ErrorKind::Command);
    CHECK(std::string(e.what()) ==
          "ssh 127.0.0.1:" + std::to_string(sshd.port()) +
              ": '/add-duplicate' failed: RouterOS says: failure: already have such entry");
    CHECK(session.run_checked("/system identity print").ok());  // still usable
    CHECK(session.round_trips() == 9);
  }

  TEST_CASE("transport: stdout and stderr are drained together") {
    TestSshd sshd;
    transport::Session session(sshd.options());
    transport::CommandResult r = session.run("/flood 3000000");
    CHECK(r.ok());
    CHECK(r.err.size() == 3000000);
    CHECK(r.out.size() == 3000000);
  }

  TEST_CASE("transport: a command line must be one line") {
    TestSshd sshd;
    transport::Session session(sshd.options());
    transport::Error e = error_of([&] { session.run("/ip address print\n/ip route print"); });
    CHECK(e.kind() == ErrorKind::Usage);
    CHECK(std::string(e.what()).find("is not a single line") != std::string::npos);
    CHECK(session.run("/whoami").ok());  // a refused call does not spoil the session
    CHECK(session.round_trips() == 1);
  }

  TEST_CASE("transport: silence beyond the timeout is an error, and the session is closed") {
    TestSshd sshd;
    transport::Session session(sshd.options());
    auto start = std::chrono::steady_clock::now();
    transport::Error e = error_of([&] { session.run("/sleep 10", std::chrono::seconds(1)); });
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(2500));
    CHECK(e.kind() == ErrorKind::Timeout);
    CHECK(std::string(e.what()).find(
              "waiting for the output of '/sleep 10': no answer within 1 s") != std::string::npos);
    transport::Error later = error_of([&] { session.run("/whoami"); });
    CHECK(later.kind() == ErrorKind::Channel);
    CHECK(std::string(later.what()).find("failed earlier") != std::string::npos);
  }

  TEST_CASE("transport: an interrupt cuts a waiting command short, unless turned off") {
    TestSshd sshd;
    std::atomic<bool> interrupt{false};
    transport::Options options = sshd.options();
    options.interrupt = &interrupt;
    transport::Session session(options);
    CHECK(session.run("/whoami").ok());  // unset, the flag changes nothing
    std::jthread signaller([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      interrupt = true;
    });
    auto start = std::chrono::steady_clock::now();
    std::string what;
    try {
      session.run("/sleep 20");
    } catch (const transport::Interrupted& e) {
      what = e.what();
    }
    // Well before the command's end (20 s) or the step timeout.
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
    CHECK(what.find(": interrupted while waiting for the output of '/sleep 20'") !=
          std::string::npos);
    transport::Error later = error_of([&] { session.run("/whoami"); });
    CHECK(later.kind() == ErrorKind::Channel);  // abandoned half-way: unusable
    // With the flag still set, a new session is refused at once.
    CHECK_THROWS_AS(transport::Session{options}, transport::Interrupted);
    // A session that turned interrupts off runs its command to its end.
    interrupt = false;
    transport::Session cleanup(options);
    cleanup.set_interruptible(false);
    interrupt = true;
    CHECK(cleanup.run("/sleep 1").ok());
  }

  TEST_CASE("transport: a dropped link is an error, not a hang") {
    TestSshd sshd;
    transport::Session session(sshd.options());
    auto start = std::chrono::steady_clock::now();
    transport::Error e = error_of([&] { session.run("/drop"); });
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(4));
    CHECK(e.kind() == ErrorKind::Channel);
    CHECK(std::string(e.what()).find("the connection may have dropped") != std::string::npos);
  }

  TEST_CASE("transport: uploads go under flash/ with a unique name, and are counted") {
    TestSshd sshd;
    transport::Session session(sshd.options());
    std::string script = "/ip firewall filter\nadd chain=input action=accept\n";
    std::string first = session.upload(script, "patch.rsc");
    std::string second = session.upload(script, "patch.rsc");
    CHECK(first.starts_with("flash/rosgen-"));
    CHECK(first.ends_with("-patch.rsc"));
    CHECK(first != second);
    CHECK(file_text(sshd.files() / first) == script);
    std::string big(1 << 20, 'x');  // several SFTP writes
    std::string third = session.upload(big, "big.rsc");
    CHECK(file_text(sshd.files() / third) == big);
    CHECK(session.round_trips() == 3);
    session.remove_file(first);
    CHECK_FALSE(fs::exists(sshd.files() / first));
    CHECK(session.round_trips() == 4);

    transport::Error e = error_of([&] { session.upload(script, "x.auto.rsc"); });
    CHECK(e.kind() == ErrorKind::Usage);
    CHECK(error_of([&] { session.upload(script, "../etc/passwd"); }).kind() == ErrorKind::Usage);
    CHECK(session.round_trips() == 4);
    transport::Error missing = error_of([&] { session.remove_file("flash/no-such-file"); });
    CHECK(missing.kind() == ErrorKind::Sftp);
    CHECK(std::string(missing.what()).find("no such file") != std::string::npos);
  }

  TEST_CASE("transport: without flash/ uploads go to the SFTP root") {
    TestSshd sshd({.flash_directory = false});
    transport::Session session(sshd.options());
    std::string path = session.upload("x", "a.rsc");
    CHECK(path.starts_with("rosgen-"));
    CHECK(file_text(sshd.files() / path) == "x");
  }
}
