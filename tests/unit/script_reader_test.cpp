// Tests for routeros/script_reader: export and script forms, escapes and
// continuations, comments, header forms, opaque statements and scripting, the real exports
// in ../shared/data/rsc with their known defects, and hostile input (truncated, binary,
// huge lines, CRLF, Latin-1, unterminated strings).
#include "routeros/script_reader.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "cli/app.hpp"
#include "emit/rsc_writer.hpp"
#include "read_util.hpp"
#include "routeros/canonical.hpp"
#include "routeros/properties.hpp"
#include "test_util.hpp"

using namespace rosgen;

namespace {

using test::Read;
using test::read;
using test::read_data;

std::string prop(const ir::Item& item, const std::string& name) {
  const std::string* v = item.get(name);
  return v ? *v : "<none>";
}

std::size_t count(const Read& r, ir::Menu menu) {
  return r.result.state.items(menu).size();
}

}  // namespace

TEST_SUITE("script_reader") {
  TEST_CASE("reader: compact sections, terse lines and v7 slash paths give the same items") {
    const char* compact = "/ip firewall filter\nadd action=drop chain=forward comment=\"a b\"\n";
    const char* terse = "/ip firewall filter add action=drop chain=forward comment=\"a b\"\n";
    const char* slash = "/ip/firewall/filter\nadd action=drop chain=forward comment=\"a b\"\n";
    const char* slash_verb = "/ip/firewall/filter/add action=drop chain=forward comment=\"a b\"\n";
    const char* relative = "/ip\nfirewall filter add action=drop chain=forward comment=\"a b\"\n";
    auto expected = read(compact).result.state;
    REQUIRE(expected.items(ir::Menu::Filter).size() == 1);
    CHECK(prop(expected.items(ir::Menu::Filter)[0], "comment") == "a b");
    for (const char* text : {terse, slash, slash_verb, relative}) {
      INFO(text);
      auto r = read(text);
      CHECK(r.diagnostics == "");
      CHECK(r.result.state == expected);
    }
  }

  TEST_CASE("reader: continuations, also inside strings, and every escape") {
    auto r = read(
        "/ip firewall mangle\n"
        "add action=mark-packet chain=prerouting comment=\"passwo\\\n"
        "    rd\" new-packet-mark=\\\n"
        "    x content=\"\\\"\\\\\\$\\?\\_\\n\\r\\t\\01\\FF\\3F\"\n");
    REQUIRE(count(r, ir::Menu::Mangle) == 1);
    const ir::Item& item = r.result.state.items(ir::Menu::Mangle)[0];
    CHECK(prop(item, "comment") == "password");
    CHECK(prop(item, "new-packet-mark") == "x");
    CHECK(prop(item, "content") == std::string("\"\\$? \n\r\t\x01\xff?"));
  }

  TEST_CASE("reader: headers give the version; ';' separates commands; CRLF is fine") {
    auto v6 = read(
        "# apr/28/2017 21:42:47 by RouterOS 6.38.5\r\n# software id = X\r\n/queue tree\r\nadd "
        "name=a parent=global; add name=b parent=global\r\n");
    CHECK(v6.result.routeros_version == "6.38.5");
    CHECK(v6.result.routeros_major() == 6);
    CHECK(count(v6, ir::Menu::QueueTree) == 2);
    CHECK(v6.diagnostics == "");
    auto v7 = read("# 2023-12-03 20:27:23 by RouterOS 7.10\n#\n");
    CHECK(v7.result.routeros_major() == 7);
  }

  TEST_CASE("reader: '#' lines are comments, whatever quotes they hold") {
    auto r = read(
        "# the admin's \"rule of thumb\n"
        "/ip firewall filter\n"
        "#   _\"_   ___\n"
        "#  | \" | |___|  \"\"\"\n"
        "add chain=forward action=drop comment=\"a \\\"b\\\"\"\n"
        "    # indented, with a \" too\n"
        "add chain=forward action=accept\n");
    CHECK(r.diagnostics == "");
    CHECK_FALSE(r.errors);
    REQUIRE(count(r, ir::Menu::Filter) == 2);
    CHECK(prop(r.result.state.items(ir::Menu::Filter)[0], "comment") == "a \"b\"");
    CHECK(r.result.state.items(ir::Menu::Filter)[0].remarks ==
          std::vector<std::string>{"  _\"_   ___", " | \" | |___|  \"\"\""});
    CHECK(r.result.state.items(ir::Menu::Filter)[1].remarks ==
          std::vector<std::string>{"indented, with a \" too"});
    // A comment never continues: a trailing '\' does not swallow the next command.
    auto tail = read("/ip firewall filter\n# see below \\\nadd chain=forward action=drop\n");
    CHECK(tail.diagnostics == "");
    CHECK(count(tail, ir::Menu::Filter) == 1);
  }

  TEST_CASE("reader: an unterminated string is an error for its own statement only") {
    auto r = read(
        "/ip firewall filter\n"
        "add chain=forward comment=\"broken action=drop\n"
        "add chain=forward action=accept comment=after\n"
        "set [find where comment=\"after\"] action=reject\n"
        "add chain=input action=drop; add chain=output comment=\"half\n"
        "add chain=forward action=drop comment=last\n");
    CHECK(r.diagnostics ==
          "x.rsc:2:27: error: unterminated string: this quoted value does not end on its line; "
          "the statement is skipped and the next line is read\n"
          "  add chain=forward comment=\"broken action=drop\n"
          "                            ^~~~~~~~~~~~~~~~~~~\n"
          "x.rsc:5:55: error: unterminated string: this quoted value does not end on its line; "
          "the statement is skipped and the next line is read\n"
          "  add chain=input action=drop; add chain=output comment=\"half\n"
          "                                                        ^~~~~\n"
          "2 errors generated.\n");
    REQUIRE(count(r, ir::Menu::Filter) == 2);  // lines 3 and 6, executed
    CHECK(prop(r.result.state.items(ir::Menu::Filter)[0], "comment") == "after");
    CHECK(prop(r.result.state.items(ir::Menu::Filter)[0], "action") == "reject");  // line 4 ran
    CHECK(prop(r.result.state.items(ir::Menu::Filter)[1], "comment") == "last");
    CHECK(r.result.opaque_by_menu()["(unreadable)"] == 2);

    auto truncated = read("/ip firewall filter\nadd chain=a\nadd chain=forward comment=\"never");
    CHECK(truncated.diagnostics ==
          "x.rsc:3:27: error: unterminated string: the file ends inside this quoted value "
          "(truncated?); the statement is skipped\n"
          "  add chain=forward comment=\"never\n"
          "                            ^~~~~~\n");
    CHECK(count(truncated, ir::Menu::Filter) == 1);

    // In a menu rosgen does not model, the lost statement cannot hide an owned item: a
    // warning, so that `diff` still gives a plan.
    auto nat = read(
        "/ip firewall nat\n"
        "add action=masquerade chain=srcnat comment=\"broken\n"
        "/ip firewall filter add chain=forward action=drop comment=x\n"
        "/ip dhcp-server network add address=10.0.0.0/24 comment=\"half\n");
    CHECK(nat.diagnostics ==
          "x.rsc:2:44: warning: unterminated string: this quoted value does not end on its "
          "line; the statement is skipped and the next line is read (it is in /ip firewall "
          "nat, which rosgen does not change)\n"
          "  add action=masquerade chain=srcnat comment=\"broken\n"
          "                                             ^~~~~~~\n"
          "x.rsc:4:57: warning: unterminated string: the file ends inside this quoted value "
          "(truncated?); the statement is skipped (it is in /ip dhcp-server network, which "
          "rosgen does not change)\n"
          "  /ip dhcp-server network add address=10.0.0.0/24 comment=\"half\n"
          "                                                          ^~~~~\n"
          "2 warnings generated.\n");
    CHECK(count(nat, ir::Menu::Filter) == 1);

    // A value that cannot be decoded (an invalid escape) in a modeled menu: an error too,
    // since the statement could be an owned item; in another menu a warning only.
    auto escape = read(
        "/ip firewall filter\n"
        "add action=drop chain=forward comment=\"rosgen:cafe:x\\xFF\"\n"
        "/ip firewall nat\n"
        "add action=masquerade chain=srcnat comment=\"bad\\x\"\n");
    CHECK(escape.diagnostics.find("x.rsc:2:1: error: this statement in /ip firewall filter "
                                  "cannot be read (see above); it could be an item rosgen "
                                  "owns, so the router's state is not known") != std::string::npos);
    CHECK(escape.diagnostics.find("1 error and 2 warnings generated.") != std::string::npos);

    // Pasted console text with an odd quote is junk, as without it.
    auto pasted = read("/ip firewall filter\nThe \"best rule\nadd chain=a\n");
    CHECK(pasted.diagnostics ==
          "x.rsc:2:1: warning: line 2 holds no RouterOS command (console output or a banner "
          "pasted into the file?); skipped\n"
          "  The \"best rule\n"
          "  ^\n");
    CHECK(count(pasted, ir::Menu::Filter) == 1);
  }

  TEST_CASE("reader: function calls, menu verbs and expressions are script, not junk") {
    auto r = read(
        ":global Notify do={\n"
        "  :log info $1\n"
        "}\n"
        "$Notify \"hello\"\n"
        "/system package update\n"
        "check-for-updates once\n"
        ":local id [/system identity get name]\n"
        ":local body (\"Identity: \" . $id . \"\\r\\nVersion: \" . [/system resource get "
        "version])\n"
        "/system script\n"
        "run Backup; $Notify (\"done \" . $id)\n"
        "/ip firewall filter\n"
        "add chain=forward action=drop\n");
    CHECK(r.diagnostics == "");
    CHECK(count(r, ir::Menu::Filter) == 1);
    auto by_menu = r.result.opaque_by_menu();
    CHECK(by_menu["(script)"] == 7);  // 3 block lines, $Notify twice, 2 :local
    CHECK(by_menu["/system package update"] == 1);
    CHECK(by_menu["/system script"] == 1);
    CHECK(by_menu.count("(not a command)") == 0);
    std::vector<std::string> reasons;
    for (const auto& statement : r.result.opaque) {
      if (statement.line == 6 || statement.line == 10)
        reasons.push_back(statement.menu + ": " + statement.reason);
    }
    CHECK(reasons == std::vector<std::string>{
                         "/system package update: command 'check-for-updates' not modeled",
                         "/system script: command 'run' not modeled", "(script): scripting"});
  }

  TEST_CASE("reader: header forms of exports and backup tools give the version") {
    struct Form {
      const char* header;
      const char* version;  // "" for none
    };

    const Form forms[] = {
        {"# apr/28/2017 21:42:47 by RouterOS 6.38.5\n# software id = X\n", "6.38.5"},
        {"# 2023-12-03 20:27:23 by RouterOS 7.10\n# software id = \n#\n", "7.10"},
        {"# ---/--/---- --:--:-- by RouterOS 7.12.1\n# software id = REMOVED\n", "7.12.1"},
        {"# by RouterOS 6.48.3\n", "6.48.3"},
        {"# RouterOS 6.48.3\n# software id = X\n#\n# model = RB750Gr3\n", "6.48.3"},
        {"# RouterOS v6.48.3\n", "6.48.3"},  // written by hand
        {"# 2025-07-04 05:15:59 by RouterOS 7.20beta4\n", "7.20beta4"},
        // Oxidized: routerboard, package update and history comments, header line deleted
        {"# model: RB750Gr3\n# firmware-type: mmips\n# current-firmware: 6.47.9\n"
         "#   installed-version: 6.48.3\n# software id = X\n",
         "6.48.3"},
        {"# current-firmware: 6.47.9\n", ""},  // RouterBOOT, not RouterOS
        {"#!rsc by RouterOS\n# RouterOS script: mode-button\n# requires RouterOS, version=7.21\n",
         ""},  // a script's header (rsc.eworm.de) names no router
        {"", ""},
    };
    for (const Form& form : forms) {
      INFO(form.header);
      auto r = read(std::string(form.header) + "/ip firewall filter\nadd chain=a\n");
      CHECK(r.diagnostics == "");
      CHECK(r.result.routeros_version.value_or("") == form.version);
      CHECK(count(r, ir::Menu::Filter) == 1);
      CHECK(r.result.state.items(ir::Menu::Filter)[0].remarks.empty());
    }
    CHECK(read("# RouterOS 6.48.3\n").result.routeros_major() == 6);

    // Only a header block counts: a remark later in the file is a remark.
    auto later = read("/ip firewall filter\n# by RouterOS 7.1 users\nadd chain=a\n");
    CHECK_FALSE(later.result.routeros_version);
    CHECK(later.result.state.items(ir::Menu::Filter)[0].remarks ==
          std::vector<std::string>{"by RouterOS 7.1 users"});
  }

  TEST_CASE("reader: the header of an export pasted after a console prompt gives the version") {
    auto prompt = read(
        "[admin@MikroTik] > /export\n"
        "# 2024-01-05 10:00:00 by RouterOS 7.13\n"
        "# software id = X\n"
        "/ip firewall filter\nadd chain=a\n");
    CHECK(prompt.diagnostics ==
          "x.rsc:1:1: warning: line 1 holds no RouterOS command (console output or a banner "
          "pasted into the file?); skipped\n"
          "  [admin@MikroTik] > /export\n"
          "  ^\n");
    CHECK(prompt.result.routeros_version == "7.13");
    CHECK(prompt.result.state.items(ir::Menu::Filter)[0].remarks.empty());

    auto in_menu = read("[admin@gw-01.example] /ip firewall> export\n\n# RouterOS 6.49.2\n");
    CHECK(in_menu.result.routeros_version == "6.49.2");

    auto command = read("/export terse\n# 2024-01-05 10:00:00 by RouterOS 7.13\n");
    CHECK(command.diagnostics == "");
    CHECK(command.result.routeros_version == "7.13");
    CHECK(command.result.opaque_by_menu()["/"] == 1);  // /export is a verb, not a section

    // The first header wins; the prompt is no header itself.
    auto two = read("# RouterOS 6.45.9\n[admin@x] > export\n# RouterOS 6.49.2\n");
    CHECK(two.result.routeros_version == "6.45.9");

    // tim0n3_all-settings-old: banner, help and log (lines 49-75), then the prompt (76)
    // and the export's header (77).
    auto pasted = read_data("tim0n3_all-settings-old_v6.45.9.rsc");
    CHECK(pasted.result.routeros_version == "6.45.9");
  }

  TEST_CASE("reader: what it does not model is opaque, counted, with line numbers") {
    auto r = read(
        "/interface bridge\nadd name=bridge\n:local x 5\n:if ($x > 1) do={ :put $x }\n"
        ":foreach i in={1;2} do={\n/queue tree add name=inner parent=global\n}\n"
        "/ip firewall filter\nset [ find default=yes ] disabled=yes\nprint\n"
        "add chain=forward action=accept\n");
    CHECK(count(r, ir::Menu::Filter) == 1);
    CHECK(count(r, ir::Menu::QueueTree) == 0);  // inside a script block
    auto by_menu = r.result.opaque_by_menu();
    CHECK(by_menu["/interface bridge"] == 1);
    CHECK(by_menu["(script)"] == 5);
    CHECK(by_menu["/ip firewall filter"] == 2);
    CHECK(r.result.opaque[0].line == 2);
    CHECK(r.result.opaque.back().line == 10);
    CHECK(r.diagnostics == "");
  }

  TEST_CASE("reader: set, remove, move and place-before by comment and name") {
    auto r = read(
        "/ip firewall filter\n"
        "add chain=c comment=a action=drop\nadd chain=c comment=b action=drop\nadd chain=c "
        "comment=c action=drop\n"
        "add chain=c comment=z action=drop place-before=[find where comment=\"a\"]\n"
        "set [find where comment=\"b\"] action=accept !chain\n"
        "move [find where comment=\"c\"] destination=[find comment=\"b\"]\n"
        "remove [find where comment=\"a\"]\n"
        "add chain=c comment=top action=drop place-before=0\n");
    std::vector<std::string> order;
    for (const auto& item : r.result.state.items(ir::Menu::Filter))
      order.push_back(prop(item, "comment"));
    CHECK(order == std::vector<std::string>{"top", "z", "c", "b"});
    CHECK(prop(r.result.state.items(ir::Menu::Filter)[3], "action") == "accept");
    CHECK(prop(r.result.state.items(ir::Menu::Filter)[3], "chain") == "<none>");
  }

  TEST_CASE("reader: a v6 compact export with wrapped lines (01, RouterOS 6.38.5)") {
    auto r = read_data("01_v6.38.5_export_queue-tree_pcq_mangle_l7__nelbin-qos10.rsc");
    CHECK_FALSE(r.errors);
    CHECK(r.result.routeros_version == "6.38.5");
    CHECK(count(r, ir::Menu::Mangle) == 19);
    CHECK(count(r, ir::Menu::Filter) == 7);
    CHECK(count(r, ir::Menu::QueueTree) == 18);
    CHECK(count(r, ir::Menu::QueueType) == 2);
    const ir::Item& first = r.result.state.items(ir::Menu::QueueTree)[0];
    CHECK(prop(first, "name") == "IN");
    CHECK(prop(first, "max-limit") == "9500k");
    CHECK(prop(first, "parent") == "lan");
    bool wrapped = false;
    for (const auto& item : r.result.state.items(ir::Menu::QueueTree)) {
      if (prop(item, "name") != "4.Browsing")
        continue;
      wrapped = true;
      CHECK(prop(item, "priority") == "4");  // from the continuation line
      CHECK(prop(item, "max-limit") == "8M");
    }
    CHECK(wrapped);
  }

  TEST_CASE("reader: a v7 terse export (05, RouterOS 7.10)") {
    auto r = read_data(
        "05_v7.10_export-terse_content_dst-limit_conn-limit__Defm_rawconf_CHR_latest.rsc");
    CHECK_FALSE(r.errors);
    CHECK(r.result.routeros_major() == 7);
    CHECK(count(r, ir::Menu::Filter) == 235);
    CHECK(count(r, ir::Menu::Mangle) == 10);
    CHECK(count(r, ir::Menu::AddressList) == 49);
    bool found = false;
    for (const auto& item : r.result.state.items(ir::Menu::Mangle)) {
      if (prop(item, "comment") != "fix MSS for l2tp/ipsec")
        continue;
      found = true;
      CHECK(prop(item, "passthrough") == "yes");  // printed explicitly before 7.19
      CHECK(prop(item, "new-mss") == "1390");
    }
    CHECK(found);
    bool ftp = false;
    for (const auto& item : r.result.state.items(ir::Menu::Filter)) {
      if (prop(item, "content") == "530 Login incorrect" &&
          prop(item, "dst-limit") == "1/1m,9,dst-address/1m") {
        ftp = true;
        CHECK(prop(item, "action") == "accept");
        CHECK(prop(item, "comment") == "drop ftp brute forcers");
      }
    }
    CHECK(ftp);
  }

  TEST_CASE("reader: a v7 compact export with wrapped lines (07)") {
    auto r = read_data("07_v7_export_pcq-types_queue-tree_mangle-pcc__enricagra_qos-dualisp.rsc");
    CHECK_FALSE(r.errors);
    CHECK(count(r, ir::Menu::QueueType) == 17);
    CHECK(count(r, ir::Menu::Filter) == 41);
    CHECK(count(r, ir::Menu::Mangle) == 19);
    CHECK(count(r, ir::Menu::AddressList) == 31);
    const ir::Item& ping = r.result.state.items(ir::Menu::QueueType)[0];
    CHECK(prop(ping, "name") == "ping-dl");
    CHECK(prop(ping, "pcq-total-limit") == "5KiB");  // split after '=' across lines
    CHECK(prop(ping, "pcq-rate") == "32k");
  }

  TEST_CASE("reader: the same rule read from 7.10 and 7.21 exports is canonically equal") {
    auto old_export = read_data(
        "05_v7.10_export-terse_content_dst-limit_conn-limit__Defm_rawconf_CHR_latest.rsc");
    auto new_export =
        read_data("06_v7.21_export-terse_queue-tree_content__Defm_rawconf_anna_latest.rsc");
    auto find = [](const Read& r) {
      for (const auto& item : r.result.state.items(ir::Menu::Mangle)) {
        if (prop(item, "comment") == "fix MSS for l2tp/ipsec")
          return item;
      }
      FAIL("rule not found");
      return ir::Item{};
    };
    ir::Item a = find(old_export), b = find(new_export);
    a.set("new-mss", "1");  // the two routers use different MSS values; compare the rest
    a.set("tcp-mss", "1");
    b.set("new-mss", "1");
    b.set("tcp-mss", "1");
    CHECK(a != b);  // passthrough=yes is printed by 7.10 only
    CHECK(routeros::canonical_item(a, 7) == routeros::canonical_item(b, 7));
  }

  TEST_CASE("reader: every real export is read; known defects come out with their lines") {
    struct Expect {
      const char* file;
      std::vector<const char*> messages;
    };

    const Expect expectations[] = {
        {"03_queue-tree_parent-global__dillagr_queue-tree.rsc",
         {":4:67: warning: stray word 'UPLD_CRIT' in an add command (a value split by a space?)",
          ":6:65: warning: unknown property 'riority' for /queue tree"}},
        {"04_mangle_conn-bytes_conn-rate_tcp-flags__dillagr_firewall-mangle.rsc",
         {":5:75: warning: a second 'add' on the same line: two commands run together"}},
        {"tim0n3_all-settings-old_v6.45.9.rsc",
         {":49:1: warning: lines 49-76 hold no RouterOS command (console output or a banner",
          ":459:1: warning: line 459 holds no RouterOS command (console output or a banner"}},
        {"tim0n3_mikrotik-lte_v6.49.2.rsc",
         {":361:1: warning: line 361 holds no RouterOS command (console output or a banner"}},
    };
    for (const Expect& e : expectations) {
      INFO(e.file);
      auto r = read_data(e.file);
      CHECK_FALSE(r.errors);
      for (const char* message : e.messages)
        CHECK(r.diagnostics.find(std::string(e.file) + message) != std::string::npos);
    }
    // 04's line 5 holds two rules; both are read.
    auto mangle =
        read_data("04_mangle_conn-bytes_conn-rate_tcp-flags__dillagr_firewall-mangle.rsc");
    CHECK(count(mangle, ir::Menu::Mangle) == 43);
    // Everything else reads without errors.
    for (const auto& entry :
         std::filesystem::directory_iterator(test::shared_data_dir() + "/rsc")) {
      // 08 and 09 are scripts with variables in menus rosgen models: errors
      // (script_expression_test.cpp).
      if (entry.path().extension() != ".rsc" ||
          entry.path().filename().string().starts_with("08_") ||
          entry.path().filename().string().starts_with("09_"))
        continue;
      INFO(entry.path().string());
      auto r = read(test::read_text(entry.path()), entry.path().filename().string());
      CHECK_FALSE(r.errors);
      CHECK(r.result.state.size() + r.result.opaque.size() > 0);
    }
  }

  TEST_CASE("reader: hostile input gives diagnostics with lines, never a crash or a hang") {
    auto truncated = read("/ip firewall filter\nadd chain=forward comment=\"never closed\n");
    CHECK(truncated.errors);
    CHECK(truncated.diagnostics.find("x.rsc:2:") != std::string::npos);

    std::string garbage = "/ip firewall filter\nadd chain=a action=drop\n";
    for (int i = 0; i < 2000; ++i) garbage += static_cast<char>((i * 7919) % 256);
    garbage += "\nadd chain=b action=drop\n";
    auto bin = read(garbage);
    CHECK(bin.errors);
    CHECK(bin.diagnostics.find("holds control bytes (binary data?); skipped") != std::string::npos);
    CHECK(count(bin, ir::Menu::Filter) >= 2);  // the lines around it are still read

    std::string huge = "/ip firewall filter\nadd chain=forward comment=\"" +
                       std::string(10 * 1024 * 1024, 'x') + "\"\n";
    auto big = read(huge);
    CHECK_FALSE(big.errors);
    REQUIRE(count(big, ir::Menu::Filter) == 1);
    CHECK(prop(big.result.state.items(ir::Menu::Filter)[0], "comment").size() == 10u * 1024 * 1024);

    auto latin1 =
        read("/ip firewall filter\r\nadd chain=forward comment=\"caf\xe9\" action=drop\r\n");
    CHECK_FALSE(latin1.errors);
    CHECK(latin1.diagnostics.find("x.rsc:2:31: warning: bytes that are not UTF-8") !=
          std::string::npos);
    CHECK(prop(latin1.result.state.items(ir::Menu::Filter)[0], "comment") == "caf\xe9");

    auto unknown = read("/frobnicate widgets\nadd x=1\n/ip firewall filter\nadd chain=a\n");
    CHECK(unknown.result.opaque_by_menu()["/frobnicate widgets"] == 1);
    CHECK(count(unknown, ir::Menu::Filter) == 1);

    std::string many;
    for (int i = 0; i < 500; ++i)
      many += "/ip firewall filter add chain=a bogus" + std::to_string(i) + "=1\n";
    auto noisy = read(many);
    CHECK(noisy.diagnostics.find("more warnings about x.rsc not shown") != std::string::npos);
  }

  TEST_CASE("reader: read(emit(ir)) is the imported ruleset for every golden output") {
    for (const char* dir : {"examples", "policies"}) {
      for (const auto& entry : std::filesystem::directory_iterator(
               test::source_dir() + "/tests/golden/compile/" + dir)) {
        if (entry.path().extension() != ".rsc")
          continue;
        INFO(entry.path().string());
        std::string policy =
            test::source_dir() + "/" + dir + "/" + entry.path().stem().string() + ".pol";
        if (!std::filesystem::exists(policy))
          continue;  // cafe.v6 shares cafe.pol
        support::DiagnosticEngine diags;
        cli::PipelineResult compiled = cli::run_pipeline({policy, std::nullopt, {}}, diags);
        REQUIRE(compiled.ruleset);
        const ir::Ruleset& ruleset = *compiled.ruleset;
        auto r = read(test::read_text(entry.path()));
        CHECK(r.diagnostics == "");
        CHECK(r.result.state == routeros::import_ruleset(ruleset));
      }
    }
  }

  TEST_CASE("reader: emit(read(x)) == x for canonical exports rosgen writes") {
    auto ruleset = test::lower_text(test::read_text(test::source_dir() + "/examples/hotspot.pol"));
    REQUIRE(ruleset);
    std::string x = emit::write_export(routeros::import_ruleset(*ruleset));
    auto r = read(x);
    CHECK(r.diagnostics == "");
    CHECK(emit::write_export(r.result.state) == x);
  }

  TEST_CASE("reader: a property name RouterOS cannot print is reported and never stored") {
    auto r = read(
        "/ip firewall filter\n"
        "add action=drop chain=forward comment=\"rosgen:p:a.forward\" x[/system/reboot]=1 "
        "Bad=2 new-prop-7=3\n"
        "set [find where comment=\"rosgen:p:a.forward\"] y.z=1 !q[/quit] !ok-name\n");
    REQUIRE(count(r, ir::Menu::Filter) == 1);
    const ir::Item& item = r.result.state.items(ir::Menu::Filter)[0];
    for (const auto& p : item.properties) CHECK(routeros::is_property_name(p.name));
    CHECK(prop(item, "new-prop-7") == "3");  // well-formed, unknown to the schema: kept
    CHECK(item.properties.size() == 4);
    for (const char* at : {"x.rsc:2:60: warning: not a RouterOS property name",
                           "x.rsc:2:80: warning: not a RouterOS property name",
                           "x.rsc:3:47: warning: not a RouterOS property name",
                           "x.rsc:3:54: warning: not a RouterOS property name"}) {
      CHECK_MESSAGE(r.diagnostics.find(at) != std::string::npos, at << "\n" << r.diagnostics);
    }
    CHECK(r.diagnostics.find("unknown property 'new-prop-7'") != std::string::npos);
    for (const char* name : {"a", "a-1", "pcq-dst-address6-mask"})
      CHECK(routeros::is_property_name(name));
    for (const char* name : {"", "1a", "-a", "A", "a_b", "a.b", ".id", "a b", "x[/quit]", "!a"})
      CHECK_FALSE(routeros::is_property_name(name));
  }

  TEST_CASE("reader: a value out of range for its unit is a warning with its line") {
    auto r = read(
        "/ip firewall filter\n"
        "add action=add-src-to-address-list address-list=q "
        "address-list-timeout=4611686018427387934m chain=forward\n"
        "add action=drop chain=forward dst-port=99999\n"
        "/queue tree\nadd max-limit=18446744073709551616 name=t parent=global\n"
        "set [find where name=\"t\"] limit-at=20000000000G\n");
    CHECK_FALSE(r.errors);
    for (const char* at :
         {"x.rsc:2:72: warning: the value of 'address-list-timeout' is out of range",
          "x.rsc:3:40: warning: the value of 'dst-port' is out of range",
          "x.rsc:5:15: warning: the value of 'max-limit' is out of range",
          "x.rsc:6:36: warning: the value of 'limit-at' is out of range"}) {
      CHECK_MESSAGE(r.diagnostics.find(at) != std::string::npos, at << "\n" << r.diagnostics);
    }
    // Kept as written.
    CHECK(prop(r.result.state.items(ir::Menu::Filter)[0], "address-list-timeout") ==
          "4611686018427387934m");
    auto fine = read("/ip firewall filter\nadd address-list-timeout=4294967295s chain=forward\n");
    CHECK(fine.diagnostics == "");
  }

  TEST_CASE("reader: a UTF-8 byte-order mark is skipped; the header still gives the version") {
    auto r = read(
        "\xEF\xBB\xBF# 2023-12-03 20:27:23 by RouterOS 7.10\n/ip firewall filter\n"
        "add action=drop chain=forward\n");
    CHECK(r.result.routeros_version == "7.10");
    CHECK(count(r, ir::Menu::Filter) == 1);
    CHECK(r.diagnostics == "");
    auto terse = read("\xEF\xBB\xBF/ip firewall filter add action=drop chain=forward\r\n");
    CHECK(count(terse, ir::Menu::Filter) == 1);
    CHECK(terse.diagnostics == "");
  }

  TEST_CASE("reader: CR-only line endings are line ends, with the right lines in diagnostics") {
    std::string lf =
        "# 2023-12-03 20:27:23 by RouterOS 7.10\n/ip firewall filter\n"
        "add action=drop chain=forward comment=a \\\n    protocol=tcp\n"
        "add action=drop chain=forward comment=\"b\\r\"\nadd chain=forward x!y=1\n";
    std::string cr = lf;
    std::replace(cr.begin(), cr.end(), '\n', '\r');
    auto a = read(lf);
    auto b = read(cr);
    CHECK(b.result.routeros_version == "7.10");
    CHECK(count(b, ir::Menu::Filter) == 3);
    CHECK(b.result.state == a.result.state);
    CHECK(prop(b.result.state.items(ir::Menu::Filter)[0], "protocol") == "tcp");
    CHECK(a.diagnostics.find("x.rsc:6:19: warning: not a RouterOS property name") !=
          std::string::npos);
    CHECK(b.diagnostics == a.diagnostics);
    // A lone CR inside a line of an LF file stays what it was.
    auto mixed = read("/ip firewall filter\nadd chain=forward\rcomment=x\n");
    CHECK(count(mixed, ir::Menu::Filter) == 1);
  }

  TEST_CASE("reader: place-before and set by comment on crafted chains stay linear and exact") {
    // 20,000 adds each placed before the previous one: the table is in reverse order.
    std::string chain = "/ip firewall filter\n";
    for (int i = 0; i < 20000; ++i) {
      chain += "add chain=c comment=c" + std::to_string(i);
      if (i > 0)
        chain += " place-before=[find where comment=\"c" + std::to_string(i - 1) + "\"]";
      chain += "\n";
    }
    for (int i = 0; i < 20000; i += 2)
      chain += "set [find where comment=\"c" + std::to_string(i) + "\"] action=drop\n";
    chain += "move [find where comment=\"c0\"] destination=[find where comment=\"c19999\"]\n";
    chain += "add chain=c comment=v7 place-before=\"c5000\"\n";
    auto r = read(chain);
    CHECK(r.diagnostics == "");
    const auto& list = r.result.state.items(ir::Menu::Filter);
    REQUIRE(list.size() == 20001);
    CHECK(prop(list[0], "comment") == "c0");
    CHECK(prop(list[1], "comment") == "c19999");
    CHECK(prop(list[2], "comment") == "c19998");
    CHECK(prop(list[2], "action") == "drop");
    CHECK(prop(list[3], "action") == "<none>");
    CHECK(prop(list[15000], "comment") == "v7");
    CHECK(prop(list[15001], "comment") == "c5000");
    CHECK(prop(list[20000], "comment") == "c1");
  }
}
