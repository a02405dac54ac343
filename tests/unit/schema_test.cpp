// Every item rosgen generates (examples, library, and a policy using every feature) is
// valid for RouterOS v7: known property names for its menu, allowed actions, chains
// and enum values, per the v7.22.3 command schema in ../shared/data/schema.
#include "schema.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "test_util.hpp"

using namespace rosgen;
namespace fs = std::filesystem;

namespace {

const char* kEveryFeature =
    "policy all { routeros 7; clients 10.0.0.0/24, 10.0.1.0/24 via list LAN; uplink list WAN;\n"
    "             hook forward, input; variant-budget 128; }\n"
    "set mail = tcp 25, 465, 587\n"
    "set dns = udp 53\n"
    "set admins = 10.0.0.2, 10.0.0.3\n"
    "cap c1 new connections 10 per host -> reject\n"
    "cap c2 new connections 10 per /24 to dns -> reject, log \"c2\"\n"
    "cap c3 new connections 5 per host except admins to tcp 22 -> tarpit\n"
    "cap c4 new connections 5 per host to mail -> quarantine 1d\n"
    "cap c5 new connections 50 per host from admins -> throttle 2M, log \"c5\"\n"
    "cap c6 new connections 50 per host -> log \"only-log\"\n"
    "cap c7 new connections 80 per host to tcp -> tarpit\n"
    "rate r1 syn 5/min burst 5 per host to mail using queue\n"
    "rate r2 syn 10/s per host to tcp 80, 443 -> quarantine 10m, log \"r2\"\n"
    "rate r3 syn 100/hour burst 3 per host except admins to tcp 22\n"
    "signature s1 to tcp 80 within first 2KiB { in one packet: nocase \"CONNECT \", \"HTTP/1.\" } "
    "-> reject\n"
    "signature s2 to mail { in sequence: nocase \"HELO\", nocase \"RCPT TO:\", \"DATA\" } -> "
    "tarpit, log \"s2\"\n"
    "signature s3 to dns { in one packet: 0x0000ff } -> throttle 64k\n";

std::vector<ir::Ruleset> everything() {
  std::vector<ir::Ruleset> out;
  for (const char* dir : {"examples", "policies"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(test::source_dir()) / dir)) {
      if (entry.path().extension() != ".pol")
        continue;
      support::DiagnosticEngine diags;
      auto loaded =
          sema::load_policy(entry.path().string(), {{}, test::source_dir() + "/policies"}, diags);
      auto policy = sema::check(loaded, {std::nullopt, "p"}, diags);
      REQUIRE_MESSAGE(policy, support::render_all(diags));
      out.push_back(lower::lower(lower::order(*policy)));
    }
  }
  auto every = test::lower_text(kEveryFeature);
  REQUIRE(every);
  out.push_back(*every);
  return out;
}

}  // namespace

TEST_SUITE("schema") {
  TEST_CASE("schema: the schema file loads with the menus rosgen writes") {
    auto schema =
        test::Schema::load(test::shared_data_dir() + "/schema/ros-7.22.3-deep-inspect-attrs.txt");
    REQUIRE(schema.add_args.count("/ip/firewall/filter") == 1);
    CHECK(schema.add_args["/ip/firewall/filter"]["action"].values.count("tarpit") == 1);
    CHECK(schema.add_args["/ip/firewall/mangle"]["action"].values.count("tarpit") == 0);
    CHECK(schema.add_args["/ip/firewall/filter"]["tcp-flags"].negatable);
    // The validator rejects what RouterOS would reject.
    ir::Item bad;
    bad.menu = ir::Menu::Mangle;
    bad.set("action", "tarpit");
    bad.set("chain", "fwd");
    bad.set("passthroug", "yes");
    bad.set("connection-state", "new,!bogus");
    CHECK(schema.validate(bad).size() == 4);
  }

  TEST_CASE("schema: every generated item is valid RouterOS v7") {
    auto schema =
        test::Schema::load(test::shared_data_dir() + "/schema/ros-7.22.3-deep-inspect-attrs.txt");
    std::size_t checked = 0;
    std::set<std::string> actions;
    for (const ir::Ruleset& ruleset : everything()) {
      for (const auto* list : {&ruleset.items, &ruleset.anchors, &ruleset.guards}) {
        for (const ir::Item& item : *list) {
          auto problems = schema.validate(item);
          ir::Ruleset one;
          one.items = {item};
          INFO(ir::dump(one));
          CHECK(problems.empty());
          for (const auto& p : problems) MESSAGE(p);
          if (const std::string* a = item.get("action"))
            actions.insert(*a);
          ++checked;
        }
      }
    }
    CHECK(checked > 500);
    // The feature policy reaches every action rosgen can emit.
    for (const char* a : {"jump", "return", "drop", "reject", "tarpit", "log", "mark-packet",
                          "mark-connection", "add-src-to-address-list"}) {
      CHECK_MESSAGE(actions.count(a) == 1, a);
    }
  }
}
