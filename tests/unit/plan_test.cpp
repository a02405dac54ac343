// Tests for diff/plan: what is detected, what the patch looks like, and — over random
// policies and random edits of the router — that applying the patch to the export
// leaves nothing to diff and never touches an item rosgen does not own.
#include "diff/plan.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <sstream>

#include "emit/rsc_writer.hpp"
#include "lower/version.hpp"
#include "routeros/script_reader.hpp"
#include "test_util.hpp"

using namespace rosgen;

namespace {

ir::Ruleset compile(const std::string& rules) {
  auto ruleset = test::lower_rules(rules);
  REQUIRE(ruleset);
  return *ruleset;
}

routeros::RouterState read_state(const std::string& text, routeros::RouterState initial = {}) {
  support::DiagnosticEngine diags;
  auto file = std::make_shared<const support::SourceFile>("state.rsc", text);
  auto result = routeros::read_script(file, diags, std::move(initial));
  INFO(support::render_all(diags));
  CHECK_FALSE(diags.has_errors());
  return result.state;
}

routeros::RouterState apply(const diff::Plan& plan, const routeros::RouterState& running) {
  return read_state(diff::render_script(plan, {"running.rsc", {}, {}, false}), running);
}

std::vector<ir::Item> unowned(const routeros::RouterState& state, const std::string& policy) {
  std::vector<ir::Item> out;
  for (const auto& list : state.menus) {
    for (const auto& item : list) {
      if (!diff::owner_key(item, policy))
        out.push_back(item);
    }
  }
  return out;
}

// `rules` compiled and named by content, as `rosgen compile` names them.
ir::Ruleset compile_versioned(const std::string& rules) {
  ir::Ruleset ruleset = compile(rules);
  lower::version_names(ruleset);
  return ruleset;
}

// `state` with each firewall table's items grouped by chain (stable within a chain): the
// order RouterOS evaluates, whatever order the chains' items were added in; without the
// remarks a script's items carry above them.
routeros::RouterState by_chain(routeros::RouterState state) {
  for (auto& list : state.menus)
    for (ir::Item& item : list) item.remarks.clear();
  for (ir::Menu menu : {ir::Menu::Mangle, ir::Menu::Filter}) {
    std::stable_sort(
        state.items(menu).begin(), state.items(menu).end(),
        [](const ir::Item& a, const ir::Item& b) { return *a.get("chain") < *b.get("chain"); });
  }
  return state;
}

// The position in `plan` of each change, by op and key.
std::size_t position(const diff::Plan& plan, diff::Op op, const std::string& key) {
  for (std::size_t i = 0; i < plan.changes.size(); ++i) {
    if (plan.changes[i].op == op && plan.changes[i].key == key)
      return i;
  }
  FAIL("no change " << key);
  return 0;
}

const char* kRules =
    "set mail = tcp 25, 465, 587\n"
    "cap a new connections 60 per host -> reject\n"
    "cap b new connections 6 per host to mail -> quarantine 1h\n"
    "rate r syn 5/min burst 5 per host to mail using queue\n"
    "signature s to tcp 80 { in one packet: nocase \"GET \", \"HTTP/1.\" } -> drop\n";

}  // namespace

TEST_SUITE("plan") {
  TEST_CASE("plan: the compiled script itself is in sync, also as a 7.21-style export") {
    ir::Ruleset desired = compile(kRules);
    auto running = routeros::import_ruleset(desired);
    CHECK(diff::make_plan(desired, running, 7).in_sync());
    // A newer export omits passthrough=yes and prints bandwidths with units.
    for (auto& list : running.menus) {
      for (auto& item : list) {
        std::erase_if(item.properties, [](const ir::Property& p) {
          return p.name == "passthrough" && p.value == "yes";
        });
        if (item.get("pcq-limit"))
          item.set("pcq-limit", "1024B");
      }
    }
    auto plan = diff::make_plan(desired, running, 7);
    CHECK(plan.in_sync());
    CHECK(plan.summary.owned_in_sync == running.size());
  }

  TEST_CASE("plan: add, change, move and remove, each named once") {
    ir::Ruleset old_rules = compile(
        "cap a new connections 5 per host -> drop\n"
        "cap b new connections 6 per host -> drop\n"
        "cap c new connections 7 per host -> drop\n"
        "cap gone new connections 8 per host -> drop\n");
    ir::Ruleset desired = compile(
        "cap c new connections 7 per host -> drop\n"
        "cap a new connections 5 per host -> drop\n"
        "cap b new connections 9 per host -> drop\n"
        "cap n new connections 1 per host -> drop\n");
    auto running = routeros::import_ruleset(old_rules);
    auto plan = diff::make_plan(desired, running, 7);
    std::map<diff::Op, std::vector<std::string>> by_op;
    for (const auto& c : plan.changes) by_op[c.op].push_back(c.key);
    CHECK(by_op[diff::Op::Add] == std::vector<std::string>{"rosgen:p:n.forward"});
    CHECK(by_op[diff::Op::Remove] == std::vector<std::string>{"rosgen:p:gone.forward"});
    CHECK(by_op[diff::Op::Change] == std::vector<std::string>{"rosgen:p:b.forward"});
    CHECK(by_op[diff::Op::Move] ==
          std::vector<std::string>{"rosgen:p:c.forward"});  // one move, not three
    std::string script = diff::render_script(plan, {"r.rsc", {}, {}, false});
    CHECK(script.find("/ip firewall filter move [find where comment=\"rosgen:p:c.forward\"] "
                      "destination=[find where comment=\"rosgen:p:a.forward\"]\n") !=
          std::string::npos);
    CHECK(script.find("/ip firewall filter set [find where comment=\"rosgen:p:b.forward\"] "
                      "connection-limit=9,32\n") != std::string::npos);
    CHECK(script.find(
              "/ip firewall filter remove [find where comment=\"rosgen:p:gone.forward\"]\n") !=
          std::string::npos);
    // Order of the script: moves, adds, sets, removes.
    CHECK(script.find(" move ") < script.find(" add "));
    CHECK(script.find(" add ") < script.find(" set "));
    CHECK(script.find(" set ") < script.find(" remove "));
    CHECK(apply(plan, running) == routeros::import_ruleset(desired));
  }

  TEST_CASE("plan: items of other owners are counted and never touched") {
    ir::Ruleset desired = compile(kRules);
    std::string export_text =
        "/ip firewall filter\n"
        "add action=accept chain=forward comment=\"defconf: accept established\" "
        "connection-state=established,related\n"
        "add action=drop chain=forward comment=\"rosgen:other:x\"\n"
        "/queue type\nadd kind=pcq name=rosgen-other-q pcq-rate=1\n";
    auto running = read_state(export_text);
    auto plan = diff::make_plan(desired, running, 7);
    CHECK(plan.summary.unowned[ir::Menu::Filter] == 2);
    CHECK(plan.summary.unowned[ir::Menu::QueueType] == 1);
    for (const auto& c : plan.changes) CHECK(c.op == diff::Op::Add);
    auto patched = apply(plan, running);
    CHECK(unowned(patched, "p") == unowned(running, "p"));
    CHECK(diff::make_plan(desired, patched, 7).in_sync());
  }

  TEST_CASE("plan: an anchor pushed down by the operator's rules goes back to the top") {
    ir::Ruleset desired = compile("cap a new connections 5 per host -> drop\n");
    auto running = routeros::import_ruleset(desired);
    auto& filter = running.items(ir::Menu::Filter);
    ir::Item other_chain;
    other_chain.menu = ir::Menu::Filter;
    other_chain.set("action", "accept");
    other_chain.set("chain", "input");
    filter.insert(filter.begin(), other_chain);  // another chain above: harmless
    CHECK(diff::make_plan(desired, running, 7).in_sync());
    ir::Item drop_all = other_chain;
    drop_all.set("action", "drop");
    drop_all.set("chain", "forward");  // no comment: addressed only through the anchor
    filter.insert(filter.begin(), drop_all);
    auto plan = diff::make_plan(desired, running, 7);
    REQUIRE(plan.changes.size() == 1);
    CHECK(plan.changes[0].op == diff::Op::Move);
    CHECK(plan.changes[0].top);
    std::string script = diff::render_script(plan, {"r.rsc", {}, {}, false});
    // Before the first non-dynamic item, found when the patch runs; never by number.
    CHECK(script.find("{ :local top [/ip firewall filter find where dynamic=no]; :if ([:len "
                      "$top] > 0) do={ /ip firewall filter move [find where "
                      "comment=\"rosgen:p:anchor.forward\"] destination=[:pick $top 0] } }\n") !=
          std::string::npos);
    CHECK(script.find("destination=0") == std::string::npos);
    auto patched = apply(plan, running);
    CHECK(diff::make_plan(desired, patched, 7).in_sync());
    CHECK(unowned(patched, "p") == std::vector<ir::Item>{drop_all, other_chain});
  }

  TEST_CASE("plan: flags go back to their default by value, matchers are unset with '!'") {
    ir::Ruleset desired = compile("cap a new connections 5 per host to tcp 25 -> drop\n");
    auto running = routeros::import_ruleset(desired);
    for (ir::Item& item : running.items(ir::Menu::Filter)) {
      if (item.get("connection-limit") == nullptr)
        continue;
      item.set("disabled", "yes");  // the operator disabled it, and logged it
      item.set("log", "yes");
      item.set("log-prefix", "x");
      item.set("src-port", "1024-65535");  // a matcher the policy does not have
    }
    auto plan = diff::make_plan(desired, running, 7);
    REQUIRE(plan.changes.size() == 1);
    std::string script = diff::render_script(plan, {"r.rsc", {}, {}, false});
    CHECK(script.find(" disabled=no log=no log-prefix=\"\" !src-port\n") != std::string::npos);
    CHECK(script.find("!disabled") == std::string::npos);
    CHECK(diff::make_plan(desired, apply(plan, running), 7).in_sync());
  }

  TEST_CASE("plan: the human view shows an export's control bytes escaped") {
    ir::Ruleset desired = compile("cap a new connections 5 per host -> drop\n");
    auto running = routeros::import_ruleset(desired);
    ir::Item hostile = running.items(ir::Menu::Filter).front();
    hostile.set("comment", "rosgen:p:\x1b]0;pwned\x07\x1b[31mRED\r\nx");
    running.items(ir::Menu::Filter).push_back(hostile);
    std::string human =
        diff::render_human(diff::make_plan(desired, running, 7), {"r\x1b[2J.rsc", {}, {}, false});
    for (char c : human) {
      auto u = static_cast<unsigned char>(c);
      CHECK_MESSAGE((u >= 0x20 || c == '\n'), "control byte " << int(u) << " in: " << human);
    }
    CHECK(human.find("rosgen:p:\\1B]0;pwned\\07\\1B[31mRED\\0D\\0Ax") != std::string::npos);
    CHECK(human.find("against r\\1B[2J.rsc") != std::string::npos);
  }

  TEST_CASE("plan: the human view escapes C1 controls too (U+009B CSI, stray 0x80-0x9F)") {
    ir::Ruleset desired = compile("cap a new connections 5 per host -> drop\n");
    auto running = routeros::import_ruleset(desired);
    ir::Item hostile = running.items(ir::Menu::Filter).front();
    // U+009B is CSI: "\xC2\x9B" "2J" clears a terminal as ESC [ 2J does.
    hostile.set("comment",
                "rosgen:p:\xC2\x9B"
                "2J\xC2\x9D"
                "0;t\xC2\x9C|\x9B"
                "31m|caf\xC3\xA9");
    running.items(ir::Menu::Filter).push_back(hostile);
    std::string human = diff::render_human(diff::make_plan(desired, running, 7), {"r\xC2\x9B"
                                                                                  "2J.rsc",
                                                                                  {},
                                                                                  {},
                                                                                  false});
    CHECK(human.find("\xC2\x9B") == std::string::npos);
    CHECK(human.find("rosgen:p:\\C2\\9B2J\\C2\\9D0;t\\C2\\9C|\\9B31m|caf\xC3\xA9") !=
          std::string::npos);
    CHECK(human.find("against r\\C2\\9B2J.rsc") != std::string::npos);
  }

  TEST_CASE("plan: two policies on one router are both in sync, whichever anchor is first") {
    ir::Ruleset p = compile("cap a new connections 5 per host -> drop\n");
    auto q_rules = test::lower_text(
        "policy q { routeros 7; clients 10.0.1.0/24 via bridge; uplink ether1; }\n"
        "cap a new connections 9 per host -> drop\n");
    REQUIRE(q_rules);
    for (bool p_first : {true, false}) {
      INFO("p imported " << (p_first ? "first" : "second"));
      routeros::RouterState router = routeros::import_ruleset(p_first ? *q_rules : p);
      std::string second = emit::emit_rsc(p_first ? p : *q_rules, {{"x.pol"}, "0", {}});
      router = read_state(second, router);  // anchors go above the other policy's
      CHECK(diff::make_plan(p, router, 7).in_sync());
      CHECK(diff::make_plan(*q_rules, router, 7).in_sync());
      auto plan = diff::make_plan(p, router, 7);
      REQUIRE(plan.summary.other_policies.size() == 1);
      // q's items all carry comment="rosgen:q:..." (it has no queue types).
      CHECK(plan.summary.other_policies.at("q") == q_rules->items.size() + q_rules->anchors.size());
      CHECK(diff::render_human(plan, {"r.rsc", {}, {}, false})
                .find("Other rosgen policies on this router (left alone): q (") !=
            std::string::npos);
    }
  }

  TEST_CASE("plan: 'anchor bottom' appends anchors and leaves them below the operator's rules") {
    auto ruleset = test::lower_text(
        "policy p { clients 10.0.0.0/24; anchor bottom; }\ncap a new connections 5 per host -> "
        "drop\n");
    REQUIRE(ruleset);
    CHECK_FALSE(ruleset->anchor_top);
    std::string script = emit::emit_rsc(*ruleset, {{}, "", {}});
    CHECK(script.find("place-before") == std::string::npos);
    auto deploy = diff::make_plan(*ruleset, {}, 7);
    for (const auto& c : deploy.changes) CHECK_FALSE(c.top);
    routeros::RouterState running;
    ir::Item user;
    user.menu = ir::Menu::Filter;
    user.set("action", "accept");
    user.set("chain", "forward");
    running.items(ir::Menu::Filter).push_back(user);
    auto patched = apply(deploy, running);
    CHECK(patched.items(ir::Menu::Filter).back().get("jump-target") != nullptr);  // appended
    CHECK(diff::make_plan(*ruleset, patched, 7).in_sync());
    CHECK(patched == read_state(emit::write_export(patched)));
  }

  TEST_CASE("plan: JSON and human renderings name the same changes") {
    ir::Ruleset desired = compile("cap a new connections 5 per host -> drop\n");
    auto plan = diff::make_plan(desired, {}, 7);
    diff::RenderContext context{"r\"x.rsc", {{"/interface", 3}}, {{"/interface", {4, 9}}}, false};
    std::string json = diff::render_json(plan, context);
    CHECK(json.find("\"schema\": \"rosgen-diff/1\"") != std::string::npos);
    CHECK(json.find("\"against\": \"r\\\"x.rsc\"") != std::string::npos);
    CHECK(
        json.find(
            "\"op\": \"add\", \"menu\": \"/ip firewall filter\", \"id\": \"rosgen:p:a.forward\"") !=
        std::string::npos);
    CHECK(json.find("\"not_modeled\": {\"/interface\": 3}, \"not_modeled_lines\": {\"/interface\": "
                    "[4, 9]}") != std::string::npos);
    std::string human = diff::render_human(plan, context);
    CHECK(human.find("+ /ip firewall filter  rosgen:p:a.forward") != std::string::npos);
    CHECK(human.find("Plan: 2 to add, 0 to change, 0 to move, 0 to remove") != std::string::npos);
    CHECK(human.find('\033') == std::string::npos);
    CHECK(human.find(
              "Not modeled (read, left alone):\n  /interface: 3 statement(s), lines 4, 9, ...\n") !=
          std::string::npos);
    context.color = true;
    CHECK(diff::render_human(plan, context).find("\033[32m+ ") != std::string::npos);
  }

  TEST_CASE("plan: the brief view (a push) is the whole view when it fits, else a line per "
            "change for the first ones and how many more") {
    ir::Ruleset desired = compile(
        "cap a new connections 5 per host -> drop\n"
        "cap b new connections 6 per host -> drop\n"
        "cap c new connections 7 per host -> drop\n"
        "cap d new connections 8 per host -> drop\n");
    auto plan = diff::make_plan(desired, {}, 7);
    diff::RenderContext context{"r.rsc", {}, {}, false};
    std::string whole = diff::render_human(plan, context);
    std::string more = "rosgen diff p.pol --host h shows them all";
    CHECK(diff::render_human_brief(plan, context, 1000, more) == whole);
    REQUIRE(plan.changes.size() > 4);
    std::string brief = diff::render_human_brief(plan, context, 3, more);
    std::vector<std::string> lines;
    std::istringstream in(brief);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    REQUIRE(lines.size() > 5);
    CHECK(whole.starts_with(lines[0] + "\n"));  // the same header
    // The first changes' first lines, as in the whole view.
    for (std::size_t i = 0; i < 3; ++i) {
      CHECK(lines[i + 1].find(plan.changes[i].key) != std::string::npos);
      CHECK(whole.find("\n" + lines[i + 1] + "\n") != std::string::npos);
    }
    CHECK(lines[4] ==
          "\u2026 and " + std::to_string(plan.changes.size() - 3) + " more changes (" + more + ")");
    CHECK(brief.ends_with("\n" + whole.substr(whole.find("Plan: "))));  // the same counts
    CHECK(diff::render_human_brief(plan, context, plan.changes.size() - 1, more)
              .find("\u2026 and 1 more change (") != std::string::npos);
  }

  TEST_CASE("plan: a changed chain is complete before a jump enters it, and removed last") {
    const std::string site = "set mail = tcp 25, 587\ncap a new connections 60 per host -> drop\n";
    ir::Ruleset old_rules = compile_versioned(
        site +
        "signature s to mail { in sequence: nocase \"HELO\", nocase \"RCPT TO:\" } -> drop\n");
    ir::Ruleset desired = compile_versioned(
        site +
        "signature s to mail { in sequence: nocase \"EHLO\", nocase \"RCPT TO:\" } -> drop\n" +
        "signature t to tcp 80 { in one packet: nocase \"GET /x\", \"HTTP/1.\" } -> drop\n");
    auto running = routeros::import_ruleset(old_rules);
    auto plan = diff::make_plan(desired, running, 7);
    // Every add into a chain comes before every add or set of a jump into that chain.
    std::map<std::string, std::size_t> last_add;  // chain -> position of its last add
    std::size_t last_add_at = 0, first_set = plan.changes.size(), first_remove = first_set;
    for (std::size_t i = 0; i < plan.changes.size(); ++i) {
      const diff::Change& c = plan.changes[i];
      if (c.op == diff::Op::Add) {
        last_add[*c.item.get("chain")] = i;
        last_add_at = i;
      }
      if (c.op == diff::Op::Change)
        first_set = std::min(first_set, i);
      if (c.op == diff::Op::Remove)
        first_remove = std::min(first_remove, i);
    }
    std::size_t jumps_checked = 0;
    for (std::size_t i = 0; i < plan.changes.size(); ++i) {
      const diff::Change& c = plan.changes[i];
      const std::string* target = c.item.get("jump-target");
      if (target == nullptr || c.op == diff::Op::Remove || last_add.count(*target) == 0)
        continue;
      INFO(c.key << " -> " << *target);
      CHECK(last_add.at(*target) < i);
      ++jumps_checked;
    }
    CHECK(jumps_checked >= 3);
    // The entry chain's new items (the new gate) after every other add; the repointing
    // sets after every add; the old versions' removal after every set.
    CHECK(position(plan, diff::Op::Add, "rosgen:p:t.gate.forward") > 0);
    for (const diff::Change& c : plan.changes) {
      if (c.op == diff::Op::Add && c.item.get("chain")->find("-sig-") != std::string::npos)
        CHECK(position(plan, diff::Op::Add, c.key) <
              position(plan, diff::Op::Add, "rosgen:p:t.gate.forward"));
    }
    CHECK(position(plan, diff::Op::Change, "rosgen:p:s.gate.forward") == first_set);
    CHECK(last_add_at < first_set);
    CHECK(first_set < first_remove);
    CHECK(plan.summary.count(diff::Op::Remove) >= 3);
    CHECK(by_chain(apply(plan, running)) == by_chain(routeros::import_ruleset(desired)));
  }

  TEST_CASE("plan: a layer7 protocol goes after the rules naming it, unless its name is taken") {
    const std::string stage = "signature s to tcp 80 { in one packet: at start nocase ";
    ir::Ruleset old_rules = compile_versioned(stage + "\"CONNECT \" } -> drop\n");
    ir::Ruleset desired = compile_versioned(stage + "\"CONNECT\" } -> drop\n");
    auto running = routeros::import_ruleset(old_rules);
    auto plan = diff::make_plan(desired, running, 7);
    std::size_t layer7_add = SIZE_MAX, layer7_remove = 0, last_rule_remove = 0;
    for (std::size_t i = 0; i < plan.changes.size(); ++i) {
      const diff::Change& c = plan.changes[i];
      if (c.menu == ir::Menu::Layer7Protocol)
        (c.op == diff::Op::Add ? layer7_add : layer7_remove) = i;
      else if (c.op == diff::Op::Remove)
        last_rule_remove = i;
    }
    CHECK(layer7_add < layer7_remove);
    CHECK(last_rule_remove < layer7_remove);
    CHECK(by_chain(apply(plan, running)) == by_chain(routeros::import_ruleset(desired)));
    // A hand-made entry holding the new entry's name: RouterOS refuses a second one, so it
    // is removed before the add.
    const ir::Item* wanted = nullptr;
    for (const ir::Item& item : desired.items)
      if (item.menu == ir::Menu::Layer7Protocol)
        wanted = &item;
    REQUIRE(wanted != nullptr);
    ir::Item copy = *wanted;
    copy.set("comment", "made by hand");
    running.items(ir::Menu::Layer7Protocol).push_back(copy);
    plan = diff::make_plan(desired, running, 7);
    std::string key = "name=" + *wanted->get("name");
    CHECK(position(plan, diff::Op::Remove, key) <
          position(plan, diff::Op::Add, *wanted->get("comment")));
  }

  TEST_CASE("plan: property test: random policies, random router edits, patch converges") {
    std::mt19937 rng(20261127);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    auto random_rules = [&](int count) {
      std::string text = "set web = tcp 80, 443\n";
      for (int i = 0; i < count; ++i) {
        std::string n = "r" + std::to_string(pick(12));  // names collide across versions
        if (text.find(" " + n + " ") != std::string::npos)
          continue;
        switch (pick(4)) {
          case 0:
            text += "cap " + n + " new connections " + std::to_string(1 + pick(9)) +
                    " per host -> drop\n";
            break;
          case 1:
            text += "rate " + n + " syn " + std::to_string(1 + pick(9)) + "/min per host to web" +
                    (pick(2) ? " using queue\n" : "\n");
            break;
          case 2:
            text += "signature " + n + " to tcp " + std::to_string(1000 + pick(5)) +
                    " { in sequence: \"A\", \"B" + std::to_string(pick(3)) + "\" } -> drop\n";
            break;
          default:
            text += "cap " + n + " new connections 3 per host to web -> quarantine " +
                    std::to_string(1 + pick(5)) + "m\n";
        }
      }
      return text;
    };
    for (int round = 0; round < 60; ++round) {
      INFO("round " << round);
      // Every other round with names by content, as `rosgen compile` writes them.
      auto compiled = round % 2 == 0 ? compile : compile_versioned;
      ir::Ruleset old_rules = compiled(random_rules(1 + pick(6)));
      ir::Ruleset desired = compiled(random_rules(1 + pick(6)));
      routeros::RouterState running = routeros::import_ruleset(old_rules);
      // The operator's own items, interleaved anywhere.
      for (int i = 0; i < 1 + pick(5); ++i) {
        ir::Item user;
        user.menu = pick(2) ? ir::Menu::Filter : ir::Menu::Mangle;
        user.set("action", "accept");
        user.set("chain", pick(2) ? "forward" : "rosgen-p-fwd");
        user.set("comment", "user " + std::to_string(i));
        auto& list = running.items(user.menu);
        list.insert(list.begin() + pick(static_cast<int>(list.size()) + 1), user);
      }
      // Hand edits of owned items: change, delete a property, remove, reorder, copy.
      for (int e = 0; e < pick(6); ++e) {
        auto& list = running.items(pick(2) ? ir::Menu::Filter : ir::Menu::Mangle);
        if (list.empty())
          continue;
        ir::Item& item = list[static_cast<std::size_t>(pick(static_cast<int>(list.size())))];
        if (!diff::owner_key(item, "p"))
          continue;
        switch (pick(5)) {
          case 0:
            item.set("action", "passthrough");
            break;
          case 1:
            std::erase_if(item.properties,
                          [](const ir::Property& p) { return p.name == "protocol"; });
            break;
          case 2:
            list.erase(list.begin() + (&item - list.data()));
            break;
          case 3:
            std::swap(item, list[static_cast<std::size_t>(pick(static_cast<int>(list.size())))]);
            break;
          default:
            list.push_back(item);
        }
      }
      routeros::RouterState running_text = read_state(emit::write_export(running));
      auto plan = diff::make_plan(desired, running_text, 7);
      auto patched = apply(plan, running_text);
      auto after = diff::make_plan(desired, patched, 7);
      CHECK(after.in_sync());
      for (const auto& c : after.changes) MESSAGE(static_cast<int>(c.op) << " " << c.key);
      CHECK(unowned(patched, "p") == unowned(running_text, "p"));
      // Nothing is rewritten that did not need it: a second plan from a fresh export of
      // the desired state is empty too.
      CHECK(diff::make_plan(desired, routeros::import_ruleset(desired), 7).in_sync());
    }
  }
}
