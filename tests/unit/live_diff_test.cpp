// `rosgen diff POLICY --host H` (issue 10 §2) through the CLI entry point, against the fake
// RouterOS device behind a real sshd (fake_router.hpp): one command reads every modeled
// menu and changes nothing; the plan, its JSON and its script equal the offline diff's of
// the same export; host keys, logins and dropped links fail with one clear line (exit 3).
// Also owned_menus_text() on a real router's export shapes (submenus, compact, #error).
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/app.hpp"
#include "cli_run.hpp"
#include "emit/quote.hpp"
#include "fake_router.hpp"
#include "live/read.hpp"
#include "push_util.hpp"
#include "routeros/script_reader.hpp"
#include "test_util.hpp"
#include "transport/session.hpp"

using namespace rosgen;
namespace fs = std::filesystem;

namespace {

using test::CliRun;
using test::run_cli;

std::string cafe() {
  return test::source_dir() + "/examples/cafe.pol";
}

// The SSH options that reach `router` with its own key and known_hosts.
std::vector<std::string> ssh_args(const test::FakeRouter& router) {
  return {"--host",
          router.host(),
          "-p",
          std::to_string(router.port()),
          "-l",
          router.user(),
          "-i",
          router.ed25519_key().string(),
          "--known-hosts",
          router.known_hosts().string(),
          "--timeout",
          "20"};
}

CliRun live_diff(const test::FakeRouter& router, std::vector<std::string> extra = {},
                 std::vector<std::string> ssh = {}) {
  std::vector<std::string> args = {"diff", cafe()};
  if (ssh.empty())
    ssh = ssh_args(router);
  args.insert(args.end(), ssh.begin(), ssh.end());
  args.insert(args.end(), extra.begin(), extra.end());
  return run_cli(args);
}

// The offline diff of the router's `/export terse` (read directly), with the export's
// file name replaced by the live diff's source name, so that the two outputs compare.
CliRun offline_diff(const test::FakeRouter& router, std::vector<std::string> extra = {}) {
  fs::path path = router.root() / "an export.rsc";  // quoted in scripts, as the live name
  std::ofstream(path, std::ios::binary) << router.export_terse();
  std::vector<std::string> args = {"diff", cafe(), "--against", path.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  CliRun r = run_cli(args);
  std::string live = "127.0.0.1:" + std::to_string(router.port()) + " (export)";
  for (auto [from, to] : {std::pair{emit::quote_value(path.string()), emit::quote_value(live)},
                          std::pair{path.string(), live}}) {
    for (std::string* text : {&r.out, &r.err}) {
      for (std::size_t at = text->find(from); at != std::string::npos;
           at = text->find(from, at + to.size()))
        text->replace(at, from.size(), to);
    }
  }
  return r;
}

void load_cafe(const test::FakeRouter& router, bool defconf) {
  support::DiagnosticEngine diags;
  cli::PipelineResult compiled = cli::run_pipeline({cafe()}, diags);
  REQUIRE(compiled.script);
  if (defconf)
    router.load(test::source_dir() + "/tests/import/defconf-v7.rsc");
  fs::path path = router.root() / "cafe.rsc";
  std::ofstream(path, std::ios::binary) << *compiled.script;
  router.load(path);
}

// A live diff's JSON without its "pending": false line (an export file holds no push
// state, so the offline diff has none): to compare the two. Fails when the line is missing.
std::string without_pending(std::string json) {
  const std::string line = "  \"pending\": false,\n";
  std::size_t at = json.find(line);
  CHECK(at != std::string::npos);
  if (at != std::string::npos)
    json.erase(at, line.size());
  return json;
}

// An armed rollback entry of an earlier push to `router`, as a push leaves it while it
// waits for its confirmation.
void arm_pending_push(const test::FakeRouter& router) {
  router.run_local(
      "/system scheduler add name=rosgen-push-cafe interval=10m comment=\"rosgen-push cafe "
      "00000000: applied\" on-event=\":log info rollback\"");
}

std::size_t count_lines(const fs::path& path) {
  std::string text = test::read_text(path);
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_SUITE("live diff") {
  TEST_CASE("live diff: the read is one command line of exports, one per modeled menu") {
    std::string command = live::export_command();
    CHECK(command.find('\n') == std::string::npos);
    CHECK(command.starts_with(
        ":put \"# rosgen-export /interface list\"; /interface list export terse; "));
    CHECK(command.find("/ip firewall filter export terse") != std::string::npos);
    CHECK(command.find("show-sensitive") == std::string::npos);  // RouterOS 6 refuses it
    for (const char* verb : {" add ", " set ", " remove ", " move ", " import ", " unset "})
      CHECK(command.find(verb) == std::string::npos);
  }

  TEST_CASE("live diff: each menu's part keeps only its own lines (RouterOS exports submenus)") {
    std::string markers;
    for (ir::Menu menu : routeros::kModeledMenus) {
      std::string path(ir::menu_path(menu));
      markers += "# rosgen-export " + path + "\n# by RouterOS 7.16.2\n";
      if (menu == ir::Menu::InterfaceList) {
        // A real router's `/interface list export` also prints the members.
        markers +=
            "/interface list add name=LAN\n/interface list member add interface=ether2 "
            "list=LAN\n";
      } else if (menu == ir::Menu::InterfaceListMember) {
        markers += "/interface list member add interface=ether2 list=LAN\n";
      } else if (menu == ir::Menu::Filter) {
        markers += "/ip firewall filter\nadd chain=input comment=\"a\\\n    b\"\n";  // compact
      }
    }
    std::string text = live::owned_menus_text(markers, "r");
    CHECK(std::count(text.begin(), text.end(), '\n') ==
          std::count(markers.begin(), markers.end(), '\n'));  // line numbers still match
    std::size_t first = text.find("/interface list member add");
    REQUIRE(first != std::string::npos);
    CHECK(text.find("/interface list member add", first + 1) == std::string::npos);
    CHECK(text.find("/interface list add name=LAN") != std::string::npos);
    CHECK(text.find("add chain=input comment=\"a\\\n    b\"") != std::string::npos);
    CHECK(text.find("# rosgen-export") == std::string::npos);
    CHECK(text.find("# by RouterOS 7.16.2") != std::string::npos);

    CHECK_THROWS_WITH_AS(
        live::owned_menus_text(markers + "#error exporting \"/ip firewall filter\" (timeout)\n",
                               "r:22 (export)"),
        "r:22 (export): the router could not export every menu rosgen reads (#error exporting "
        "\"/ip firewall filter\" (timeout)); nothing was compared",
        live::ReadError);
    CHECK_THROWS_AS(live::owned_menus_text("/ip firewall filter add chain=input\n", "r"),
                    live::ReadError);
  }

  TEST_CASE("live diff: an empty router: everything to add (exit 2), the offline diff's output") {
    test::FakeRouter router;
    std::string before = router.configuration();
    std::uint64_t commands = router.commands();
    CliRun live = live_diff(router);
    CHECK(live.code == cli::kDifferences);
    CHECK(live.out.starts_with("rosgen diff: policy \"cafe\" against 127.0.0.1:" +
                               std::to_string(router.port()) + " (export)\n"));
    CHECK(live.out.find("Plan: ") != std::string::npos);
    CHECK(live.out.find(" 0 to change, 0 to move, 0 to remove; 0 owned") != std::string::npos);
    CHECK(router.commands() == commands + 1);  // one exec channel read every menu
    CHECK(router.configuration() == before);
    CliRun offline = offline_diff(router);
    CHECK(live.out == offline.out);
    CHECK(live.err == offline.err);  // the policy's own warnings, nothing about the export
  }

  TEST_CASE("live diff: default firewall + café: in sync (exit 0), the operator's rules left") {
    test::FakeRouter router;
    load_cafe(router, true);
    std::string before = router.configuration();
    std::uint64_t commands = router.commands();
    CliRun live = live_diff(router);
    CHECK(live.code == cli::kOk);
    CHECK(live.out.find("In sync: ") != std::string::npos);
    CHECK(live.out.find("Left alone: 16 item(s) rosgen does not own") != std::string::npos);
    CliRun offline = offline_diff(router);
    CHECK(live.out == offline.out);
    CHECK(live.err == offline.err);
    for (const char* flag : {"--json", "--script"}) {
      CAPTURE(flag);
      CliRun r = live_diff(router, {flag});
      CHECK(r.code == cli::kOk);
      std::string expected = offline_diff(router, {flag}).out;
      CHECK((flag == std::string("--json") ? without_pending(r.out) : r.out) == expected);
    }
    // Three live diffs, three commands, every one the read-only export.
    CHECK(router.commands() == commands + 3);
    std::vector<std::string> log = router.command_log();
    REQUIRE(log.size() >= 3);
    for (std::size_t i = log.size() - 3; i < log.size(); ++i)
      CHECK(log[i].find(live::export_command()) != std::string::npos);
    CHECK(router.configuration() == before);
    CHECK(router.configuration().find("defconf: drop invalid") != std::string::npos);
  }

  TEST_CASE("live diff: a hand edit on the router is exactly the change shown (exit 2)") {
    test::FakeRouter router;
    load_cafe(router, true);
    router.run_local(
        "/ip firewall mangle set [find where comment=\"rosgen:cafe:smtp-syn.forward\"] "
        "dst-port=25,587");
    std::string before = router.configuration();
    CliRun live = live_diff(router, {"--json"});
    CHECK(live.code == cli::kDifferences);
    nlohmann::json plan = nlohmann::json::parse(live.out);
    CHECK(plan["against"] == "127.0.0.1:" + std::to_string(router.port()) + " (export)");
    REQUIRE(plan["changes"].size() == 1);
    nlohmann::json change = plan["changes"][0];
    CHECK(change["op"] == "change");
    CHECK(change["menu"] == "/ip firewall mangle");
    CHECK(change["id"] == "rosgen:cafe:smtp-syn.forward");
    CHECK(change["changed"] ==
          nlohmann::json::parse(R"([{"name": "dst-port", "from": "25,587", "to": "25,465,587"}])"));
    CHECK(without_pending(live.out) == offline_diff(router, {"--json"}).out);

    CliRun script = live_diff(router, {"--script"});
    CHECK(script.code == cli::kDifferences);
    CHECK(script.out == offline_diff(router, {"--script"}).out);
    CHECK(script.out.find("dst-port=25,465,587") != std::string::npos);

    CliRun human = live_diff(router);
    CHECK(human.out.find("Plan: 0 to add, 1 to change, 0 to move, 0 to remove") !=
          std::string::npos);
    CHECK(router.configuration() == before);  // the diff changed nothing
  }

  TEST_CASE("live diff: a pending push is a warning and exit 2, even in sync; one command") {
    test::FakeRouter router;
    load_cafe(router, true);
    arm_pending_push(router);
    std::uint64_t commands = router.commands();
    CliRun r = live_diff(router);
    // The plan itself is empty, but the entry will restore the old rules.
    CHECK(r.code == cli::kDifferences);
    CHECK(r.out.find("In sync: ") != std::string::npos);
    std::string port = std::to_string(router.port());
    CHECK(r.err.find("rosgen: warning: a rosgen push of this policy is pending on this router "
                     "(its scheduler entry rosgen-push-cafe is armed): when its confirm "
                     "timeout ends it restores "
                     "the rules it replaced, so this comparison may not last; wait for it, or "
                     "confirm it with `rosgen push " +
                     cafe() + " --host 127.0.0.1 -p " + port + " -l " + router.user()) !=
          std::string::npos);
    CHECK(r.err.find(" --force`\n") != std::string::npos);
    CHECK(router.commands() == commands + 1);  // read with the export, in the same exec

    CliRun json = live_diff(router, {"--json"});
    CHECK(json.code == cli::kDifferences);
    nlohmann::json doc = nlohmann::json::parse(json.out);
    CHECK(doc["in_sync"] == true);
    CHECK(doc["pending"] == true);

    // A fired entry (disabled) restores nothing more: in sync again.
    router.run_local("/system scheduler set [find where name=rosgen-push-cafe] disabled=yes");
    CliRun fired = live_diff(router, {"--json"});
    CHECK(fired.code == cli::kOk);
    CHECK(nlohmann::json::parse(fired.out)["pending"] == false);
    CHECK(fired.err.find("pending") == std::string::npos);

    // Another policy's pending push restores only that policy's items: still in sync.
    router.run_local(
        "/system scheduler add name=rosgen-push-other interval=10m comment=\"rosgen-push other "
        "00000000: applied\" on-event=\":log info rollback\"");
    CliRun other = live_diff(router, {"--json"});
    CHECK(other.code == cli::kOk);
    CHECK(nlohmann::json::parse(other.out)["pending"] == false);
  }

  TEST_CASE("live diff: an unknown host key is refused with its fingerprint; accepted once") {
    test::FakeRouter router;
    fs::path known = router.root() / "empty_known_hosts";
    std::ofstream(known) << "# the operator's comment\n";
    std::vector<std::string> ssh = ssh_args(router);
    ssh[9] = known.string();  // --known-hosts
    CliRun refused = live_diff(router, {}, ssh);
    CHECK(refused.code == cli::kEnvironment);
    CHECK(refused.out.empty());
    CHECK(refused.err.starts_with("rosgen: error: "));
    CHECK(refused.err.find("SHA256:") != std::string::npos);
    CHECK(refused.err.find("--accept-new-host-key") != std::string::npos);
    CHECK(std::count(refused.err.begin(), refused.err.end(), '\n') == 1);
    CHECK(count_lines(known) == 1);

    ssh.push_back("--accept-new-host-key");
    CliRun accepted = live_diff(router, {}, ssh);
    CHECK(accepted.code == cli::kDifferences);
    CHECK(count_lines(known) == 2);  // one line appended, the comment kept
    CHECK(test::read_text(known).starts_with("# the operator's comment\n"));
    // ... and says so, with the fingerprint it was refused with.
    std::size_t at = refused.err.find("SHA256:");
    std::string fingerprint = refused.err.substr(at, refused.err.find(' ', at) - at);
    CHECK(test::lines_starting(accepted.err, "rosgen: ") ==
          std::vector<std::string>{"rosgen: recorded the ssh-ed25519 host key " + fingerprint +
                                   " of [127.0.0.1]:" + std::to_string(router.port()) + " in " +
                                   known.string()});
    CliRun again = live_diff(router, {}, ssh);  // known now: nothing recorded, nothing said
    CHECK(again.code == cli::kDifferences);
    CHECK(test::lines_starting(again.err, "rosgen: ").empty());
    ssh.pop_back();
    CHECK(live_diff(router, {}, ssh).code == cli::kDifferences);  // now known
    CHECK(count_lines(known) == 2);
  }

  TEST_CASE("live diff --json: a router that cannot be reached or read still gets a document "
            "(exit 3)") {
    test::FakeRouter router;
    auto document = [](const CliRun& r) {
      CHECK(r.code == cli::kEnvironment);
      CHECK(r.err.starts_with("rosgen: error: "));
      nlohmann::ordered_json doc = nlohmann::ordered_json::parse(r.out);
      std::vector<std::string> keys;
      for (const auto& [key, value] : doc.items()) keys.push_back(key);
      CHECK(keys ==
            std::vector<std::string>{"schema", "router", "policy", "status", "message", "changed"});
      CHECK(doc["schema"] == "rosgen-diff/1");
      CHECK(doc["policy"] == "cafe");
      CHECK(doc["changed"] == false);
      CHECK(r.err == "rosgen: error: " + doc["message"].get<std::string>() + "\n");
      return doc;
    };
    std::vector<std::string> ssh = ssh_args(router);
    ssh[3] = std::to_string(test::free_port());  // -p: nobody answers
    nlohmann::ordered_json down = document(live_diff(router, {"--json"}, ssh));
    CHECK(down["status"] == "unreachable");
    CHECK(down["router"] == "127.0.0.1:" + ssh[3]);

    ssh = ssh_args(router);
    ssh[9] = (router.root() / "no_known_hosts").string();  // --known-hosts
    nlohmann::ordered_json stranger = document(live_diff(router, {"--json"}, ssh));
    CHECK(stranger["status"] == "failed");
    CHECK(stranger["router"] == "127.0.0.1:" + std::to_string(router.port()));
    CHECK(stranger["message"].get<std::string>().find("unknown host key") != std::string::npos);

    router.control("reject=export\n");
    nlohmann::ordered_json refused = document(live_diff(router, {"--json"}));
    CHECK(refused["status"] == "failed");
    CHECK(refused["message"].get<std::string>().find("rejected by fault injection") !=
          std::string::npos);
  }

  TEST_CASE("live diff: a wrong user or key is one clear error (exit 3)") {
    test::FakeRouter router;
    std::vector<std::string> ssh = ssh_args(router);
    ssh[5] = "nobody-here";  // -l
    CliRun user = live_diff(router, {}, ssh);
    CHECK(user.code == cli::kEnvironment);
    CHECK(user.out.empty());
    CHECK(user.err.find("nobody-here") != std::string::npos);
    CHECK(std::count(user.err.begin(), user.err.end(), '\n') == 1);

    fs::path other = router.root() / "other_ed25519";
    REQUIRE(test::run_process({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.string()})
                .status == 0);
    ssh = ssh_args(router);
    ssh[7] = other.string();  // -i
    CliRun key = live_diff(router, {}, ssh);
    CHECK(key.code == cli::kEnvironment);
    CHECK(key.err.starts_with("rosgen: error: "));
    CHECK(std::count(key.err.begin(), key.err.end(), '\n') == 1);
    INFO(user.err, key.err);
  }

  TEST_CASE("live diff: a dropped connection is an error, not a hang (exit 3)") {
    test::FakeRouter router;
    load_cafe(router, false);
    router.control("drop-before=" + std::to_string(router.commands() + 1) + "\n");
    CliRun dropped = live_diff(router);
    CHECK(dropped.code == cli::kEnvironment);
    CHECK(dropped.out.empty());
    CHECK(dropped.err.starts_with("rosgen: error: "));
    CHECK(std::count(dropped.err.begin(), dropped.err.end(), '\n') == 1);
    INFO(dropped.err);

    router.control("drop-after=" + std::to_string(router.commands() + 1) + "\n");
    CliRun after = live_diff(router);
    CHECK(after.code == cli::kEnvironment);
    CHECK(after.out.empty());
    INFO(after.err);
    router.control("");
    CHECK(live_diff(router).code == cli::kOk);
  }

  TEST_CASE("live diff: a silent router times out and a refused export fails (exit 3)") {
    test::FakeRouter router;
    router.control("delay-ms=4000\n");
    std::vector<std::string> ssh = ssh_args(router);
    ssh[11] = "1";  // --timeout
    auto start = std::chrono::steady_clock::now();
    CliRun slow = live_diff(router, {}, ssh);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(4));
    CHECK(slow.code == cli::kEnvironment);
    CHECK(slow.out.empty());
    CHECK(std::count(slow.err.begin(), slow.err.end(), '\n') == 1);
    INFO(slow.err);

    router.control("reject=export\n");
    CliRun refused = live_diff(router);
    CHECK(refused.code == cli::kEnvironment);
    CHECK(refused.out.empty());
    CHECK(refused.err.find("RouterOS says: failure: rejected by fault injection") !=
          std::string::npos);
  }

  TEST_CASE("live diff: the version comes from the export header (a RouterOS 6 router)") {
    test::FakeRouter router({.version = "6.49.10"});
    load_cafe(router, false);
    CliRun live = live_diff(router);
    CHECK(live.err.find("'127.0.0.1:" + std::to_string(router.port()) +
                        " (export)' comes from RouterOS 6.49.10 but the policy is compiled for "
                        "RouterOS 7") != std::string::npos);
    CliRun offline = offline_diff(router);
    CHECK(live.code == offline.code);
    CHECK(live.out == offline.out);
    CHECK(live.err == offline.err);
  }

  TEST_CASE("live diff: one round trip reads every menu, whatever the router holds") {
    test::FakeRouter router;
    load_cafe(router, true);
    transport::Session session(test::push_util::ssh_options(router));
    std::shared_ptr<const support::SourceFile> file = live::read_running(session);
    CHECK(session.round_trips() == 1);
    CHECK(file->name() == "127.0.0.1:" + std::to_string(router.port()) + " (export)");
    support::DiagnosticEngine diags;
    routeros::ReadResult running = routeros::read_script(file, diags);
    CHECK_FALSE(diags.has_errors());
    CHECK(running.routeros_version == "7.16.2");
    CHECK(running.opaque.empty());
    CHECK(running.state.size() > 290);  // café and the default firewall
    auto offline = std::make_shared<const support::SourceFile>("x.rsc", router.export_terse());
    CHECK(routeros::without_remarks(running.state) ==
          routeros::without_remarks(routeros::read_script(offline, diags).state));
  }

  TEST_CASE("live diff: usage: exactly one of --against and --host; SSH options need --host") {
    CHECK(run_cli({"diff", cafe()}).code == cli::kUsage);
    CHECK(run_cli({"diff", cafe(), "--against", "x.rsc", "--host", "127.0.0.1"}).code ==
          cli::kUsage);
    CHECK(run_cli({"diff", cafe(), "--against", "x.rsc", "-p", "2222"}).code == cli::kUsage);
    CHECK(run_cli({"diff", cafe(), "--host", "127.0.0.1", "-p", "0"}).code == cli::kUsage);
    CHECK(run_cli({"diff", cafe(), "--host", "127.0.0.1", "--timeout", "0"}).code == cli::kUsage);
    CliRun help = run_cli({"diff", "--help"});
    CHECK(help.code == cli::kOk);
    for (const char* text : {"--host 192.168.88.1", "ROSGEN_SSH_PASSWORD", "ROSGEN_SSH_PASSPHRASE",
                             "ed25519", "--accept-new-host-key", "-i,--identity"})
      CHECK(help.out.find(text) != std::string::npos);
  }

  TEST_CASE("live diff: policy errors are reported without reaching the router (exit 1)") {
    fs::path bad = fs::temp_directory_path() / "rosgen-live-diff-bad.pol";
    std::ofstream(bad) << "policy bad { routeros 7; frobnicate; }\n";
    // Port 1 on 127.0.0.1: nothing listens; a connection attempt would be exit 3.
    CliRun r = run_cli({"diff", bad.string(), "--host", "127.0.0.1", "-p", "1"});
    fs::remove(bad);
    CHECK(r.code == cli::kPolicyErrors);
    CHECK(r.err.find("error") != std::string::npos);
  }
}
