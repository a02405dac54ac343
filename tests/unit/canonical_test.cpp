// Table tests for routeros/canonical: one table per rule of canonical.hpp, and the
// v6 policy against a RouterOS 6.49 verbose export that printed pcq sizes in KiB.
#include "routeros/canonical.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <random>

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
    REQUIRE(types == 3);  // the throttle's upload and download queues, the rate's queue
    REQUIRE(plain == 1);  // the rate's queue sets pcq-limit, the throttle's do not
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

  TEST_CASE("canonical: numbers never wrap; out of range compares as written") {
    bool out = false;
    CHECK(routeros::canonical_value(Menu::Filter, "address-list-timeout", "4611686018427387934m", 7,
                                    &out) == "4611686018427387934m");
    CHECK(out);

    struct Range {
      Menu menu;
      const char* name;
      const char* value;
      bool out_of_range;
    };

    for (const Range& r : std::vector<Range>{
             {Menu::Filter, "address-list-timeout", "4294967295s", false},
             {Menu::Filter, "address-list-timeout", "4294967296s", true},
             {Menu::Filter, "address-list-timeout", "99999999999999999999h", true},
             {Menu::Filter, "address-list-timeout", "1d4294967295:00:00", true},
             {Menu::AddressList, "timeout", "30500w", true},
             {Menu::AddressList, "timeout", "7101w", false},
             {Menu::QueueTree, "max-limit", "18446744073709551615", false},
             {Menu::QueueTree, "max-limit", "18446744073709551616", true},
             {Menu::QueueTree, "max-limit", "18446744073709552k", true},
             {Menu::QueueTree, "max-limit", "18446744073709551.615k", false},
             {Menu::QueueTree, "max-limit", "18446744073709551.616k", true},
             {Menu::QueueTree, "max-limit", "1.0000000000000000000000000001G", false},
             {Menu::QueueType, "pcq-rate", "18446744074G", true},
             {Menu::QueueType, "pcq-limit", "17592186044415MiB", false},  // 2^64 - 2^20 B
             {Menu::QueueType, "pcq-limit", "17592186044416MiB", true},   // 2^64 B
             {Menu::QueueType, "pcq-limit", "18014398509481984MiB", true},
             {Menu::QueueType, "pcq-limit", "18446744073709551616KiB", true},
             {Menu::QueueType, "pcq-limit", "18446744073709551616B", true},
             {Menu::Filter, "dst-port", "65535", false},
             {Menu::Filter, "dst-port", "65536", true},
             {Menu::Filter, "dst-port", "!0-70000", true},
             {Menu::Filter, "dst-limit", "5/4611686018427387934m,5,src-address/1m", true},
             {Menu::Filter, "dst-limit", "5/1m,5,src-address/4611686018427387934m", true},
             {Menu::Filter, "limit", "5/99999999999999999999s,5", true},
             {Menu::Filter, "connection-limit", "99999999999999999999999,32", true}}) {
      INFO(r.name << "=" << r.value);
      bool flag = false;
      routeros::canonical_value(r.menu, r.name, r.value, 7, &flag);
      CHECK(flag == r.out_of_range);
    }
    check_rows(
        {{Menu::Filter, "address-list-timeout", "4611686018427387934m", "30m", false},
         {Menu::Filter, "address-list-timeout", "4611686018427387964m", "1h", false},
         {Menu::QueueTree, "max-limit", "18446744073709551616", "0", false},
         {Menu::QueueTree, "max-limit", "18446744073709551.615k", "18446744073709551615", true},
         {Menu::QueueTree, "max-limit", "1.0000000000000000000000000001G", "1G", true},
         {Menu::QueueType, "pcq-limit", "18014398509481984MiB", "0KiB", false},
         {Menu::Filter, "dst-port", "65616", "80", false},
         {Menu::Filter, "dst-limit", "5/4611686018427387934m,5,src-address/1m",
          "5/30m,5,src-address/1m", false},
         {Menu::Filter, "limit", "5/18446744073709551617s,5", "5/1s,5", false}});
    CHECK_FALSE(routeros::parse_routeros_time("4611686018427387934m"));
    CHECK_FALSE(routeros::parse_routeros_time("18446744073709551616"));
    CHECK(routeros::parse_routeros_time("18446744073709551615") == 18446744073709551615u);
  }

  TEST_CASE(
      "canonical: every numeric field warns past its width (2^32 - 1, 2^32, 2^64 - 1, 2^64)") {
    struct Range {
      Menu menu;
      const char* name;
      std::string value;
      bool out_of_range;
    };

    const std::string m32 = "4294967295", p32 = "4294967296";  // 2^32 - 1, 2^32
    const std::string m64 = "18446744073709551615", p64 = "18446744073709551616";
    std::vector<Range> rows = {
        // connection-bytes: 64-bit byte counts, "a" or "a-b".
        {Menu::Filter, "connection-bytes", "0-" + m64, false},
        {Menu::Filter, "connection-bytes", "0-" + p64, true},
        {Menu::Mangle, "connection-bytes", "0-18446744073709552640", true},
        {Menu::Mangle, "connection-bytes", p64 + "-1", true},
        // connection-limit: count and mask, 32 bits each.
        {Menu::Filter, "connection-limit", m32 + ",32", false},
        {Menu::Filter, "connection-limit", p32 + ",32", true},
        {Menu::Filter, "connection-limit", "18446744073709551626,32", true},
        {Menu::Filter, "connection-limit", "10,4294967328", true},  // 2^32 + 32
        {Menu::Filter, "connection-limit", "10," + m32, false},
        // limit: count and burst of packets in 32 bits; bits (":bit") in 64.
        {Menu::Filter, "limit", m32 + "/1m,5:packet", false},
        {Menu::Filter, "limit", p32 + "/1m,5:packet", true},
        {Menu::Filter, "limit", "18446744073709551626/1m,5:packet", true},
        {Menu::Filter, "limit", "10/1m," + m32 + ":packet", false},
        {Menu::Filter, "limit", "10/1m," + p32 + ":packet", true},
        {Menu::Filter, "limit", "10/1m," + p32, true},  // packets by default
        {Menu::Filter, "limit", m64 + "/1s," + m64 + ":bit", false},
        {Menu::Filter, "limit", p64 + "/1s,5:bit", true},
        {Menu::Filter, "limit", "10/1s," + p64 + ":bit", true},
        // dst-limit: rate and burst, 32 bits; the expiry is a duration.
        {Menu::Filter, "dst-limit", m32 + "/1m," + m32 + ",src-address/1m", false},
        {Menu::Filter, "dst-limit", p32 + "/1m,5,src-address/1m", true},
        {Menu::Filter, "dst-limit", "5/1m," + p32 + ",src-address/1m", true},
        {Menu::Filter, "dst-limit", "5/1m,18446744073709551626,src-address", true},
        // pcq-limit, pcq-total-limit: sizes whose bytes fit in 64 bits.
        {Menu::QueueType, "pcq-limit", "18014398509481983KiB", false},  // 2^54 - 1 KiB
        {Menu::QueueType, "pcq-limit", "18014398509481984KiB", true},   // 2^64 B
        {Menu::QueueType, "pcq-limit", "18014398509481985KiB", true},
        {Menu::QueueType, "pcq-total-limit", "18014398509481985", true},  // plain: KiB
        {Menu::QueueType, "pcq-limit", m64 + "B", false},
        {Menu::QueueType, "pcq-limit", p64 + "B", true},
        // Fields of 16 and 8 bits, and other counts.
        {Menu::Filter, "packet-size", "0-65535", false},
        {Menu::Filter, "packet-size", "0-65536", true},
        {Menu::Mangle, "new-mss", "65536", true},
        {Menu::Filter, "tcp-mss", "!1-65535", false},
        {Menu::Filter, "ttl", "equal:255", false},
        {Menu::Filter, "ttl", "equal:256", true},
        {Menu::Filter, "nth", m32 + ",1", false},
        {Menu::Filter, "nth", "10," + p32, true},
        {Menu::QueueTree, "priority", p32, true},
        {Menu::QueueType, "pcq-dst-address6-mask", p64, true},
        {Menu::Filter, "connection-rate", "0-" + m64, false},
        {Menu::Filter, "connection-rate", "0-18446744073709552k", true},
    };
    for (const Range& r : rows) {
      INFO(r.name << "=" << r.value);
      bool flag = false;
      std::string canonical = routeros::canonical_value(r.menu, r.name, r.value, 7, &flag);
      CHECK(flag == r.out_of_range);
      CHECK(routeros::value_out_of_range(r.menu, r.name, r.value, 7) == r.out_of_range);
      if (r.out_of_range && r.name != std::string("limit") && r.name != std::string("dst-limit") &&
          r.name != std::string("pcq-limit") && r.name != std::string("pcq-total-limit"))
        CHECK(canonical == r.value);  // compared as written
    }
  }

  TEST_CASE("canonical: out-of-range counts in an export are warnings with their line") {
    support::DiagnosticEngine diags;
    auto file = std::make_shared<const support::SourceFile>(
        "r.rsc",
        "/ip firewall filter\n"
        "add chain=forward connection-bytes=0-18446744073709552640\n"
        "add chain=forward connection-limit=18446744073709551626,32\n"
        "add chain=forward limit=18446744073709551626/1m,5:packet\n"
        "add chain=forward dst-limit=5/1m,4294967296,src-address/1m\n"
        "/queue type\n"
        "add kind=pcq name=q pcq-limit=18014398509481985KiB\n");
    routeros::read_script(file, diags);
    std::string out = support::render_all(diags);
    for (const char* at : {"r.rsc:2:36: warning: the value of 'connection-bytes' is out of range",
                           "r.rsc:3:36: warning: the value of 'connection-limit' is out of range",
                           "r.rsc:4:25: warning: the value of 'limit' is out of range",
                           "r.rsc:5:29: warning: the value of 'dst-limit' is out of range",
                           "r.rsc:7:31: warning: the value of 'pcq-limit' is out of range"}) {
      INFO(at);
      CHECK(out.find(at) != std::string::npos);
    }
  }

  TEST_CASE("canonical: random values near the limits of every unit convert or stay as written") {
    std::mt19937_64 rng(20261127);
    constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();

    struct Unit {
      Menu menu;
      const char* name;
      const char* suffix;
      std::uint64_t scale;
      std::uint64_t limit;  // the largest canonical number
    };

    const std::vector<Unit> units = {
        {Menu::Filter, "address-list-timeout", "s", 1, 0xffffffffu},
        {Menu::Filter, "address-list-timeout", "m", 60, 0xffffffffu},
        {Menu::AddressList, "timeout", "h", 3600, 0xffffffffu},
        {Menu::AddressList, "timeout", "d", 86400, 0xffffffffu},
        {Menu::QueueTree, "burst-time", "w", 604800, 0xffffffffu},
        {Menu::QueueTree, "max-limit", "", 1, kMax},
        {Menu::QueueTree, "max-limit", "k", 1000, kMax},
        {Menu::QueueTree, "limit-at", "M", 1000000, kMax},
        {Menu::QueueType, "pcq-rate", "G", 1000000000, kMax},
        {Menu::QueueType, "pcq-limit", "KiB", 1, kMax / 1024},  // bytes in 64 bits
        {Menu::QueueType, "pcq-total-limit", "MiB", 1024, kMax / 1024},
    };
    for (const Unit& unit : units) {
      // Around the last number that fits, around where 64 bits wrap, and anywhere.
      std::vector<std::uint64_t> centres = {unit.limit / unit.scale, kMax / unit.scale,
                                            kMax / unit.scale / 2};
      for (int i = 0; i < 300; ++i) {
        std::uint64_t centre = centres[static_cast<std::size_t>(i) % centres.size()];
        std::uint64_t n = i % 3 == 2 ? rng() : centre - 50 + rng() % 100;
        std::string value = std::to_string(n) + unit.suffix;
        INFO(unit.name << "=" << value);
        bool out = false;
        std::string canonical = routeros::canonical_value(unit.menu, unit.name, value, 7, &out);
        bool fits = n <= unit.limit / unit.scale;
        CHECK(out == !fits);
        if (!fits) {
          CHECK(canonical == value);  // as written, never wrapped
          std::uint64_t wrapped = 0;  // what a silent wrap would have given
          if (!__builtin_mul_overflow(n, unit.scale, &wrapped))
            continue;  // beyond the canonical range without wrapping: nothing to confuse
          std::string wrapped_text = std::to_string(wrapped) + (unit.limit == kMax ? "" : "s");
          if (std::string(unit.suffix).ends_with("iB"))
            wrapped_text = std::to_string(wrapped) + "KiB";
          CHECK(canonical != routeros::canonical_value(unit.menu, unit.name, wrapped_text, 7));
        } else if (std::string(unit.suffix).ends_with("iB")) {
          CHECK(canonical == std::to_string(n * unit.scale) + "KiB");
        } else if (unit.limit == kMax) {
          CHECK(canonical == std::to_string(n * unit.scale));
        } else {
          CHECK(routeros::parse_routeros_time(value) == n * unit.scale);
          CHECK(canonical ==
                routeros::canonical_value(unit.menu, unit.name, std::to_string(n * unit.scale), 7));
        }
      }
    }
    // Ports: 0-65535 convert, anything above stays as written.
    for (int i = 0; i < 300; ++i) {
      std::uint64_t n = i % 2 ? 65486 + rng() % 100 : rng();
      bool out = false;
      std::string value = std::to_string(n);
      std::string canonical = routeros::canonical_value(Menu::Filter, "dst-port", value, 7, &out);
      CHECK(out == (n > 65535));
      CHECK(canonical == value);
    }
  }

  TEST_CASE("canonical: a wrapping timeout in the export is not in sync with the policy's 30m") {
    auto ruleset = test::lower_text(
        "policy p { routeros 7; clients 10.0.0.0/24 via bridge; uplink ether1; }\n"
        "cap b new connections 6 per host -> quarantine 30m\n");
    REQUIRE(ruleset);
    std::string text = emit::write_export(routeros::import_ruleset(*ruleset));
    REQUIRE(text.find("address-list-timeout=30m") != std::string::npos);
    auto in_sync = [&](const std::string& export_text) {
      support::DiagnosticEngine diags;
      auto file = std::make_shared<const support::SourceFile>("r.rsc", export_text);
      auto read = routeros::read_script(file, diags);
      return std::pair(diff::make_plan(*ruleset, read.state, 7).in_sync(),
                       support::render_all(diags));
    };
    CHECK(in_sync(text).first);
    std::string wrapped = text;
    wrapped.replace(wrapped.find("address-list-timeout=30m"), 24,
                    "address-list-timeout=4611686018427387934m");
    auto [sync, diagnostics] = in_sync(wrapped);
    CHECK_FALSE(sync);
    CHECK(diagnostics.find("warning: the value of 'address-list-timeout' is out of range") !=
          std::string::npos);
  }
}
