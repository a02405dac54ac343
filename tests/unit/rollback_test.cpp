// Tests for diff/rollback: for (old, new) pairs of examples/cafe.pol on RouterOS's default
// firewall, with the operator's rules before, between and after rosgen's, the rollback
// imported after EVERY prefix of the forward patch (statement by statement, as an /import
// stopped by a run-time failure leaves it) puts back every owned item, its properties,
// order and place, never changes another item, and changes nothing when imported again.
// The same checks fail on a rollback without its guards. Imports run on rosgen's script
// reader in import mode, and once on the fake RouterOS device's /import.
#include "diff/rollback.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>

#include "cli/app.hpp"
#include "diff/plan.hpp"
#include "interpreter.hpp"
#include "routeros/canonical.hpp"
#include "routeros/script_reader.hpp"
#include "test_util.hpp"

using namespace rosgen;

namespace {

const std::string kPolicy = "cafe";

// `script` imported on `state`, as RouterOS's /import runs it. Whatever the reader refused,
// could not read or did not model is appended to *problems.
routeros::RouterState run(const std::string& script, routeros::RouterState state,
                          std::string* problems) {
  support::DiagnosticEngine diags;
  auto file = std::make_shared<const support::SourceFile>("script.rsc", script);
  routeros::ReadOptions options;
  options.import = true;
  routeros::ReadResult result = routeros::read_script(file, diags, std::move(state), options);
  if (diags.has_errors() || diags.warning_count() > 0)
    *problems += support::render_all(diags);
  for (const routeros::OpaqueStatement& s : result.opaque) {
    *problems +=
        "line " + std::to_string(s.line) + " not executed: " + s.menu + ": " + s.reason + "\n";
  }
  return routeros::without_remarks(std::move(result.state));
}

routeros::RouterState run_clean(const std::string& script, routeros::RouterState state) {
  std::string problems;
  routeros::RouterState out = run(script, std::move(state), &problems);
  INFO(problems);
  CHECK(problems.empty());
  return out;
}

// RouterOS's default firewall (FastTrack on: its dynamic counter rule heads the filter
// table), with the interfaces and lists that the policy's checks ask for.
routeros::RouterState defconf() {
  routeros::RouterState state;
  state.interfaces = std::set<std::string>{"bridge", "ether1"};
  state.interface_lists = std::set<std::string>{"LAN", "WAN"};
  return run_clean(test::read_text(test::source_dir() + "/tests/import/defconf-v7.rsc"), state);
}

std::string cafe_text() {
  return test::read_text(test::source_dir() + "/examples/cafe.pol");
}

// `text` with `from` (which must occur once) replaced by `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  REQUIRE(text.find(from, at + 1) == std::string::npos);
  return text.replace(at, from.size(), to);
}

// The policy text compiled as `rosgen compile` does (checked, ordered, optimised with the
// built-in traffic profile, lowered: what a push sends), or with --no-optimise (every case
// form on every packet: fewer items, a faster test).
ir::Ruleset compiled(const std::string& text, bool optimise = true) {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("rosgen-rollback-" + std::to_string(::getpid()) + ".pol");
  std::ofstream(path, std::ios::binary) << text;
  cli::PipelineOptions options(path.string());
  options.optimise = optimise;
  support::DiagnosticEngine diags;
  cli::PipelineResult result = cli::run_pipeline(options, diags);
  std::filesystem::remove(path);
  INFO(support::render_all(diags));
  REQUIRE(result.ruleset);
  REQUIRE(result.ruleset->policy == kPolicy);
  return *result.ruleset;
}

ir::Ruleset cafe(bool optimise = true) {
  return compiled(cafe_text(), optimise);
}

ir::Ruleset no_policy() {
  ir::Ruleset empty;
  empty.policy = kPolicy;
  return empty;
}

diff::Plan plan_for(const ir::Ruleset& desired, const routeros::RouterState& old) {
  return diff::make_plan(desired, routeros::exported(old), 7);
}

routeros::RouterState install(const ir::Ruleset& policy, const routeros::RouterState& state) {
  return run_clean(diff::render_script(plan_for(policy, state), {"r.rsc", {}, {}, false}), state);
}

ir::Item operator_rule(ir::Menu menu, const std::string& chain, const std::string& comment = "") {
  ir::Item item;
  item.menu = menu;
  item.set("action", "accept");
  item.set("chain", chain);
  if (!comment.empty())
    item.set("comment", comment);
  item.set("src-address", "10.9.9.9");
  return item;
}

bool owned(const ir::Item& item) {
  return diff::owner_key(item, kPolicy).has_value();
}

// Inserts the operator's rules into a table holding rosgen's: one before all of them (in
// a chain no anchor hooks), one between (after the middle owned item), and two identical
// ones without a comment at the end (no selector can tell them apart).
void add_operator_rules(routeros::RouterState& state, ir::Menu menu, const std::string& top_chain) {
  std::vector<ir::Item>& items = state.items(menu);
  auto first = std::find_if(items.begin(), items.end(),
                            [](const ir::Item& i) { return !routeros::is_dynamic(i); });
  items.insert(first, operator_rule(menu, top_chain, "operator: before"));
  std::vector<std::size_t> mine;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (owned(items[i]))
      mine.push_back(i);
  }
  if (!mine.empty()) {
    auto middle = items.begin() + static_cast<std::ptrdiff_t>(mine[mine.size() / 2] + 1);
    items.insert(middle, operator_rule(menu, "forward", "operator: between"));
  }
  items.push_back(operator_rule(menu, "forward"));
  items.push_back(operator_rule(menu, "forward"));
}

// The café on the default firewall, with the operator's rules around rosgen's.
routeros::RouterState cafe_router(const ir::Ruleset& policy) {
  routeros::RouterState state = install(policy, defconf());
  add_operator_rules(state, ir::Menu::Filter, "input");
  add_operator_rules(state, ir::Menu::Mangle, "output");
  return state;
}

// One line per item: owned ones ("O") in canonical form, the others ("U") as they are,
// dynamic ones included. The firewall tables in list order (the owned items' order, and
// their places among the others); in other menus order means nothing to RouterOS, and
// the owned items are sorted.
std::string layout(const routeros::RouterState& state) {
  std::string out;
  for (ir::Menu menu : routeros::kModeledMenus) {
    std::vector<std::string> lines;
    for (const ir::Item& item : state.items(menu)) {
      bool mine = owned(item);
      std::string line = mine ? "O" : "U";
      for (const ir::Property& p : (mine ? routeros::canonical_item(item, 7) : item).properties)
        line += " " + p.name + "=" + p.value;
      lines.push_back(std::move(line));
    }
    if (!ir::is_firewall_table(menu))
      std::stable_sort(lines.begin(), lines.end());
    for (const std::string& line : lines)
      out += std::string(ir::menu_path(menu)) + " " + line + "\n";
  }
  return out;
}

std::vector<ir::Item> unowned(const routeros::RouterState& state) {
  std::vector<ir::Item> out;
  for (const auto& list : state.menus) {
    std::copy_if(list.begin(), list.end(), std::back_inserter(out),
                 [](const ir::Item& item) { return !owned(item); });
  }
  return out;
}

// The statements of a script, one a line, without its comments.
std::vector<std::string> statements(const std::string& script) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < script.size()) {
    std::size_t end = script.find('\n', pos);
    std::string line = script.substr(pos, end - pos);
    pos = end == std::string::npos ? script.size() : end + 1;
    if (!line.empty() && line[0] != '#')
      out.push_back(line);
  }
  return out;
}

// The first way `rollback` fails from a prefix of `patch` imported on `old` (the owned
// items differ from old's, another item changed, a second import changed something, the
// script was refused), or "" when it never does.
std::string first_failure(const routeros::RouterState& old, const std::string& patch,
                          const std::string& rollback) {
  std::vector<std::string> lines = statements(patch);
  const std::string want = layout(old);
  routeros::RouterState patched = old;         // the patch's first k statements imported
  std::vector<routeros::RouterState> settled;  // rollback results a second import left alone
  for (std::size_t k = 0; k <= lines.size(); ++k) {
    std::string where = "after " + std::to_string(k) + " of the patch's " +
                        std::to_string(lines.size()) + " statements";
    std::string problems;
    if (k > 0)
      patched = run(lines[k - 1], std::move(patched), &problems);
    if (!problems.empty())
      return where + ": the patch was refused: " + problems;
    routeros::RouterState back = run(rollback, patched, &problems);
    if (!problems.empty())
      return where + ": the rollback was refused: " + problems;
    if (layout(back) != want)
      return where + ": the rollback leaves\n" + layout(back) + "instead of\n" + want;
    if (unowned(back) != unowned(old))
      return where + ": the rollback changed items rosgen does not own";
    if (k == 0 && !(back == old))
      return "the rollback changed the old state itself";
    // Imports are deterministic: a state seen before needs no second look.
    if (std::find(settled.begin(), settled.end(), back) != settled.end())
      continue;
    routeros::RouterState again = run(rollback, back, &problems);
    if (!problems.empty() || !(again == back))
      return where + ": a second rollback changed\n" + layout(back) + "into\n" + layout(again) +
             problems;
    settled.push_back(std::move(back));
  }
  return "";
}

struct Push {
  routeros::RouterState old;
  diff::Plan plan;
  std::string patch, rollback;
};

Push push(const routeros::RouterState& old, const ir::Ruleset& desired) {
  Push out{old, plan_for(desired, old), "", ""};
  out.patch = diff::render_script(out.plan, {"router", {}, {}, false});
  out.rollback = diff::render_rollback(out.plan, routeros::exported(old), {"router"});
  return out;
}

void check_rollback(const routeros::RouterState& old, const ir::Ruleset& desired) {
  Push p = push(old, desired);
  INFO("patch:\n" << p.patch << "rollback:\n" << p.rollback);
  CHECK_FALSE(p.plan.in_sync());
  CHECK(first_failure(p.old, p.patch, p.rollback) == "");
}

}  // namespace

TEST_SUITE("rollback") {
  TEST_CASE("rollback: from every prefix of the patch, for edits of the café policy") {
    const routeros::RouterState old = cafe_router(cafe());
    const std::string text = cafe_text();
    const std::string per_host = "cap per-host new connections 60 per host -> reject\n";
    const std::string mail = "set mail = tcp 25, 465, 587\n";
    const std::string smtp_bot =
        "signature smtp-bot to tcp 25, 587 within first 4KiB {\n"
        "  in sequence: nocase \"HELO\" | nocase \"EHLO\", nocase \"RCPT TO:\"\n"
        "} -> drop, log \"smtp-bot\"\n";
    const std::pair<const char*, std::string> edits[] = {
        {"a signature literal changed",
         replaced(text, "nocase \"RCPT TO:\"", "nocase \"MAIL FROM:\"")},
        {"a rule added", text + "cap ssh new connections 4 per host to tcp 22 -> drop\n"},
        {"a rule removed",
         replaced(text, "cap mail-per-host new connections 6 per host to mail -> drop\n", "")},
        {"a rule moved down", replaced(text, per_host, "") + per_host},
        {"rules reordered",
         replaced(replaced(replaced(text, per_host, ""), smtp_bot, ""), mail, mail + smtp_bot) +
             per_host},
        {"a queue rate changed", replaced(text, "syn 5/min burst 5", "syn 9/min burst 5")},
        {"a port changed", replaced(text, "to tcp 80, 3128, 8080", "to tcp 80, 3128, 8081")},
    };
    for (const auto& [name, edited] : edits) {
      INFO(name);
      check_rollback(old, compiled(edited));
    }
  }

  TEST_CASE("rollback: the whole policy removed, and the policy added to a router without it") {
    // Compiled with --no-optimise: every item is added or removed either way, and this is
    // the smaller set (the test imports the rollback twice after each of ~260 statements).
    check_rollback(cafe_router(cafe(false)), no_policy());
    routeros::RouterState bare = defconf();
    add_operator_rules(bare, ir::Menu::Filter, "input");
    add_operator_rules(bare, ir::Menu::Mangle, "output");
    check_rollback(bare, cafe(false));
  }

  TEST_CASE("rollback: an anchor the operator moved below a rule of theirs goes back there") {
    routeros::RouterState old = cafe_router(cafe());
    std::vector<ir::Item>& filter = old.items(ir::Menu::Filter);
    auto anchor = std::find_if(filter.begin(), filter.end(), [](const ir::Item& i) {
      const std::string* comment = i.get("comment");
      return comment != nullptr && comment->find(":anchor.") != std::string::npos;
    });
    REQUIRE(anchor != filter.end());
    std::string chain = *anchor->get("chain");
    filter.insert(anchor, operator_rule(ir::Menu::Filter, chain));  // no comment
    Push p = push(old, cafe());
    bool moves_anchor = std::any_of(p.plan.changes.begin(), p.plan.changes.end(),
                                    [](const diff::Change& c) { return c.op == diff::Op::Move; });
    CHECK(moves_anchor);
    INFO("patch:\n" << p.patch << "rollback:\n" << p.rollback);
    CHECK(first_failure(p.old, p.patch, p.rollback) == "");
  }

  TEST_CASE("rollback: hand-made copies of an owned rule come back, each in its place") {
    routeros::RouterState old = cafe_router(cafe());
    std::vector<ir::Item>& filter = old.items(ir::Menu::Filter);
    auto rule = std::find_if(filter.begin(), filter.end(), [](const ir::Item& i) {
      const std::string* comment = i.get("comment");
      return comment != nullptr && *comment == "rosgen:cafe:per-host.forward";
    });
    REQUIRE(rule != filter.end());
    ir::Item copy = *rule;
    copy.set("log", "yes");  // the operator's copy differs
    filter.push_back(copy);
    Push p = push(old, cafe());
    INFO("patch:\n" << p.patch << "rollback:\n" << p.rollback);
    CHECK(p.rollback.find(" remove [find where comment=\"rosgen:cafe:per-host.forward\"]\n") !=
          std::string::npos);
    CHECK(first_failure(p.old, p.patch, p.rollback) == "");
  }

  TEST_CASE("rollback: the reader runs the guard and [:pick $top N] as RouterOS would") {
    const std::string filter = "/ip firewall filter ";
    const std::string add_x = filter + "add action=accept chain=forward comment=\"x\"";
    const std::string guard =
        ":if ([:len [" + filter + "find where comment=\"x\"]] = 0) do={ " + add_x + " }\n";
    routeros::RouterState state = run_clean(guard + guard, defconf());
    CHECK(std::count_if(
              state.items(ir::Menu::Filter).begin(), state.items(ir::Menu::Filter).end(),
              [](const ir::Item& i) { return i.get("comment") && *i.get("comment") == "x"; }) == 1);
    // The N-th item that is not dynamic: FastTrack's counter rule is item 0 of the table.
    auto at = [&](std::size_t n, const std::string& command, const std::string& otherwise) {
      std::string index = std::to_string(n);
      return "{ :local top [" + filter + "find where dynamic=no]; :if ([:len $top] > " + index +
             ") do={ " + command + "[:pick $top " + index + "] }" +
             (otherwise.empty() ? "" : " else={ " + otherwise + " }") + " }\n";
    };
    std::string add_y = filter + "add action=drop chain=forward comment=\"y\"";
    state = run_clean(at(2, add_y + " place-before=", add_y) +
                          at(0, filter + "move [find where comment=\"x\"] destination=", ""),
                      defconf());
    const std::vector<ir::Item>& items = state.items(ir::Menu::Filter);
    REQUIRE(items.size() == 13);
    CHECK(routeros::is_dynamic(items[0]));
    CHECK(*items[3].get("comment") == "y");
    routeros::RouterState one;  // a table with one item: no item 2, so the else= adds at the end
    one.items(ir::Menu::Filter).push_back(operator_rule(ir::Menu::Filter, "input"));
    one = run_clean(at(2, add_y + " place-before=", add_y), one);
    CHECK(*one.items(ir::Menu::Filter).back().get("comment") == "y");
    // Guards on selectors or conditions the reader does not model stay opaque script.
    for (const std::string& text :
         {":if ([:len [" + filter + "find where chain=forward]] = 0) do={ " + add_x + " }",
          ":if ([:len [" + filter + "find where comment=\"x\"]] > 1) do={ " + add_x + " }",
          ":if ([:len [" + filter + "find where comment=\"x\"]] = 0) do={ :error \"x\" }",
          replaced(at(7, add_y + " place-before=", ""), "> 7)", "> 07)")}) {
      INFO(text);
      std::string problems;
      routeros::RouterState after = run(text, routeros::RouterState{}, &problems);
      CHECK(after.items(ir::Menu::Filter).empty());
      CHECK(problems.find("not executed: (script)") != std::string::npos);
    }
  }

  TEST_CASE("rollback: the header says what it restores; places are never print numbers") {
    Push p = push(cafe_router(cafe()),
                  compiled(replaced(cafe_text(), "nocase \"RCPT TO:\"", "nocase \"MAIL FROM:\"")));
    CHECK(p.rollback.starts_with("# rosgen rollback: policy \"cafe\", as \"router\" showed it"));
    CHECK(p.rollback.find("Safe to import more than once") != std::string::npos);
    CHECK(std::regex_search(p.rollback, std::regex("# Restores the [0-9]+ item\\(s\\) the policy "
                                                   "owned \\(/queue type 1, /ip firewall mangle")));
    CHECK_FALSE(std::regex_search(p.rollback, std::regex("(place-before|destination)=[0-9]")));
    // It undoes what the patch does, no more: one statement for each of the patch's (one
    // more for a move: out of the way, then back).
    CHECK(statements(p.rollback).size() <=
          statements(p.patch).size() + p.plan.summary.count(diff::Op::Move));
  }

  TEST_CASE("rollback: without its guards, the checks fail") {
    // ':if ([:len [...]] = 0) do={ X }' -> 'X'
    auto unguarded = [](const std::string& rollback) {
      std::string naive = std::regex_replace(
          rollback, std::regex(R"(:if \(\[:len \[[^\n]*?\]\] = 0\) do=\{ (.*) \}\n)"), "$1\n");
      REQUIRE(naive != rollback);
      return naive;
    };
    // A rule removed: imported where the rule still is, the naive rollback adds a copy.
    Push removed = push(cafe_router(cafe()),
                        compiled(replaced(cafe_text(),
                                          "cap mail-per-host new connections 6 per host to mail "
                                          "-> drop\n",
                                          "")));
    std::string failure = first_failure(removed.old, removed.patch, unguarded(removed.rollback));
    CHECK(failure.starts_with("after 0 of the patch's 1 statements: the rollback leaves"));
    CHECK(first_failure(removed.old, removed.patch, removed.rollback) == "");
    // The whole policy removed: it adds a queue type that is there, which RouterOS refuses.
    Push all = push(cafe_router(cafe()), no_policy());
    failure = first_failure(all.old, all.patch, unguarded(all.rollback));
    CHECK(failure.find("already have queue type with such name") != std::string::npos);
  }

  TEST_CASE("rollback: the fake RouterOS device imports it, twice, after the whole patch") {
    Push p =
        push(cafe_router(cafe()),
             compiled(replaced(cafe_text(), "to tcp 80, 3128, 8080", "to tcp 80, 3128, 8081")));
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("rosgen-rollback-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "files");
    fake::Device device;
    device.state = run_clean(p.patch, p.old);
    device.save(dir);
    std::ofstream(dir / "files" / "rollback.rsc", std::ios::binary) << p.rollback;
    for (int round = 0; round < 2; ++round) {
      fake::Interpreter cli({dir, {}, {}, false});
      CHECK(cli.run("/import file-name=rollback.rsc"));
      cli.finish();
      CHECK(cli.output() == "Script file loaded and executed successfully\r\n");
      routeros::RouterState after = fake::Device::load(dir).state;
      CHECK(layout(after) == layout(p.old));
    }
    CHECK_FALSE(fs::exists(dir / "unmodeled.log"));
    fs::remove_all(dir);
  }
}
