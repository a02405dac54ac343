// Tests for the export reader's handling of script variables and expressions ($x, "a$x",
// ( ... ), [ ... $x ... ]): in a menu rosgen models, a command that changes items with a
// value the reader cannot know is an error (it could be an owned item: issue 7 review);
// elsewhere it is scripting, kept opaque. String-only expressions ("a" . "b") are read.
#include <doctest/doctest.h>

#include "read_util.hpp"
#include "routeros/script_reader.hpp"
#include "test_util.hpp"

using namespace rosgen;

namespace {

using test::Read;
using test::read;
using test::read_data;

std::string cafe_script() {
  return test::read_text(test::source_dir() + "/tests/golden/compile/examples/cafe.rsc");
}

}  // namespace

TEST_SUITE("script_expression") {
  TEST_CASE("expressions: an owned item with log-prefix=$x makes the router's state unknown") {
    std::string text = cafe_script();
    REQUIRE_FALSE(read(text).errors);  // the compiled script reads as an export in sync
    std::string owned = "comment=\"rosgen:cafe:smtp-bot.forward\"";
    std::size_t at = text.find(owned);
    REQUIRE(at != std::string::npos);
    text.insert(text.find('\n', at), " log-prefix=$x");
    Read r = read(text);
    CHECK(r.errors);
    CHECK(r.diagnostics.find(
              "error: this statement in /ip firewall filter uses a script variable or "
              "expression ('log-prefix=$x') that rosgen cannot evaluate; it could be an item "
              "rosgen owns, so the router's state is not known") != std::string::npos);
  }

  TEST_CASE("expressions: what the reader cannot evaluate, in a modeled menu, is an error") {
    for (const char* statement : {
             "add chain=forward log-prefix=$x",             // a variable
             "add chain=forward comment=\"rosgen:p:$id\"",  // interpolated in a string
             "add chain=forward comment=a$b",               // inside a bare word
             "add chain=forward connection-limit=(10+5),32",
             "add chain=forward comment=(\"rosgen:p:\" . $id)",
             "add chain=forward $props",                  // a bare variable
             "set [find where comment=$c] disabled=yes",  // in a selector
             "remove [find where comment=(\"rosgen:\" . $p)]",
             "move [find where comment=\"a\"] destination=[find where comment=$b]",
             // Found by the second issue-7 review: commands and expressions without '$'.
             "remove [find where comment=(\"rosgen:cafe:smtp-bot\" . \".forward\")]",
             "remove [find where comment=[:tostr \"rosgen:cafe:smtp-bot.forward\"]]",
             "set [find where comment=[:put \"x\"]] log=yes",
             "add chain=x comment=[:tostr \"rosgen:cafe:smtp-bot.forward\"] action=drop",
             "add chain=x comment=y log-prefix=[:put x] action=drop",
             "add chain=x disabled=[:tobool yes] action=drop",
         }) {
      INFO(statement);
      Read r = read(std::string("/ip firewall filter\n") + statement + "\n");
      CHECK(r.errors);
      CHECK(r.diagnostics.find("x.rsc:2:") != std::string::npos);
      CHECK(r.result.state.items(ir::Menu::Filter).empty());
    }
    Read tree = read("/queue tree add name=x parent=global max-limit=$bandwidth\n");
    CHECK(tree.errors);
    CHECK(tree.diagnostics.find("this statement in /queue tree") != std::string::npos);
  }

  TEST_CASE(
      "expressions: escaped '$', string expressions, other menus and reads stay as they were") {
    Read escaped = read("/ip firewall filter\nadd chain=forward comment=\"cost \\$5\"\n");
    CHECK_FALSE(escaped.errors);
    REQUIRE(escaped.result.state.items(ir::Menu::Filter).size() == 1);
    CHECK(*escaped.result.state.items(ir::Menu::Filter)[0].get("comment") == "cost $5");

    Read joined = read("/ip firewall mangle\nadd chain=notes comment=(\"a: \" . \"b\")\n");
    CHECK_FALSE(joined.errors);
    REQUIRE(joined.result.state.items(ir::Menu::Mangle).size() == 1);
    CHECK(*joined.result.state.items(ir::Menu::Mangle)[0].get("comment") == "a: b");

    Read other = read(
        "/ip firewall nat\nadd chain=srcnat action=masquerade out-interface=$wan\n"
        "/system script\nrun $name\n:local x [/ip firewall filter find where comment=$c]\n"
        "/ip firewall filter\nprint where comment=$c\n");
    // NAT is read (for the simulator) but never owned: the statement is skipped and named.
    CHECK_FALSE(other.errors);
    CHECK(other.diagnostics.find(
              "x.rsc:2:36: warning: this statement uses a script variable or "
              "expression ('out-interface=$wan') that rosgen cannot evaluate; it is skipped "
              "(it is in /ip firewall nat, which rosgen does not change)") != std::string::npos);
    auto by_menu = other.result.opaque_by_menu();
    CHECK(by_menu["(script)"] == 3);  // run, :local, print
    CHECK(by_menu["/ip firewall nat"] == 1);
    CHECK(other.result.state.items(ir::Menu::Nat).empty());
  }

  TEST_CASE("expressions: the placement blocks of rosgen's scripts are still read") {
    Read r = read(cafe_script());
    CHECK_FALSE(r.errors);
    CHECK(r.result.opaque_by_menu().count("(unreadable)") == 0);
    CHECK_FALSE(r.result.state.items(ir::Menu::Filter).empty());
  }

  TEST_CASE("expressions: real scripts with variables in modeled menus report each statement") {
    Read qos =
        read_data("08_script_queue-tree_mangle_packet-size__strannick_simple-qos-for-home.rsc");
    CHECK(qos.errors);
    CHECK(qos.diagnostics.find(
              ":26:17: error: this statement in /queue tree uses a script variable or expression "
              "('max-limit=$interfaceBandwidth')") != std::string::npos);
    Read shard =
        read_data("09_v6.43_idempotent-script_remove-find_queue-tree__BertProesmans_shard-QOS.rsc");
    CHECK(shard.errors);
    CHECK(shard.diagnostics.find(":396:73: error: this statement in /queue type uses a script "
                                 "variable or expression ('pcq-rate=($PCQDOWNLOAD)')") !=
          std::string::npos);
    CHECK(shard.diagnostics.find(":406:37: error: this statement in /queue tree uses a script "
                                 "variable or expression ('parent=($QOSINTERFACE)')") !=
          std::string::npos);
    // ("customconf: GAMES") is plain text: read, no error about it.
    CHECK(shard.diagnostics.find("customconf: GAMES") == std::string::npos);
  }
}
