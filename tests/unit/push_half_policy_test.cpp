// The no-half-policy test of issue 10 §6: "at every intermediate state of a push that
// changes signatures, the simulator shows the rules stop every attack that both the old
// and the new policy stop". In process: RouterOS's default configuration
// (tests/import/defconf-v7.rsc) with the old compiled examples/cafe.pol imported on it, as
// `rosgen simulate --with` builds its router; the `rosgen diff --script` patch for an
// edited policy, applied one statement at a time as /import runs it (each statement must
// be accepted); after each, the traffic of push_traffic.hpp through the simulator. Every
// attack both end states stop must be stopped, and every benign connection both pass must
// pass, at every state in between. Edits: a literal changed (its layer7 regexp with it), a
// stage added, a signature removed, a signature added, a signature's ports changed, and the
// stage order changed by a traffic profile. Before chains were named by their content
// (commit b919367), the literal edit and the profile's new stage order failed here (11630
// and 17770 attack/state pairs): the patch set a probe to its new case form while the
// chain it jumps to still held the old forms, so most forms passed half-way.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "cli/simulate.hpp"
#include "diff/plan.hpp"
#include "pcap_util.hpp"
#include "profile/profile.hpp"
#include "push_traffic.hpp"
#include "routeros/script_reader.hpp"
#include "test_util.hpp"

using namespace rosgen;

namespace {

struct Version {
  std::string text;                         // the policy
  std::optional<profile::Profile> profile;  // none: the built-in profile
};

struct Built {
  cli::SimulatedRouter router;  // defconf with the script imported
  ir::Ruleset ruleset;
  sema::Policy policy;  // checked, author order
};

Built build(const Version& version, const std::filesystem::path& dir, const std::string& name) {
  std::filesystem::create_directories(dir / name);
  std::string path = (dir / name / "cafe.pol").string();
  std::ofstream(path) << version.text;
  cli::SimulateOptions options;
  options.pipeline.path = path;
  options.pipeline.profile = version.profile;
  options.with = test::source_dir() + "/tests/import/defconf-v7.rsc";
  support::DiagnosticEngine diags;
  std::optional<cli::SimulatedRouter> router = cli::build_router(options, diags);
  REQUIRE_MESSAGE((router && !diags.has_errors()), support::render_all(diags));
  cli::PipelineResult compiled = cli::run_pipeline(options.pipeline, diags);
  REQUIRE(compiled.ruleset);
  std::vector<support::InputFile> inputs;
  std::optional<sema::Policy> policy = cli::check_policy(options.pipeline, diags, inputs);
  REQUIRE(policy);
  return {std::move(*router), std::move(*compiled.ruleset), std::move(*policy)};
}

// The statements of a patch: its lines that are not comments.
std::vector<std::string> statements(const std::string& patch) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < patch.size()) {
    std::size_t end = patch.find('\n', at);
    std::string line = patch.substr(at, end - at);
    at = end == std::string::npos ? patch.size() : end + 1;
    if (!line.empty() && line[0] != '#')
      out.push_back(line);
  }
  return out;
}

// What the simulator can reach in `state`, as text: the firewall items of every chain
// that is not rosgen's or that a jump from such a chain leads to (transitively), in list
// order, and every item of the other menus. States with equal texts give equal verdicts
// (the simulator evaluates no rule of a chain no jump enters), so each text is simulated
// once: most statements of a push add to chains nothing enters yet.
std::string reachable_text(const routeros::RouterState& state) {
  std::string out;
  for (ir::Menu menu : routeros::kModeledMenus) {
    const std::vector<ir::Item>& items = state.items(menu);
    std::set<std::string> reached;
    auto chain_of = [](const ir::Item& item) {
      const std::string* chain = item.get("chain");
      return chain != nullptr ? *chain : std::string();
    };
    for (const ir::Item& item : items)
      if (!chain_of(item).starts_with("rosgen-"))
        reached.insert(chain_of(item));
    for (std::size_t grown = 1; grown != 0;) {
      grown = 0;
      for (const ir::Item& item : items) {
        const std::string* target = item.get("jump-target");
        if (target != nullptr && reached.count(chain_of(item)) != 0)
          grown += reached.insert(*target).second ? 1 : 0;
      }
    }
    for (const ir::Item& item : items) {
      if (ir::is_firewall_table(menu) && reached.count(chain_of(item)) == 0)
        continue;
      out += std::string(ir::menu_short_name(menu)) + "\n";
      for (const ir::Property& p : item.properties)
        out += p.name + "=" + std::to_string(p.value.size()) + ":" + p.value + "\n";
    }
  }
  return out;
}

struct PushResult {
  std::size_t statements = 0;
  std::size_t simulated = 0;        // distinct reachable states simulated
  std::size_t checked_attacks = 0;  // stopped at both ends
  std::size_t checked_benign = 0;   // passed at both ends
  std::vector<std::string> failures;
};

// `state` after one statement of a patch, run as /import runs it; the statement must be
// accepted.
routeros::RouterState apply_statement(const routeros::RouterState& state,
                                      const std::string& statement) {
  support::DiagnosticEngine diags;
  auto file = std::make_shared<const support::SourceFile>("patch.rsc", statement + "\n");
  routeros::ReadOptions import;
  import.import = true;
  routeros::ReadResult applied = routeros::read_script(file, diags, state, import);
  INFO(statement);
  REQUIRE_MESSAGE((!diags.has_errors() && !applied.stopped_at), support::render_all(diags));
  return std::move(applied.state);
}

// Pushes `to` onto the router running `from` statement by statement and checks the
// traffic at each state in between.
PushResult run_push(const Version& from, const Version& to) {
  test::TempDir dir;
  Built old_build = build(from, dir.path, "old");
  Built new_build = build(to, dir.path, "new");
  diff::Plan plan =
      diff::make_plan(new_build.ruleset, routeros::exported(old_build.router.state), 7);
  std::vector<std::string> patch =
      statements(diff::render_script(plan, {"router.rsc", {}, {}, false}));
  test::push::Traffic traffic = test::push::traffic_for({&old_build.policy, &new_build.policy});

  routeros::RouterState end = old_build.router.state;
  for (const std::string& statement : patch) end = apply_statement(end, statement);
  // The push ends where the new policy is.
  CHECK(diff::make_plan(new_build.ruleset, routeros::exported(end), 7).in_sync());

  const simulate::SimulateOptions& options = old_build.router.sim;
  std::map<std::string, bool> first =
      test::push::verdicts(old_build.router.state, options, traffic);
  std::map<std::string, bool> last = test::push::verdicts(end, options, traffic);
  PushResult result;
  result.statements = patch.size();
  for (const std::string& label : traffic.attacks)
    result.checked_attacks += first[label] && last[label] ? 1 : 0;
  for (const std::string& label : traffic.benign)
    result.checked_benign += !first[label] && !last[label] ? 1 : 0;
  std::map<std::string, std::map<std::string, bool>> simulated;  // reachable_text -> verdicts
  routeros::RouterState now = old_build.router.state;
  for (std::size_t k = 0; k + 1 < patch.size(); ++k) {
    now = apply_statement(now, patch[k]);
    std::string reachable = reachable_text(now);
    auto known = simulated.find(reachable);
    if (known == simulated.end())
      known = simulated.emplace(reachable, test::push::verdicts(now, options, traffic)).first;
    const std::map<std::string, bool>& verdict = known->second;
    std::string after =
        "after statement " + std::to_string(k + 1) + " (" + patch[k].substr(0, 160) + "): ";
    for (const std::string& label : traffic.attacks)
      if (first[label] && last[label] && !verdict.at(label))
        result.failures.push_back(after + "attack passes: " + label);
    for (const std::string& label : traffic.benign)
      if (!first[label] && !last[label] && verdict.at(label))
        result.failures.push_back(after + "benign stopped: " + label);
  }
  result.simulated = simulated.size();
  return result;
}

std::string cafe_text() {
  return test::read_text(test::source_dir() + "/examples/cafe.pol");
}

void check_push(const Version& from, const Version& to) {
  PushResult result = run_push(from, to);
  INFO("statements: " << result.statements << ", states simulated: " << result.simulated
                      << ", attacks checked: " << result.checked_attacks
                      << ", benign checked: " << result.checked_benign);
  std::string failures;
  for (std::size_t i = 0; i < result.failures.size() && i < 20; ++i)
    failures += result.failures[i] + "\n";
  std::string message =
      std::to_string(result.failures.size()) + " failure(s), the first:\n" + failures;
  CHECK_MESSAGE(result.failures.empty(), message);
  // Not vacuous: a push of several statements, attacks and benign traffic checked.
  CHECK(result.statements > 1);
  CHECK(result.checked_attacks > 100);
  CHECK(result.checked_benign >= 3);
}

// The content= of the first rule of proxy-connect's signature chain in `version`.
std::string first_test(const Version& version) {
  test::TempDir dir;
  std::string path = (dir.path / "cafe.pol").string();
  std::ofstream(path) << version.text;
  cli::PipelineOptions options(path);
  options.profile = version.profile;
  support::DiagnosticEngine diags;
  cli::PipelineResult compiled = cli::run_pipeline(options, diags);
  REQUIRE(compiled.ruleset);
  std::string chain;
  for (const ir::Item& item : compiled.ruleset->items) {
    const std::string* comment = item.get("comment");
    if (comment != nullptr && *comment == "rosgen:cafe:proxy-connect.gate.forward")
      chain = *item.get("jump-target");
    const std::string* in = item.get("chain");
    if (!chain.empty() && in != nullptr && *in == chain && item.get("content") != nullptr)
      return *item.get("content");
  }
  return "";
}

const std::string kProxyStages = "in one packet: at start nocase \"CONNECT \", \"HTTP/1.\"";

}  // namespace

TEST_SUITE("plan") {
  TEST_CASE("no half policy: a literal changed (and its layer7 regexp)") {
    std::string cafe = cafe_text();
    check_push({cafe, {}},
               {test::replaced(cafe, kProxyStages,
                               "in one packet: at start nocase \"CONNECT\", \"HTTP/1.\""),
                {}});
  }

  TEST_CASE("no half policy: a stage added") {
    std::string cafe = cafe_text();
    check_push({cafe, {}}, {test::replaced(cafe, "nocase \"RCPT TO:\"\n",
                                           "nocase \"RCPT TO:\", nocase \"DATA\"\n"),
                            {}});
  }

  TEST_CASE("no half policy: a signature removed") {
    std::string cafe = cafe_text();
    std::size_t at = cafe.find("signature smtp-bot");
    REQUIRE(at != std::string::npos);
    check_push({cafe, {}}, {cafe.substr(0, at), {}});
  }

  TEST_CASE("no half policy: a signature added") {
    std::string cafe = cafe_text();
    check_push({cafe, {}},
               {cafe + "\nsignature shell to tcp 80, 8080 within first 2KiB {\n"
                       "  in one packet: nocase \"/bin/sh\"\n} -> drop, log \"shell\"\n",
                {}});
  }

  TEST_CASE("no half policy: a signature's ports changed") {
    std::string cafe = cafe_text();
    check_push({cafe, {}},
               {test::replaced(cafe, "to tcp 80, 3128, 8080", "to tcp 80, 8080, 8888"), {}});
  }

  TEST_CASE("no half policy: the stage order changed by a traffic profile") {
    // Without 'at start' (the optimiser keeps an anchored signature's order): the built-in
    // profile has "HTTP/1." tested first; one where it is in 90% of the gate's packets and
    // "CONNECT " in 0.1% has "CONNECT " first.
    std::string cafe = test::replaced(cafe_text(), kProxyStages,
                                      "in one packet: nocase \"CONNECT \", \"HTTP/1.\"");
    profile::Profile traffic;
    traffic.gates.push_back(
        {profile::make_gate(sema::Protocol::Tcp, {{80, 80}, {3128, 3128}, {8080, 8080}}, 2048),
         1000,
         {{"CONNECT ", 1, 1, {}}, {"HTTP/1.", 900, 900, {}}},
         std::nullopt});
    CHECK(first_test({cafe, {}}) == "HTTP/1.");
    CHECK(first_test({cafe, traffic}) != "HTTP/1.");
    check_push({cafe, {}}, {cafe, traffic});
  }
}
