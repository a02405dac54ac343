// Tests for diff --json (src/diff/json.cpp): schema rosgen-diff/1 key order and layout,
// and router bytes that are not UTF-8 (Winbox code-page text) read back exactly.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "diff/plan.hpp"
#include "routeros/script_reader.hpp"
#include "test_util.hpp"

using namespace rosgen;
using Json = nlohmann::ordered_json;

namespace {

ir::Item item(ir::Menu menu, std::vector<std::pair<std::string, std::string>> properties) {
  ir::Item out;
  out.menu = menu;
  for (auto& [name, value] : properties) out.set(name, value);
  return out;
}

// The bytes a rosgen-diff/1 string stands for: a JSON string, or {"hex": ..., "text": ...}.
std::string bytes_of(const Json& value) {
  if (value.is_string())
    return value.get<std::string>();
  REQUIRE(value.is_object());
  std::string hex = value.at("hex").get<std::string>();
  REQUIRE(hex.size() % 2 == 0);
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

std::vector<std::string> keys(const Json& object) {
  std::vector<std::string> out;
  for (const auto& [name, value] : object.items()) out.push_back(name);
  return out;
}

// One change of each kind, with `bytes` in every string that can carry router bytes.
diff::Plan plan_with(const std::string& bytes) {
  diff::Plan plan;
  plan.policy = "p";
  diff::Change add;
  add.op = diff::Op::Add;
  add.key = "rosgen:p:" + bytes;
  add.item = item(ir::Menu::Filter, {{"chain", "c"}, {"log-prefix", bytes}});
  add.before = "rosgen:p:" + bytes;
  diff::Change change;
  change.op = diff::Op::Change;
  change.key = "rosgen:p:c";
  change.properties = {{"log-prefix", bytes, "caf\xc3\xa9"}, {"comment", std::nullopt, bytes}};
  diff::Change move;
  move.op = diff::Op::Move;
  move.key = "rosgen:p:m";
  move.top = true;
  diff::Change remove;
  remove.op = diff::Op::Remove;
  remove.key = "rosgen:p:r";
  remove.item = item(ir::Menu::Mangle, {{"x" + bytes, "1"}});
  plan.changes = {add, change, move, remove};
  plan.summary.ops = {
      {diff::Op::Add, 1}, {diff::Op::Change, 1}, {diff::Op::Move, 1}, {diff::Op::Remove, 1}};
  plan.summary.unowned = {{ir::Menu::Filter, 2}};
  return plan;
}

}  // namespace

TEST_SUITE("json") {
  TEST_CASE("json: keys in the documented order, one change per line") {
    diff::RenderContext context{"r.rsc", {{"/interface", 3}}, {{"/interface", {4, 9}}}, false};
    std::string text = diff::render_json(plan_with("v"), context);
    Json doc = Json::parse(text);
    CHECK(keys(doc) ==
          std::vector<std::string>{"schema", "policy", "against", "in_sync", "changes", "summary"});
    CHECK(doc["schema"] == "rosgen-diff/1");
    CHECK(doc["in_sync"] == false);
    const Json& changes = doc["changes"];
    REQUIRE(changes.size() == 4);
    CHECK(keys(changes[0]) ==
          std::vector<std::string>{"op", "menu", "id", "properties", "before", "top", "before_fasttrack"});
    CHECK(keys(changes[1]) == std::vector<std::string>{"op", "menu", "id", "changed"});
    CHECK(keys(changes[1]["changed"][0]) == std::vector<std::string>{"name", "from", "to"});
    CHECK(keys(changes[2]) == std::vector<std::string>{"op", "menu", "id", "before", "top", "before_fasttrack"});
    CHECK(keys(changes[3]) == std::vector<std::string>{"op", "menu", "id", "properties"});
    CHECK(changes[1]["changed"][1]["from"].is_null());
    CHECK(changes[2]["before"].is_null());
    CHECK(changes[2]["top"] == true);
    CHECK(keys(doc["summary"]) == std::vector<std::string>{"add", "change", "move", "remove",
                                                           "in_sync", "unowned", "other_policies",
                                                           "not_modeled", "not_modeled_lines"});
    CHECK(text.find("\n  \"changes\": [\n    {\"op\": \"add\", \"menu\": \"/ip firewall "
                    "filter\", \"id\": \"rosgen:p:v\", \"properties\": {\"chain\": \"c\", "
                    "\"log-prefix\": \"v\"}, \"before\": \"rosgen:p:v\", \"top\": false, \"before_fasttrack\": false},\n") !=
          std::string::npos);
    CHECK(text.find("\"summary\": {\"add\": 1, \"change\": 1, \"move\": 1, \"remove\": 1, "
                    "\"in_sync\": 0, \"unowned\": {\"/ip firewall filter\": 2}, \"other_policies\": {}, "
                    "\"not_modeled\": "
                    "{\"/interface\": 3}, \"not_modeled_lines\": {\"/interface\": [4, 9]}}\n}\n") !=
          std::string::npos);
    CHECK(diff::render_json(diff::Plan{}, {"r.rsc", {}, {}, false}) ==
          "{\n  \"schema\": \"rosgen-diff/1\",\n  \"policy\": \"\",\n  \"against\": \"r.rsc\",\n"
          "  \"in_sync\": true,\n  \"changes\": [],\n  \"summary\": {\"add\": 0, \"change\": 0, "
          "\"move\": 0, \"remove\": 0, \"in_sync\": 0, \"unowned\": {}, \"other_policies\": {}, "
          "\"not_modeled\": {}, "
          "\"not_modeled_lines\": {}}\n}\n");
  }

  TEST_CASE("json: bytes that are not UTF-8 become {hex, text} and read back exactly") {
    const std::string latin1 = "caf\xe9";  // what a Winbox CP1252 "café" exports as
    diff::RenderContext context{"r\xe9.rsc", {{"(script)", 1}}, {}, false};
    std::string text = diff::render_json(plan_with(latin1), context);
    Json doc;
    REQUIRE_NOTHROW(doc = Json::parse(text));
    CHECK(text.find('\xe9') == std::string::npos);  // no raw byte is left in the output
    const Json& changes = doc["changes"];
    CHECK(changes[0]["id"] ==
          Json{{"hex", "726f7367656e3a703a636166e9"}, {"text", "rosgen:p:caf\xef\xbf\xbd"}});
    CHECK(changes[0]["properties"]["log-prefix"] ==
          Json{{"hex", "636166e9"}, {"text", "caf\xef\xbf\xbd"}});
    CHECK(bytes_of(changes[0]["properties"]["log-prefix"]) == latin1);
    CHECK(bytes_of(changes[0]["before"]) == "rosgen:p:" + latin1);
    CHECK(bytes_of(changes[1]["changed"][0]["from"]) == latin1);
    CHECK(changes[1]["changed"][0]["to"] == "caf\xc3\xa9");  // UTF-8 stays a string
    CHECK(bytes_of(changes[1]["changed"][1]["to"]) == latin1);
    CHECK(keys(changes[3]["properties"]) == std::vector<std::string>{"hex:78636166e9"});
    CHECK(bytes_of(doc["against"]) == "r\xe9.rsc");
  }

  TEST_CASE("json: a log-prefix exported in a code page reaches --json intact") {
    auto ruleset = test::lower_text(
        "policy p { routeros 7; clients 10.0.0.0/24 via bridge; uplink ether1; }\n"
        "cap a new connections 5 per host -> drop, log \"cafe\"\n");
    REQUIRE(ruleset);
    routeros::RouterState router = routeros::import_ruleset(*ruleset);
    std::string export_text = "# 2024-01-05 10:00:00 by RouterOS 7.13\n/ip firewall filter\n";
    for (const ir::Item& rule : router.items(ir::Menu::Filter)) {
      std::string line = "add";
      for (const ir::Property& p : rule.properties) {
        std::string value = p.name == "log-prefix" ? "caf\\E9" : p.value;
        line += " " + p.name + "=\"" + value + "\"";
      }
      export_text += line + "\n";
    }
    support::DiagnosticEngine diags;
    auto file = std::make_shared<const support::SourceFile>("winbox.rsc", export_text);
    routeros::ReadResult running = routeros::read_script(file, diags);
    router.items(ir::Menu::Filter) = running.state.items(ir::Menu::Filter);
    diff::Plan plan = diff::make_plan(*ruleset, router, 7);
    Json doc = Json::parse(diff::render_json(plan, {"winbox.rsc", {}, {}, false}));
    std::vector<std::string> from;
    for (const Json& change : doc["changes"]) {
      for (const Json& changed : change.value("changed", Json::array())) {
        if (changed["name"] == "log-prefix")
          from.push_back(bytes_of(changed["from"]));
      }
    }
    REQUIRE_FALSE(from.empty());
    for (const std::string& bytes : from) CHECK(bytes == "caf\xe9");
  }

  TEST_CASE("json: exactly the strings nlohmann cannot dump become {hex, text}") {
    const char* samples[] = {
        "",                  // valid:
        "plain",             //
        "caf\xc3\xa9",       // U+00E9
        "\xe2\x82\xac",      // U+20AC
        "\xf0\x9f\x98\x80",  // U+1F600
        "\xef\xbf\xbf",      // U+FFFF
        "\xf4\x8f\xbf\xbf",  // U+10FFFF
        "tab\tctl\x01"
        "del\x7f",           // control characters are escaped, not invalid
        "\xc0\x80",          // invalid: overlong NUL
        "\xc1\xbf",          // overlong
        "\xe0\x80\x80",      // overlong
        "\xe0\x9f\xbf",      // overlong
        "\xed\xa0\x80",      // surrogate U+D800
        "\xf0\x8f\xbf\xbf",  // overlong
        "\xf4\x90\x80\x80",  // above U+10FFFF
        "\xf5\x80\x80\x80",  // no such lead byte
        "\xff",              // no such byte
        "\xc3",              // cut short
        "\x80",              // continuation alone
        "a\xe2\x82",         // cut short at the end
    };
    for (const char* sample : samples) {
      std::string bytes = sample;
      INFO(Json(bytes).dump(-1, ' ', true, Json::error_handler_t::replace));
      bool dumpable = true;
      try {
        (void)Json(bytes).dump();
      } catch (const Json::type_error&) {
        dumpable = false;
      }
      diff::Plan plan;
      plan.policy = bytes;
      Json doc;
      REQUIRE_NOTHROW(doc = Json::parse(diff::render_json(plan, {"r.rsc", {}, {}, false})));
      CHECK(doc["policy"].is_string() == dumpable);
      CHECK(bytes_of(doc["policy"]) == bytes);
    }
  }
}
