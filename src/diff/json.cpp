// `rosgen diff --json`: the plan as schema rosgen-diff/1 (README, "--json prints schema
// rosgen-diff/1"). The document is built with nlohmann::ordered_json, so keys keep the
// documented order.
// Entry point: render_json() (declared in diff/plan.hpp).
#include <nlohmann/json.hpp>

#include "diff/plan.hpp"
#include "support/utf8.hpp"

namespace rosgen::diff {

namespace {

using Json = nlohmann::ordered_json;

using support::is_utf8;

std::string hex(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

// A string that may hold router bytes (values, ids, names, file names). Valid UTF-8 is a
// JSON string. Anything else (Winbox code-page text, e.g. log-prefix="caf\E9") becomes
// {"hex": every byte as two lower-case hex digits, "text": the same bytes with each
// invalid sequence replaced by U+FFFD, for people}: valid JSON, and the bytes are kept.
Json text(std::string_view bytes) {
  if (is_utf8(bytes))
    return Json(std::string(bytes));
  std::string readable =
      Json::parse(Json(std::string(bytes)).dump(-1, ' ', false, Json::error_handler_t::replace))
          .get<std::string>();
  Json out = Json::object();
  out["hex"] = hex(bytes);
  out["text"] = std::move(readable);
  return out;
}

Json optional_text(const std::optional<std::string>& bytes) {
  return bytes ? text(*bytes) : Json(nullptr);
}

// An object key: keys can only be strings, so a name that is not UTF-8 is written as
// "hex:" and its bytes in hex. RouterOS property and menu names are ASCII and never hold
// ':', so such a key cannot collide with a real name.
std::string key(std::string_view bytes) {
  return is_utf8(bytes) ? std::string(bytes) : "hex:" + hex(bytes);
}

const char* op_word(Op op) {
  switch (op) {
    case Op::Add:
      return "add";
    case Op::Change:
      return "change";
    case Op::Move:
      return "move";
    case Op::Remove:
      return "remove";
  }
  return "";
}

Json change_json(const Change& c) {
  Json out = Json::object();
  out["op"] = op_word(c.op);
  out["menu"] = std::string(ir::menu_path(c.menu));
  out["id"] = text(c.key);
  if (c.op == Op::Add || c.op == Op::Remove) {
    Json properties = Json::object();
    for (const ir::Property& p : c.item.properties) properties[key(p.name)] = text(p.value);
    out["properties"] = std::move(properties);
  }
  if (c.op == Op::Change) {
    Json changed = Json::array();
    for (const PropertyChange& p : c.properties) {
      Json one = Json::object();
      one["name"] = text(p.name);
      one["from"] = optional_text(p.from);
      one["to"] = optional_text(p.to);
      changed.push_back(std::move(one));
    }
    out["changed"] = std::move(changed);
  }
  if (c.op == Op::Add || c.op == Op::Move) {
    out["before"] = optional_text(c.before);
    out["top"] = c.top;
    out["before_fasttrack"] = c.before_fasttrack;
  }
  return out;
}

Json summary_json(const Plan& plan, const RenderContext& context) {
  const Summary& s = plan.summary;
  Json out = Json::object();
  out["add"] = s.count(Op::Add);
  out["change"] = s.count(Op::Change);
  out["move"] = s.count(Op::Move);
  out["remove"] = s.count(Op::Remove);
  out["in_sync"] = s.owned_in_sync;
  Json unowned = Json::object();
  for (const auto& [menu, n] : s.unowned) unowned[key(ir::menu_path(menu))] = n;
  out["unowned"] = std::move(unowned);
  Json others = Json::object();
  for (const auto& [policy, n] : s.other_policies) others[key(policy)] = n;
  out["other_policies"] = std::move(others);
  Json not_modeled = Json::object();
  for (const auto& [menu, n] : context.opaque) not_modeled[key(menu)] = n;
  out["not_modeled"] = std::move(not_modeled);
  Json lines = Json::object();
  for (const auto& [menu, numbers] : context.opaque_lines) lines[key(menu)] = numbers;
  out["not_modeled_lines"] = std::move(lines);
  return out;
}

// One value on one line: {"a": 1, "b": [2, 3]}. Scalars are written by nlohmann
// (escaping, numbers); only the separators are chosen here.
std::string inline_text(const Json& value) {
  std::string out;
  if (value.is_object()) {
    out += '{';
    bool first = true;
    for (const auto& [name, member] : value.items()) {
      out += (first ? "" : ", ") + Json(name).dump() + ": " + inline_text(member);
      first = false;
    }
    return out + '}';
  }
  if (value.is_array()) {
    out += '[';
    for (std::size_t i = 0; i < value.size(); ++i) out += (i ? ", " : "") + inline_text(value[i]);
    return out + ']';
  }
  return value.dump();
}

// The document as rosgen has always laid it out: one top-level key per line, one change
// per line, everything else inline. Deterministic; any JSON parser reads it.
std::string layout(const Json& document) {
  std::string out = "{";
  bool first = true;
  for (const auto& [name, member] : document.items()) {
    out += std::string(first ? "" : ",") + "\n  " + Json(name).dump() + ": ";
    first = false;
    if (name != "changes") {
      out += inline_text(member);
      continue;
    }
    out += '[';
    for (std::size_t i = 0; i < member.size(); ++i)
      out += std::string(i ? "," : "") + "\n    " + inline_text(member[i]);
    out += member.empty() ? "]" : "\n  ]";
  }
  return out + "\n}\n";
}

}  // namespace

std::string render_json(const Plan& plan, const RenderContext& context,
                        std::optional<bool> pending) {
  Json document = Json::object();
  document["schema"] = "rosgen-diff/1";
  document["policy"] = text(plan.policy);
  document["against"] = text(context.against);
  document["in_sync"] = plan.in_sync();
  if (pending)
    document["pending"] = *pending;
  Json changes = Json::array();
  for (const Change& c : plan.changes) changes.push_back(change_json(c));
  document["changes"] = std::move(changes);
  document["summary"] = summary_json(plan, context);
  return layout(document);
}

}  // namespace rosgen::diff
