// `rosgen_bench signatures`: what the café's signatures cost the router, side by side for
// the forum recipe (../shared/data/recipes/forum-recipe.rsc) as written (a router with
// only the recipe) and behind RouterOS's default configuration (where FastTrack takes its
// connections out of the firewall: cheap, and it stops nothing), examples/cafe.pol compiled
// with --no-optimise, and examples/cafe.pol optimised: content tests, content bytes and
// layer7 evaluations per packet (the mean over the packets through the router), and the
// connections stopped, on examples/cafe-traffic.json and every shared capture (each with
// its clients from tests/golden/simulate/captures.tsv), the policy behind RouterOS's
// default configuration (tests/import/defconf-v7.rsc). Runs `rosgen simulate --json` in
// process. Issue 9's targets: optimised <= 1.0x the recipe's content tests per packet on
// ordinary web traffic; >= 10x fewer than --no-optimise on the café traffic; layer7
// evaluations <= 0.01 per packet on ordinary web traffic.
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "cli/app.hpp"

namespace rosgen::bench {

namespace {

struct Cost {
  bool ok = false;
  double tests = 0, bytes = 0, layer7 = 0;
  std::size_t stopped = 0;
};

Cost run(std::vector<std::string> args) {
  args.insert(args.begin(), {"rosgen", "simulate"});
  args.push_back("--json");
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  Cost cost;
  if (cli::run(static_cast<int>(argv.size()), argv.data(), {&out, &err, false, false}) != 0)
    return cost;
  nlohmann::json doc = nlohmann::json::parse(out.str());
  const auto& c = doc.at("cost");
  cost.ok = true;
  cost.tests = c.at("content_tests").at("mean").get<double>();
  cost.bytes = c.at("content_bytes").at("mean").get<double>();
  cost.layer7 = c.at("layer7_tests").at("mean").get<double>();
  for (const auto& connection : doc.at("connections"))
    cost.stopped += connection.contains("stopped_by") ? 1 : 0;
  return cost;
}

}  // namespace

int signatures_main() {
  const std::string src = ROSGEN_SOURCE_DIR, shared = ROSGEN_SHARED_DATA_DIR;

  struct Traffic {
    std::string name;
    std::vector<std::string> args;  // the traffic and its clients
  };

  std::vector<Traffic> traffic = {
      {"cafe-traffic.json",
       {"--scenario", src + "/examples/cafe-traffic.json", "--clients", "192.168.88.0/24"}}};
  std::ifstream table(src + "/tests/golden/simulate/captures.tsv");
  for (std::string line; std::getline(table, line);) {
    if (line.empty() || line[0] == '#')
      continue;
    std::istringstream fields(line);
    std::string file, clients;
    std::getline(fields, file, '\t');
    std::getline(fields, clients, '\t');
    Traffic t{file, {"--pcap", shared + "/pcap/" + file}};
    std::istringstream prefixes(clients);
    for (std::string prefix; std::getline(prefixes, prefix, ',');)
      if (prefix != "-")
        t.args.insert(t.args.end(), {"--clients", prefix});
    // A capture without IPv4 clients (IPv6 only): the policy's own clients, so that the
    // recipe, which names none, runs too (no packet reaches its rules either way).
    if (clients == "-")
      t.args.insert(t.args.end(), {"--clients", "192.168.88.0/24"});
    traffic.push_back(std::move(t));
  }
  const std::string policy = src + "/examples/cafe.pol",
                    recipe = shared + "/recipes/forum-recipe.rsc";
  const std::string defconf = src + "/tests/import/defconf-v7.rsc";
  std::printf(
      "content tests / content bytes / layer7 evaluations per packet, and connections "
      "stopped\n(the policy behind %s; the recipe as written)\n\n",
      "tests/import/defconf-v7.rsc");
  std::printf("%-38s %28s %28s %28s %28s %10s %10s\n", "traffic", "forum recipe",
              "recipe behind defconf", "--no-optimise", "optimised", "opt/recipe", "plain/opt");
  for (const Traffic& t : traffic) {
    std::vector<std::string> base = t.args;
    std::vector<std::string> r = {recipe};
    r.insert(r.end(), base.begin(), base.end());
    // The recipe on RouterOS's default firewall: FastTrack takes its connections out of
    // the firewall after their first packets, so it costs little and stops nothing.
    std::vector<std::string> rd = {recipe, "--with", defconf};
    rd.insert(rd.end(), base.begin(), base.end());
    std::vector<std::string> p = {policy, "--with", defconf, "--no-optimise"};
    p.insert(p.end(), base.begin(), base.end());
    std::vector<std::string> o = {policy, "--with", defconf};
    o.insert(o.end(), base.begin(), base.end());
    Cost a = run(r), ad = run(rd), b = run(p), c = run(o);
    auto cell = [](const Cost& x) {
      char buffer[64];
      if (!x.ok)
        std::snprintf(buffer, sizeof buffer, "%28s", "error");
      else
        std::snprintf(buffer, sizeof buffer, "%8.3f %8.1f %6.4f %4zu", x.tests, x.bytes, x.layer7,
                      x.stopped);
      return std::string(buffer);
    };
    std::printf("%-38s %28s %28s %28s %28s %10.2f %10.1f\n", t.name.c_str(), cell(a).c_str(),
                cell(ad).c_str(), cell(b).c_str(), cell(c).c_str(),
                a.tests > 0 ? c.tests / a.tests : 0.0, c.tests > 0 ? b.tests / c.tests : 0.0);
  }
  return 0;
}

}  // namespace rosgen::bench
