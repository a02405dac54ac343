// Tests for src/fleet/inventory: rosgen.toml read into routers (defaults, paths relative to
// the inventory's directory, "~/"), and every kind of error at its exact file:line:col.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "fleet/inventory.hpp"
#include "support/errors.hpp"
#include "test_util.hpp"

using namespace rosgen;
using namespace rosgen::fleet;

namespace {

std::optional<Inventory> read_text(const std::string& text, std::string* rendered = nullptr,
                                   const std::string& name = "fleet/rosgen.toml") {
  support::DiagnosticEngine diags;
  auto file = std::make_shared<const support::SourceFile>(name, text);
  auto inventory = read_inventory(file, diags);
  if (rendered != nullptr)
    *rendered = support::render_all(diags);
  CHECK(inventory.has_value() == !diags.has_errors());
  return inventory;
}

// The first line of each diagnostic and note (file:line:col: severity: message).
std::vector<std::string> first_lines(const std::string& text) {
  std::string rendered;
  read_text(text, &rendered, "r.toml");
  return test::lines_starting(rendered, "r.toml:");
}

const char* kRouter = "[[router]]\nname = \"a\"\nhost = \"10.0.0.1\"\npolicy = \"p.pol\"\n";

}  // namespace

TEST_SUITE("fleet inventory") {
  TEST_CASE("inventory: defaults apply, a router's own values win, paths are resolved") {
    const char* home = std::getenv("HOME");
    REQUIRE(home != nullptr);
    auto inventory = read_text(R"([defaults]
user = "rosgen"
identity = "keys/fleet_ed25519"
known-hosts = "known_hosts"
policy = "policies/cafe.pol"
routeros = "7.16"
anchor = "bottom"
port = 2222
connect-timeout = 5
timeout = 60

[[router]]
name = "cafe-01"
host = "10.20.0.1"

[[router]]
name = "cafe-02"
host = "2001:db8::2"
port = 22
user = "admin"
identity = ["~/.ssh/id_ed25519", "/etc/rosgen/key"]
policy = "../other/hotspot.pol"
routeros = 6
anchor = "top"
)");
    REQUIRE(inventory);
    CHECK(inventory->path == "fleet/rosgen.toml");
    REQUIRE(inventory->routers.size() == 2);
    const Router& a = inventory->routers[0];
    CHECK(a.name == "cafe-01");
    CHECK(a.ssh.host == "10.20.0.1");
    CHECK(a.ssh.port == 2222);
    CHECK(a.ssh.user == "rosgen");
    REQUIRE(a.ssh.identity_files);
    CHECK(*a.ssh.identity_files == std::vector<std::filesystem::path>{"fleet/keys/fleet_ed25519"});
    CHECK(a.ssh.known_hosts == "fleet/known_hosts");
    CHECK(a.ssh.connect_timeout == std::chrono::seconds(5));
    CHECK(a.ssh.step_timeout == std::chrono::seconds(60));
    CHECK(!a.ssh.ask_secret);  // never a prompt per router
    CHECK(a.policy == "fleet/policies/cafe.pol");
    CHECK(a.target == 7);
    CHECK(a.routeros == "7.16");
    CHECK(a.anchor_top == false);

    const Router& b = inventory->routers[1];
    CHECK(b.ssh.port == 22);
    CHECK(b.ssh.user == "admin");
    REQUIRE(b.ssh.identity_files);
    CHECK(*b.ssh.identity_files ==
          std::vector<std::filesystem::path>{std::filesystem::path(home) / ".ssh/id_ed25519",
                                             "/etc/rosgen/key"});
    CHECK(b.policy == "other/hotspot.pol");  // fleet/../other, normalised
    CHECK(b.target == 6);
    CHECK(b.routeros == "6");
    CHECK(b.anchor_top == true);
  }

  TEST_CASE("inventory: without defaults, the built-in ones; paths beside a bare file name") {
    auto inventory = read_text(kRouter, nullptr, "rosgen.toml");
    REQUIRE(inventory);
    const Router& a = inventory->routers[0];
    CHECK(a.ssh.port == 22);
    CHECK(a.ssh.user.empty());         // the local user, as OpenSSH
    CHECK(!a.ssh.identity_files);      // OpenSSH's default key files
    CHECK(a.ssh.known_hosts.empty());  // ~/.ssh/known_hosts
    CHECK(a.ssh.connect_timeout == std::chrono::seconds(10));
    CHECK(a.ssh.step_timeout == std::chrono::seconds(30));
    CHECK(a.policy == "p.pol");
    CHECK(!a.target);
    CHECK(a.routeros.empty());
    CHECK(!a.anchor_top);
  }

  TEST_CASE("inventory: an empty identity list tries no key file") {
    auto inventory = read_text(std::string(kRouter) + "identity = []\n");
    REQUIRE(inventory);
    REQUIRE(inventory->routers[0].ssh.identity_files);
    CHECK(inventory->routers[0].ssh.identity_files->empty());
  }

  TEST_CASE("inventory errors: TOML syntax, at toml++'s position") {
    CHECK(first_lines("[[router]\nname = \"a\"\n") ==
          std::vector<std::string>{
              "r.toml:1:10: error: error while parsing table header: expected ']', saw '\\n'"});
    CHECK(first_lines(std::string(kRouter) + "host = \"b\"\n") ==
          std::vector<std::string>{
              "r.toml:5:8: error: error while parsing key-value pair: cannot redefine existing "
              "string 'host'"});
  }

  TEST_CASE("inventory errors: unknown keys at the key, with a did-you-mean when one is near") {
    CHECK(first_lines("routers = 1\n" + std::string(kRouter)) ==
          std::vector<std::string>{
              "r.toml:1:1: error: unknown key 'routers' in the inventory (expected defaults, "
              "router); did you mean 'router'?"});
    CHECK(first_lines(std::string(kRouter) + "hots = \"x\"\nflavour = 2\n") ==
          std::vector<std::string>{
              "r.toml:5:1: error: unknown key 'hots' in a router (expected host, name, anchor, "
              "connect-timeout, identity, known-hosts, policy, port, routeros, timeout, user); "
              "did you mean 'host'?",
              "r.toml:6:1: error: unknown key 'flavour' in a router (expected host, name, "
              "anchor, connect-timeout, identity, known-hosts, policy, port, routeros, timeout, "
              "user)"});
    CHECK(first_lines("[defaults]\nknown_hosts = \"k\"\n" + std::string(kRouter)) ==
          std::vector<std::string>{
              "r.toml:2:1: error: unknown key 'known_hosts' in [defaults] (expected anchor, "
              "connect-timeout, identity, known-hosts, policy, port, routeros, timeout, user); "
              "did you mean 'known-hosts'?"});
    // 'host' and 'name' are never suggested for [defaults]: they are each router's own.
    CHECK(first_lines("[defaults]\nhots = \"h\"\n" + std::string(kRouter)) ==
          std::vector<std::string>{
              "r.toml:2:1: error: unknown key 'hots' in [defaults] (expected anchor, "
              "connect-timeout, identity, known-hosts, policy, port, routeros, timeout, user)"});
  }

  TEST_CASE("inventory errors: name and host are each router's own") {
    CHECK(first_lines("[defaults]\nhost = \"10.0.0.1\"\n" + std::string(kRouter)) ==
          std::vector<std::string>{
              "r.toml:2:8: error: 'host' cannot be a default: each [[router]] gives its own"});
  }

  TEST_CASE("inventory errors: missing name, host and policy, at the router's table") {
    CHECK(first_lines("[[router]]\nhost = \"h\"\npolicy = \"p\"\n") ==
          std::vector<std::string>{"r.toml:1:1: error: a router needs 'name'"});
    CHECK(first_lines(std::string(kRouter) + "\n[[router]]\nname = \"b\"\n") ==
          std::vector<std::string>{"r.toml:6:1: error: router 'b' needs 'host'"});
    CHECK(first_lines("[[router]]\nname = \"a\"\nhost = \"h\"\n") ==
          std::vector<std::string>{
              "r.toml:1:1: error: router 'a' needs 'policy' (in its [[router]] table or in "
              "[defaults])"});
  }

  TEST_CASE("inventory errors: a duplicate name, with a note at the first") {
    CHECK(first_lines(std::string(kRouter) + "[[router]]\nname = \"a\"\nhost = \"h2\"\n") ==
          std::vector<std::string>{"r.toml:6:8: error: duplicate router name 'a'",
                                   "r.toml:2:8: note: first used here"});
  }

  TEST_CASE("inventory errors: names, hosts and empty strings") {
    CHECK(first_lines("[[router]]\nname = \"cafe 1\"\nhost = \"h\"\npolicy = \"p\"\n") ==
          std::vector<std::string>{
              "r.toml:2:8: error: a router's name must be 1 to 64 letters, digits, '.', '_' or "
              "'-'"});
    CHECK(first_lines("[[router]]\nname = \"a\"\nhost = \"10.0.0.1:2222\"\npolicy = \"p\"\n") ==
          std::vector<std::string>{"r.toml:3:8: error: 'host' holds a port: write it as "
                                   "'port = 2222'"});
    CHECK(first_lines("[[router]]\nname = \"a\"\nhost = \"\"\npolicy = \"p\"\n") ==
          std::vector<std::string>{"r.toml:3:8: error: 'host' must not be empty"});
    CHECK(first_lines(std::string(kRouter) + "user = \"a\\tb\"\n") ==
          std::vector<std::string>{"r.toml:5:8: error: 'user' must not hold control characters"});
  }

  TEST_CASE("inventory errors: values of the wrong type, at the value") {
    CHECK(first_lines(std::string(kRouter) +
                      "port = \"22\"\nidentity = 3\nanchor = true\nknown-hosts = [\"k\"]\n"
                      "identity = [1]\n") ==
          std::vector<std::string>{
              "r.toml:9:12: error: error while parsing key-value pair: cannot redefine existing "
              "integer 'identity'"});
    CHECK(first_lines(std::string(kRouter) +
                      "port = \"22\"\nidentity = 3\nanchor = true\nknown-hosts = [\"k\"]\n"
                      "timeout = 1.5\n") ==
          std::vector<std::string>{
              "r.toml:5:8: error: 'port' must be an integer, not a string",
              "r.toml:6:12: error: 'identity' must be a key file or a list of key files, not "
              "an integer",
              "r.toml:7:10: error: 'anchor' must be a string, not a boolean",
              "r.toml:8:15: error: 'known-hosts' must be a string, not an array",
              "r.toml:9:11: error: 'timeout' must be an integer, not a floating-point number"});
    CHECK(first_lines(std::string(kRouter) + "identity = [\"k\", 1]\n") ==
          std::vector<std::string>{"r.toml:5:18: error: 'identity' must be a string, not an "
                                   "integer"});
    CHECK(first_lines("defaults = 1\n" + std::string(kRouter)) ==
          std::vector<std::string>{
              "r.toml:1:12: error: 'defaults' must be a table ([defaults]), not an integer"});
    CHECK(first_lines("[router]\nname = \"a\"\nhost = \"h\"\n") ==
          std::vector<std::string>{
              "r.toml:1:1: error: 'router' must be an array of tables, one [[router]] per "
              "router, not a table"});
  }

  TEST_CASE("inventory errors: values out of range") {
    CHECK(first_lines(std::string(kRouter) + "port = 0\nconnect-timeout = 86401\ntimeout = -1\n") ==
          std::vector<std::string>{
              "r.toml:5:8: error: 'port' must be a port from 1 to 65535, not 0",
              "r.toml:6:19: error: 'connect-timeout' must be seconds from 1 to 86400, not 86401",
              "r.toml:7:11: error: 'timeout' must be seconds from 1 to 86400, not -1"});
    CHECK(first_lines(std::string(kRouter) + "anchor = \"middle\"\n") ==
          std::vector<std::string>{
              "r.toml:5:10: error: 'anchor' must be 'top' (before the router's own rules) or "
              "'bottom' (after them), not 'middle'"});
  }

  TEST_CASE("inventory errors: RouterOS versions") {
    for (const char* good : {"\"6\"", "\"7.16\"", "\"6.49.10\"", "7"})
      CHECK(read_text(std::string(kRouter) + "routeros = " + good + "\n"));
    CHECK(first_lines(std::string(kRouter) + "routeros = 7.16\n") ==
          std::vector<std::string>{
              "r.toml:5:12: error: 'routeros' must be a version in quotes, such as \"7.16\": "
              "unquoted, TOML reads it as a number"});
    for (const char* bad : {"\"8.1\"", "\"7.x\"", "\"7..1\"", "\"7.1.2.3\"", "\"\"", "5"}) {
      std::vector<std::string> lines =
          first_lines(std::string(kRouter) + "routeros = " + bad + "\n");
      REQUIRE(lines.size() == 1);
      CHECK(
          lines[0].starts_with("r.toml:5:12: error: 'routeros' must be a RouterOS version "
                               "such as \"7.16\" or \"6.49.10\" (major 6 or 7), not '"));
    }
  }

  TEST_CASE("inventory errors: an inventory without routers") {
    CHECK(first_lines("[defaults]\nuser = \"x\"\n") ==
          std::vector<std::string>{
              "r.toml:1:1: error: the inventory lists no routers: add a [[router]] table with "
              "'name' and 'host' for each"});
  }

  TEST_CASE("inventory errors: every router's problems are reported, not only the first's") {
    std::vector<std::string> lines = first_lines(
        "[[router]]\nname = \"a\"\nhost = \"h\"\nport = 0\npolicy = \"p\"\n"
        "[[router]]\nname = \"b\"\nhost = \"h\"\nport = 70000\npolicy = \"p\"\n");
    CHECK(lines == std::vector<std::string>{
                       "r.toml:4:8: error: 'port' must be a port from 1 to 65535, not 0",
                       "r.toml:9:8: error: 'port' must be a port from 1 to 65535, not 70000"});
  }

  TEST_CASE("inventory: load_inventory reads a file, and a missing one is an I/O error") {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "rosgen-inventory-test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "rosgen.toml") << kRouter;
    support::DiagnosticEngine diags;
    auto inventory = load_inventory((dir / "rosgen.toml").string(), diags);
    REQUIRE(inventory);
    CHECK(inventory->routers[0].policy == (dir / "p.pol").string());
    CHECK_THROWS_WITH_AS(
        load_inventory((dir / "none.toml").string(), diags),
        ("cannot open '" + (dir / "none.toml").string() + "': No such file or directory").c_str(),
        support::IoError);
    std::filesystem::remove_all(dir);
  }
}
