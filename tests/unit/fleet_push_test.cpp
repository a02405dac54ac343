// `rosgen push --all` (issue 10 §4, §6) against fake RouterOS devices behind real sshds:
// one router gets the policy, one already has it, one is unreachable and one is broken
// (RouterOS refuses a statement of the patch, so its job rolls back). Each gets its own
// line; the broken and the unreachable one fail alone; the others end applied and in
// sync; the exit code is 1. With --canary 1 and the broken router first, nobody else is
// touched.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_run.hpp"
#include "diff/plan.hpp"
#include "fake_router.hpp"
#include "test_util.hpp"

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
  fs::path dir = fresh.root() / "fleet";
  fs::create_directories(dir);
  fs::copy_file(cafe(), dir / "cafe.pol");
  std::string defaults = "[defaults]\nuser = \"" + fresh.user() +
                         "\"\npolicy = \"cafe.pol\"\nrouteros = \"7.16\"\nconnect-timeout = 5\n"
                         "timeout = 20\n\n";
  std::string down = "[[router]]\nname = \"down\"\nhost = \"127.0.0.1\"\nport = " +
                     std::to_string(test::free_port()) + "\nidentity = \"" +
                     fresh.ed25519_key().string() + "\"\n\n";
  // "synced" already runs the policy (pushed once); "broken" refuses one of its statements.
  std::ofstream(dir / "one.toml") << defaults << entry("synced", synced);
  REQUIRE(test::run_cli({"push", "--all", "--inventory", (dir / "one.toml").string(),
                         "--confirm-timeout", "10"})
              .code == 0);
  broken.control("reject=add .*mail-per-host\n");
  std::string broken_before = broken.configuration();

  std::ofstream(dir / "rosgen.toml") << defaults << entry("broken", broken) << entry("fresh", fresh)
                                     << down << entry("synced", synced);
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
  CHECK(diff::make_plan(cafe_rules, fresh.state(), 7).in_sync());
  CHECK(diff::make_plan(cafe_rules, synced.state(), 7).in_sync());
  CHECK(broken.configuration() == broken_before);  // the job put it back
  CHECK(broken.scheduler().empty());

  // --canary 1 with the broken router first: the run stops there.
  test::FakeRouter untouched;
  untouched.load(test::source_dir() + "/tests/import/defconf-v7.rsc");
  std::string untouched_before = untouched.configuration();
  std::ofstream(dir / "canary.toml") << defaults << entry("broken", broken)
                                     << entry("untouched", untouched);
  test::CliRun c = test::run_cli({"push", "--all", "--inventory", (dir / "canary.toml").string(),
                                  "--canary", "1", "--confirm-timeout", "10"});
  CHECK(c.code == 1);
  CHECK(c.out.find("skipped") != std::string::npos);
  CHECK(untouched.configuration() == untouched_before);
  CHECK(untouched.commands() == 0);
}
