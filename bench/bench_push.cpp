// `rosgen_bench push` (issue 10 §7): SSH round trips per push (exec channels plus SFTP
// transfers) for a small and a large policy, against the fake RouterOS device behind a
// real sshd on 127.0.0.1 (tests/unit/fake_router.hpp), with the default configuration
// loaded. Each push runs in a fresh child process (bench_util.hpp in_child), so its wall
// time and peak RSS are rosgen's alone (the fake device and sshd are other processes; the
// fake's own import speed is part of the wall time). Printed side by side: rules, items,
// patch changes, round trips of the first push and of a second push (in sync), wall time,
// peak RSS. Target: round trips ≤ 16 for 5 and 5,000 rules (they must not grow with the
// rule count). Then `push --all --parallel 16` to 64 fake routers: wall time, peak RSS.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_util.hpp"
#include "cli/app.hpp"
#include "fake_router.hpp"
#include "push/push.hpp"

namespace rosgen::bench {

namespace {

// `rules` rules for ports 1..rules: per-host caps, exact-rate SYN limits (dst-limit) and
// case-sensitive one-literal signatures in turn. No nocase literals: their case forms
// would make the item count (and the fake's import time) many times the rule count.
std::string push_policy(int rules) {
  std::string text =
      "policy bench { routeros 7; clients 192.168.88.0/24 via bridge; uplink ether1; }\n";
  for (int i = 0; i < rules; ++i) {
    std::string n = std::to_string(i);
    std::string port = std::to_string(1 + i % 60000);
    switch (i % 3) {
      case 0:
        text += "cap c" + n + " new connections " + std::to_string(10 + i % 50) +
                " per host to tcp " + port + " -> drop\n";
        break;
      case 1:
        text += "rate r" + n + " syn " + std::to_string(1 + i % 30) + "/min per host to tcp " +
                port + " using dst-limit -> drop\n";
        break;
      default:
        text += "signature s" + n + " to tcp " + port +
                " within first 2KiB { in one packet: \"X" + n + "Y\" } -> drop\n";
    }
  }
  return text;
}

// `push --all --parallel 16` of examples/cafe.pol to 64 fake routers with the default
// configuration: wall time, peak RSS of rosgen, and how many routers ended applied.
int fleet_main() {
  constexpr int kRouters = 64;
  std::vector<std::unique_ptr<test::FakeRouter>> routers;
  for (int i = 0; i < kRouters; ++i) {
    routers.push_back(std::make_unique<test::FakeRouter>());
    routers.back()->load(std::string(ROSGEN_SOURCE_DIR) + "/tests/import/defconf-v7.rsc");
  }
  std::filesystem::path inventory = routers[0]->root() / "rosgen.toml";
  {
    std::ofstream out(inventory);
    out << "[defaults]\nuser = \"" << routers[0]->user() << "\"\npolicy = \""
        << ROSGEN_SOURCE_DIR << "/examples/cafe.pol\"\ntimeout = 120\n\n";
    for (int i = 0; i < kRouters; ++i) {
      out << "[[router]]\nname = \"cafe-" << i << "\"\nhost = \"127.0.0.1\"\nport = "
          << routers[i]->port() << "\nidentity = \"" << routers[i]->ed25519_key().string()
          << "\"\nknown-hosts = \"" << routers[i]->known_hosts().string() << "\"\n\n";
    }
  }
  std::optional<std::string> line = in_child(
      [&] {
        std::vector<std::string> args = {"rosgen", "push", "--all", "--inventory",
                                         inventory.string(), "--parallel", "16", "--json"};
        std::vector<const char*> argv;
        for (const std::string& a : args) argv.push_back(a.c_str());
        std::ostringstream out, err;
        auto start = std::chrono::steady_clock::now();
        int code = cli::run(static_cast<int>(argv.size()), argv.data(), {&out, &err, false, false});
        double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::size_t applied = 0;
        std::map<std::string, int> statuses;
        nlohmann::json doc = nlohmann::json::parse(out.str());
        for (const auto& router : doc["routers"]) {
          applied += router["status"] == "applied" ? 1 : 0;
          ++statuses[router["status"].get<std::string>()];
        }
        for (const auto& [status, n] : statuses)
          std::fprintf(stderr, "push --all: %d %s\n", n, status.c_str());
        return std::to_string(code) + " " + std::to_string(applied) + " " + std::to_string(wall);
      },
      "push --all");
  if (!line)
    return 1;
  int code = 0;
  std::size_t applied = 0, rss = 0;
  double wall = 0;
  if (std::sscanf(line->c_str(), "%d %zu %lf %zu", &code, &applied, &wall, &rss) != 4) {
    std::fprintf(stderr, "push --all: %s\n", line->c_str());
    return 1;
  }
  std::printf("\npush --all --parallel 16 of examples/cafe.pol to %d fake routers: %zu applied, "
              "exit %d, %.2f s wall, %.1f MiB peak RSS\n",
              kRouters, applied, code, wall, static_cast<double>(rss) / 1024.0);
  return 0;
}

}  // namespace

int push_main() {
  std::printf("%8s %8s %8s %12s %12s %10s %12s\n", "rules", "items", "changes", "round trips",
              "2nd push", "wall s", "peak RSS MiB");
  for (int rules : {5, 5000}) {
    test::FakeRouter router;
    router.load(std::string(ROSGEN_SOURCE_DIR) + "/tests/import/defconf-v7.rsc");
    std::filesystem::path policy = router.root() / "bench.pol";
    std::ofstream(policy) << push_policy(rules);
    std::optional<std::string> line = in_child(
        [&] {
          support::DiagnosticEngine diags;
          cli::PipelineResult compiled =
              cli::run_pipeline(cli::PipelineOptions{policy.string()}, diags);
          if (!compiled.ruleset)
            return std::string("compile-failed");
          push::Request request;
          request.ssh.host = router.host();
          request.ssh.port = router.port();
          request.ssh.user = router.user();
          request.ssh.identity_files = std::vector<std::filesystem::path>{router.ed25519_key()};
          request.ssh.known_hosts = router.known_hosts();
          request.ssh.use_agent = false;
          request.ssh.use_password = false;
          request.ssh.step_timeout = std::chrono::seconds(600);
          request.desired = &*compiled.ruleset;
          auto start = std::chrono::steady_clock::now();
          push::Result first = push::run(request);
          double wall =
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
          push::Result second = push::run(request);
          return std::to_string(compiled.ruleset->items.size()) + " " +
                 std::to_string(first.plan.changes.size()) + " " +
                 std::to_string(first.round_trips) + " " + std::to_string(second.round_trips) +
                 " " + std::to_string(wall) + " " + push::status_name(first.status) + " " +
                 push::status_name(second.status);
        },
        "push of " + std::to_string(rules) + " rules");
    if (!line)
      return 1;
    std::size_t items = 0, changes = 0, trips = 0, trips2 = 0, rss = 0;
    double wall = 0;
    char status1[32] = {}, status2[32] = {};
    if (std::sscanf(line->c_str(), "%zu %zu %zu %zu %lf %31s %31s %zu", &items, &changes, &trips,
                    &trips2, &wall, status1, status2, &rss) != 8) {
      std::fprintf(stderr, "push of %d rules: %s\n", rules, line->c_str());
      return 1;
    }
    std::printf("%8d %8zu %8zu %12zu %12zu %10.2f %12.1f   (%s, then %s)\n", rules, items,
                changes, trips, trips2, wall, static_cast<double>(rss) / 1024.0, status1,
                status2);
  }
  return fleet_main();
}

}  // namespace rosgen::bench
