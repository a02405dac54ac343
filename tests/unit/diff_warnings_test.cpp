// `rosgen diff`'s warnings about the router's own configuration (cli/diff_warnings.cpp):
// each kind with a configuration that triggers it and one that must not.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/app.hpp"
#include "test_util.hpp"

using namespace rosgen;

namespace {

struct Run {
  int code = 0;
  std::string out, err;
};

// Writes `export_text` and `policy_text` (empty: examples/cafe.pol) to a temporary
// directory and runs `rosgen diff` on them.
Run diff(const std::string& export_text, const std::string& policy_text = "") {
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
}
