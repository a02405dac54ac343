// `rosgen push` (issue 10 §3, §6) against the fake RouterOS device behind a real sshd
// (fake_router.hpp): a push to an empty router and to one with the default firewall, a
// second push that sends nothing, an edit that sends a small patch and leaves the
// operator's rules where they were, --dry-run, a pending push, device-mode, a failing
// apply (rolled back by the job), a lockout (rolled back by the scheduler entry), and the
// link dropped at every exec command of a push (the router ends in the old state or the
// new one, never between).
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>
#include <regex>
#include <thread>

#include "cli/app.hpp"
#include "cli_run.hpp"
#include "diff/plan.hpp"
#include "fake_router.hpp"
#include "push_util.hpp"
#include "push/commands.hpp"
#include "push/push.hpp"
#include "routeros/script_reader.hpp"
#include "test_util.hpp"

using namespace rosgen;
using namespace rosgen::test::push_util;
namespace fs = std::filesystem;

namespace {

// `rosgen push examples/cafe.pol` (arguments after "rosgen") to `router` with its key and
// `known_hosts` (default: its own).
std::vector<std::string> push_args(const test::FakeRouter& router, fs::path known_hosts = {}) {
  if (known_hosts.empty())
    known_hosts = router.known_hosts();
  return {"push", source("examples/cafe.pol"), "--host", router.host(), "-p",
          std::to_string(router.port()), "-l", router.user(), "-i", router.ed25519_key().string(),
          "--known-hosts", known_hosts.string()};
}

}  // namespace

TEST_CASE("push: an empty router gets the policy, verified, disarmed; a second push sends "
          "nothing") {
  test::FakeRouter router;
  load_defconf(router);
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  push::Request request = request_for(router, cafe);
  push::Result result = push::run(request);
  INFO(result.message);
  CHECK(result.status == push::Status::Applied);
  CHECK(in_sync(router, cafe));
  CHECK(router.scheduler().empty());  // disarmed
  CHECK(router.late_events().empty());  // the rollback never came due during the apply
  for (const auto& entry : fs::directory_iterator(router.files_dir() / "flash"))
    CHECK_MESSAGE(false, "left on the router: " << entry.path());
  CHECK(result.round_trips <= 16);

  std::uint64_t before = router.commands();
  push::Result again = push::run(request);
  CHECK(again.status == push::Status::InSync);
  CHECK(router.commands() == before + 1);  // one read, nothing else
  CHECK(again.round_trips == 1);
}

TEST_CASE("push: an edit sends a small patch; the operator's rules stay where they were") {
  test::FakeRouter router;
  load_defconf(router);
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  REQUIRE(push::run(request_for(router, cafe)).status == push::Status::Applied);
  // The operator adds rules before, between and after rosgen's.
  router.run_local(
      "/ip firewall filter add chain=forward action=accept src-address=10.9.9.9 "
      "comment=\"operator: first\" place-before=0");
  router.run_local(
      "/ip firewall filter add chain=forward action=drop dst-port=6667 protocol=tcp "
      "comment=\"operator: last\"");
  std::string operator_before;
  routeros::RouterState first = router.state();
  for (const ir::Item& item : first.items(ir::Menu::Filter)) {
    if (!diff::owner_key(item, "cafe"))
      operator_before += item_text(item) + "\n";
  }
  ir::Ruleset edited = compile(edited_cafe(router.root(), "465, 587", "465, 588"));
  push::Result result = push::run(request_for(router, edited));
  INFO(result.message);
  CHECK(result.status == push::Status::Applied);
  CHECK(result.plan.changes.size() < 10);
  CHECK(in_sync(router, edited));
  std::string operator_after;
  routeros::RouterState second = router.state();
  for (const ir::Item& item : second.items(ir::Menu::Filter)) {
    if (!diff::owner_key(item, "cafe"))
      operator_after += item_text(item) + "\n";
  }
  CHECK(operator_after == operator_before);
}

TEST_CASE("push --dry-run reads and plans, and writes nothing") {
  test::FakeRouter router;
  load_defconf(router);
  std::string export_before = router.export_terse();
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  push::Request request = request_for(router, cafe);
  request.dry_run = true;
  push::Result result = push::run(request);
  CHECK(result.status == push::Status::DryRun);
  CHECK_FALSE(result.plan.in_sync());
  CHECK(body(router.export_terse()) == body(export_before));
  CHECK(router.commands() == 1);
  CHECK(fs::is_empty(router.files_dir() / "flash"));
}

TEST_CASE("push: a failing apply is rolled back by the job at once, then disarmed") {
  test::FakeRouter router;
  load_defconf(router);
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  REQUIRE(push::run(request_for(router, cafe)).status == push::Status::Applied);
  routeros::RouterState before = router.state();
  // RouterOS refuses a statement in the middle of the patch (a run-time failure).
  ir::Ruleset edited = compile(edited_cafe(router.root(), "465, 587", "465, 588"));
  router.control("reject=mail-per-host.*588\n");
  push::Result result = push::run(request_for(router, edited));
  INFO(result.message);
  CHECK(result.status == push::Status::RolledBack);
  CHECK(owned_text(router.state(), "cafe") == owned_text(before, "cafe"));
  CHECK(router.state() == before);
  CHECK(router.scheduler().empty());
}

TEST_CASE("push: locked out after the apply, the scheduler entry restores the old rules and "
          "access returns") {
  test::FakeRouter router;
  load_defconf(router);
  routeros::RouterState before = router.state();
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  router.control("lockout-after-import=yes\n");
  push::Request request = request_for(router, cafe);
  push::Result result = push::run(request);
  INFO(result.message);
  // rosgen cannot log in to verify: it reports that the entry will restore the rules
  // (Failed), or, still polling on its first connection when the entry fires, sees the
  // rollback happen and confirms it (RolledBack). Never Applied.
  CHECK((result.status == push::Status::Failed || result.status == push::Status::RolledBack));
  if (result.status == push::Status::Failed)
    CHECK(result.message.find("rosgen-push-cafe") != std::string::npos);
  // The entry fires confirm_timeout after the apply's end; the fake ends the lockout then.
  CHECK(eventually(
      [&] {
        return router.ssh("/system identity print").status == 0 &&
               owned_text(router.state(), "cafe") == owned_text(before, "cafe");
      },
      std::chrono::seconds(20)));
  CHECK(router.late_events().empty());
  // The fired entry is left disabled; the next push removes it and goes on.
  router.control("");
  push::Result next = push::run(request_for(router, cafe));
  INFO(next.message);
  CHECK(next.status == push::Status::Applied);
  CHECK(router.scheduler().empty());
}

TEST_CASE("push: refused while another push is pending, unless --force, which removes only "
          "this policy's pending push") {
  test::FakeRouter router;
  load_defconf(router);
  // Pending pushes of this policy and of another, each with its files.
  for (const char* policy : {"cafe", "other"}) {
    router.run_local(std::string("/system scheduler add name=rosgen-push-") + policy +
                     " interval=1h comment=\"rosgen-push " + policy +
                     " 0badc0de: applied\" on-event=\":log info x\"");
    for (const char* kind : {"patch", "rollback"}) {
      std::ofstream(router.files_dir() / "flash" /
                    (std::string("rosgen-0badc0de-push-") + policy + "-" + kind + ".rsc"))
          << "# " << kind << "\n";
    }
  }
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  std::string export_before = router.export_terse();
  push::Result refused = push::run(request_for(router, cafe));
  CHECK(refused.status == push::Status::Refused);
  CHECK(refused.message.find("--force") != std::string::npos);
  CHECK(refused.changed == false);
  CHECK(body(router.export_terse()) == body(export_before));
  push::Request forced = request_for(router, cafe);
  forced.force = true;
  push::Result result = push::run(forced);
  INFO(result.message);
  CHECK(result.status == push::Status::Applied);
  CHECK(result.changed == true);
  // It says what --force removed, and that the other policy's push is still pending.
  CHECK(result.message.find("--force removed this policy's pending push (its entry "
                            "'rosgen-push-cafe' and its files)") != std::string::npos);
  CHECK(result.message.find("A rosgen push of another policy is pending") != std::string::npos);
  CHECK(result.pending);
  // The other policy's push keeps its entry and its rollback.
  std::vector<fake::Record> entries = router.scheduler();
  REQUIRE(entries.size() == 1);
  CHECK(entries[0]["name"] == "rosgen-push-other");
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(router.files_dir() / "flash"))
    files.push_back(entry.path().filename().string());
  std::sort(files.begin(), files.end());
  CHECK(files == std::vector<std::string>{"rosgen-0badc0de-push-other-patch.rsc",
                                          "rosgen-0badc0de-push-other-rollback.rsc"});

  // In sync with this policy's push pending again: --force removes it and says so; the
  // notice is then about the other policy's push only (and gone without one).
  for (bool other_pending : {true, false}) {
    CAPTURE(other_pending);
    if (!other_pending)
      router.run_local("/system scheduler remove [find where name=rosgen-push-other]");
    router.run_local("/system scheduler add name=rosgen-push-cafe interval=1h comment=\"rosgen-push "
                     "cafe 0badc0de: applied\" on-event=\":log info x\"");
    push::Result again = push::run(forced);
    INFO(again.message);
    CHECK(again.status == push::Status::InSync);
    CHECK(again.message.starts_with("nothing to change; the rules stay as they are. --force "
                                    "removed this policy's pending push (its entry "
                                    "'rosgen-push-cafe' and its files): its rollback will not "
                                    "run."));
    CHECK(again.notice.find("A push of this policy is pending") == std::string::npos);
    CHECK(again.pending == other_pending);  // what is still armed after --force
    bool names_other =
        again.message.find("A rosgen push of another policy is pending") != std::string::npos;
    CHECK(names_other == other_pending);
    CHECK(router.scheduler().size() == (other_pending ? 1u : 0u));
  }
}

TEST_CASE("push: refused, even with --force, while a push of this policy still applies") {
  test::FakeRouter router;
  load_defconf(router);
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  routeros::RouterState before = router.state();
  // 7.13+ writes the error's text after the state: "failed: <text>" is still running too.
  for (const char* state : {"applying", "failed: failure: x"}) {
    CAPTURE(state);
    router.run_local("/system scheduler remove [find]");
    router.run_local(std::string("/system scheduler add name=rosgen-push-cafe interval=15m "
                                 "comment=\"rosgen-push cafe 0badc0de: ") +
                     state + "\" on-event=\":log info x\"");
    for (bool force : {false, true}) {
      push::Request request = request_for(router, cafe);
      request.force = force;
      push::Result result = push::run(request);
      INFO(result.message);
      CHECK(result.status == push::Status::Refused);
      CHECK(result.message.find("still running") != std::string::npos);
      CHECK(router.state() == before);
      CHECK(router.scheduler().size() == 1);  // its entry is left alone
      CHECK(fs::is_empty(router.files_dir() / "flash"));
    }
  }
  // Once its job has ended (applied, waiting for confirmation) --force goes on.
  router.run_local(
      "/system scheduler set [find] comment=\"rosgen-push cafe 0badc0de: applied\"");
  push::Request forced = request_for(router, cafe);
  forced.force = true;
  CHECK(push::run(forced).status == push::Status::Applied);
  CHECK(router.scheduler().empty());
}

TEST_CASE("push: a router that refuses scheduler entries (device-mode) is refused with the "
          "fix, and nothing changes") {
  test::FakeRouter router;
  load_defconf(router);
  router.control("device-mode-scheduler=no\n");
  std::string export_before = router.export_terse();
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  push::Result result = push::run(request_for(router, cafe));
  CHECK(result.status == push::Status::Refused);
  CHECK(result.message.find("device-mode/update scheduler=yes") != std::string::npos);
  CHECK(body(router.export_terse()) == body(export_before));
  CHECK(fs::is_empty(router.files_dir() / "flash"));
}

TEST_CASE("push: the link dropped at each exec command ends in the old state or the new one") {
  // One router: before each case the old policy is pushed back (undisturbed), then the
  // edit is pushed with the link dropped before (or right after) its n-th exec command.
  test::FakeRouter router;
  load_defconf(router);
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  ir::Ruleset edited =
      compile(edited_cafe(router.root(), "nocase \"CONNECT \"", "nocase \"CONNEKT \""));
  auto request = [&](const ir::Ruleset& desired) {
    push::Request r = request_for(router, desired);
    r.confirm_timeout = std::chrono::seconds(5);
    return r;
  };
  REQUIRE(push::run(request(cafe)).status == push::Status::Applied);
  std::string old_owned = owned_text(router.state(), "cafe");
  fs::path saved = router.root() / "state-after-first-push.json";
  fs::copy_file(router.device_dir() / "state.json", saved);
  std::uint64_t start = router.commands();
  REQUIRE(push::run(request(edited)).status == push::Status::Applied);
  std::size_t commands = router.commands() - start;
  std::string new_owned = owned_text(router.state(), "cafe");
  REQUIRE(old_owned != new_owned);
  REQUIRE(commands >= 6);
  for (std::string mode : {"drop-before", "drop-after"}) {
    for (std::size_t n = 1; n <= commands; ++n) {
      CAPTURE(mode);
      CAPTURE(n);
      // Back to the state after the first push (the case before has ended: its entry
      // fired or was removed, and no job runs), without the files it left.
      router.control("");
      for (int i = 0; i < 100 && fs::exists(router.device_dir() / "jobs") &&
                      !fs::is_empty(router.device_dir() / "jobs");
           ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));  // a rollback job ends
      fs::copy_file(saved, router.device_dir() / "state.json",
                    fs::copy_options::overwrite_existing);
      for (const auto& file : fs::directory_iterator(router.files_dir() / "flash"))
        fs::remove(file.path());
      fs::remove(router.device_dir() / "late.log");  // each case is judged on its own
      REQUIRE(owned_text(router.state(), "cafe") == old_owned);
       router.control(mode + "=" + std::to_string(router.commands() + n) + "\n");
      push::Result result;
      try {
        result = push::run(request(edited));
      } catch (const std::exception& e) {
        result.status = push::Status::Failed;  // failed before anything changed
        result.message = e.what();
      }
      INFO(result.message);
      // Whatever rosgen reports, once the router's own timer has had its time, the owned
      // items are the old ones or the new ones.
      router.control("");
      std::string owned;
      for (int i = 0; i < 100; ++i) {
        owned = owned_text(router.state(), "cafe");
        bool armed = false;
        for (const auto& entry : router.scheduler()) armed |= entry.at("disabled") != "yes";
        if (!armed && (owned == old_owned || owned == new_owned))
          break;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
      CHECK((owned == old_owned || owned == new_owned));
      if (result.status == push::Status::Applied)
        CHECK(owned == new_owned);
      CHECK(router.late_events().empty());
    }
  }
}

TEST_CASE("rosgen push (CLI): exit codes, JSON, an unknown host key changes nothing, a dry "
          "run beside a pending push") {
  test::FakeRouter router;
  load_defconf(router);
  auto cli_run = [&](std::vector<std::string> extra, bool known = true) {
    std::vector<std::string> args =
        push_args(router, known ? fs::path() : router.root() / "empty_known_hosts");
    args.insert(args.end(), extra.begin(), extra.end());
    test::CliRun r = test::run_cli(args);
    return std::tuple{r.code, r.out, r.err};
  };
  std::string export_before = router.export_terse();
  std::ofstream(router.root() / "empty_known_hosts") << "";
  auto [unknown_code, unknown_out, unknown_err] = cli_run({}, false);
  CHECK(unknown_code == 3);
  CHECK(unknown_out.empty());
  CHECK(unknown_err.find("SHA256:") != std::string::npos);
  CHECK(body(router.export_terse()) == body(export_before));
  // With --json, CI still gets a document, and the same exit code.
  auto [unknown_json_code, unknown_json_out, unknown_json_err] = cli_run({"--json"}, false);
  CHECK(unknown_json_code == 3);
  nlohmann::ordered_json refused = nlohmann::ordered_json::parse(unknown_json_out);
  std::vector<std::string> keys;
  for (const auto& [key, value] : refused.items()) keys.push_back(key);
  CHECK(keys ==
        std::vector<std::string>{"schema", "router", "policy", "status", "message", "changed"});
  CHECK(refused["schema"] == "rosgen-push/1");
  CHECK(refused["router"] == "127.0.0.1:" + std::to_string(router.port()));
  CHECK(refused["policy"] == "cafe");
  CHECK(refused["status"] == "failed");
  CHECK(refused["message"].get<std::string>().find("unknown host key") != std::string::npos);
  CHECK(refused["changed"] == false);
  CHECK(unknown_json_err.find("rosgen: error: ssh 127.0.0.1:") != std::string::npos);
  CHECK(body(router.export_terse()) == body(export_before));

  auto [dry_code, dry_out, dry_err] = cli_run({"--dry-run"});
  CHECK(dry_code == 2);
  CHECK(dry_out.find(": dry run: nothing was sent.") != std::string::npos);
  CHECK(body(router.export_terse()) == body(export_before));
  auto [dry_json_code, dry_json_out, dry_json_err] = cli_run({"--dry-run", "--json"});
  CHECK(dry_json_code == 2);
  CHECK(nlohmann::json::parse(dry_json_out)["status"] == "dry_run");

  auto [code, out, err] = cli_run({"--json"});
  INFO(err);
  CHECK(code == 0);
  nlohmann::json doc = nlohmann::json::parse(out);
  CHECK(doc["schema"] == "rosgen-push/1");
  CHECK(doc["status"] == "applied");
  CHECK(doc["policy"] == "cafe");
  CHECK(doc["changes"]["add"].get<int>() > 100);
  CHECK(doc["round_trips"].get<int>() <= 16);

  auto [again_code, again_out, again_err] = cli_run({"--json"});
  CHECK(again_code == 0);
  CHECK(nlohmann::json::parse(again_out)["status"] == "in_sync");
  CHECK(nlohmann::json::parse(again_out)["round_trips"] == 1);

  // In sync while a push is pending: another policy's does not touch these rules (exit 0,
  // with a notice); this policy's entry will restore the old rules, so the router will
  // change: a dry run, exit 2, as `rosgen diff --host` says.
  router.run_local("/system scheduler add name=rosgen-push-other interval=10m comment=\"rosgen-push "
                   "other 00000000: applied\" on-event=\":log info rollback\"");
  auto [other_code, other_out, other_err] = cli_run({"--dry-run"});
  CHECK(other_code == 0);
  CHECK(other_out.find(": in sync: nothing to change; nothing was sent. A rosgen push of another "
                       "policy is pending") != std::string::npos);
  // The push itself agrees with its dry run: nothing to send disturbs nobody's rollback.
  auto [other_push_code, other_push_out, other_push_err] = cli_run({"--json"});
  CHECK(other_push_code == 0);
  nlohmann::json other_push = nlohmann::json::parse(other_push_out);
  CHECK(other_push["status"] == "in_sync");
  CHECK(other_push["pending"] == true);
  CHECK(other_push["round_trips"] == 1);
  router.run_local("/system scheduler add name=rosgen-push-cafe interval=10m comment=\"rosgen-push "
                   "cafe 00000000: applied\" on-event=\":log info rollback\"");
  auto [own_code, own_out, own_err] = cli_run({"--dry-run", "--json"});
  CHECK(own_code == 2);
  nlohmann::json own = nlohmann::json::parse(own_out);
  CHECK(own["status"] == "dry_run");
  CHECK(own["pending"] == true);
  CHECK(own["message"].get<std::string>().find("A push of this policy is pending") !=
        std::string::npos);
  CHECK(own["changes"]["add"] == 0);
}

TEST_CASE("rosgen push (CLI) --json: an unreachable router still gets a document (exit 3)") {
  std::string port = std::to_string(test::free_port());  // nobody answers there
  test::CliRun r = test::run_cli({"push", source("examples/cafe.pol"), "--host", "127.0.0.1", "-p",
                                  port, "--connect-timeout", "5", "--json"});
  CHECK(r.code == 3);
  nlohmann::json doc = nlohmann::json::parse(r.out);
  CHECK(doc["schema"] == "rosgen-push/1");
  CHECK(doc["router"] == "127.0.0.1:" + port);
  CHECK(doc["status"] == "unreachable");
  CHECK(doc["changed"] == false);
  CHECK(r.err.find("rosgen: error: " + doc["message"].get<std::string>() + "\n") !=
        std::string::npos);
}

TEST_CASE("rosgen push / diff --host (CLI) --json: a policy with errors (exit 1) or that cannot "
          "be read (exit 3) still gets a document, and the router is not contacted") {
  fs::path dir = fs::temp_directory_path() / ("rosgen-broken-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path broken = dir / "broken.pol";
  std::ofstream(broken) << "policy broken\nlimit nonsense\n";
  std::string port = std::to_string(test::free_port());  // nobody answers there
  for (const char* command : {"push", "diff"}) {
    CAPTURE(command);
    test::CliRun r = test::run_cli({command, broken.string(), "--host", "127.0.0.1", "-p", port,
                                    "--connect-timeout", "5", "--json"});
    CHECK(r.code == 1);
    nlohmann::json doc = nlohmann::json::parse(r.out);
    CHECK(doc["schema"] == std::string("rosgen-") + command + "/1");
    CHECK(doc["status"] == "failed");
    CHECK(doc["policy"] == broken.string());
    CHECK(doc["changed"] == false);
    CHECK(doc["message"].get<std::string>().find("the policy has errors") == 0);
    CHECK(r.err.find("broken.pol:2:") != std::string::npos);  // the diagnostics, on stderr
    // A policy that cannot be read at all: exit 3, and still a document.
    fs::path missing = dir / "missing.pol";
    test::CliRun m = test::run_cli({command, missing.string(), "--host", "127.0.0.1", "-p", port,
                                    "--connect-timeout", "5", "--json"});
    CHECK(m.code == 3);
    nlohmann::json gone = nlohmann::json::parse(m.out);
    CHECK(gone["schema"] == std::string("rosgen-") + command + "/1");
    CHECK(gone["status"] == "failed");
    CHECK(gone["policy"] == missing.string());
    CHECK(gone["changed"] == false);
    CHECK(gone["message"].get<std::string>().find("missing.pol") != std::string::npos);
  }
  fs::remove_all(dir);
}

TEST_CASE("rosgen push (CLI): a push shows the first changes of a long plan, --dry-run all") {
  test::FakeRouter router;
  load_defconf(router);
  std::string cafe_path = source("examples/cafe.pol");
  std::size_t changes = diff::make_plan(compile(cafe_path), router.state(), 7).changes.size();
  REQUIRE(changes > 100);
  std::vector<std::string> args = push_args(router);
  auto change_lines = [](const std::string& out) {
    std::size_t n = 0;
    for (const char* head : {"+ ", "~ ", "- ", "\u2195 "})
      n += test::lines_starting(out, head).size();
    return n;
  };
  std::vector<std::string> dry_args = args;
  dry_args.push_back("--dry-run");
  test::CliRun dry = test::run_cli(dry_args);
  CHECK(dry.code == 2);
  CHECK(change_lines(dry.out) == changes);  // all of them, with their properties
  CHECK(dry.out.find("more change") == std::string::npos);

  test::CliRun pushed = test::run_cli(args);
  INFO(pushed.out);
  CHECK(pushed.code == 0);
  CHECK(change_lines(pushed.out) == 20);
  CHECK(pushed.out.find(
            "\n\u2026 and " + std::to_string(changes - 20) + " more changes (rosgen diff " +
            cafe_path + " --host 127.0.0.1 -p " + std::to_string(router.port()) + " -l " +
            router.user() + " -i " + router.ed25519_key().string() + " --known-hosts " +
            router.known_hosts().string() + " shows them all)\nPlan: ") != std::string::npos);
  CHECK(std::count(pushed.out.begin(), pushed.out.end(), '\n') < 30);
  CHECK(pushed.out.find("127.0.0.1:" + std::to_string(router.port()) + ": applied: ") !=
        std::string::npos);
}

TEST_CASE("push: RouterOS 7.16+ refuses the patch in its dry run: shown against the patch "
          "line, nothing changes") {
  test::FakeRouter router;
  load_defconf(router);
  std::string export_before = router.export_terse();
  router.control("reject-syntax=mail-per-host\n");
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  push::Result result = push::run(request_for(router, cafe));
  CHECK(result.status == push::Status::Refused);
  CHECK(result.message.find("dry run") != std::string::npos);
  REQUIRE_FALSE(result.details.empty());
  CHECK(result.details[0].find("expected end of command") != std::string::npos);
  CHECK(result.details[0].find("patch line ") != std::string::npos);
  CHECK(result.details[0].find("mail-per-host") != std::string::npos);
  CHECK(body(router.export_terse()) == body(export_before));
  CHECK(router.scheduler().empty());
  CHECK(fs::is_empty(router.files_dir() / "flash"));
}

TEST_CASE("push: before 7.16 (no dry run) a patch RouterOS cannot parse applies nothing and "
          "the push reports it rolled back") {
  test::FakeRouter router({.version = "7.15.3"});
  load_defconf(router);
  routeros::RouterState before = router.state();
  router.control("reject-syntax=add .*mail-per-host\n");
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  push::Result result = push::run(request_for(router, cafe));
  INFO(result.message);
  CHECK(result.status == push::Status::RolledBack);
  CHECK(router.state() == before);
  CHECK(router.scheduler().empty());
  for (const std::string& command : router.command_log())
    CHECK(command.find("dry-run") == std::string::npos);
}

TEST_CASE("push: an empty router (no default configuration) gets the policy") {
  test::FakeRouter router;
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  push::Result result = push::run(request_for(router, cafe));
  INFO(result.message);
  CHECK(result.status == push::Status::Applied);
  CHECK(in_sync(router, cafe));
  CHECK(router.scheduler().empty());
}

TEST_CASE("push: when the confirm timeout passes before rosgen confirms, the rollback wins and "
          "rosgen says so") {
  test::FakeRouter router;
  load_defconf(router);
  routeros::RouterState before = router.state();
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  router.control("delay-ms=1500\n");  // every command answers 1.5 s late
  push::Request request = request_for(router, cafe);
  request.confirm_timeout = std::chrono::seconds(1);
  push::Result result = push::run(request);
  INFO(result.message);
  CHECK(result.status == push::Status::RolledBack);
  CHECK(result.message.find("confirm timeout") != std::string::npos);
  CHECK(router.state() == before);
  CHECK(router.scheduler().empty());
  CHECK(fs::is_empty(router.files_dir() / "flash"));
}

TEST_CASE("push: a re-run while an earlier push of the same policy waits for confirmation is "
          "refused, not 'in sync'; --force confirms it") {
  test::FakeRouter router;
  load_defconf(router);
  ir::Ruleset cafe = compile(source("examples/cafe.pol"));
  // The earlier push applied, then rosgen lost the router before confirming: its entry is
  // still armed (made here by hand after a push, with a long timer).
  REQUIRE(push::run(request_for(router, cafe)).status == push::Status::Applied);
  router.run_local(
      "/system scheduler add name=rosgen-push-cafe interval=10m comment=\"rosgen-push cafe "
      "00000000: applied\" on-event=\":log info rollback\"");
  REQUIRE(in_sync(router, cafe));
  push::Result again = push::run(request_for(router, cafe));
  CHECK(again.status == push::Status::Refused);
  CHECK(again.message.find("restores the rules it replaced") != std::string::npos);
  push::Request forced = request_for(router, cafe);
  forced.force = true;
  push::Result confirmed = push::run(forced);
  CHECK(confirmed.status == push::Status::InSync);
  CHECK(router.scheduler().empty());
  CHECK(in_sync(router, cafe));
}

TEST_CASE("rosgen push (CLI): Ctrl-C while the router is read ends the push at once (exit 130, "
          "nothing changed)") {
  test::FakeRouter router;
  load_defconf(router);
  std::string before = router.configuration();
  router.control("delay-ms=8000\n");  // every command answers after 8 s
  fs::path err = router.root() / "stderr.txt";
  // In a child process: the signal reaches rosgen's handler, not this test runner. (A
  // second signal: signals_test.cpp.)
  auto run_child = [&] {
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fd, STDERR_FILENO);  // where the handler writes, and rosgen's messages
      std::thread([] {
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // the read waits 8 s
        ::kill(::getpid(), SIGINT);
      }).detach();
      // A step timeout shorter than the read's 8 s: without the interrupt cutting the read
      // short, the push would end in a timeout (exit 3).
      std::vector<std::string> args = push_args(router);
      args.insert(args.end(), {"--timeout", "5"});
      test::CliRun r = test::run_cli(args);
      std::fputs(r.err.c_str(), stderr);
      std::fflush(stderr);
      ::_exit(r.code);
    }
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    std::ifstream stream(err);
    return std::pair{status, std::string((std::istreambuf_iterator<char>(stream)),
                                         std::istreambuf_iterator<char>())};
  };
  auto [once, once_err] = run_child();
  INFO(once_err);
  REQUIRE(WIFEXITED(once));
  CHECK(WEXITSTATUS(once) == 130);
  CHECK(once_err.find(": interrupted: stopped before the rollback was armed: nothing was "
                      "changed.") != std::string::npos);
  router.control("");
  CHECK(router.configuration() == before);
}
