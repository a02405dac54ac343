// Tests for lower/version (content-addressed chain and layer7 names, issue 10 §3 step 5):
// what is renamed and to what (the hash recomputed here from the documented canonical
// text), what keeps its name, a jump cycle, determinism, and the patches examples/cafe.pol
// edits give: a literal edit adds exactly the signature's new chain versions, repoints its
// gate with one set and removes the old versions; a port edit rebuilds no chain.
#include "lower/version.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "diff/plan.hpp"
#include "pcap_util.hpp"
#include "routeros/state.hpp"
#include "support/digest.hpp"
#include "test_util.hpp"

using namespace rosgen;

namespace {

ir::Item item(ir::Menu menu, std::vector<ir::Property> properties) {
  ir::Item out;
  out.menu = menu;
  for (ir::Property& p : properties) out.set(std::move(p.name), std::move(p.value));
  return out;
}

ir::Item mangle(const std::string& chain, const std::string& id,
                std::vector<ir::Property> properties) {
  properties.push_back({"chain", chain});
  properties.push_back({"comment", "rosgen:p:" + id});
  return item(ir::Menu::Mangle, std::move(properties));
}

// The hash version.hpp documents: the first 6 hex digits of the SHA-256 of the menu line,
// then per item every property but comment as name=<length>:<value>, then "end".
std::string expected_hash(const std::string& head, const std::vector<ir::Item>& items) {
  std::string text = head + "\n";
  for (const ir::Item& i : items) {
    for (const ir::Property& p : i.properties) {
      if (p.name != "comment")
        text += p.name + "=" + std::to_string(p.value.size()) + ":" + p.value + "\n";
    }
    text += "end\n";
  }
  return support::sha256(text).substr(0, 6);
}

// An entry chain rosgen-p-fwd (the anchor's target) that jumps to x twice and to y; y
// jumps to x; x names layer7 protocol rosgen-p-s-1 and sets a connection mark.
ir::Ruleset small_ruleset() {
  ir::Ruleset r;
  r.policy = "p";
  r.items.push_back(
      item(ir::Menu::AddressList,
           {{"address", "10.0.0.1"}, {"comment", "rosgen:p:list"}, {"list", "rosgen-p-q"}}));
  r.items.push_back(
      item(ir::Menu::Layer7Protocol,
           {{"comment", "rosgen:p:s.lit1.layer7"}, {"name", "rosgen-p-s-1"}, {"regexp", "^abc"}}));
  r.items.push_back(mangle("rosgen-p-fwd", "s.start",
                           {{"action", "passthrough"}, {"layer7-protocol", "rosgen-p-s-1"}}));
  r.items.push_back(
      mangle("rosgen-p-fwd", "s.gate", {{"action", "jump"}, {"jump-target", "rosgen-p-x"}}));
  r.items.push_back(
      mangle("rosgen-p-fwd", "t.gate", {{"action", "jump"}, {"jump-target", "rosgen-p-y"}}));
  r.items.push_back(mangle("rosgen-p-x", "s.lit1",
                           {{"action", "mark-connection"},
                            {"content", "abc"},
                            {"layer7-protocol", "rosgen-p-s-1"},
                            {"new-connection-mark", "rosgen-p-s"}}));
  r.items.push_back(
      mangle("rosgen-p-y", "t.lit1",
             {{"action", "jump"}, {"content", "def"}, {"jump-target", "rosgen-p-x"}}));
  r.items.push_back(item(
      ir::Menu::QueueTree,
      {{"comment", "rosgen:p:r.queue"}, {"name", "rosgen-p-r"}, {"packet-mark", "rosgen-p-r"}}));
  r.anchors.push_back(item(ir::Menu::Mangle, {{"action", "jump"},
                                              {"chain", "forward"},
                                              {"comment", "rosgen:p:anchor.forward"},
                                              {"jump-target", "rosgen-p-fwd"}}));
  return r;
}

struct Compiled {
  ir::Ruleset ruleset;
  std::string script;
};

// `text` compiled as examples/cafe.pol would be, from a file named cafe.pol in `dir`.
Compiled compile(const std::string& text, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  std::string path = (dir / "cafe.pol").string();
  std::ofstream(path) << text;
  support::DiagnosticEngine diags;
  cli::PipelineResult result = cli::run_pipeline({path}, diags);
  REQUIRE_MESSAGE(result.script, support::render_all(diags));
  return {std::move(*result.ruleset), std::move(*result.script)};
}

std::string cafe_text() {
  return test::read_text(test::source_dir() + "/examples/cafe.pol");
}

using Keys = std::set<std::string>;

// The keys of `ruleset`'s items in firewall chains not in `other`, and of its layer7
// protocols whose names `other` lacks: what is new in `ruleset`.
Keys new_items(const ir::Ruleset& ruleset, const ir::Ruleset& other) {
  std::set<std::pair<ir::Menu, std::string>> names;
  for (const ir::Item& i : other.items) {
    const std::string* name = i.get(i.menu == ir::Menu::Layer7Protocol ? "name" : "chain");
    if (name != nullptr)
      names.emplace(i.menu, *name);
  }
  Keys out;
  for (const ir::Item& i : ruleset.items) {
    const std::string* name = i.get(i.menu == ir::Menu::Layer7Protocol ? "name" : "chain");
    if ((ir::is_firewall_table(i.menu) || i.menu == ir::Menu::Layer7Protocol) && name != nullptr &&
        names.count({i.menu, *name}) == 0)
      out.insert(*i.get("comment"));
  }
  return out;
}

std::map<diff::Op, Keys> keys_by_op(const diff::Plan& plan) {
  std::map<diff::Op, Keys> out;
  for (const diff::Change& c : plan.changes) out[c.op].insert(c.key);
  return out;
}

}  // namespace

TEST_SUITE("version") {
  TEST_CASE("version: non-entry chains and layer7 protocols take the hash of their content") {
    ir::Ruleset r = small_ruleset();
    ir::Ruleset before = r;
    lower::version_names(r);
    // The layer7 protocol first: its name and regexp.
    std::string l7 = expected_hash("layer7-protocol", {before.items[1]});
    CHECK(*r.items[1].get("name") == "rosgen-p-s-1-" + l7);
    CHECK(*r.items[1].get("comment") == "rosgen:p:s.lit1.layer7#" + l7);
    // x, a leaf, with its layer7-protocol= renamed; y with its jump-target renamed.
    ir::Item x = before.items[5];
    x.set("layer7-protocol", "rosgen-p-s-1-" + l7);
    std::string hx = expected_hash("mangle chain", {x});
    ir::Item y = before.items[6];
    y.set("jump-target", "rosgen-p-x-" + hx);
    std::string hy = expected_hash("mangle chain", {y});
    CHECK(*r.items[5].get("chain") == "rosgen-p-x-" + hx);
    CHECK(*r.items[5].get("comment") == "rosgen:p:s.lit1#" + hx);
    CHECK(*r.items[5].get("layer7-protocol") == "rosgen-p-s-1-" + l7);
    CHECK(*r.items[6].get("chain") == "rosgen-p-y-" + hy);
    CHECK(*r.items[6].get("jump-target") == "rosgen-p-x-" + hx);  // x entered twice: one name
    CHECK(*r.items[6].get("comment") == "rosgen:p:t.lit1#" + hy);
    // The entry chain keeps its name and comments; its jumps and layer7 reference follow.
    CHECK(*r.items[2].get("chain") == "rosgen-p-fwd");
    CHECK(*r.items[2].get("comment") == "rosgen:p:s.start");
    CHECK(*r.items[2].get("layer7-protocol") == "rosgen-p-s-1-" + l7);
    CHECK(*r.items[3].get("jump-target") == "rosgen-p-x-" + hx);
    CHECK(*r.items[4].get("jump-target") == "rosgen-p-y-" + hy);
    CHECK(r.anchors == before.anchors);
    // Marks, address lists and queues keep their names.
    CHECK(*r.items[5].get("new-connection-mark") == "rosgen-p-s");
    CHECK(r.items[0] == before.items[0]);
    CHECK(r.items[7] == before.items[7]);
    // A versioned comment is still the policy's, and its own key.
    CHECK(diff::owner_key(r.items[5], "p") == "rosgen:p:s.lit1#" + hx);
    CHECK_FALSE(diff::owner_key(r.items[5], "q"));
  }

  TEST_CASE("version: equal items under two names, or in two menus, get two versions") {
    ir::Ruleset r = small_ruleset();
    // z holds what x holds (cover chains numbered anew do that): its items must not share
    // x's keys, or a patch would move them between the chains in place.
    ir::Item z = r.items[5];
    z.set("chain", "rosgen-p-z");
    r.items.push_back(z);
    r.items.push_back(
        mangle("rosgen-p-fwd", "z.gate", {{"action", "jump"}, {"jump-target", "rosgen-p-z"}}));
    ir::Item filter_x = r.items[5];
    filter_x.menu = ir::Menu::Filter;
    filter_x.set("action", "accept");
    r.items.push_back(filter_x);
    r.items.push_back(item(ir::Menu::Filter, {{"action", "jump"},
                                              {"chain", "rosgen-p-fwd"},
                                              {"comment", "rosgen:p:x.filter"},
                                              {"jump-target", "rosgen-p-x"}}));
    r.anchors.push_back(item(ir::Menu::Filter, {{"action", "jump"},
                                                {"chain", "forward"},
                                                {"comment", "rosgen:p:anchor.forward"},
                                                {"jump-target", "rosgen-p-fwd"}}));
    lower::version_names(r);
    std::string mangle_x = *r.items[5].get("comment");
    std::string mangle_z = *r.items[8].get("comment");
    std::string filter_comment = *r.items[10].get("comment");
    CHECK(mangle_x != mangle_z);
    CHECK(mangle_x != filter_comment);
    CHECK(r.items[10].get("chain")->starts_with("rosgen-p-x-"));
    CHECK(*r.items[10].get("chain") != *r.items[5].get("chain"));
    CHECK(*r.items[11].get("jump-target") == *r.items[10].get("chain"));
  }

  TEST_CASE("version: a jump cycle among rosgen's chains is an internal error naming it") {
    ir::Ruleset r = small_ruleset();
    r.items.push_back(
        mangle("rosgen-p-x", "back", {{"action", "jump"}, {"jump-target", "rosgen-p-y"}}));
    CHECK_THROWS_WITH_AS(lower::version_names(r),
                         "internal error: rosgen's chains jump in a cycle: mangle rosgen-p-x -> "
                         "rosgen-p-y -> rosgen-p-x",
                         std::logic_error);
  }

  TEST_CASE("version: the same policy gives byte-identical scripts, wherever it is compiled") {
    test::TempDir dir;
    Compiled a = compile(cafe_text(), dir.path / "a");
    Compiled b = compile(cafe_text(), dir.path / "b" / "c");
    CHECK(a.script == b.script);
    CHECK(a.ruleset == b.ruleset);
    lower::version_names(b.ruleset);  // a second run versions the versioned names again
    CHECK(a.ruleset != b.ruleset);
    // A rule added elsewhere changes no signature chain's name.
    Compiled more = compile(cafe_text() + "\ncap extra new connections 9 per host -> drop\n",
                            dir.path / "more");
    CHECK(new_items(more.ruleset, a.ruleset).empty());
  }

  TEST_CASE("version: a literal edit adds the new chain versions, sets the gate, removes the old") {
    test::TempDir dir;
    std::string cafe = cafe_text();
    Compiled old_cafe = compile(cafe, dir.path / "old");
    routeros::RouterState running = routeros::import_ruleset(old_cafe.ruleset);

    struct Edit {
      std::string signature, from, to;
      Keys feeders;  // entry-chain items naming the signature's layer7 protocol
    };

    const Edit edits[] = {
        // A bot that puts a tab after CONNECT: the layer7 regexp changes too.
        {"proxy-connect",
         "at start nocase \"CONNECT \"",
         "at start nocase \"CONNECT\\t\"",
         {"rosgen:cafe:proxy-connect.lit1.layer7-start.forward"}},
        {"smtp-bot", "nocase \"RCPT TO:\"", "nocase \"RCPT TO\"", {}},
    };
    for (const Edit& edit : edits) {
      INFO(edit.signature);
      Compiled new_cafe =
          compile(test::replaced(cafe, edit.from, edit.to), dir.path / edit.signature);
      diff::Plan plan = diff::make_plan(new_cafe.ruleset, running, 7);
      std::map<diff::Op, Keys> ops = keys_by_op(plan);
      Keys added = new_items(new_cafe.ruleset, old_cafe.ruleset);
      Keys removed = new_items(old_cafe.ruleset, new_cafe.ruleset);
      CHECK_FALSE(added.empty());
      CHECK(ops[diff::Op::Add] == added);
      CHECK(ops[diff::Op::Remove] == removed);
      CHECK(ops[diff::Op::Move].empty());
      std::size_t layer7_adds = 0;
      for (const diff::Change& c : plan.changes)
        layer7_adds += c.op == diff::Op::Add && c.menu == ir::Menu::Layer7Protocol ? 1 : 0;
      CHECK(layer7_adds == edit.feeders.size());  // a new regexp is a new protocol
      // Only this signature's chains (and, for an anchored stage, its layer7 protocol).
      for (const diff::Change& c : plan.changes) {
        INFO(c.key);
        CHECK(c.key.starts_with("rosgen:cafe:" + edit.signature + "."));
        if (c.op != diff::Op::Change && ir::is_firewall_table(c.menu))
          CHECK(c.item.get("chain")->starts_with("rosgen-cafe-sig-" + edit.signature + "-"));
      }
      CHECK((ops[diff::Op::Add].size() + ops[diff::Op::Remove].size()) <
            running.size());  // a patch, not a reinstall
      // One set per repointed gate jump; the layer7 feeder follows its protocol's name.
      Keys sets = edit.feeders;
      sets.insert("rosgen:cafe:" + edit.signature + ".gate.forward");
      CHECK(ops[diff::Op::Change] == sets);
      for (const diff::Change& c : plan.changes) {
        if (c.op != diff::Op::Change)
          continue;
        bool repoint = false;
        for (const diff::PropertyChange& p : c.properties) repoint |= p.name == "jump-target";
        CHECK(repoint == (edit.feeders.count(c.key) == 0));
      }
    }
  }

  TEST_CASE("version: a port edit on a signature's gate is sets in place, no chain rebuilt") {
    test::TempDir dir;
    std::string cafe = cafe_text();
    Compiled old_cafe = compile(cafe, dir.path / "old");
    Compiled new_cafe =
        compile(test::replaced(cafe, "to tcp 25, 587", "to tcp 25, 2525"), dir.path / "new");
    diff::Plan plan =
        diff::make_plan(new_cafe.ruleset, routeros::import_ruleset(old_cafe.ruleset), 7);
    std::map<diff::Op, Keys> ops = keys_by_op(plan);
    // The gate, and the FastTrack guard's two accepts that keep the signature's
    // connections out of FastTrack (their ports follow the gate's).
    CHECK(ops[diff::Op::Change] == Keys{"rosgen:cafe:smtp-bot.gate.forward",
                                        "rosgen:cafe:guard.smtp-bot.request",
                                        "rosgen:cafe:guard.smtp-bot.reply"});
    CHECK(plan.changes.size() == 3);
    for (const diff::Change& c : plan.changes) {
      REQUIRE(c.properties.size() == 1);
      CHECK(c.properties[0].name.ends_with("-port"));
    }
  }
}
