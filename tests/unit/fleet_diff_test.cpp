// `rosgen diff --all` (issue 10 §4) through the CLI entry point, against fake RouterOS
// devices behind real sshds (fake_router.hpp): one router in sync, one that differs, one
// whose host key is unknown and one nobody answers for. Each gets its own line, the
// summary and the exit code say what happened, a failure stops nobody else, and --canary,
// --shard and --json behave as documented. Also the usage and inventory errors.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli/app.hpp"
#include "cli_run.hpp"
#include "fake_router.hpp"
#include "test_util.hpp"

using namespace rosgen;
namespace fs = std::filesystem;

namespace {

using test::CliRun;
using test::run_cli;

std::string cafe() {
  return test::source_dir() + "/examples/cafe.pol";
}

void load_cafe(const test::FakeRouter& router) {
  support::DiagnosticEngine diags;
  cli::PipelineResult compiled = cli::run_pipeline({cafe()}, diags);
  REQUIRE(compiled.script);
  fs::path path = router.root() / "cafe.rsc";
  std::ofstream(path, std::ios::binary) << *compiled.script;
  router.load(path);
}

// A [[router]] table reaching `router` with its key; `known_hosts` defaults to its own.
std::string router_entry(const std::string& name, const test::FakeRouter& router,
                         const fs::path& known_hosts = {}) {
  return "[[router]]\nname = \"" + name +
         "\"\nhost = \"127.0.0.1\"\nport = " + std::to_string(router.port()) + "\nidentity = \"" +
         router.ed25519_key().string() + "\"\nknown-hosts = \"" +
         (known_hosts.empty() ? router.known_hosts() : known_hosts).string() + "\"\n\n";
}

// Four routers and inventories over them, in a temporary directory.
struct Fleet {
  test::FakeRouter synced, fresh, stranger;
  int down_port = test::free_port();  // nothing listens there
  fs::path dir = synced.root() / "fleet";

  Fleet() {
    load_cafe(synced);
    fs::create_directories(dir);
    fs::copy_file(cafe(), dir / "cafe.pol");  // the policy beside the inventory
  }

  std::string defaults() const {
    return "[defaults]\nuser = \"" + synced.user() +
           "\"\npolicy = \"cafe.pol\"\nrouteros = \"7.16\"\nconnect-timeout = 5\ntimeout = "
           "20\n\n";
  }

  std::string down_entry() const {
    return "[[router]]\nname = \"cafe-down\"\nhost = \"127.0.0.1\"\nport = " +
           std::to_string(down_port) + "\nidentity = \"" + synced.ed25519_key().string() + "\"\n\n";
  }

  // The four routers in the order given by `names` (cafe-sync, cafe-new, cafe-stranger,
  // cafe-down), written to `file` in the fleet directory; returns its path.
  std::string inventory(const std::vector<std::string>& names,
                        const std::string& file = "rosgen.toml") const {
    std::string text = defaults();
    for (const std::string& name : names) {
      if (name == "cafe-sync")
        text += router_entry(name, synced);
      else if (name == "cafe-new")
        text += router_entry(name, fresh);
      else if (name == "cafe-stranger")  // its key is in no file it is checked against
        text += router_entry(name, stranger, synced.known_hosts());
      else
        text += down_entry();
    }
    std::ofstream(dir / file) << text;
    return (dir / file).string();
  }

  std::uint64_t commands() const {
    return synced.commands() + fresh.commands() + stranger.commands();
  }
};

const std::vector<std::string> kAll = {"cafe-sync", "cafe-new", "cafe-stranger", "cafe-down"};

using test::lines_starting;

}  // namespace

TEST_SUITE("fleet diff") {
  TEST_CASE("diff --all: in sync, differs, unknown host key, unreachable; each alone") {
    Fleet fleet;
    std::string inventory = fleet.inventory(kAll);
    std::string before_synced = fleet.synced.configuration();
    std::string before_fresh = fleet.fresh.configuration();
    CliRun r = run_cli({"diff", "--all", "--inventory", inventory, "--parallel", "4"});
    CHECK(r.code == 1);
    INFO(r.out);
    INFO(r.err);
    // A line per router (in the order they finished), then the summary in inventory order.
    CHECK(lines_starting(r.out, "cafe-sync ") ==
          std::vector<std::string>{"cafe-sync      in sync"});
    std::vector<std::string> fresh = lines_starting(r.out, "cafe-new ");
    REQUIRE(fresh.size() == 1);
    CHECK(fresh[0].starts_with("cafe-new       differs: add "));
    std::vector<std::string> stranger = lines_starting(r.out, "cafe-stranger ");
    REQUIRE(stranger.size() == 1);
    CHECK(stranger[0].starts_with(
        "cafe-stranger  failed: ssh 127.0.0.1:" + std::to_string(fleet.stranger.port()) +
        ": unknown host key: the server's "));
    // --all refuses --accept-new-host-key: the line names the command that records the key.
    std::string record = "rosgen diff " + (fleet.dir / "cafe.pol").string() +
                         " --target 7 --host 127.0.0.1 -p " +
                         std::to_string(fleet.stranger.port()) + " -l " + fleet.synced.user() +
                         " -i " + fleet.stranger.ed25519_key().string() + " --known-hosts " +
                         fleet.synced.known_hosts().string() + " --accept-new-host-key";
    CHECK(stranger[0].ends_with(
        "compare that fingerprint with the router's own (on its console), then record it once "
        "with: " +
        record));
    std::vector<std::string> down = lines_starting(r.out, "cafe-down ");
    REQUIRE(down.size() == 1);
    CHECK(down[0].starts_with("cafe-down      unreachable: ssh 127.0.0.1:" +
                              std::to_string(fleet.down_port) + ": cannot connect ("));
    std::string summary = r.out.substr(r.out.find("\ndiff --all: ") + 1);
    CHECK(summary == "diff --all: 4 routers (4 in " + inventory +
                         "): 1 in sync, 1 differs, 1 failed, 1 unreachable\n"
                         "differs: cafe-new\nfailed: cafe-stranger\nunreachable: cafe-down\n");
    // The policy was compiled once for the four routers: its one warning, once.
    CHECK(lines_starting(r.err, (fleet.dir / "cafe.pol").string() + ":33:56: warning:").size() ==
          1);
    // Reading changes nothing: one command per reachable router that logged in.
    CHECK(fleet.synced.commands() == 1);
    CHECK(fleet.fresh.commands() == 1);
    CHECK(fleet.stranger.commands() == 0);
    CHECK(fleet.synced.configuration() == before_synced);
    CHECK(fleet.fresh.configuration() == before_fresh);

    // The router in sync and the one that differs say the same as diff --host on each.
    CliRun single =
        run_cli({"diff", (fleet.dir / "cafe.pol").string(), "--host", "127.0.0.1", "-p",
                 std::to_string(fleet.synced.port()), "-i", fleet.synced.ed25519_key().string(),
                 "--known-hosts", fleet.synced.known_hosts().string()});
    CHECK(single.code == 0);

    // The command the stranger's line names records its key (and says so); then it is read.
    std::vector<std::string> words;
    std::istringstream in(record);
    for (std::string word; in >> word;) words.push_back(word);
    REQUIRE(words.front() == "rosgen");
    CliRun recorded = run_cli({words.begin() + 1, words.end()});
    CHECK(recorded.code == 2);  // the stranger has no café rules yet
    std::size_t key_at = stranger[0].find("SHA256:");
    std::string fingerprint = stranger[0].substr(key_at, stranger[0].find(' ', key_at) - key_at);
    CHECK(lines_starting(recorded.err, "rosgen: recorded ") ==
          std::vector<std::string>{"rosgen: recorded the ssh-ed25519 host key " + fingerprint +
                                   " of [127.0.0.1]:" + std::to_string(fleet.stranger.port()) +
                                   " in " + fleet.synced.known_hosts().string()});
    CliRun again = run_cli({"diff", "--all", "--inventory", inventory});
    CHECK(lines_starting(again.out, "cafe-stranger ")[0].starts_with("cafe-stranger  differs: "));
  }

  TEST_CASE("diff --all --json: rosgen-fleet/1 on stdout, the lines on stderr, any --parallel") {
    Fleet fleet;
    std::string inventory = fleet.inventory(kAll);
    CliRun one = run_cli({"diff", "--all", "--inventory", inventory, "--json"});
    CliRun four = run_cli({"diff", "--all", "--inventory", inventory, "--json", "--parallel", "4"});
    CHECK(one.code == 1);
    CHECK(four.code == 1);
    CHECK(one.out == four.out);  // the document does not depend on who finished first
    auto doc = nlohmann::json::parse(one.out);
    CHECK(doc["schema"] == "rosgen-fleet/1");
    CHECK(doc["command"] == "diff");
    std::vector<std::string> statuses;
    for (const auto& router : doc["routers"]) statuses.push_back(router["status"]);
    CHECK(statuses == std::vector<std::string>{"in_sync", "differs", "failed", "unreachable"});
    CHECK(doc["routers"][1]["changes"]["add"].get<int>() > 0);
    CHECK(doc["routers"][0]["policy"] == (fleet.dir / "cafe.pol").string());
    CHECK(doc["summary"]["routers"] == 4);
    CHECK(doc["exit_code"] == 1);
    CHECK(lines_starting(one.err, "cafe-").size() == 4);
  }

  TEST_CASE("diff --all --canary: a failing canary stops the run before the others") {
    Fleet fleet;
    std::string inventory =
        fleet.inventory({"cafe-down", "cafe-sync", "cafe-new", "cafe-stranger"}, "canary.toml");
    CliRun r = run_cli({"diff", "--all", "--inventory", inventory, "--canary", "1"});
    CHECK(r.code == 1);
    CHECK(fleet.commands() == 0);  // nobody else was contacted
    CHECK(lines_starting(r.out, "cafe-sync ") ==
          std::vector<std::string>{"cafe-sync      skipped: not run: canary 'cafe-down' failed"});
    CHECK(r.out.ends_with("stopped after 1 canary: 3 routers not run\n"));

    // Canaries that pass let the rest run.
    std::string good = fleet.inventory({"cafe-sync", "cafe-new"}, "good.toml");
    CliRun ok = run_cli({"diff", "--all", "--inventory", good, "--canary", "1"});
    CHECK(ok.code == 2);  // cafe-new differs
    CHECK(ok.out.find("1 in sync, 1 differs") != std::string::npos);
  }

  TEST_CASE("diff --all --shard: the shards of a run are disjoint and cover the inventory") {
    Fleet fleet;
    std::string inventory = fleet.inventory(kAll);
    std::multiset<std::string> seen;
    for (const char* shard : {"1/3", "2/3", "3/3"}) {
      CliRun r = run_cli({"diff", "--all", "--inventory", inventory, "--shard", shard, "--json",
                          "--parallel", "2"});
      auto doc = nlohmann::json::parse(r.out);
      CHECK(doc["inventory_routers"] == 4);
      for (const auto& router : doc["routers"]) seen.insert(router["name"].get<std::string>());
    }
    CHECK(seen == std::multiset<std::string>(kAll.begin(), kAll.end()));
  }

  TEST_CASE("diff --all: one compile per RouterOS version; a router's warnings under its line") {
    Fleet fleet;
    std::string text = fleet.defaults() + router_entry("cafe-sync", fleet.synced) +
                       router_entry("cafe-six", fleet.synced) + "routeros = \"6.49\"\n" +
                       router_entry("cafe-again", fleet.synced);
    std::ofstream(fleet.dir / "six.toml") << text;
    CliRun r = run_cli({"diff", "--all", "--inventory", (fleet.dir / "six.toml").string()});
    INFO(r.out);
    CHECK(r.code == 2);
    // cafe.pol compiled twice (for 7.16 and for 6.49), not three times.
    CHECK(lines_starting(r.err, (fleet.dir / "cafe.pol").string() + ":33:56: warning:").size() ==
          2);
    CHECK(lines_starting(r.out, "cafe-again ") == std::vector<std::string>{"cafe-again  in sync"});
    std::vector<std::string> six = lines_starting(r.out, "cafe-six ");
    REQUIRE(six.size() == 1);
    CHECK(six[0].starts_with("cafe-six    differs: "));
    std::string port = std::to_string(fleet.synced.port());
    CHECK(r.out.find("cafe-six    differs: ") <
          r.out.find("    warning: '127.0.0.1:" + port +
                     " (export)' comes from RouterOS 7.16.2 but the policy is compiled for "
                     "RouterOS 6 (set 'routeros' for this router in the inventory)\n"));
    CHECK(r.out.find("    warning: '127.0.0.1:" + port + " (export)' comes from") !=
          std::string::npos);
  }

  TEST_CASE("diff --all: a router where another push is pending differs, with the reason") {
    Fleet fleet;
    // An earlier push to cafe-sync waits for its confirmation: its rollback entry is armed.
    fleet.synced.run_local(
        "/system scheduler add name=rosgen-push-cafe interval=10m comment=\"rosgen-push cafe "
        "00000000: applied\" on-event=\":log info rollback\"");
    std::string inventory = fleet.inventory({"cafe-sync"}, "pending.toml");
    CliRun r = run_cli({"diff", "--all", "--inventory", inventory});
    INFO(r.out);
    CHECK(r.code == 2);  // the plan is empty, but the entry will restore the old rules
    std::vector<std::string> line = lines_starting(r.out, "cafe-sync ");
    REQUIRE(line.size() == 1);
    CHECK(
        line[0].starts_with("cafe-sync  differs: a rosgen push of this policy is pending on this "
                            "router (its scheduler entry rosgen-push-cafe is armed): when its "
                            "confirm timeout ends it restores the rules it replaced"));
    CHECK(line[0].find("; wait for it, or confirm it with `rosgen push " +
                       (fleet.dir / "cafe.pol").string() + " --target 7 --host 127.0.0.1 -p " +
                       std::to_string(fleet.synced.port())) != std::string::npos);
    CHECK(line[0].ends_with(" --force`"));
    CHECK(r.out.ends_with(": 1 differs\ndiffers: cafe-sync\n"));
    CHECK(fleet.synced.commands() == 1);  // the push state came with the export
  }

  TEST_CASE("diff --all: a policy with errors fails its routers without contacting them") {
    Fleet fleet;
    std::string text = fleet.defaults() + router_entry("cafe-sync", fleet.synced) +
                       router_entry("cafe-broken", fleet.fresh) + "policy = \"" +
                       test::source_dir() + "/tests/diagnostics/port-out-of-range.pol\"\n" +
                       router_entry("cafe-missing", fleet.stranger) + "policy = \"nowhere.pol\"\n";
    std::ofstream(fleet.dir / "broken.toml") << text;
    CliRun r = run_cli({"diff", "--all", "--inventory", (fleet.dir / "broken.toml").string()});
    CHECK(r.code == 1);
    CHECK(r.err.find("error: port 70000 is out of range (1-65535)") != std::string::npos);
    CHECK(lines_starting(r.out, "cafe-broken ")[0] ==
          "cafe-broken   failed: the policy '" + test::source_dir() +
              "/tests/diagnostics/port-out-of-range.pol' has errors (on standard error)");
    CHECK(lines_starting(r.out, "cafe-missing ")[0] == "cafe-missing  failed: cannot open '" +
                                                           (fleet.dir / "nowhere.pol").string() +
                                                           "': No such file or directory");
    CHECK(lines_starting(r.out, "cafe-sync ")[0] == "cafe-sync     in sync");
    CHECK(fleet.fresh.commands() == 0);
    CHECK(fleet.stranger.commands() == 0);
    // With --json the document is on stdout and the diagnostics on stderr: it says where.
    CliRun json =
        run_cli({"diff", "--all", "--inventory", (fleet.dir / "broken.toml").string(), "--json"});
    CHECK(json.code == 1);
    CHECK(json.err.find("error: port 70000 is out of range (1-65535)") != std::string::npos);
    nlohmann::json doc = nlohmann::json::parse(json.out);
    CHECK(doc["routers"][1]["message"] == "the policy '" + test::source_dir() +
                                              "/tests/diagnostics/port-out-of-range.pol' has "
                                              "errors (on standard error)");
  }
}

TEST_SUITE("fleet cli") {
  TEST_CASE("diff --all: inventory errors exit 1 with file:line:col; a missing one exits 3") {
    fs::path dir = fs::temp_directory_path() / ("rosgen-fleet-cli-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "bad.toml") << "[[router]]\nname = \"a\"\nhots = \"h\"\n";
    CliRun r = run_cli({"diff", "--all", "--inventory", (dir / "bad.toml").string()});
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK(r.err.find((dir / "bad.toml").string() +
                     ":3:1: error: unknown key 'hots' in a router (expected host, name, "
                     "anchor, connect-timeout, identity, known-hosts, policy, port, routeros, "
                     "timeout, user); did you mean 'host'?") != std::string::npos);
    CliRun missing = run_cli({"diff", "--all", "--inventory", (dir / "none.toml").string()});
    CHECK(missing.code == 3);
    CHECK(missing.err == "rosgen: error: cannot open '" + (dir / "none.toml").string() +
                             "': No such file or directory\n");
    // With --json a CI job still gets a document, with the same exit code.
    for (const char* command : {"diff", "push"}) {
      CAPTURE(command);
      CliRun bad_json =
          run_cli({command, "--all", "--inventory", (dir / "bad.toml").string(), "--json"});
      CHECK(bad_json.code == 1);
      nlohmann::ordered_json bad_doc = nlohmann::ordered_json::parse(bad_json.out);
      CHECK(bad_doc.dump() ==
            nlohmann::ordered_json{
                {"schema", "rosgen-fleet/1"},
                {"command", command},
                {"inventory", (dir / "bad.toml").string()},
                {"error", "the inventory has errors (on standard error; the first: " +
                              (dir / "bad.toml").string() +
                              ":3:1: unknown key 'hots' in a router (expected host, name, "
                              "anchor, connect-timeout, identity, known-hosts, policy, port, "
                              "routeros, timeout, user); did you mean 'host'?)"},
                {"exit_code", 1}}
                .dump());
      CliRun missing_json =
          run_cli({command, "--all", "--inventory", (dir / "none.toml").string(), "--json"});
      CHECK(missing_json.code == 3);
      nlohmann::json missing_doc = nlohmann::json::parse(missing_json.out);
      CHECK(missing_doc["error"] == "cannot open '" + (dir / "none.toml").string() +
                                        "': No such file or directory");
      CHECK(missing_doc["exit_code"] == 3);
    }
    fs::path here = fs::current_path();
    fs::current_path(dir);
    CliRun fallback = run_cli({"diff", "--all"});
    fs::current_path(here);
    CHECK(fallback.code == 3);
    CHECK(fallback.err ==
          "rosgen: error: cannot open 'rosgen.toml': No such file or directory (--all reads the "
          "routers from rosgen.toml in the working directory; name another file with "
          "--inventory FILE)\n");
    fs::remove_all(dir);
  }

  TEST_CASE("diff --all: usage errors exit 64 and say what goes with what") {
    auto usage = [](std::vector<std::string> args) {
      CliRun r = run_cli(std::move(args));
      CHECK(r.code == 64);
      return r.err.substr(0, r.err.find('\n'));
    };
    CHECK(usage({"diff", "--all", cafe()}) ==
          "rosgen: error: diff --all takes each router's policy from the inventory; give no FILE "
          "(or drop --all to diff FILE against one router)");
    CHECK(usage({"diff", "--all", "--host", "h"}) == "rosgen: error: --host excludes --all");
    CHECK(usage({"diff", "--all", "--target", "6"}) == "rosgen: error: --target excludes --all");
    CHECK(usage({"diff", "--parallel", "2", cafe(), "--against", "x.rsc"}) ==
          "rosgen: error: --parallel requires --all");
    CHECK(usage({"diff", "--all", "--parallel", "0"}) ==
          "rosgen: error: --parallel: must be a number of routers from 1 to 256, not '0'");
    CHECK(usage({"diff", "--all", "--shard", "5/4"}) ==
          "rosgen: error: --shard: the shard 5/4 does not exist: I must be from 1 to 4");
    CHECK(usage({"diff", "--all", "--canary", "x"}).starts_with("rosgen: error: --canary: must "));
    CHECK(usage({"diff"}) ==
          "rosgen: error: FILE is required: the policy to compare (or --all for every router of "
          "rosgen.toml)");
  }

  TEST_CASE("push --help gives the exit codes of --all, an unreachable router's among them") {
    CliRun r = run_cli({"push", "--help"});
    CHECK(r.code == 0);
    std::string help = r.out;
    std::replace(help.begin(), help.end(), '\n', ' ');
    CHECK(help.find("With --all: 0 every router applied or in sync, 2 --dry-run found changes "
                    "on some (or a push of its policy pending) and none failed, 1 a router was "
                    "refused, rolled back, mixed, failed or unreachable") != std::string::npos);
    CHECK(help.find("3 the inventory cannot be read; 130 interrupted") != std::string::npos);
  }

  TEST_CASE("diff --help teaches --all") {
    CliRun r = run_cli({"diff", "--help"});
    CHECK(r.code == 0);
    for (const char* text : {"--all", "--inventory", "--parallel", "--canary", "--shard",
                             "rosgen-fleet/1", "Fleets (--all)"})
      CHECK(r.out.find(text) != std::string::npos);
  }
}
