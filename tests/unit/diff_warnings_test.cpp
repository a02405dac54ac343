// `rosgen diff`'s warnings about the router's own configuration (cli/diff_warnings.cpp):
// each kind with a configuration that triggers it and one that must not; and about a
// script whose header names another traffic profile than the diff's.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/app.hpp"
#include "emit/rsc_writer.hpp"
#include "pcap_util.hpp"
#include "profile/default_profile.hpp"
#include "profile/profile_toml.hpp"
#include "support/digest.hpp"
#include "test_util.hpp"

using namespace rosgen;

namespace {

struct Run {
  int code = 0;
  std::string out, err;
};

// Writes `export_text` and `policy_text` (empty: examples/cafe.pol) to a temporary
// directory and runs `rosgen diff` on them, with `extra` arguments.
Run diff(const std::string& export_text, const std::string& policy_text = "",
         const std::vector<std::string>& extra = {}) {
  static int counter = 0;
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("rosgen-diff-warnings-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(dir);
  std::string running = (dir / "running.rsc").string();
  std::ofstream(running) << export_text;
  std::string policy = test::source_dir() + "/examples/cafe.pol";
  if (!policy_text.empty()) {
    policy = (dir / "p.pol").string();
    std::ofstream(policy) << policy_text;
  }
  std::ostringstream out, err;
  std::vector<const char*> argv{"rosgen", "diff", policy.c_str(), "--against", running.c_str()};
  for (const std::string& arg : extra) argv.push_back(arg.c_str());
  Run r;
  r.code = cli::run(static_cast<int>(argv.size()), argv.data(), {&out, &err, false, false});
  r.out = out.str();
  r.err = err.str();
  std::filesystem::remove_all(dir);
  return r;
}

std::string defconf() {
  return test::read_text(test::source_dir() + "/tests/import/defconf-v7.rsc");
}

bool warns(const Run& r, const std::string& text) {
  return r.err.find(text) != std::string::npos;
}

// examples/cafe.pol compiled as `rosgen compile` does, with `profile_path` (empty: the
// built-in profile), optimised or not.
std::string cafe_script(const std::string& profile_path, bool optimise = true) {
  cli::PipelineOptions options(test::source_dir() + "/examples/cafe.pol");
  options.profile_path = profile_path;
  options.optimise = optimise;
  support::DiagnosticEngine diags;
  cli::PipelineResult result = cli::run_pipeline(options, diags);
  REQUIRE_MESSAGE(result.script, support::render_all(diags));
  return *result.script;
}

// A small profile of the café's web gate, as a file (its own temporary directory).
struct ProfileFile {
  test::TempDir dir;
  std::string path = (dir.path / "mine.toml").string();
  std::string text;

  ProfileFile() {
    profile::Profile mine;
    mine.gates.push_back(
        {profile::make_gate(sema::Protocol::Tcp, {{80, 80}, {3128, 3128}, {8080, 8080}}, 2048),
         100,
         {{"HTTP/1.", 90, 90, {}}},
         std::nullopt});
    text = profile::write_profile(mine, {"a test's"});
    std::ofstream(path) << text;
  }
};

std::string sha256_of(const std::string& text) {
  support::Sha256 digest;
  digest.update(text);
  return digest.hex();
}

}  // namespace

TEST_SUITE("diff warnings") {
  TEST_CASE("diff warnings: the default firewall gives none") {
    Run r = diff(defconf());
    CHECK(r.code == cli::kDifferences);
    CHECK_FALSE(warns(r, "FastTrack guard keeps"));
    CHECK_FALSE(warns(r, "anchor bottom"));
    CHECK_FALSE(warns(r, "marks connections that this policy marks too"));
  }

  TEST_CASE("diff warnings: an operator rule below the fasttrack rule that the guard skips") {
    Run r = diff(defconf() +
                 "/ip firewall filter add action=drop chain=forward comment=\"no irc\" "
                 "dst-port=6667 protocol=tcp\n");
    CHECK(warns(r,
                "so those packets skip 'no irc' (number 11 in the export) (action=drop) below it"));
    // The same rule for new connections only cannot see the guard's packets.
    Run quiet = diff(defconf() +
                     "/ip firewall filter add action=drop chain=forward comment=\"no irc\" "
                     "connection-state=new dst-port=6667 protocol=tcp\n");
    CHECK_FALSE(warns(quiet, "FastTrack guard keeps"));
  }

  TEST_CASE("diff warnings: anchor bottom under the default firewall's accept established") {
    std::string policy = test::read_text(test::source_dir() + "/examples/cafe.pol");
    policy.replace(policy.find("uplink ether1;"), 14, "uplink ether1; anchor bottom;");
    Run r = diff(defconf(), policy);
    CHECK(warns(r, "'anchor bottom': 'defconf: accept established,related, untracked' (number"));
    Run top = diff(defconf());
    CHECK_FALSE(warns(top, "'anchor bottom'"));
  }

  TEST_CASE("diff warnings: an operator mark-connection rule on rosgen's traffic") {
    const std::string mark =
        "/ip firewall mangle add action=mark-connection chain=prerouting comment=\"mail qos\" "
        "dst-port=25 new-connection-mark=mail passthrough=yes protocol=tcp\n";
    Run r = diff(defconf() + mark);
    CHECK(warns(r, "'mail qos' (number 0 in the export) in '"));
    CHECK(warns(r, "marks connections that this policy marks too ('smtp-bot'):"));
    // A rule without ports overlaps every signature: all are named.
    std::string all = mark;
    all.replace(all.find("dst-port=25 "), 12, "");
    CHECK(warns(diff(defconf() + all),
                "marks connections that this policy marks too ('proxy-connect', 'smtp-bot')"));
    std::string unmarked = mark;
    unmarked.replace(unmarked.find("dst-port=25"), 11, "connection-mark=no-mark dst-port=25");
    CHECK_FALSE(warns(diff(defconf() + unmarked), "marks connections that this policy marks"));
    std::string https = mark;
    https.replace(https.find("dst-port=25"), 11, "dst-port=443");
    CHECK_FALSE(warns(diff(defconf() + https), "marks connections that this policy marks"));
  }

  TEST_CASE("diff warnings: an operator layer7 rule met before rosgen's 'at start' check") {
    const std::string l7 =
        "/ip firewall layer7-protocol add name=http regexp=\"^(get|post|connect) \"\n"
        "/ip firewall mangle add action=mark-packet chain=prerouting comment=\"web qos\" "
        "dst-port=80 layer7-protocol=http new-packet-mark=web passthrough=yes protocol=tcp\n";
    const std::string text = "'web qos' (number 0 in the export) in '";
    Run r = diff(defconf() + l7);
    CHECK(warns(r, text));
    CHECK(warns(r,
                "tests layer7-protocol=http before the 'at start' check of 'proxy-connect' on "
                "the same traffic: layer7 classifies a connection once, by the first pattern "
                "that matches"));
    // Other ports: no overlap with the signature's 80, 3128 and 8080.
    std::string other = l7;
    other.replace(other.find("dst-port=80"), 11, "dst-port=53");
    CHECK_FALSE(warns(diff(defconf() + other), "before the 'at start' check"));
    // In forward below rosgen's anchor (placed at the top by the push): met after it.
    std::string below = l7;
    below.replace(below.find("chain=prerouting"), 16, "chain=forward");
    CHECK_FALSE(warns(diff(defconf() + below), "before the 'at start' check"));
    // With 'anchor bottom' the same rule comes first.
    std::string policy = test::read_text(test::source_dir() + "/examples/cafe.pol");
    policy.replace(policy.find("uplink ether1;"), 14, "uplink ether1; anchor bottom;");
    CHECK(warns(diff(defconf() + below, policy), "before the 'at start' check of 'proxy-connect'"));
    // A disabled rule, and a policy without 'at start', give none.
    std::string disabled = l7;
    disabled.replace(disabled.find("action=mark-packet"), 18, "action=mark-packet disabled=yes");
    CHECK_FALSE(warns(diff(defconf() + disabled), "before the 'at start' check"));
    std::string plain = test::read_text(test::source_dir() + "/examples/cafe.pol");
    plain.replace(plain.find("at start nocase"), 15, "nocase");
    CHECK_FALSE(warns(diff(defconf() + l7, plain), "before the 'at start' check"));
  }

  TEST_CASE("diff warnings: FastTrack on and a policy without a forward hook") {
    Run r = diff(defconf(),
                 "policy p { routeros 7; clients 192.168.88.0/24 via bridge; uplink ether1; "
                 "hook input; }\n"
                 "signature s to tcp 8291 within first 1KiB { in one packet: \"x\" } -> drop\n");
    CHECK(warns(r, "has no FastTrack guard (it hooks no forward chain)"));
  }

  TEST_CASE("diff warnings: FastTrack from mangle, which the guard cannot stand before") {
    Run r = diff(defconf() +
                 "/ip firewall mangle add action=fasttrack-connection chain=forward "
                 "connection-state=established,related\n");
    CHECK(warns(r, "fast-tracks connections from /ip firewall mangle"));
    CHECK_FALSE(warns(diff(defconf()), "fast-tracks connections from /ip firewall mangle"));
  }

  TEST_CASE("script header: names the profile by base name and SHA-256, from any directory") {
    ProfileFile mine;
    std::string built_in = cafe_script("");
    CHECK(built_in.find("\n# traffic profile: built-in, sha256 " +
                        sha256_of(std::string(profile::default_profile_text())) + "\n") !=
          std::string::npos);
    std::string given = cafe_script(mine.path);
    CHECK(given.find("\n# traffic profile: mine.toml, sha256 " + sha256_of(mine.text) + "\n") !=
          std::string::npos);
    // The same file typed as a relative path elsewhere: the same bytes.
    auto saved = std::filesystem::current_path();
    std::filesystem::current_path(mine.dir.path);
    std::string relative = cafe_script("mine.toml");
    std::filesystem::current_path(saved);
    CHECK(relative == given);
    // --no-optimise: no profile shaped the rules, whichever was given.
    std::string plain = cafe_script(mine.path, false);
    CHECK(plain.find("\n# traffic profile: none (--no-optimise)\n") != std::string::npos);
    CHECK(plain == cafe_script("", false));
  }

  TEST_CASE("script header: find_profile_line reads what profile_line writes, nothing else") {
    emit::ProfileName named{"odd, sha256 name.toml", std::string(64, 'a')};
    std::string script = "# rosgen 0.1.0: policy \"p\"\n# sources: p.pol\n# traffic profile: " +
                         emit::profile_line(named) + "\r\n#\n/ip firewall filter\n";
    auto line = emit::find_profile_line(script);
    REQUIRE(line);
    CHECK(line->profile == named);
    CHECK(script.substr(line->offset, line->length) ==
          "# traffic profile: odd, sha256 name.toml, sha256 " + std::string(64, 'a'));
    auto none =
        emit::find_profile_line("# rosgen 0.1.0\n# traffic profile: none (--no-optimise)\n");
    REQUIRE(none);
    CHECK(none->profile == emit::ProfileName{});
    // A router's export, a line below the header, a digest that is not one: nothing.
    CHECK_FALSE(emit::find_profile_line(
        "# 2024-01-02 by RouterOS 7.12\n# traffic profile: " + emit::profile_line(named) + "\n"));
    CHECK_FALSE(
        emit::find_profile_line("# rosgen 0.1.0\n/ip firewall filter\n# traffic "
                                "profile: " +
                                emit::profile_line(named) + "\n"));
    CHECK_FALSE(emit::find_profile_line("# rosgen 0.1.0\n# traffic profile: x, sha256 abc\n"));
  }

  TEST_CASE("diff warnings: a script compiled with another profile than the diff's") {
    ProfileFile mine;
    std::string built_in = cafe_script("");
    std::string given = cafe_script(mine.path);
    REQUIRE(built_in != given);  // the profile changes the rules, not only the header
    std::string short_built_in =
        sha256_of(std::string(profile::default_profile_text())).substr(0, 12);
    std::string short_mine = sha256_of(mine.text).substr(0, 12);
    // Compiled with the built-in profile, diffed with mine.toml: warned at the header line.
    Run r = diff(built_in, "", {"--profile", mine.path});
    CHECK(r.code == cli::kDifferences);
    CHECK(warns(r, "running.rsc:4:1: warning: the rules in '"));
    CHECK(warns(r, "running.rsc' were compiled with profile built-in (sha256 " + short_built_in +
                       "...); this diff uses profile 'mine.toml' (sha256 " + short_mine +
                       "...): leave out --profile, or the plan shows reorderings that are only "
                       "the profile's\n"));
    // And the other way round.
    r = diff(given);
    CHECK(r.code == cli::kDifferences);
    CHECK(warns(r, "were compiled with profile 'mine.toml' (sha256 " + short_mine +
                       "...); this diff uses profile built-in (sha256 " + short_built_in +
                       "...): pass --profile with that file ('mine.toml'), or the plan shows "
                       "reorderings that are only the profile's\n"));
    // The same profile: in sync, nothing said.
    for (const Run& same : {diff(built_in), diff(given, "", {"--profile", mine.path})}) {
      CHECK(same.code == cli::kOk);
      CHECK_FALSE(warns(same, "were compiled with"));
    }
    // --no-optimise on either side.
    std::string plain = cafe_script("", false);
    r = diff(plain);
    CHECK(warns(r,
                "were compiled with no profile (--no-optimise); this diff uses profile "
                "built-in (sha256 " +
                    short_built_in +
                    "...): pass --no-optimise, or the plan shows reorderings and covers that "
                    "are only the optimiser's\n"));
    CHECK_FALSE(warns(diff(plain, "", {"--no-optimise"}), "were compiled with"));
    r = diff(given, "", {"--no-optimise"});
    CHECK(warns(r,
                "; this diff uses no profile (--no-optimise): leave out --no-optimise and pass "
                "--profile with that file ('mine.toml'), or "));
    // A router's export names no profile: nothing said.
    CHECK_FALSE(warns(diff(defconf()), "were compiled with"));
  }
}
