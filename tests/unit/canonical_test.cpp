// Table tests for routeros/canonical: one table per rule of canonical.hpp, and the
// v6 policy against a RouterOS 6.49 verbose export that printed pcq sizes in KiB.
#include "routeros/canonical.hpp"

#include <doctest/doctest.h>

#include "diff/plan.hpp"
#include "emit/rsc_writer.hpp"
#include "routeros/script_reader.hpp"
#include "test_util.hpp"

using namespace rosgen;
using ir::Menu;

namespace {

struct Row {
  Menu menu;
  const char* name;
  const char* a;
  const char* b;
  bool equal;
};

void check_rows(const std::vector<Row>& rows, int major = 7) {
  for (const Row& row : rows) {
    INFO(row.name << ": '" << row.a << "' vs '" << row.b << "'");
    CHECK((routeros::canonical_value(row.menu, row.name, row.a, major) ==
           routeros::canonical_value(row.menu, row.name, row.b, major)) == row.equal);
  }
}

}  // namespace

TEST_SUITE("canonical") {
  TEST_CASE("canonical: bandwidth units") {
    check_rows({{Menu::QueueTree, "max-limit", "25M", "25000000", true},
                {Menu::QueueTree, "max-limit", "9500k", "9500000", true},
                {Menu::QueueTree, "limit-at", "1.5M", "1500k", true},
                {Menu::QueueType, "pcq-rate", "32k", "32000", true},
                {Menu::QueueTree, "max-limit", "25M", "25k", false}});
  }

  TEST_CASE("canonical: sizes are KiB on v6 and v7") {
    for (int major : {6, 7}) {
      INFO("RouterOS " << major);
      check_rows({{Menu::QueueType, "pcq-limit", "50", "50KiB", true},
                  {Menu::QueueType, "pcq-total-limit", "2000", "2000KiB", true},
                  {Menu::QueueType, "pcq-total-limit", "1MiB", "1024KiB", true},
                  {Menu::QueueType, "pcq-limit", "1024B", "1KiB", true},
                  {Menu::QueueType, "pcq-limit", "5", "5KiB", true},  // a v6 policy vs 6.49
                  {Menu::QueueType, "pcq-limit", "50", "51KiB", false},
                  {Menu::QueueType, "pcq-limit", "1000B", "1KiB", false}},
                 major);
    }
    CHECK(routeros::canonical_value(Menu::QueueType, "pcq-limit", "51200B", 6) == "50KiB");
  }

  TEST_CASE("canonical: pcq-limit 50 and pcq-total-limit 2000 are defaults in either form") {
    for (int major : {6, 7}) {
      for (const char* limit : {"50", "50KiB", "51200B"}) {
        INFO("RouterOS " << major << ", pcq-limit=" << limit);
        CHECK(routeros::is_default_value(
            Menu::QueueType, "pcq-limit",
            routeros::canonical_value(Menu::QueueType, "pcq-limit", limit, major), major));
      }
      for (const char* total : {"2000", "2000KiB"}) {
        INFO("RouterOS " << major << ", pcq-total-limit=" << total);
        CHECK(routeros::is_default_value(
            Menu::QueueType, "pcq-total-limit",
            routeros::canonical_value(Menu::QueueType, "pcq-total-limit", total, major), major));
      }
      CHECK_FALSE(routeros::is_default_value(Menu::QueueType, "pcq-limit", "51KiB", major));
    }
  }

  TEST_CASE("canonical: durations") {
    check_rows({{Menu::Filter, "address-list-timeout", "1d", "24h", true},
                {Menu::Filter, "address-list-timeout", "1d", "1d00:00:00", true},
                {Menu::Filter, "address-list-timeout", "00:30:00", "30m", true},
                {Menu::AddressList, "timeout", "1w1d", "8d", true},
                {Menu::Filter, "address-list-timeout", "90s", "1m30s", true},
                {Menu::Filter, "address-list-timeout", "none-dynamic", "none-dynamic", true},
                {Menu::Filter, "address-list-timeout", "1d", "1h", false}});
    CHECK(routeros::parse_routeros_time("1d02:03:04") == 93784u);
    CHECK_FALSE(routeros::parse_routeros_time("soon"));
  }

  TEST_CASE("canonical: booleans") {
    check_rows({{Menu::Filter, "disabled", "yes", "true", true},
                {Menu::Mangle, "passthrough", "no", "false", true},
                {Menu::Filter, "log", "yes", "no", false}});
  }

  TEST_CASE("canonical: port lists") {
    check_rows({{Menu::Filter, "dst-port", "443,80,81-82", "80-82,443", true},
                {Menu::Filter, "dst-port", "80,80", "80", true},
                {Menu::Filter, "dst-port", "1-5,3-9", "1-9", true},
                {Menu::Filter, "dst-port", "!25,587", "!587,25", true},
                {Menu::Filter, "dst-port", "80", "81", false}});
  }

  TEST_CASE("canonical: unordered lists, addresses, negation") {
    check_rows(
        {{Menu::Filter, "connection-state", "related,established", "established,related", true},
         {Menu::Filter, "tcp-flags", "syn,!ack", "!ack,syn", true},
         {Menu::AddressList, "address", "10.0.0.1/32", "10.0.0.1", true},
         {Menu::Mangle, "connection-mark", "! heavy", "!heavy", true},
         {Menu::Mangle, "connection-mark", "heavy", "!heavy", false},
         {Menu::Filter, "comment", "a", "A", false}});
  }

  TEST_CASE("canonical: dst-limit and limit forms") {
    check_rows(
        {{Menu::Filter, "dst-limit", "5/1m,5,src-address/1m", "5/60s,5,src-address/00:01:00", true},
         {Menu::Filter, "dst-limit", "20/1s,20,src-address/1m", "20,20,src-address/1m", true},
         {Menu::Filter, "dst-limit", "5/1m,5,src-address/1m", "5/1m,6,src-address/1m", false},
         {Menu::Filter, "limit", "5,10", "5,10:packet", true},
         {Menu::Filter, "limit", "5,10:bit", "5,10:packet", false}});
  }

  TEST_CASE("canonical: defaults equal absence, per menu and version") {
    ir::Item with;
    with.menu = Menu::Mangle;
    with.set("action", "mark-packet");
    with.set("disabled", "no");
    with.set("log", "no");
    with.set("log-prefix", "");
    with.set("passthrough", "yes");  // what exports before 7.19 print when it was given
    ir::Item without;
    without.menu = Menu::Mangle;
    without.set("action", "mark-packet");
    CHECK(routeros::canonical_item(with, 7) == routeros::canonical_item(without, 7));
    CHECK(routeros::canonical_item(with, 6) == routeros::canonical_item(without, 6));
    with.set("passthrough", "no");
    CHECK(routeros::canonical_item(with, 7) != routeros::canonical_item(without, 7));

    ir::Item tree;
    tree.menu = Menu::QueueTree;
    tree.set("name", "q");
    ir::Item tree_defaults = tree;
    tree_defaults.set("priority", "8");
    tree_defaults.set("queue", "default-small");
    tree_defaults.set("max-limit", "0");
    tree_defaults.set("burst-time", "00:00:00");
    CHECK(routeros::canonical_item(tree, 7) == routeros::canonical_item(tree_defaults, 7));

    ir::Item pcq;
    pcq.menu = Menu::QueueType;
    pcq.set("kind", "pcq");
    ir::Item pcq_defaults = pcq;
    pcq_defaults.set("pcq-limit", "50KiB");
    pcq_defaults.set("pcq-total-limit", "2000KiB");
    CHECK(routeros::canonical_item(pcq, 7) == routeros::canonical_item(pcq_defaults, 7));
    CHECK(routeros::canonical_item(pcq, 6) == routeros::canonical_item(pcq_defaults, 6));
    pcq_defaults.set("pcq-limit", "50");
    pcq_defaults.set("pcq-total-limit", "2000");
    CHECK(routeros::canonical_item(pcq, 6) == routeros::canonical_item(pcq_defaults, 6));
    CHECK(routeros::canonical_item(pcq, 7) == routeros::canonical_item(pcq_defaults, 7));
  }

  TEST_CASE("canonical: a v6 throttle policy is in sync with a 6.49.2 verbose export of it") {
    // RouterOS 6.49.2 'export verbose' prints every PCQ default with its unit
    // (../shared/data/rsc/tim0n3_mikrotik-lte_v6.49.2.rsc lines 62-65); rosgen's v6 script
    // writes pcq-limit in KiB or not at all.
    auto ruleset = test::lower_text(
        "policy p { routeros 6; clients 10.0.0.0/24 via bridge; uplink ether1; }\n"
        "cap a new connections 60 per host -> throttle 2M\n"
        "rate r syn 5/min burst 5 per host to tcp 25 using queue\n");
    REQUIRE(ruleset);
    routeros::RouterState router = routeros::import_ruleset(*ruleset);
    std::size_t types = 0, plain = 0;
    for (ir::Item& type : router.items(Menu::QueueType)) {
      ++types;
      const std::string* limit = type.get("pcq-limit");
      plain += limit != nullptr ? 1 : 0;
      std::string printed = limit == nullptr          ? "50KiB"
                            : limit->ends_with("KiB") ? *limit
                                                      : *limit + "KiB";
      type.set("pcq-limit", printed);
      type.set("pcq-total-limit", "2000KiB");
      type.set("pcq-burst-rate", "0");
      type.set("pcq-burst-time", "10s");
      type.set("pcq-dst-address6-mask", "128");
    }
    REQUIRE(types == 2);
    REQUIRE(plain == 1);  // the rate's queue sets pcq-limit, the throttle's does not
    support::DiagnosticEngine diags;
    auto file = std::make_shared<const support::SourceFile>(
        "verbose.rsc", "# feb/02/2022 11:07:43 by RouterOS 6.49.2\n#\n# model = RBLHGR\n" +
                           emit::write_export(router));
    routeros::ReadResult running = routeros::read_script(file, diags);
    CHECK(support::render_all(diags) == "");
    REQUIRE(running.routeros_major() == 6);
    diff::Plan plan = diff::make_plan(*ruleset, running.state, *running.routeros_major());
    CHECK(diff::render_human(plan, {"verbose.rsc", {}, {}, false}).find("pcq-limit") ==
          std::string::npos);
    CHECK(plan.in_sync());
  }
}
