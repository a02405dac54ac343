// Importing rosgen's scripts on a model of RouterOS (script_reader in import mode): the
// model refuses what RouterOS refuses, and the compile output of every policy imports
// cleanly on an empty router and on RouterOS's default firewall (FastTrack on, its
// dynamic counter rule at the top), a second time without any change, and over the
// output of the previous version; `diff` is then in sync. Also: every item rosgen emits
// meets the precondition table (tarpit and tcp-reset with protocol=tcp, ...).
#include <doctest/doctest.h>

#include <algorithm>

#include "cli/app.hpp"
#include "diff/plan.hpp"
#include "emit/rsc_writer.hpp"
#include "routeros/preconditions.hpp"
#include "routeros/script_reader.hpp"
#include "test_util.hpp"

using namespace rosgen;
namespace fs = std::filesystem;

namespace {

struct Imported {
  routeros::RouterState state;
  std::string diagnostics;
  bool errors = false;
  std::optional<std::uint32_t> stopped_at;
};

Imported import_text(const std::string& name, const std::string& text,
                     routeros::RouterState initial = {}) {
  support::DiagnosticEngine diags;
  auto file = std::make_shared<const support::SourceFile>(name, text);
  routeros::ReadOptions options;
  options.import = true;
  auto result = routeros::read_script(file, diags, std::move(initial), options);
  return {std::move(result.state), support::render_all(diags), diags.has_errors(),
          result.stopped_at};
}

routeros::RouterState defconf(int major) {
  std::string path =
      test::source_dir() + "/tests/import/defconf-v" + std::to_string(major) + ".rsc";
  Imported base = import_text(path, test::read_text(path));
  INFO(base.diagnostics);
  REQUIRE_FALSE(base.errors);
  return base.state;
}

std::vector<ir::Item> owned_by(const routeros::RouterState& state, const std::string& policy,
                               bool owned) {
  std::vector<ir::Item> out;
  for (const auto& list : state.menus) {
    for (const ir::Item& item : list) {
      if (diff::owner_key(item, policy).has_value() == owned)
        out.push_back(item);
    }
  }
  return out;
}

std::vector<std::string> policy_files(std::initializer_list<const char*> dirs) {
  std::vector<std::string> out;
  for (const char* dir : dirs) {
    fs::path root = fs::path(test::source_dir()) / dir;
    if (!fs::exists(root))
      continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (entry.path().extension() == ".pol")
        out.push_back(fs::relative(entry.path(), test::source_dir()).string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct Compiled {
  ir::Ruleset ruleset;
  std::string script;
};

std::optional<Compiled> compile_file(const std::string& path, std::optional<int> target) {
  support::DiagnosticEngine diags;
  cli::PipelineResult result =
      cli::run_pipeline({test::source_dir() + "/" + path, target, {}}, diags);
  if (!result.script)
    return std::nullopt;
  return Compiled{std::move(*result.ruleset), std::move(*result.script)};
}

// The owned items of `state` are exactly the compiled ones, with the anchors before every
// other non-dynamic rule of their chain; the operator's items are those of `base`.
void check_converged(const routeros::RouterState& state, const routeros::RouterState& base,
                     const ir::Ruleset& ruleset) {
  CHECK(owned_by(state, ruleset.policy, false) == owned_by(base, ruleset.policy, false));
  std::vector<ir::Item> want = owned_by(routeros::import_ruleset(ruleset), ruleset.policy, true);
  // The FastTrack guards exist exactly where the router fast-tracks, each directly before
  // the first enabled fasttrack-connection rule of its chain.
  for (const ir::Item& guard : ruleset.guards) {
    const auto& list = state.items(guard.menu);
    auto fasttrack = routeros::first_fasttrack(list, *guard.get("chain"));
    if (!fasttrack)
      continue;
    want.push_back(guard);
    REQUIRE(*fasttrack > 0);
    const std::string* above = list[*fasttrack - 1].get("comment");
    bool directly_before = above != nullptr && *above == *guard.get("comment");
    CHECK_MESSAGE(directly_before, "the guard is not directly before the fasttrack rule");
  }
  std::vector<ir::Item> have = owned_by(routeros::without_remarks(state), ruleset.policy, true);
  auto by_owner = [&](const ir::Item& a, const ir::Item& b) {
    return std::pair(a.menu, diff::owner_key(a, ruleset.policy)) <
           std::pair(b.menu, diff::owner_key(b, ruleset.policy));
  };
  std::sort(want.begin(), want.end(), by_owner);
  std::sort(have.begin(), have.end(), by_owner);
  for (ir::Item& item : want) item.remarks.clear();
  CHECK(have == want);  // no duplicates, nothing stale, nothing missing
  if (ruleset.anchor_top) {
    for (const ir::Item& anchor : ruleset.anchors) {
      const auto& list = state.items(anchor.menu);
      for (const ir::Item& item : list) {
        if (routeros::is_dynamic(item) || *item.get("chain") != *anchor.get("chain"))
          continue;
        // The first rule of the chain is one of the policy's anchors of that chain.
        bool is_anchor = false;
        for (const ir::Item& a : ruleset.anchors) {
          is_anchor |= a.menu == anchor.menu && *a.get("chain") == *anchor.get("chain") &&
                       *item.get("comment") == *a.get("comment");
        }
        CHECK_MESSAGE(is_anchor,
                      "first rule of chain " << *anchor.get("chain") << " is not an anchor");
        break;
      }
    }
  }
  // diff against what the router would export: nothing to do.
  routeros::RouterState exported = routeros::exported(state);
  CHECK(diff::make_plan(ruleset, exported, ruleset.routeros).in_sync());
  support::DiagnosticEngine diags;
  auto file =
      std::make_shared<const support::SourceFile>("export.rsc", emit::write_export(exported));
  auto reread = routeros::read_script(file, diags).state;
  CHECK(diff::make_plan(ruleset, reread, ruleset.routeros).in_sync());
}

// The model router gets the interfaces and interface lists the policy names.
routeros::RouterState with_interfaces(routeros::RouterState state, const ir::Ruleset& ruleset) {
  state.interfaces.emplace();
  state.interface_lists.emplace();
  for (const ir::Item& anchor : ruleset.anchors) {
    for (const char* p : {"in-interface", "out-interface"}) {
      if (anchor.get(p))
        state.interfaces->insert(*anchor.get(p));
    }
    for (const char* p : {"in-interface-list", "out-interface-list"}) {
      if (anchor.get(p))
        state.interface_lists->insert(*anchor.get(p));
    }
  }
  return state;
}

const char* kFasttrack =
    "/ip firewall filter\n"
    "add action=fasttrack-connection chain=forward connection-state=established,related\n"
    "add action=accept chain=forward connection-state=established,related\n";

}  // namespace

TEST_SUITE("import") {
  TEST_CASE("import: FastTrack's dynamic counter rule sits at the top while FastTrack is on") {
    Imported on = import_text("ft.rsc", kFasttrack);
    REQUIRE_FALSE(on.errors);
    const auto& filter = on.state.items(ir::Menu::Filter);
    REQUIRE(filter.size() == 3);
    CHECK(filter[0] == routeros::fasttrack_counter_rule());
    CHECK(routeros::is_dynamic(filter[0]));
    CHECK(routeros::exported(on.state).items(ir::Menu::Filter).size() == 2);
    Imported off = import_text(
        "off.rsc", "/ip firewall filter set [find where comment=\"\"] disabled=yes\n", on.state);
    CHECK(off.state.items(ir::Menu::Filter).size() == 2);  // disabled: the rule goes
    CHECK_FALSE(routeros::is_dynamic(off.state.items(ir::Menu::Filter)[0]));
  }

  TEST_CASE("import: the model refuses what RouterOS refuses, and stops there") {
    struct Case {
      const char* script;
      const char* message;
    };

    const Case cases[] = {
        {"/ip firewall filter add action=tarpit chain=forward dst-port=25\n",
         "failure: dst-port needs protocol=tcp|udp|udp-lite|sctp|dccp on the same rule"},
        {"/ip firewall filter add action=tarpit chain=forward\n",
         "failure: action=tarpit needs protocol=tcp on the same rule (GPL-TARPIT)"},
        {"/ip firewall filter add action=reject chain=forward reject-with=tcp-reset\n",
         "failure: reject-with=tcp-reset needs protocol=tcp on the same rule (REJECT)"},
        {"/ip firewall filter add action=drop chain=forward place-before=0\n",
         "place-before=0: no such item"},
        {"/queue type add kind=pcq name=q\n/queue type add kind=pcq name=q\n",
         "failure: already have queue type with such name"},
        {"/ip firewall filter add action=drop chain=forward place-before=[find where "
         "comment=\"none\"]\n",
         "place-before: no such item"},
    };
    for (const Case& c : cases) {
      INFO(c.script);
      std::string script = std::string(c.script) +
                           "/ip firewall filter add action=accept "
                           "chain=input comment=after\n";
      Imported r = import_text("x.rsc", script);
      CHECK(r.errors);
      CHECK(r.diagnostics.find(c.message) != std::string::npos);
      CHECK(r.diagnostics.find("/import stops here") != std::string::npos);
      REQUIRE(r.stopped_at);
      const auto& filter = r.state.items(ir::Menu::Filter);
      CHECK(std::none_of(filter.begin(), filter.end(), [](const ir::Item& i) {
        return i.get("comment") && *i.get("comment") == "after";
      }));
    }
    // Placement by number meets FastTrack's counter rule: refused, as on a router.
    for (const char* line :
         {"/ip firewall filter add action=drop chain=forward place-before=0\n",
          "/ip firewall filter move [find where comment=\"\"] destination=0\n"}) {
      INFO(line);
      Imported base = import_text("ft.rsc", kFasttrack);
      Imported r = import_text("x.rsc", line, base.state);
      CHECK(r.diagnostics.find("failure: cannot change builtin") != std::string::npos);
      CHECK(r.state == base.state);
    }
    // The same script read as an export is not refused (an export shows what is there).
    support::DiagnosticEngine diags;
    auto file = std::make_shared<const support::SourceFile>(
        "e.rsc", "/ip firewall filter add action=tarpit chain=forward\n");
    CHECK(routeros::read_script(file, diags).state.items(ir::Menu::Filter).size() == 1);
    CHECK_FALSE(diags.has_errors());
  }

  TEST_CASE("import: queue trees in the policy's name are replaced, comment or not") {
    // Queue tree names are unique: a tree named rosgen-cafe-... whose comment was cleared
    // or changed would make the compiled add refuse after the preamble's removals.
    auto compiled = compile_file("examples/cafe.pol", 7);
    REQUIRE(compiled);
    Imported first = import_text("rules.rsc", compiled->script, defconf(7));
    REQUIRE_FALSE(first.errors);
    for (ir::Item& tree : first.state.items(ir::Menu::QueueTree)) {
      tree.set("comment", "moved here by hand");
    }
    Imported again = import_text("rules.rsc", compiled->script, first.state);
    INFO(again.diagnostics);
    REQUIRE_FALSE(again.errors);
    check_converged(again.state, defconf(7), compiled->ruleset);
  }

  TEST_CASE("import: diff patches replace queue trees RouterOS would refuse to duplicate") {
    auto compiled = compile_file("examples/cafe.pol", 7);
    REQUIRE(compiled);
    Imported base = import_text("rules.rsc", compiled->script, defconf(7));
    REQUIRE_FALSE(base.errors);
    auto& trees = base.state.items(ir::Menu::QueueTree);
    REQUIRE(trees.size() == 1);
    // (a) the comment was changed by hand; (b) a copy, renamed, kept the comment.
    routeros::RouterState recommented = base.state;
    recommented.items(ir::Menu::QueueTree)[0].set("comment", "shaping");
    routeros::RouterState copied = base.state;
    ir::Item copy = trees[0];
    copy.set("name", "rosgen-cafe-smtp-syn-copy");
    copied.items(ir::Menu::QueueTree).push_back(copy);
    for (const routeros::RouterState* router : {&recommented, &copied}) {
      auto plan = diff::make_plan(compiled->ruleset, routeros::exported(*router), 7);
      CHECK_FALSE(plan.in_sync());
      std::string patch = diff::render_script(plan, {"router.rsc", {}, {}, false});
      INFO(patch);
      CHECK(patch.find("(rosgen: replacing copies)") == std::string::npos);
      Imported patched = import_text("patch.rsc", patch, *router);
      INFO(patched.diagnostics);
      REQUIRE_FALSE(patched.errors);
      check_converged(patched.state, defconf(7), compiled->ruleset);
    }
  }

  TEST_CASE("import: a patch over an interrupted replacement of copies keeps the rule") {
    // An earlier patch replacing hand-made copies stopped after its first add: the router
    // holds the rule, a copy, and the temporary one. The new patch must not remove the
    // fresh temporary item together with the leftover (found by an operator review).
    auto compiled = compile_file("examples/cafe.pol", 7);
    REQUIRE(compiled);
    Imported base = import_text("rules.rsc", compiled->script);
    REQUIRE_FALSE(base.errors);
    routeros::RouterState router = base.state;
    auto& filter = router.items(ir::Menu::Filter);
    auto rule = std::find_if(filter.begin(), filter.end(), [](const ir::Item& i) {
      return i.get("comment") && *i.get("comment") == "rosgen:cafe:per-host.forward";
    });
    REQUIRE(rule != filter.end());
    ir::Item copy = *rule;
    copy.set("action", "accept");
    ir::Item leftover = *rule;
    leftover.set("comment", "rosgen:cafe:per-host.forward (rosgen: replacing copies)");
    filter.push_back(copy);
    filter.push_back(leftover);
    auto plan = diff::make_plan(compiled->ruleset, routeros::exported(router), 7);
    std::string patch = diff::render_script(plan, {"router.rsc", {}, {}, false});
    Imported patched = import_text("patch.rsc", patch, router);
    INFO(patch << patched.diagnostics);
    REQUIRE_FALSE(patched.errors);
    check_converged(patched.state, {}, compiled->ruleset);
  }

  TEST_CASE("import: a missing interface or list stops the import before anything changes") {
    auto compiled = compile_file("examples/hotspot.pol", 7);  // lists GUESTS and WAN
    REQUIRE(compiled);
    routeros::RouterState base = with_interfaces(defconf(7), compiled->ruleset);
    Imported old = import_text("rules.rsc", compiled->script, base);  // an earlier import
    REQUIRE_FALSE(old.errors);
    old.state.interface_lists->erase("GUESTS");
    Imported again = import_text("rules.rsc", compiled->script, old.state);
    CHECK(again.diagnostics.find(
              "error: rosgen: no interface list GUESTS on this router; nothing was changed") !=
          std::string::npos);
    CHECK(again.stopped_at);
    CHECK(again.state == old.state);  // the policy's items are all still there
  }

  TEST_CASE("import: the placement block puts an anchor before the first non-dynamic item") {
    auto ruleset = test::lower_text(
        "policy p { routeros 7; clients 10.0.0.0/24; }\ncap a new connections 5 per host -> "
        "drop\n");
    REQUIRE(ruleset);
    std::string line = emit::at_top_of_table(
        ir::Menu::Filter, "/ip firewall filter add action=drop chain=forward comment=x",
        emit::TopCommand::Add);
    Imported empty = import_text("x.rsc", line + "\n");  // empty table: appended
    REQUIRE_FALSE(empty.errors);
    REQUIRE(empty.state.items(ir::Menu::Filter).size() == 1);
    Imported base = import_text("ft.rsc", kFasttrack);
    Imported placed = import_text("x.rsc", line + "\n", base.state);
    INFO(placed.diagnostics);
    REQUIRE_FALSE(placed.errors);
    const auto& filter = placed.state.items(ir::Menu::Filter);
    REQUIRE(filter.size() == 4);
    CHECK(routeros::is_dynamic(filter[0]));
    CHECK(*filter[1].get("comment") == "x");
  }

  TEST_CASE("import: every policy imports cleanly, twice, on an empty and a default router") {
    auto files = policy_files({"examples", "policies"});
    CHECK(files.size() >= 5);
    for (const std::string& path : files) {
      for (int target : {7, 6}) {
        auto compiled = compile_file(path, target);
        REQUIRE_MESSAGE(compiled, path);
        for (bool with_defconf : {false, true}) {
          INFO(path << " --target " << target << (with_defconf ? " on defconf" : " on empty"));
          routeros::RouterState base = with_interfaces(
              with_defconf ? defconf(target) : routeros::RouterState{}, compiled->ruleset);
          Imported once = import_text("rules.rsc", compiled->script, base);
          INFO(once.diagnostics);
          REQUIRE_FALSE(once.errors);
          CHECK_FALSE(once.stopped_at);
          check_converged(once.state, base, compiled->ruleset);
          Imported twice = import_text("rules.rsc", compiled->script, once.state);
          REQUIRE_FALSE(twice.errors);
          CHECK(twice.state == once.state);  // importing again changes nothing
        }
      }
    }
  }

  TEST_CASE("import: diff patches apply on the default firewall: first deploy, anchors moved") {
    for (const std::string& path : policy_files({"examples", "policies"})) {
      for (int target : {7, 6}) {
        INFO(path << " --target " << target);
        auto compiled = compile_file(path, target);
        REQUIRE(compiled);
        routeros::RouterState base = defconf(target);
        // First deploy: a patch against the router's export.
        auto plan = diff::make_plan(compiled->ruleset, routeros::exported(base), target);
        std::string patch = diff::render_script(plan, {"router.rsc", {}, {}, false});
        if (path == "examples/cafe.pol") {  // its anchors name bridge and ether1
          CHECK(patch.find(":if ([:len [/interface find where name=\"bridge\"]] = 0) do={ "
                           ":error ") != std::string::npos);
        }
        Imported deployed = import_text("patch.rsc", patch, base);
        INFO(deployed.diagnostics);
        REQUIRE_FALSE(deployed.errors);
        check_converged(deployed.state, base, compiled->ruleset);
        // The operator's rules push every anchor to the bottom: the patch moves them back
        // before the first non-dynamic item, never by number.
        routeros::RouterState pushed = deployed.state;
        for (const ir::Item& anchor : compiled->ruleset.anchors) {
          auto& list = pushed.items(anchor.menu);
          auto it = std::find_if(list.begin(), list.end(), [&](const ir::Item& item) {
            return item.get("comment") && *item.get("comment") == *anchor.get("comment");
          });
          REQUIRE(it != list.end());
          ir::Item moved = *it;
          list.erase(it);
          list.push_back(moved);
        }
        auto move_plan = diff::make_plan(compiled->ruleset, routeros::exported(pushed), target);
        // Filter anchors now sit below defconf's rules of their chain and must move; the
        // mangle table holds no other rule of their chains, so those stay.
        auto filter_anchors =
            std::count_if(compiled->ruleset.anchors.begin(), compiled->ruleset.anchors.end(),
                          [](const ir::Item& a) { return a.menu == ir::Menu::Filter; });
        CHECK(move_plan.summary.count(diff::Op::Move) == static_cast<std::size_t>(filter_anchors));
        std::string move_patch = diff::render_script(move_plan, {"router.rsc", {}, {}, false});
        CHECK(move_patch.find("destination=0") == std::string::npos);
        Imported moved = import_text("patch.rsc", move_patch, pushed);
        INFO(moved.diagnostics);
        REQUIRE_FALSE(moved.errors);
        check_converged(moved.state, base, compiled->ruleset);
      }
    }
  }

  TEST_CASE("import: today's output over the previous version's converges") {
    fs::path dir = fs::path(test::source_dir()) / "tests/import/previous";
    std::size_t cases = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() != ".rsc")
        continue;
      ++cases;
      // examples-cafe.v6.rsc -> examples/cafe.pol, target 6
      std::string stem = entry.path().stem().string();
      std::optional<int> target;
      if (stem.size() > 3 && stem.ends_with(".v6")) {
        target = 6;
        stem.resize(stem.size() - 3);
      }
      std::string policy =
          stem.substr(0, stem.find('-')) + "/" + stem.substr(stem.find('-') + 1) + ".pol";
      INFO(entry.path().filename().string() << " then " << policy);
      auto compiled = compile_file(policy, target);
      REQUIRE(compiled);
      std::string old_script = test::read_text(entry.path());
      int major = compiled->ruleset.routeros;
      for (bool with_defconf : {false, true}) {
        routeros::RouterState base = with_defconf ? defconf(major) : routeros::RouterState{};
        Imported old = import_text("old.rsc", old_script, base);
        if (with_defconf) {
          // The bug this version fixes: place-before=0 meets FastTrack's counter rule and
          // the old import stops half-way, at its first anchor.
          CHECK(old.diagnostics.find("cannot change builtin") != std::string::npos);
          CHECK(old.stopped_at);
        } else {
          CHECK_FALSE(old.errors);
        }
        Imported now = import_text("rules.rsc", compiled->script, old.state);
        INFO(now.diagnostics);
        REQUIRE_FALSE(now.errors);
        // Library files are named after the file, now with '_' for '-' ("smtp-bots" became
        // "smtp_bots"): the old items then belong to another policy and stay untouched.
        bool renamed =
            old_script.find("policy \"" + compiled->ruleset.policy + "\"") == std::string::npos;
        check_converged(now.state, renamed ? old.state : base, compiled->ruleset);
      }
    }
    CHECK(cases >= 6);
  }

  TEST_CASE("import: every emitted item meets RouterOS's preconditions") {
    // examples/, policies/ and every policy in the tests that compiles, for v7 and v6.
    auto files = policy_files({"examples", "policies", "tests"});
    std::size_t compiled_files = 0, items = 0;
    for (const std::string& path : files) {
      for (int target : {7, 6}) {
        auto compiled = compile_file(path, target);
        if (!compiled)
          continue;  // a broken policy from the diagnostics corpus
        ++compiled_files;
        const auto& r = compiled->ruleset;
        for (const auto* list : {&r.items, &r.anchors, &r.guards}) {
          for (const ir::Item& item : *list) {
            ++items;
            auto broken = routeros::violations(item);
            ir::Ruleset one;
            one.items = {item};
            CHECK_MESSAGE(broken.empty(),
                          path << ": " << ir::dump(one) << (broken.empty() ? "" : broken.front()));
          }
        }
      }
    }
    CHECK(compiled_files >= 20);
    CHECK(items > 1000);
  }

  TEST_CASE("import: the script's header names the version it assumes, minor included") {
    auto ruleset = test::lower_text(
        "policy p { routeros 6.49; clients 10.0.0.0/24; }\n"
        "rate r syn 5/min per host to tcp 25 using queue\n");
    REQUIRE(ruleset);
    std::string script = emit::emit_rsc(*ruleset, {{"p.pol"}, "0", {}});
    CHECK(script.rfind("# rosgen " ROSGEN_VERSION ": policy \"p\" for RouterOS 6.49 (", 0) == 0);
    CHECK(script.find("pcq-limit=1KiB") != std::string::npos);
  }

  TEST_CASE("preconditions: the table catches each kind of refusal") {
    auto item = [](ir::Menu menu, std::initializer_list<ir::Property> properties) {
      ir::Item out;
      out.menu = menu;
      for (const auto& p : properties) out.set(p.name, p.value);
      return out;
    };
    using ir::Menu;
    CHECK(routeros::violations(item(Menu::Filter, {{"action", "tarpit"}, {"protocol", "tcp"}}))
              .empty());
    CHECK(routeros::violations(item(Menu::Filter, {{"action", "tarpit"}, {"protocol", "udp"}}))
              .size() == 1);
    CHECK(routeros::violations(item(Menu::Filter, {{"action", "tarpit"}})).size() == 1);
    CHECK(routeros::violations(
              item(Menu::Filter, {{"action", "reject"}, {"reject-with", "tcp-reset"}}))
              .size() == 1);
    CHECK(routeros::violations(
              item(Menu::Filter, {{"action", "reject"}, {"reject-with", "icmp-port-unreachable"}}))
              .empty());
    CHECK(routeros::violations(
              item(Menu::Mangle, {{"action", "accept"}, {"tcp-flags", "syn"}, {"protocol", "udp"}}))
              .size() == 1);
    CHECK(routeros::violations(item(Menu::Mangle, {{"action", "accept"}, {"tcp-mss", "1400"}}))
              .size() == 1);
    CHECK(routeros::violations(item(Menu::Mangle, {{"action", "change-mss"}, {"new-mss", "1400"}}))
              .size() == 1);
    CHECK(routeros::violations(
              item(Menu::Filter, {{"action", "accept"}, {"dst-port", "53"}, {"protocol", "udp"}}))
              .empty());
    CHECK(routeros::violations(item(Menu::Filter, {{"action", "accept"}, {"dst-port", "53"}}))
              .size() == 1);
    CHECK(routeros::violations(
              item(Menu::Filter, {{"action", "accept"}, {"connection-bytes", "0-100"}}))
              .size() == 1);
    CHECK(routeros::violations(item(Menu::Filter, {{"action", "jump"}})).size() == 1);
    CHECK(routeros::violations(item(Menu::Filter, {{"action", "drop"}, {"passthrough", "yes"}}))
              .size() == 1);
    CHECK(routeros::violations(item(Menu::Mangle, {{"action", "mark-packet"}})).size() == 1);
    CHECK(routeros::violations(item(Menu::QueueTree, {{"name", "x"}})).empty());
  }
}
