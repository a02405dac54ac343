// Tests for src/fleet/shard, run and report: shards disjoint, covering and stable when a
// router is added (over many names); the runner's results independent of --parallel, a
// canary that stops the run, jobs that throw; result lines, summaries and JSON.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <thread>

#include "fleet/report.hpp"
#include "fleet/run.hpp"
#include "fleet/shard.hpp"
#include "transport/session.hpp"

using namespace rosgen;
using namespace rosgen::fleet;

namespace {

std::vector<Router> routers_named(std::size_t n, const std::string& prefix = "cafe-") {
  std::vector<Router> out;
  for (std::size_t i = 0; i < n; ++i) {
    Router r;
    r.name = prefix + std::to_string(i);
    r.ssh.host = "10.0." + std::to_string(i / 250) + "." + std::to_string(i % 250 + 1);
    r.policy = "cafe.pol";
    out.push_back(std::move(r));
  }
  return out;
}

// A job whose result depends on the name only, and that finishes in an order unrelated to
// the inventory's (a short sleep by name).
RouterResult by_name(const Router& router) {
  std::size_t n = std::stoul(router.name.substr(router.name.find('-') + 1));
  std::this_thread::sleep_for(std::chrono::microseconds((n * 7919) % 3000));
  RouterResult r;
  switch (n % 4) {
    case 0:
      r.status = Status::InSync;
      r.changes = Changes{};
      break;
    case 1:
      r.status = Status::Differs;
      r.changes = {n % 3, 1, 0, n % 2};
      break;
    case 2:
      r.status = Status::Unreachable;
      r.message = "ssh " + router.ssh.host + ":22: connection refused";
      break;
    default:
      r.status = Status::Failed;
      r.message = "host key unknown";
      r.warnings = {"a warning"};
  }
  return r;
}

}  // namespace

TEST_SUITE("fleet") {
  TEST_CASE("shard: I/N parsed, with a reason for each wrong form") {
    std::string why;
    CHECK(parse_shard("1/1", &why) == Shard{1, 1});
    CHECK(parse_shard("3/8", &why) == Shard{3, 8});
    for (auto [text, reason] : std::vector<std::pair<const char*, const char*>>{
             {"0/4", "the shard 0/4 does not exist: I must be from 1 to 4"},
             {"5/4", "the shard 5/4 does not exist: I must be from 1 to 4"},
             {"1/0", "the number of shards must be from 1 to 100000, not 0"},
             {"1/100001", "the number of shards must be from 1 to 100000, not 100001"},
             {"2", "must be I/N, this runner's share I of N shares, such as 1/4, not '2'"},
             {"a/4", "must be I/N, this runner's share I of N shares, such as 1/4, not 'a/4'"},
             {"1/-4", "must be I/N, this runner's share I of N shares, such as 1/4, not '1/-4'"},
             {"", "must be I/N, this runner's share I of N shares, such as 1/4, not ''"}}) {
      CAPTURE(text);
      CHECK(!parse_shard(text, &why));
      CHECK(why == reason);
    }
  }

  TEST_CASE("shard: N shards are disjoint and cover the inventory, for many sizes") {
    std::vector<Router> routers = routers_named(2000);
    for (std::size_t count : {1u, 2u, 3u, 7u, 16u, 64u}) {
      CAPTURE(count);
      std::multiset<std::string> seen;
      std::size_t smallest = routers.size(), largest = 0;
      for (std::size_t index = 1; index <= count; ++index) {
        std::vector<Router> share = select_shard(routers, {index, count});
        smallest = std::min(smallest, share.size());
        largest = std::max(largest, share.size());
        for (const Router& r : share) {
          CHECK(shard_of(r.name, count) == index);
          seen.insert(r.name);
        }
        // Inventory order is kept inside a shard.
        for (std::size_t i = 1; i < share.size(); ++i)
          CHECK(std::stoul(share[i - 1].name.substr(5)) < std::stoul(share[i].name.substr(5)));
      }
      CHECK(seen.size() == routers.size());                            // covering
      for (const Router& r : routers) CHECK(seen.count(r.name) == 1);  // disjoint
      // A hash spreads names evenly: no shard is far from its fair share.
      double fair = static_cast<double>(routers.size()) / static_cast<double>(count);
      CHECK(static_cast<double>(largest) < fair * 1.35 + 5);
      CHECK(static_cast<double>(smallest) > fair * 0.65 - 5);
    }
  }

  TEST_CASE("shard: adding or removing a router moves no other between shards") {
    std::vector<Router> routers = routers_named(500);
    for (std::size_t count : {2u, 5u, 12u}) {
      std::vector<std::vector<std::string>> before(count + 1);
      for (std::size_t i = 1; i <= count; ++i)
        for (const Router& r : select_shard(routers, {i, count})) before[i].push_back(r.name);
      std::vector<Router> more = routers;
      more.insert(more.begin() + 100, routers_named(30, "new-")[0]);
      for (const Router& r : routers_named(30, "new-")) more.push_back(r);
      std::vector<Router> fewer(routers.begin() + 1, routers.end());
      for (const std::vector<Router>* changed : {&more, &fewer}) {
        for (std::size_t i = 1; i <= count; ++i) {
          std::set<std::string> after;
          for (const Router& r : select_shard(*changed, {i, count})) after.insert(r.name);
          for (const std::string& name : before[i]) {
            if (name != routers[0].name || changed == &more)
              CHECK(after.count(name) == 1);
          }
          for (const std::string& name : after)
            CHECK((name.starts_with("new-") ||
                   std::find(before[i].begin(), before[i].end(), name) != before[i].end()));
        }
      }
    }
    // And the partition is a function of the name alone: the same on every runner.
    CHECK(shard_of("cafe-01", 8) == shard_of(std::string("cafe-") + "01", 8));
  }

  TEST_CASE("run: --parallel N gives the same report as one at a time") {
    std::vector<Router> routers = routers_named(40);
    Report sequential = run(routers, by_name, {1, 0});
    for (std::size_t parallel : {2u, 5u, 16u, 64u}) {
      CAPTURE(parallel);
      std::atomic<int> inside{0};
      std::atomic<bool> overlapped{false};
      std::vector<std::size_t> order;
      Progress progress = [&](std::size_t index, const RouterResult& result) {
        if (inside.fetch_add(1) != 0)
          overlapped = true;
        CHECK(result == sequential.results[index]);
        order.push_back(index);
        std::this_thread::sleep_for(std::chrono::microseconds(50));
        inside.fetch_sub(1);
      };
      Report report = run(routers, by_name, {parallel, 0}, progress);
      CHECK(report.results == sequential.results);
      CHECK(!overlapped);  // progress is never called by two threads at once
      CHECK(std::set<std::size_t>(order.begin(), order.end()).size() == routers.size());
      RunContext context{"diff", "rosgen.toml", 40, std::nullopt};
      CHECK(summary_text(routers, report, context) == summary_text(routers, sequential, context));
      CHECK(render_json(routers, report, context) == render_json(routers, sequential, context));
    }
    CHECK(sequential.exit_code() == 1);
  }

  TEST_CASE("run: jobs that throw fail alone; a transport connect error is 'unreachable'") {
    std::vector<Router> routers = routers_named(6);
    std::atomic<int> calls{0};
    Job job = [&](const Router& router) -> RouterResult {
      ++calls;
      if (router.name == "cafe-1")
        throw std::runtime_error("boom");
      if (router.name == "cafe-2")
        throw transport::Error(transport::ErrorKind::Connect,
                               "ssh 10.0.0.3:22: cannot connect: Connection refused");
      if (router.name == "cafe-3")
        throw transport::Error(transport::ErrorKind::HostKeyUnknown, "host key unknown");
      if (router.name == "cafe-4")
        throw 42;
      return {Status::InSync, "", {}, {}, {}};
    };
    for (std::size_t parallel : {1u, 4u}) {
      calls = 0;
      Report report = run(routers, job, {parallel, 0});
      CHECK(calls == 6);
      CHECK(report.results[0].status == Status::InSync);
      CHECK(report.results[1] == RouterResult{Status::Failed, "boom", {}, {}, {}});
      CHECK(report.results[2] == RouterResult{Status::Unreachable,
                                              "ssh 10.0.0.3:22: cannot connect: Connection refused",
                                              {},
                                              {},
                                              {}});
      CHECK(report.results[3] == RouterResult{Status::Failed, "host key unknown", {}, {}, {}});
      CHECK(report.results[4].status == Status::Failed);
      CHECK(report.results[4].message ==
            "the job failed with an exception that is not a std::exception");
      CHECK(report.results[5].status == Status::InSync);
      CHECK(report.exit_code() == 1);
    }
  }

  TEST_CASE("run: a failing canary stops the run; the rest are skipped and never run") {
    std::vector<Router> routers = routers_named(10);
    for (std::size_t parallel : {1u, 3u}) {
      std::atomic<int> calls{0};
      Job job = [&](const Router& router) -> RouterResult {
        ++calls;
        if (router.name == "cafe-1")
          return {Status::Failed, "verification failed", {}, {}, {}};
        return {Status::Applied, "", Changes{2, 0, 0, 1}, {}, {}};
      };
      Report report = run(routers, job, {parallel, 3});
      CHECK(calls == 3);
      CHECK(report.canaries == 3);
      CHECK(report.canary_stopped);
      CHECK(report.count(Status::Skipped) == 7);
      for (std::size_t i = 3; i < 10; ++i)
        CHECK(report.results[i] ==
              RouterResult{Status::Skipped, "not run: canary 'cafe-1' failed", {}, {}, {}});
      CHECK(report.exit_code() == 1);
      RunContext context{"push", "rosgen.toml", 10, std::nullopt};
      CHECK(summary_text(routers, report, context) ==
            "push --all: 10 routers (10 in rosgen.toml): 2 applied, 1 failed, 7 skipped\n"
            "failed: cafe-1\n"
            "stopped after 3 canaries: 7 routers not run\n");
    }
  }

  TEST_CASE("run: canaries that pass let the rest run; differences do not stop it") {
    std::vector<Router> routers = routers_named(5);
    Job job = [](const Router& router) -> RouterResult {
      return {router.name == "cafe-0" ? Status::Differs : Status::InSync,
              "",
              Changes{1, 0, 0, 0},
              {},
              {}};
    };
    Report report = run(routers, job, {2, 2});
    CHECK(!report.canary_stopped);
    CHECK(report.canaries == 2);
    CHECK(report.count(Status::Differs) == 1);
    CHECK(report.count(Status::InSync) == 4);
    CHECK(report.exit_code() == 2);
    // More canaries than routers: all of them are canaries.
    CHECK(run(routers, job, {1, 50}).canaries == 5);
    // Every router in sync: exit 0; no router at all: exit 0 too.
    Job in_sync = [](const Router&) { return RouterResult{Status::InSync, "", {}, {}, {}}; };
    CHECK(run(routers, in_sync, {3, 0}).exit_code() == 0);
    CHECK(run({}, in_sync, {3, 1}).exit_code() == 0);
  }

  TEST_CASE("run: a push --dry-run that found changes exits 2, as a single push --dry-run") {
    std::vector<Router> routers = routers_named(3);
    Job dry_run = [](const Router& router) -> RouterResult {
      if (router.name == "cafe-1")
        return {Status::DryRun, "", Changes{4, 0, 0, 1}, {}, {}};
      return {Status::InSync, "", {}, {}, {}};
    };
    Report report = run(routers, dry_run, {2, 0});
    CHECK(report.count(Status::DryRun) == 1);
    CHECK(report.exit_code() == 2);
    RunContext context{"push", "rosgen.toml", 3, std::nullopt};
    CHECK(summary_text(routers, report, context) ==
          "push --all: 3 routers (3 in rosgen.toml): 2 in sync, 1 dry run\n"
          "dry run: cafe-1\n");
  }

  TEST_CASE("run: a failing progress writer does not abandon routers; it is rethrown after") {
    std::vector<Router> routers = routers_named(8);
    std::atomic<int> calls{0};
    Job job = [&](const Router&) {
      ++calls;
      return RouterResult{Status::Applied, "", {}, {}, {}};
    };
    int lines = 0;
    Progress progress = [&](std::size_t, const RouterResult&) {
      if (++lines == 2)
        throw std::runtime_error("cannot write to standard output: No space left on device");
    };
    CHECK_THROWS_WITH(run(routers, job, {3, 0}, progress),
                      "cannot write to standard output: No space left on device");
    CHECK(calls == 8);
    CHECK(lines == 2);  // not called again after it failed
  }

  TEST_CASE("report: result lines, aligned, with changes, messages, warnings and details") {
    std::vector<Router> routers = routers_named(12);
    std::size_t width = name_width(routers);
    CHECK(width == 7);
    CHECK(result_line(routers[0], {Status::InSync, "", {}, {}, {}}, width) == "cafe-0   in sync\n");
    CHECK(result_line(routers[11], {Status::Differs, "", Changes{2, 1, 0, 3}, {}, {}}, width) ==
          "cafe-11  differs: add 2, change 1, remove 3\n");
    CHECK(result_line(routers[1], {Status::Unreachable, "ssh x:22: refused\x1b[2J", {}, {}, {}},
                      width) == "cafe-1   unreachable: ssh x:22: refused\\1B[2J\n");
    CHECK(result_line(routers[2], {Status::InSync, "", {}, {"RouterOS 6 export"}, {}}, width) ==
          "cafe-2   in sync\n    warning: RouterOS 6 export\n");
    // A dry run shows its counts, then a notice; a failure only its reason.
    CHECK(result_line(routers[3], {Status::DryRun, "", Changes{12, 1, 0, 0}, {}, {}}, width) ==
          "cafe-3   dry run: add 12, change 1\n");
    CHECK(result_line(routers[4],
                      {Status::DryRun, "Another push is pending.", Changes{2, 0, 0, 0}, {}, {}},
                      width) == "cafe-4   dry run: add 2; Another push is pending.\n");
    CHECK(result_line(routers[5], {Status::InSync, "Another push is pending.", {}, {}, {}},
                      width) == "cafe-5   in sync: Another push is pending.\n");
    CHECK(result_line(routers[6],
                      {Status::RolledBack, "the apply failed", Changes{2, 0, 0, 0}, {}, {}},
                      width) == "cafe-6   rolled back: the apply failed\n");
    // RouterOS's errors under the line, each of their lines indented (escaped too).
    CHECK(result_line(routers[7],
                      {Status::RolledBack,
                       "the apply failed (below)",
                       Changes{1, 0, 0, 0},
                       {"w"},
                       {"patch: failure: refused\n    patch line 3: /ip firewall filter add x",
                        "rollback: bad\x1b[2J"}},
                      width) ==
          "cafe-7   rolled back: the apply failed (below)\n"
          "    warning: w\n"
          "    patch: failure: refused\n"
          "        patch line 3: /ip firewall filter add x\n"
          "    rollback: bad\\1B[2J\n");
  }

  TEST_CASE("report: the summary names the shard and who needs attention, in inventory order") {
    std::vector<Router> routers = routers_named(8);
    Report report = run(routers, by_name, {4, 0});
    RunContext context{"diff", "fleet/rosgen.toml", 30, Shard{2, 4}};
    CHECK(summary_text(routers, report, context) ==
          "diff --all: 8 routers (shard 2/4 of 30 in fleet/rosgen.toml): 2 in sync, 2 differs, "
          "2 failed, 2 unreachable\n"
          "differs: cafe-1 cafe-5\n"
          "failed: cafe-3 cafe-7\n"
          "unreachable: cafe-2 cafe-6\n");
    CHECK(summary_text({}, run({}, by_name, {}), context) ==
          "diff --all: 0 routers (shard 2/4 of 30 in fleet/rosgen.toml): nothing to do\n");
  }

  TEST_CASE("report: JSON schema rosgen-fleet/1") {
    std::vector<Router> routers = routers_named(4);
    Report report = run(routers, by_name, {1, 2});
    RunContext context{"diff", "rosgen.toml", 9, Shard{1, 2}};
    std::string text = render_json(routers, report, context);
    nlohmann::ordered_json doc = nlohmann::ordered_json::parse(text);
    std::vector<std::string> keys;
    for (const auto& [key, value] : doc.items()) keys.push_back(key);
    CHECK(keys == std::vector<std::string>{"schema", "command", "inventory", "inventory_routers",
                                           "shard", "canary", "routers", "summary", "exit_code"});
    CHECK(doc["schema"] == "rosgen-fleet/1");
    CHECK(doc["shard"].dump() == R"({"index":1,"count":2})");
    CHECK(doc["canary"].dump() == R"({"routers":2,"stopped":false})");
    CHECK(doc["routers"].size() == 4);
    CHECK(doc["routers"][1].dump() ==
          R"({"name":"cafe-1","host":"10.0.0.2","port":22,"policy":"cafe.pol",)"
          R"("status":"differs","message":"","changes":{"add":1,"change":1,"move":0,)"
          R"("remove":1},"warnings":[],"details":[]})");
    CHECK(doc["routers"][2]["status"] == "unreachable");
    // Not read, so no plan: the changes are unknown (null), not zero; an in-sync router's
    // are zeros.
    CHECK(doc["routers"][2]["changes"].is_null());
    CHECK(doc["routers"][0]["changes"].dump() == R"({"add":0,"change":0,"move":0,"remove":0})");
    CHECK(doc["routers"][3]["warnings"] == nlohmann::json::array({"a warning"}));
    CHECK(doc["summary"].dump() ==
          R"({"routers":4,"in_sync":1,"differs":1,"applied":0,"dry_run":0,"refused":0,)"
          R"("rolled_back":0,"mixed":0,"failed":1,"unreachable":1,"interrupted":0,"skipped":0})");
    CHECK(doc["exit_code"] == 1);
    // One router per line, so that CI logs and diffs read well.
    CHECK(std::count(text.begin(), text.end(), '\n') == 4 + 6);
  }
  TEST_CASE("run: each push outcome has its own status; all but the good ones are failures") {
    std::vector<std::pair<Status, std::string>> expected = {{Status::InSync, "in sync"},
                                                            {Status::Differs, "differs"},
                                                            {Status::Applied, "applied"},
                                                            {Status::DryRun, "dry run"},
                                                            {Status::Refused, "refused"},
                                                            {Status::RolledBack, "rolled back"},
                                                            {Status::Mixed, "mixed"},
                                                            {Status::Failed, "failed"},
                                                            {Status::Unreachable, "unreachable"},
                                                            {Status::Interrupted, "interrupted"},
                                                            {Status::Skipped, "skipped"}};
    REQUIRE(std::size(kStatuses) == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      CAPTURE(expected[i].second);
      CHECK(kStatuses[i] == expected[i].first);
      CHECK(status_text(kStatuses[i]) == expected[i].second);
      std::string key = expected[i].second;
      std::replace(key.begin(), key.end(), ' ', '_');
      CHECK(status_key(kStatuses[i]) == key);
      bool good = kStatuses[i] == Status::InSync || kStatuses[i] == Status::Differs ||
                  kStatuses[i] == Status::Applied || kStatuses[i] == Status::DryRun ||
                  kStatuses[i] == Status::Skipped;
      CHECK(is_failure(kStatuses[i]) == !good);
    }
    // A mixed router is named on its own summary line, and the run exits 1.
    std::vector<Router> routers = routers_named(3);
    Job job = [](const Router& router) -> RouterResult {
      if (router.name == "cafe-1")
        return {Status::Mixed, "part old, part new", Changes{3, 0, 0, 0}, {}, {}};
      if (router.name == "cafe-2")
        return {Status::Refused, "another push is pending", Changes{1, 0, 0, 0}, {}, {}};
      return {Status::Applied, "", Changes{1, 0, 0, 0}, {}, {}};
    };
    Report report = run(routers, job, {2, 0});
    CHECK(report.exit_code() == 1);
    RunContext context{"push", "rosgen.toml", 3, std::nullopt};
    CHECK(summary_text(routers, report, context) ==
          "push --all: 3 routers (3 in rosgen.toml): 1 applied, 1 refused, 1 mixed\n"
          "refused: cafe-2\n"
          "mixed: cafe-1\n");
  }

  TEST_CASE("run: an interrupt skips the routers not yet started; the run exits 130") {
    std::vector<Router> routers = routers_named(6);
    std::atomic<bool> interrupt{false};
    std::atomic<int> calls{0};
    // The third router's job is where the signal comes (its push stops at a check point).
    Job job = [&](const Router& router) -> RouterResult {
      ++calls;
      if (router.name == "cafe-2") {
        interrupt = true;
        return {Status::Interrupted, "stopped before arming", Changes{1, 0, 0, 0}, {}, {}};
      }
      return {Status::Applied, "", Changes{1, 0, 0, 0}, {}, {}};
    };
    RunOptions options{1, 0, &interrupt};
    Report report = run(routers, job, options);
    CHECK(calls == 3);
    CHECK(report.interrupted);
    CHECK(report.count(Status::Applied) == 2);
    CHECK(report.count(Status::Skipped) == 3);
    for (std::size_t i = 3; i < 6; ++i)
      CHECK(report.results[i] == RouterResult{Status::Skipped, "not run: interrupted", {}, {}, {}});
    CHECK(report.exit_code() == 130);
    RunContext context{"push", "rosgen.toml", 6, std::nullopt};
    CHECK(summary_text(routers, report, context) ==
          "push --all: 6 routers (6 in rosgen.toml): 2 applied, 1 interrupted, 3 skipped\n"
          "interrupted: cafe-2\n"
          "stopped by an interrupt: 3 routers not run\n");
    // The canary stage is interrupted the same way: nothing after it runs.
    interrupt = false;
    calls = 0;
    Report canary = run(routers, job, {1, 4, &interrupt});
    CHECK(calls == 3);
    CHECK(canary.count(Status::Skipped) == 3);
    CHECK(!canary.canary_stopped);  // stopped by the interrupt, not by a failed canary
    CHECK(canary.results[5].message == "not run: interrupted");
    CHECK(canary.exit_code() == 130);
    // Without a signal the flag changes nothing.
    std::atomic<bool> quiet{false};
    Job fine = [](const Router&) { return RouterResult{Status::Applied, "", Changes{}, {}, {}}; };
    Report all = run(routers, fine, {2, 0, &quiet});
    CHECK(all.count(Status::Applied) == 6);
    CHECK(!all.interrupted);
    CHECK(all.exit_code() == 0);
  }
}
