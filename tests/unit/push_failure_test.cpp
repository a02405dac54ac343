// `rosgen push` when RouterOS refuses part of it (issue 10 §3, §6), against the fake
// RouterOS device behind a real sshd (fake_router.hpp): the refused statement of a failed
// apply is shown against the patch's line (7.13+, :onerror) or said to be unknowable (older);
// a rollback that RouterOS refuses too ends at once in a "mixed state" report with both
// errors, whether the job or the scheduler entry ran it; a link dropped while the verify
// reads the router is tried again and the good apply is kept; a link dropped during the
// dry run leaves no files behind.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>
#include <string>

#include "fake_router.hpp"
#include "push/push.hpp"
#include "push_util.hpp"

using namespace rosgen;
using namespace rosgen::test::push_util;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

// All the details of a result, one per line.
std::string details_text(const push::Result& result) {
  std::string text;
  for (const std::string& detail : result.details) text += detail + "\n";
  return text;
}

std::size_t files_in_flash(const test::FakeRouter& router) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(router.files_dir() / "flash"))
    ++n;
  return n;
}

}  // namespace

TEST_CASE("push: a failed apply names the statement RouterOS refused, against the patch line") {
  test::FakeRouter router;  // 7.16: :onerror gives the job the error's text
  load_defconf(router);
  routeros::RouterState before = router.state();
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  router.control("reject=^/ip firewall filter add .*mail-per-host\n");
  push::Result result = push::run(request_for(router, cafe));
  INFO(result.message);
  INFO(details_text(result));
  CHECK(result.status == push::Status::RolledBack);
  CHECK(result.changed == false);
  REQUIRE(result.details.size() == 1);
  // The fake's text for the refused statement, then the statement itself.
  CHECK(result.details[0].starts_with("patch: failure: rejected by fault injection"));
  CHECK(result.details[0].find("\n    patch line ") != std::string::npos);
  CHECK(result.details[0].find("add action=drop chain=rosgen-cafe-fwd "
                               "comment=\"rosgen:cafe:mail-per-host.forward\"") !=
        std::string::npos);
  CHECK(router.state() == before);
  CHECK(router.scheduler().empty());
  CHECK(files_in_flash(router) == 0);
}

TEST_CASE("push: before RouterOS 7.13 a failed apply is rolled back and says the statement "
          "cannot be known") {
  test::FakeRouter router({.version = "7.12.1"});  // no :onerror (and no dry run)
  load_defconf(router);
  routeros::RouterState before = router.state();
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  router.control("reject=^/ip firewall filter add .*mail-per-host\n");
  push::Result result = push::run(request_for(router, cafe));
  INFO(result.message);
  CHECK(result.status == push::Status::RolledBack);
  REQUIRE(result.details.size() == 1);
  CHECK(result.details[0].find(":onerror is 7.13+") != std::string::npos);
  CHECK(router.state() == before);
  CHECK(router.scheduler().empty());
  // rosgen never sent :onerror to this router (the fake refuses it before 7.13).
  for (const std::string& command : router.command_log())
    CHECK(command.find(":onerror") == std::string::npos);
}

TEST_CASE("push: a rollback that RouterOS refuses too ends at once in a mixed-state report") {
  test::FakeRouter router;
  load_defconf(router);
  routeros::RouterState before = router.state();
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  // Refused in the patch (its add) and in the rollback (its remove of that item).
  router.control("reject=mail-per-host\n");
  push::Request request = request_for(router, cafe);
  request.apply_limit = std::chrono::seconds(120);
  auto start = Clock::now();
  push::Result result = push::run(request);
  auto took = Clock::now() - start;
  INFO(result.message);
  INFO(details_text(result));
  CHECK(result.status == push::Status::Mixed);
  CHECK(result.changed == true);
  CHECK(result.message.find("refused the rollback too") != std::string::npos);
  CHECK(result.message.find("(read back: ") != std::string::npos);
  CHECK(result.message.find("rosgen diff cafe --host 127.0.0.1") != std::string::npos);
  // Both errors, each against its own script's line.
  std::string details = details_text(result);
  CHECK(details.find("patch: failure: rejected by fault injection") != std::string::npos);
  CHECK(details.find("rollback: failure: rejected by fault injection") != std::string::npos);
  CHECK(details.find("\n    rollback line ") != std::string::npos);
  CHECK(details.find("remove [find where comment=\"rosgen:cafe:mail-per-host.forward\"]") !=
        std::string::npos);
  // Neither end: part of the patch and part of the rollback stayed applied.
  CHECK_FALSE(router.state() == before);
  CHECK_FALSE(in_sync(router, cafe));
  // The entry is gone (it would fail the same way); the two files stay to be read.
  CHECK(router.scheduler().empty());
  CHECK(files_in_flash(router) == 2);
  // rosgen stopped when the job said so, not after the apply limit (120 s) of polling.
  CHECK(took < std::chrono::seconds(60));
  // The next push plans from the mixed state and repairs it.
  router.control("");
  push::Result next = push::run(request_for(router, cafe));
  INFO(next.message);
  CHECK(next.status == push::Status::Applied);
  CHECK(in_sync(router, cafe));
  CHECK(files_in_flash(router) == 0);
}

TEST_CASE("push: a refused rollback statement that did no harm: the old rules are read back, "
          "reported rolled back") {
  test::FakeRouter router;
  load_defconf(router);
  routeros::RouterState before = router.state();
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  // The patch stops at the queue type's add (near its start); the rollback stops at its
  // remove, its last statement, after it removed everything the patch added.
  router.control("reject=^/queue type (add|remove)\n");
  push::Result result = push::run(request_for(router, cafe));
  INFO(result.message);
  INFO(details_text(result));
  CHECK(result.status == push::Status::RolledBack);
  CHECK(result.message.find("holds the rules it had before the push again") != std::string::npos);
  std::string details = details_text(result);
  CHECK(details.find("patch: failure: rejected by fault injection") != std::string::npos);
  CHECK(details.find("rollback: failure: rejected by fault injection") != std::string::npos);
  CHECK(router.state() == before);
  CHECK(router.scheduler().empty());
  CHECK(files_in_flash(router) == 0);
}

TEST_CASE("push: interrupted before the rollback is armed, nothing changes and nothing is left") {
  test::FakeRouter router;
  load_defconf(router);
  std::string export_before = router.export_terse();
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  std::atomic<bool> interrupt{false};
  push::Request request = request_for(router, cafe);
  request.interrupt = &interrupt;
  auto progress = request.progress;
  request.progress = [&](const std::string& line) {
    if (line.starts_with("checking the patch"))  // the uploads are on the router
      interrupt = true;
    if (progress)
      progress(line);
  };
  push::Result result = push::run(request);
  INFO(result.message);
  CHECK(result.status == push::Status::Interrupted);
  CHECK(result.changed == false);
  CHECK(result.message.find("nothing was changed") != std::string::npos);
  CHECK(body(router.export_terse()) == body(export_before));
  CHECK(router.scheduler().empty());
  CHECK(files_in_flash(router) == 0);
}

TEST_CASE("push: interrupted while the apply runs, rosgen says what the armed entry will do, "
          "and it does") {
  test::FakeRouter router;
  load_defconf(router);
  routeros::RouterState before = router.state();
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  std::atomic<bool> interrupt{false};
  push::Request request = request_for(router, cafe);
  request.interrupt = &interrupt;
  request.progress = [&](const std::string& line) {
    if (line.starts_with("waiting for the apply to end"))
      interrupt = true;
  };
  push::Result result = push::run(request);
  INFO(result.message);
  CHECK(result.status == push::Status::Interrupted);
  CHECK_FALSE(result.changed.has_value());  // the apply goes on: rosgen cannot know
  CHECK(result.message.find("'rosgen-push-cafe' restores the old rules within 4 s") !=
        std::string::npos);
  CHECK(result.message.find("--force") != std::string::npos);
  // Nobody confirms: the entry fires after the apply and the old rules come back.
  CHECK(eventually([&] { return router.state() == before; }, std::chrono::seconds(30)));
  CHECK(router.late_events().empty());
}

TEST_CASE("push: an interrupt that comes while a question to the router runs cuts it short; "
          "the apply is not confirmed") {
  test::FakeRouter router;
  load_defconf(router);
  routeros::RouterState before = router.state();
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  // A slow apply: the fake answers the state question only when the job ends.
  router.control("statement-delay-ms=10\n");
  std::atomic<bool> interrupt{false};
  std::jthread signaller;
  push::Request request = request_for(router, cafe);
  request.interrupt = &interrupt;
  request.progress = [&](const std::string& line) {
    if (line.starts_with("waiting for the apply to end")) {
      signaller = std::jthread([&interrupt] {
        std::this_thread::sleep_for(std::chrono::milliseconds(1200));  // inside the question
        interrupt = true;
      });
    }
  };
  push::Result result = push::run(request);
  INFO(result.message);
  CHECK(result.status == push::Status::Interrupted);
  CHECK(result.message.find("not confirmed") != std::string::npos);
  CHECK(result.pending);  // its own entry stays armed, unconfirmed
  // Not confirmed: the entry fires after the apply and the old rules come back.
  router.control("");
  CHECK(eventually([&] { return router.state() == before; }, std::chrono::seconds(30)));
}

TEST_CASE("push: an interrupt while rosgen reads the router stops at once: nothing changed") {
  test::FakeRouter router;
  load_defconf(router);
  routeros::RouterState before = router.state();
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  // Every command answers after 8 s, longer than the step timeout: without the interrupt
  // cutting the read short, the push would end in a timeout (a transport error).
  router.control("delay-ms=8000\n");
  std::atomic<bool> interrupt{false};
  push::Request request = request_for(router, cafe);
  request.ssh.step_timeout = std::chrono::seconds(5);
  request.interrupt = &interrupt;
  std::jthread signaller([&interrupt] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // logged in, reading
    interrupt = true;
  });
  push::Result result = push::run(request);
  INFO(result.message);
  CHECK(result.status == push::Status::Interrupted);
  CHECK(result.message == "stopped before the rollback was armed: nothing was changed.");
  CHECK(result.changed == false);
  CHECK_FALSE(result.planned);  // not read: rosgen-push/1 gives null changes and pending
  CHECK(result.endpoint == "127.0.0.1:" + std::to_string(router.port()));
  router.control("");
  CHECK(router.state() == before);
  CHECK(files_in_flash(router) == 0);
  CHECK(router.scheduler().empty());
}

TEST_CASE("push: a rollback the scheduler entry runs and RouterOS refuses is reported as a "
          "mixed state") {
  test::FakeRouter router;
  load_defconf(router);
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  // The apply locks rosgen out, so the entry fires; its rollback is refused half-way (the
  // queue tree item is removed only by the rollback).
  router.control("lockout-after-import=yes\nreject=^/queue tree remove\n");
  push::Result result = push::run(request_for(router, cafe));
  INFO(result.message);
  INFO(details_text(result));
  CHECK(result.status == push::Status::Mixed);
  // rosgen saw the lockout while polling the apply, or when it tried to verify: the fake's
  // locked-out sessions pass the SSH login and then drop the command, so the verify reports
  // either failure (which one depends on timing: slower under ASan); or, on a machine so
  // slow that rosgen's first verify came after the entry fired (which ends the fake's
  // lockout), the confirm timeout passed first.
  CHECK((result.message.find("refused or dropped rosgen's commands") != std::string::npos ||
         result.message.find("could not log in again") != std::string::npos ||
         result.message.find("logged in again, but the connection dropped while it read") !=
             std::string::npos ||
         result.message.find("the confirm timeout (4 s) passed first") != std::string::npos));
  CHECK(result.message.find("refused the rollback too") != std::string::npos);
  std::string details = details_text(result);
  CHECK(details.find("rollback: failure: rejected by fault injection") != std::string::npos);
  CHECK(details.find("/queue tree remove [find where comment=\"rosgen:cafe:smtp-syn.queue\"]") !=
        std::string::npos);
  CHECK(details.find("patch:") == std::string::npos);  // the apply itself succeeded
  CHECK(router.scheduler().empty());
  CHECK(router.late_events().empty());
}

TEST_CASE("push: a rollback refused before it undid anything leaves the new rules whole: "
          "failed, not mixed") {
  test::FakeRouter router;
  load_defconf(router);
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  // The apply (only adds, onto the default configuration) succeeds and locks rosgen out;
  // the entry's rollback is refused at its first removal, before it changed anything.
  router.control("lockout-after-import=yes\nreject= remove \\[find\n");
  push::Result result = push::run(request_for(router, cafe));
  INFO(result.message);
  INFO(details_text(result));
  CHECK(result.status == push::Status::Failed);
  CHECK(result.changed == true);
  CHECK(result.message.find("Then RouterOS refused the rollback (below) before it undid "
                            "anything: the router holds the new rules whole") !=
        std::string::npos);
  CHECK(result.message.find("part of the old rules") == std::string::npos);
  CHECK(details_text(result).find("rollback: failure: rejected by fault injection") !=
        std::string::npos);
  router.control("");
  CHECK(in_sync(router, cafe));
  CHECK(router.scheduler().empty());
  CHECK(files_in_flash(router) == 2);  // kept to be read; the next push removes them
}

TEST_CASE("push: when the entry fires while the verify reads, rosgen confirms its rollback "
          "rather than rolling back again") {
  test::FakeRouter router;
  load_defconf(router);
  routeros::RouterState before = router.state();
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  // The verify's read (the second export) answers only after the entry fired (confirm
  // timeout 4 s after the apply) and its rollback ran: it reads the old rules.
  router.control("delay-ms=9000\ndelay-matching=export\ndelay-matching-nth=2\n");
  push::Result result = push::run(request_for(router, cafe));
  INFO(result.message);
  INFO(details_text(result));
  CHECK(result.status == push::Status::RolledBack);
  CHECK(result.message.starts_with("The rollback entry fired before rosgen could confirm the "
                                   "apply: the confirm timeout (4 s) passed first"));
  CHECK(details_text(result).find("still differs") == std::string::npos);
  router.control("");
  CHECK(router.state() == before);
  CHECK(router.scheduler().empty());
  CHECK(files_in_flash(router) == 0);
}

TEST_CASE("push: a link dropped while the verify reads the router is tried again; the good "
          "apply stays") {
  test::FakeRouter router;
  load_defconf(router);
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  // The second read of the owned menus (the first is the push's own read) is the verify.
  router.control("drop-matching=export\ndrop-matching-nth=2\n");
  push::Result result = push::run(request_for(router, cafe));
  INFO(result.message);
  CHECK(result.status == push::Status::Applied);
  CHECK(in_sync(router, cafe));
  CHECK(router.scheduler().empty());
  CHECK(files_in_flash(router) == 0);
  bool dropped_while_reading = false;
  bool again = false;
  for (const std::string& step : result.steps) {
    dropped_while_reading |= step.find("logged in again, but the connection dropped while it "
                                       "read the router") != std::string::npos;
    again |= step.find("verifying again over a new connection (attempt 2)") != std::string::npos;
  }
  CHECK(dropped_while_reading);
  CHECK(again);
}

TEST_CASE("push: a link dropped during the dry run changes nothing and leaves no files") {
  test::FakeRouter router;
  load_defconf(router);
  std::string export_before = router.export_terse();
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  router.control("drop-matching=dry-run\n");
  CHECK_THROWS_AS(push::run(request_for(router, cafe)), transport::Error);
  CHECK(body(router.export_terse()) == body(export_before));
  CHECK(router.scheduler().empty());
  CHECK(files_in_flash(router) == 0);
}
