// `rosgen push --all` (issue 10 §4, §6) against fake RouterOS devices behind real sshds:
// one router gets the policy, one already has it, one is unreachable and one is broken
// (RouterOS refuses a statement of the patch, so its job rolls back). Each gets its own
// line; the broken and the unreachable one fail alone; the others end applied and in
// sync; the exit code is 1; the broken one's line has RouterOS's error under it (and its
// JSON a "details" array). With --canary 1 and the broken router first, nobody else is
// touched. --dry-run: a line per router with the changes it would make (and a pending
// push: a router in sync with one is a dry run too), the dry runs counted in the summary,
// exit 2.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>
#include <nlohmann/json.hpp>

#include "cli_run.hpp"
#include "diff/plan.hpp"
#include "fake_router.hpp"
#include "test_util.hpp"
#include "push_util.hpp"

using namespace rosgen;
namespace fs = std::filesystem;

namespace {

std::string cafe() {
  return test::source_dir() + "/examples/cafe.pol";
}

std::string entry(const std::string& name, const test::FakeRouter& router) {
  return "[[router]]\nname = \"" + name + "\"\nhost = \"127.0.0.1\"\nport = " +
         std::to_string(router.port()) + "\nidentity = \"" + router.ed25519_key().string() +
         "\"\nknown-hosts = \"" + router.known_hosts().string() + "\"\n\n";
}

// The inventory's defaults: every router runs cafe.pol (copied beside the inventory).
std::string defaults(const test::FakeRouter& router) {
  return "[defaults]\nuser = \"" + router.user() +
         "\"\npolicy = \"cafe.pol\"\nrouteros = \"7.16\"\nconnect-timeout = 5\ntimeout = 20\n\n";
}

// A fresh fleet directory under `router`'s root with cafe.pol in it.
fs::path fleet_dir(const test::FakeRouter& router) {
  fs::path dir = router.root() / "fleet";
  fs::create_directories(dir);
  fs::copy_file(cafe(), dir / "cafe.pol");
  return dir;
}

ir::Ruleset compiled_cafe() {
  support::DiagnosticEngine diags;
  cli::PipelineResult compiled = cli::run_pipeline({cafe()}, diags);
  REQUIRE(compiled.ruleset);
  return *compiled.ruleset;
}

}  // namespace

TEST_CASE("push --all: an unreachable and a broken router fail alone; the others are applied") {
  test::FakeRouter fresh, synced, broken;
  for (const test::FakeRouter* r : {&fresh, &synced, &broken})
    r->load(test::source_dir() + "/tests/import/defconf-v7.rsc");
  ir::Ruleset cafe_rules = compiled_cafe();
  fs::path dir = fleet_dir(fresh);
  std::string down = "[[router]]\nname = \"down\"\nhost = \"127.0.0.1\"\nport = " +
                     std::to_string(test::free_port()) + "\nidentity = \"" +
                     fresh.ed25519_key().string() + "\"\n\n";
  // "synced" already runs the policy (pushed once); "broken" refuses one of its statements.
  std::ofstream(dir / "one.toml") << defaults(fresh) << entry("synced", synced);
  REQUIRE(test::run_cli({"push", "--all", "--inventory", (dir / "one.toml").string(),
                         "--confirm-timeout", "10"})
              .code == 0);
  broken.control("reject=add .*mail-per-host\n");
  std::string broken_before = broken.configuration();

  std::ofstream(dir / "rosgen.toml") << defaults(fresh) << entry("broken", broken)
                                     << entry("fresh", fresh) << down << entry("synced", synced);
  test::CliRun r = test::run_cli({"push", "--all", "--inventory", (dir / "rosgen.toml").string(),
                                  "--parallel", "4", "--confirm-timeout", "10", "--json"});
  INFO(r.err);
  CHECK(r.code == 1);
  nlohmann::json doc = nlohmann::json::parse(r.out);
  std::map<std::string, std::string> status;
  for (const auto& router : doc["routers"]) status[router["name"]] = router["status"];
  CHECK(status["fresh"] == "applied");
  CHECK(status["synced"] == "in_sync");
  CHECK(status["down"] == "unreachable");
  CHECK(status["broken"] == "rolled_back");
  // Why it rolled back: RouterOS's error against the patch line, in the JSON and under its
  // line (the lines go to stderr with --json).
  nlohmann::json broken_doc;
  for (const auto& router : doc["routers"]) {
    if (router["name"] == "broken")
      broken_doc = router;
    else
      CHECK(router["details"] == nlohmann::json::array());
  }
  REQUIRE(broken_doc["details"].size() == 1);
  std::string detail = broken_doc["details"][0];
  CHECK(detail.starts_with("patch: failure: rejected by fault injection"));
  CHECK(detail.find("\n    patch line ") != std::string::npos);
  CHECK(detail.find("mail-per-host") != std::string::npos);
  std::size_t line = r.err.find("\nbroken  rolled back: ");
  REQUIRE(line != std::string::npos);
  std::size_t next = r.err.find('\n', line + 1);
  CHECK(r.err.substr(next + 1).starts_with("    patch: failure: rejected by fault injection"));
  CHECK(r.err.find("\n        patch line ", next) != std::string::npos);
  CHECK(diff::make_plan(cafe_rules, fresh.state(), 7).in_sync());
  CHECK(diff::make_plan(cafe_rules, synced.state(), 7).in_sync());
  CHECK(broken.configuration() == broken_before);  // the job put it back
  CHECK(broken.scheduler().empty());

  // --canary 1 with the broken router first: the run stops there.
  test::FakeRouter untouched;
  untouched.load(test::source_dir() + "/tests/import/defconf-v7.rsc");
  std::string untouched_before = untouched.configuration();
  std::ofstream(dir / "canary.toml")
      << defaults(fresh) << entry("broken", broken) << entry("untouched", untouched);
  test::CliRun c = test::run_cli({"push", "--all", "--inventory", (dir / "canary.toml").string(),
                                  "--canary", "1", "--confirm-timeout", "10"});
  CHECK(c.code == 1);
  CHECK(c.out.find("skipped") != std::string::npos);
  CHECK(untouched.configuration() == untouched_before);
  CHECK(untouched.commands() == 0);
}

TEST_CASE("push --all --dry-run: a line shows the counts (and a pending push), the summary the "
          "dry runs; exit 2") {
  test::FakeRouter fresh, synced;
  for (const test::FakeRouter* r : {&fresh, &synced})
    r->load(test::source_dir() + "/tests/import/defconf-v7.rsc");
  fs::path dir = fleet_dir(fresh);
  std::ofstream(dir / "one.toml") << defaults(fresh) << entry("synced", synced);
  REQUIRE(test::run_cli({"push", "--all", "--inventory", (dir / "one.toml").string(),
                         "--confirm-timeout", "10"})
              .code == 0);
  // An earlier push to "synced" still waits for its confirmation (its entry is armed).
  synced.run_local(
      "/system scheduler add name=rosgen-push-cafe interval=10m comment=\"rosgen-push cafe "
      "00000000: applied\" on-event=\":log info rollback\"");
  std::string fresh_before = fresh.configuration();
  std::string inventory = (dir / "rosgen.toml").string();
  std::ofstream(inventory) << defaults(fresh) << entry("fresh", fresh) << entry("synced", synced);

  test::CliRun r = test::run_cli({"push", "--all", "--inventory", inventory, "--dry-run"});
  INFO(r.out);
  INFO(r.err);
  CHECK(r.code == 2);
  std::vector<std::string> line = test::lines_starting(r.out, "fresh ");
  REQUIRE(line.size() == 1);
  CHECK(line[0].starts_with("fresh   dry run: add "));
  CHECK(line[0].find("nothing was sent") == std::string::npos);
  line = test::lines_starting(r.out, "synced ");
  REQUIRE(line.size() == 1);
  // In sync, but the pending push's entry will restore the old rules: not "in sync".
  CHECK(line[0].starts_with("synced  dry run: nothing to change now. A push of this policy is "
                            "pending on this router"));
  CHECK(r.out.ends_with("push --all: 2 routers (2 in " + inventory +
                        "): 2 dry run\ndry run: fresh synced\n"));
  CHECK(fresh.configuration() == fresh_before);

  test::CliRun j =
      test::run_cli({"push", "--all", "--inventory", inventory, "--dry-run", "--json"});
  CHECK(j.code == 2);
  nlohmann::json doc = nlohmann::json::parse(j.out);
  CHECK(doc["routers"][0]["status"] == "dry_run");
  CHECK(doc["routers"][0]["message"] == "");
  CHECK(doc["routers"][0]["changes"]["add"].get<int>() > 100);
  CHECK(doc["routers"][1]["status"] == "dry_run");
  CHECK(doc["routers"][1]["changes"]["add"] == 0);
  CHECK(doc["summary"]["dry_run"] == 2);
  CHECK(doc["summary"]["in_sync"] == 0);
  CHECK(doc["exit_code"] == 2);
  CHECK(fresh.configuration() == fresh_before);
}

TEST_CASE("push --all: SIGINT stops the push that runs and skips the routers not started; "
          "exit 130") {
  test::FakeRouter slow, second, third;
  for (const test::FakeRouter* r : {&slow, &second, &third})
    r->load(test::source_dir() + "/tests/import/defconf-v7.rsc");
  std::string slow_before = test::push_util::owned_text(slow.state(), "cafe");
  std::string second_before = second.configuration();
  std::string third_before = third.configuration();
  // The first router's apply takes seconds; the signal comes while rosgen waits for it.
  slow.control("statement-delay-ms=10\n");
  fs::path dir = fleet_dir(slow);
  std::string inventory = (dir / "rosgen.toml").string();
  std::ofstream(inventory) << defaults(slow) << entry("slow", slow) << entry("second", second)
                           << entry("third", third);
  fs::path out = dir / "out.txt";
  // In a child process: the signal reaches rosgen's handler (installed before the inventory
  // is read), not this test runner.
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::thread([] {
      std::this_thread::sleep_for(std::chrono::milliseconds(2500));
      ::kill(::getpid(), SIGINT);
    }).detach();
    test::CliRun r = test::run_cli({"push", "--all", "--inventory", inventory, "--parallel", "1",
                                    "--confirm-timeout", "10"});
    std::ofstream(out) << r.out << r.err;
    ::_exit(r.code);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  std::ifstream stream(out);
  std::string text((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
  INFO(text);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK(test::lines_starting(text, "slow    interrupted: ").size() == 1);
  // Whichever check point saw the signal, the line says what to run for that router.
  bool armed = text.find("slow    interrupted: stopped after the apply started") != std::string::npos;
  if (armed)
    CHECK(text.find("run `rosgen push " + (dir / "cafe.pol").string()) != std::string::npos);
  CHECK(test::lines_starting(text, "second  skipped: not run: interrupted").size() == 1);
  CHECK(test::lines_starting(text, "third   skipped: not run: interrupted").size() == 1);
  CHECK(text.find("): 1 interrupted, 2 skipped\ninterrupted: slow\n"
                  "stopped by an interrupt: 2 routers not run\n") != std::string::npos);
  // The routers not started were not contacted; the interrupted apply was not confirmed, so
  // its entry restores the old rules.
  CHECK(second.commands() == 0);
  CHECK(third.commands() == 0);
  CHECK(second.configuration() == second_before);
  CHECK(third.configuration() == third_before);
  slow.control("");
  // (The fired entry stays, disabled: compare the policy's items.)
  CHECK(test::push_util::eventually(
      [&] { return test::push_util::owned_text(slow.state(), "cafe") == slow_before; },
      std::chrono::seconds(60)));
}
