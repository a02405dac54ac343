// The fake RouterOS device behind a real sshd (tests/fake_routeros/, harness in
// fake_router.hpp), driven with the system ssh and sftp clients: exports, edits, placement
// refusals, /import (syntax errors apply nothing, run-time failures keep earlier lines,
// dry-run changes nothing), the compiled café policy, the scheduler firing on time, every
// fault injection, and a harness that leaves no process behind.
#include "fake_router.hpp"

#include <doctest/doctest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <thread>

#include "cli/app.hpp"
#include "diff/plan.hpp"
#include "routeros/script_reader.hpp"
#include "test_util.hpp"

using namespace rosgen;
namespace fs = std::filesystem;

namespace {

routeros::RouterState read_export(const std::string& text, bool import = false,
                                  routeros::RouterState initial = {}) {
  support::DiagnosticEngine diags;
  auto file = std::make_shared<const support::SourceFile>("export.rsc", text);
  routeros::ReadOptions options;
  options.import = import;
  routeros::ReadResult result = routeros::read_script(file, diags, std::move(initial), options);
  INFO(support::render_all(diags));
  CHECK_FALSE(diags.has_errors());
  return routeros::without_remarks(std::move(result.state));
}

std::string defconf_path() {
  return test::source_dir() + "/tests/import/defconf-v7.rsc";
}

fs::path write_file(const test::FakeRouter& router, const std::string& name,
                    const std::string& text) {
  fs::path path = router.root() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// Polls `done` for up to `seconds`.
template <typename Fn>
bool eventually(Fn done, int seconds = 8) {
  auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < end) {
    if (done())
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

std::size_t count_comment(const routeros::RouterState& state, const std::string& comment) {
  std::size_t n = 0;
  for (const ir::Item& item : state.items(ir::Menu::Filter)) {
    const std::string* c = item.get("comment");
    n += c != nullptr && *c == comment ? 1 : 0;
  }
  return n;
}

// Processes whose command line mentions `text`, and zombies whose parent is this process.
std::vector<std::string> processes_left(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::string pid = entry.path().filename().string();
    if (pid.empty() || !std::all_of(pid.begin(), pid.end(), ::isdigit) ||
        pid == std::to_string(::getpid()))
      continue;
    std::string cmdline = test::read_text(entry.path() / "cmdline");
    std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
    std::string stat = test::read_text(entry.path() / "stat");
    std::size_t close = stat.rfind(')');
    bool zombie_child = close != std::string::npos && stat.size() > close + 2 &&
                        stat[close + 2] == 'Z' &&
                        stat.find(" " + std::to_string(::getpid()) + " ", close) == close + 3;
    if (cmdline.find(text) != std::string::npos || zombie_child)
      out.push_back(pid + " " + cmdline + (zombie_child ? " (zombie)" : ""));
  }
  return out;
}

}  // namespace

TEST_SUITE("fake_router") {
  TEST_CASE("fake router: an empty device exports its header only, per menu and in all") {
    test::FakeRouter router;
    test::ProcessResult all = router.ssh("/export terse");
    CHECK(all.status == 0);
    CHECK(all.out.find("by RouterOS 7.16.2\r\n# software id = \r\n#\r\n") != std::string::npos);
    CHECK(all.out.find(" add ") == std::string::npos);
    test::ProcessResult filter = router.ssh("/ip firewall filter export terse");
    CHECK(filter.out.find("# software id") != std::string::npos);
    CHECK(read_export(filter.out).size() == 0);
    CHECK(router.ssh("/system resource print").out.find("version: 7.16.2") != std::string::npos);
    CHECK(router.commands() == 3);
  }

  TEST_CASE("fake router: defconf imported over SFTP exports as rosgen reads defconf") {
    test::FakeRouter router;
    REQUIRE(router.upload(defconf_path(), "flash/defconf.rsc").status == 0);
    CHECK(router.ssh("/file print").out.find("flash/defconf.rsc") != std::string::npos);
    test::ProcessResult imported = router.ssh("/import file-name=flash/defconf.rsc");
    CHECK(imported.out == "Script file loaded and executed successfully\r\n");
    routeros::RouterState want = read_export(test::read_text(defconf_path()));
    test::ProcessResult exported = router.ssh("/export terse");
    CHECK(read_export(exported.out) == routeros::exported(want));
    // print and find see FastTrack's dynamic counter rule at item 0; export does not.
    test::ProcessResult print = router.ssh("/ip firewall filter print");
    CHECK(print.out.find(" 0  D ;;; special dummy rule to show fasttrack counters") == 0);
    CHECK(router.ssh(":put [:len [/ip firewall filter find]]").out == "12\r\n");
    CHECK(router.ssh(":put [:len [/ip firewall filter find where dynamic=no]]").out == "11\r\n");
    CHECK(router.state().items(ir::Menu::Filter).size() == 12);
    CHECK(router.ssh("/file remove flash/defconf.rsc; :put done").out == "done\r\n");
    CHECK_FALSE(fs::exists(router.files_dir() / "flash/defconf.rsc"));
  }

  TEST_CASE("fake router: add, set, move and remove; placement refusals as RouterOS's") {
    test::FakeRouter router;
    // On an empty table place-before=0 is "no such item" (reference §5.1).
    CHECK(router.ssh("/ip firewall filter add chain=input action=accept place-before=0").out ==
          "place-before=0: no such item\r\n");
    router.load(defconf_path());
    test::ProcessResult top =
        router.ssh("/ip firewall filter add chain=forward action=drop comment=mine place-before=0");
    CHECK(top.status == 0);  // errors are text, the exit status stays 0 (reference §6)
    CHECK(top.out.find("failure: cannot change builtin") == 0);
    CHECK(count_comment(router.state(), "mine") == 0);
    CHECK(
        router
            .ssh(
                "/ip firewall filter add chain=forward action=drop comment=mine place-before=[find "
                "where comment=\"defconf: drop invalid\" and chain=forward]; :put ok")
            .out == "ok\r\n");
    CHECK(router.ssh("/ip firewall filter set [find where comment=mine] action=reject; :put ok")
              .out == "ok\r\n");
    CHECK(router.ssh("/ip firewall filter move [find where comment=mine] destination=0")
              .out.find("cannot change builtin") != std::string::npos);
    router.ssh("/ip firewall filter move [find where comment=mine]");
    auto filter = router.state().items(ir::Menu::Filter);
    CHECK(*filter.back().get("comment") == "mine");
    CHECK(*filter.back().get("action") == "reject");
    CHECK(router.ssh("/ip firewall filter remove [find where comment=mine]").out.empty());
    CHECK(count_comment(router.state(), "mine") == 0);
    CHECK(router.ssh("/ip firewall filter frobnicate").out ==
          "bad command name frobnicate (line 1 column 21)\r\n");
    CHECK(router.ssh("/ip firewall filter add chain=input bogus=1")
              .out.find("expected end of command") == 0);
  }

  TEST_CASE("fake router: the compiled café policy imports as rosgen's import model says") {
    support::DiagnosticEngine diags;
    cli::PipelineResult compiled =
        cli::run_pipeline({test::source_dir() + "/examples/cafe.pol"}, diags);
    REQUIRE(compiled.script);
    for (bool defconf : {false, true}) {
      CAPTURE(defconf);
      test::FakeRouter router;
      routeros::RouterState base;
      if (defconf) {
        router.load(defconf_path());
        base = read_export(test::read_text(defconf_path()), true);
      }
      REQUIRE(router.upload(write_file(router, "cafe.rsc", *compiled.script), "flash/cafe.rsc")
                  .status == 0);
      test::ProcessResult r = router.ssh("/import file-name=flash/cafe.rsc verbose=yes");
      CHECK(r.out == "Script file loaded and executed successfully\r\n");
      routeros::RouterState model = read_export(*compiled.script, true, base);
      CHECK(routeros::without_remarks(router.state()) == model);
      routeros::RouterState running = read_export(router.ssh("/export terse").out);
      CHECK(diff::make_plan(*compiled.ruleset, running, 7).in_sync());
      if (!defconf)
        CHECK(running == routeros::exported(routeros::without_remarks(
                             routeros::import_ruleset(*compiled.ruleset))));
    }
  }

  TEST_CASE("fake router: /import parses first; a run-time failure keeps the lines before it") {
    test::FakeRouter router;
    fs::path bad_syntax = write_file(router, "syntax.rsc",
                                     "/ip firewall filter\nadd chain=input comment=a\n"
                                     "add chain=input comment=b bogus=yes\n");
    router.upload(bad_syntax, "syntax.rsc");
    test::ProcessResult r = router.ssh("/import file-name=syntax.rsc");
    CHECK(r.out.find("expected end of command (line 3 column 27)") == 0);
    CHECK(r.out.find("Script Error: nothing imported (syntax error)") != std::string::npos);
    CHECK(router.state().size() == 0);
    fs::path runtime = write_file(router, "runtime.rsc",
                                  "/ip firewall filter add chain=input comment=a\n"
                                  "/ip firewall filter add chain=input comment=b "
                                  "place-before=[find where comment=none]\n"
                                  "/ip firewall filter add chain=input comment=c\n");
    router.upload(runtime, "flash/runtime.rsc");
    r = router.ssh("/import file-name=flash/runtime.rsc; :put not-reached");
    CHECK(r.out.find("no such item") != std::string::npos);
    CHECK(r.out.find("Script Error: import stopped at line 2") != std::string::npos);
    CHECK(r.out.find("not-reached") == std::string::npos);
    routeros::RouterState state = router.state();
    CHECK(count_comment(state, "a") == 1);
    CHECK(count_comment(state, "b") == 0);
    CHECK(count_comment(state, "c") == 0);
  }

  TEST_CASE("fake router: dry-run reports every syntax error and changes nothing") {
    test::FakeRouter router;
    fs::path good =
        write_file(router, "good.rsc", "/ip firewall filter add chain=input comment=a\n");
    fs::path bad = write_file(router, "bad.rsc",
                              "/ip firewall filter add chain=input x=1\n/ip firewall frob\n");
    router.upload(good, "good.rsc");
    router.upload(bad, "bad.rsc");
    CHECK(router.ssh("/import file-name=good.rsc verbose=yes dry-run").out ==
          "Script file loaded successfully (dry-run: nothing changed)\r\n");
    test::ProcessResult r = router.ssh("/import file-name=bad.rsc verbose=yes dry-run");
    CHECK(r.out.find("expected end of command (line 1 column 37)") == 0);
    CHECK(r.out.find("bad command name frob (line 2 column 14)") != std::string::npos);
    CHECK(r.out.find("Script Error: dry-run found 2 errors") != std::string::npos);
    CHECK(router.ssh("/import file-name=good.rsc dry-run").out ==
          "failure: dry-run needs verbose=yes\r\n");
    CHECK(router.state().size() == 0);
    test::FakeRouter old({.version = "7.15.3"});
    old.upload(good, "good.rsc");
    CHECK(old.ssh("/import file-name=good.rsc verbose=yes dry-run")
              .out.find("expected end of command") == 0);
  }

  TEST_CASE("fake router: a scheduler entry fires on time without any session") {
    test::FakeRouter router;
    // A periodic entry that disables itself first, as rosgen's rollback does.
    test::ProcessResult r = router.ssh(
        "/system scheduler add name=rollback interval=2s comment=rosgen on-event=\"/system "
        "scheduler disable rollback; /ip firewall filter add chain=input comment=fired\"");
    CHECK(r.out.empty());
    std::vector<fake::Record> entries = router.scheduler();
    REQUIRE(entries.size() == 1);
    CHECK(entries[0]["run-count"] == "0");
    CHECK(count_comment(router.state(), "fired") == 0);
    CHECK(eventually([&] { return count_comment(router.state(), "fired") == 1; }));
    std::this_thread::sleep_for(std::chrono::seconds(3));
    entries = router.scheduler();
    CHECK(entries[0]["run-count"] == "1");
    CHECK(entries[0]["disabled"] == "yes");
    CHECK(count_comment(router.state(), "fired") == 1);
    CHECK(router.ssh("/system scheduler print count-only where name=rollback").out == "1\r\n");
    CHECK(router.ssh("/system scheduler remove [find where name=rollback and comment=rosgen]")
              .out.empty());
    CHECK(router.scheduler().empty());
    CHECK(router
              .ssh("/system scheduler add name=x start-time=([/system clock get time]+5m) "
                   "on-event=\":put x\"")
              .out.find("invalid value for argument start-time") == 0);
    // A one-shot entry at a start time (interval=0) fires once, at that time.
    std::int64_t at = fake::now_epoch() + 2;
    CHECK(router
              .ssh("/system scheduler add name=once start-date=" + fake::date_text(at) +
                   " start-time=" + fake::time_text(at) +
                   " on-event=\"/ip firewall filter add chain=input comment=once\"")
              .out.empty());
    CHECK(count_comment(router.state(), "once") == 0);
    CHECK(eventually([&] { return count_comment(router.state(), "once") == 1; }));
    CHECK(fake::now_epoch() >= at);
    CHECK(router.scheduler()[0]["next-run"].empty());
    test::FakeRouter locked;
    locked.control("device-mode-scheduler=no\n");
    CHECK(locked.ssh("/system scheduler add name=x interval=1s on-event=\":put x\"")
              .out.find("failure: not allowed by device-mode") == 0);
  }

  TEST_CASE("fake router: :execute runs a script detached; jobs can be polled") {
    test::FakeRouter router;
    router.control("statement-delay-ms=300\n");
    test::ProcessResult r = router.ssh(
        ":execute script=\"/ip firewall filter add chain=input comment=job1; "
        "/ip firewall filter add chain=input comment=job2\"");
    CHECK(r.out.empty());
    CHECK(eventually([&] { return count_comment(router.state(), "job2") == 1; }));
    CHECK(eventually(
        [&] { return router.ssh("/system script job print count-only").out == "0\r\n"; }));
    CHECK(router.late_events().empty());
  }

  TEST_CASE("fake router: an entry due while a job holds the device is reported as late") {
    test::FakeRouter router;
    router.control("statement-delay-ms=500\n");
    router.ssh("/system scheduler add name=rb interval=2s on-event=\":put fired\"");
    router.ssh(
        ":execute script=\"/ip firewall filter add chain=input comment=a; /ip firewall "
        "filter add chain=input comment=b; /ip firewall filter add chain=input comment=c; "
        "/ip firewall filter add chain=input comment=d; /ip firewall filter add "
        "chain=input comment=e; /ip firewall filter add chain=input comment=f\"");
    REQUIRE(eventually([&] { return !router.late_events().empty(); }));
    CHECK(router.late_events().front().starts_with("rb due at "));
    router.ssh("/system scheduler remove rb");
  }

  TEST_CASE("fake router: statements on menus it does not model are logged, not refused") {
    test::FakeRouter router;
    CHECK(router.ssh("/interface bridge add name=bridge; :put ok").out == "ok\r\n");
    REQUIRE(router.unmodeled().size() == 1);
    CHECK(router.unmodeled()[0].starts_with("/interface bridge add name=bridge"));
  }

  TEST_CASE("fake router: fault injection: dropped link before and after a command") {
    test::FakeRouter router;
    router.control("drop-before=" + std::to_string(router.commands() + 2) + "\n");
    CHECK(router.ssh(":put one").out == "one\r\n");
    test::ProcessResult dropped = router.ssh("/ip firewall filter add chain=input comment=x");
    CHECK(dropped.status == 255);
    CHECK(dropped.out.empty());
    CHECK(count_comment(router.state(), "x") == 0);
    router.control("drop-after=" + std::to_string(router.commands() + 1) + "\n");
    dropped = router.ssh("/ip firewall filter add chain=input comment=y; :put done");
    CHECK(dropped.status == 255);
    CHECK(dropped.out.empty());
    CHECK(count_comment(router.state(), "y") == 1);  // it ran: only the answer was lost
    CHECK(router.ssh(":put back").out == "back\r\n");
  }

  TEST_CASE("fake router: fault injection: slow commands and rejected commands") {
    test::FakeRouter router;
    router.control("delay-ms=700\n");
    auto start = std::chrono::steady_clock::now();
    CHECK(router.ssh(":put slow").out == "slow\r\n");
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(700));
    router.control("reject=comment=evil\nreject-message=failure: out of memory\n");
    CHECK(router
              .ssh("/ip firewall filter add chain=input comment=good; /ip firewall filter add "
                   "chain=input comment=evil; :put not-reached")
              .out == "failure: out of memory\r\n");
    CHECK(count_comment(router.state(), "good") == 1);
    CHECK(count_comment(router.state(), "evil") == 0);
  }

  TEST_CASE("fake router: fault injection: locked out after an import until the rollback fires") {
    test::FakeRouter router;
    router.control("lockout-after-import=yes\n");
    fs::path rules =
        write_file(router, "apply.rsc", "/ip firewall filter add chain=input comment=new\n");
    router.upload(rules, "flash/apply.rsc");
    fs::path rollback =
        write_file(router, "rollback.rsc", "/ip firewall filter remove [find where comment=new]\n");
    router.upload(rollback, "flash/rollback.rsc");
    CHECK(router
              .ssh("/system scheduler add name=rb interval=12s on-event=\"/system scheduler disable "
                   "rb; /import file-name=flash/rollback.rsc\"")
              .out.empty());
    CHECK(router.ssh("/import file-name=flash/apply.rsc").out ==
          "Script file loaded and executed successfully\r\n");
    test::ProcessResult locked = router.ssh(":put hello");
    CHECK(locked.status != 0);
    CHECK(locked.err.find("locked out") != std::string::npos);
    // 12 s: long enough that a loaded machine (CI under ASan) still sees the lockout.
    CHECK(eventually([&] { return router.ssh(":put hello").out == "hello\r\n"; }, 30));
    CHECK(eventually([&] { return count_comment(router.state(), "new") == 0; }));
  }

  TEST_CASE("fake router: an RSA key logs in with ssh-rsa, as an old RouterOS accepts") {
    test::FakeRouter router({.ssh_rsa_only = true});
    test::ProcessResult rsa = router.ssh(":put rsa", router.rsa_key());
    CHECK(rsa.out == "rsa\r\n");
    test::ProcessResult ed = router.ssh(":put ed", router.ed25519_key());
    CHECK(ed.status == 255);
  }

  TEST_CASE("fake router: the harness leaves no process behind and says when sshd is missing") {
    pid_t sshd = -1;
    pid_t daemon = -1;
    fs::path root;
    {
      test::FakeRouter router;
      sshd = router.sshd_pid();
      daemon = router.daemon_pid();
      root = router.root();
      CHECK(::kill(sshd, 0) == 0);
      CHECK(::kill(daemon, 0) == 0);
      router.ssh(":execute script=\":delay 1s\"");
      router.control("drop-before=" + std::to_string(router.commands() + 1) + "\n");
      CHECK(router.ssh(":put dropped").status == 255);
      router.ssh(":execute script=\":delay 30s\"");  // still running at the end
    }
    CHECK(processes_left(root.string()) == std::vector<std::string>{});
    CHECK(::kill(sshd, 0) != 0);
    CHECK(::kill(daemon, 0) != 0);
    CHECK_FALSE(fs::exists(root));
    CHECK_THROWS_WITH_AS(test::FakeRouter({.sshd = "/nonexistent/sshd"}),
                         doctest::Contains("apt-get install -y openssh-server"),
                         std::runtime_error);
  }
}
