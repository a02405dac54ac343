// The text renderings of a plan: the human view (whole, or brief for a push) and the .rsc
// patch (see plan.hpp; render_json() lives in json.cpp). Entry points: render_human(),
// render_human_brief(), render_script().
#include <algorithm>
#include <string>
#include <string_view>

#include "diff/plan.hpp"
#include "emit/quote.hpp"
#include "emit/rsc_writer.hpp"
#include "routeros/canonical.hpp"
#include "routeros/properties.hpp"
#include "support/utf8.hpp"

namespace rosgen::diff {

namespace {

const std::string& property_or_empty(const ir::Item& item, const std::string& name) {
  static const std::string kEmpty;
  const std::string* v = item.get(name);
  return v ? *v : kEmpty;
}

}  // namespace

std::string selector(const std::string& key) {
  if (key.rfind("name=", 0) == 0)
    return "[find where name=" + emit::quote_value(key.substr(5), true) + "]";
  return "[find where comment=" + emit::quote_value(key, true) + "]";
}

std::string set_argument(ir::Menu menu, const std::string& name,
                         const std::optional<std::string>& value) {
  if (!routeros::is_property_name(name))
    return "";  // never written bare (compare() drops such names already)
  std::optional<std::string> written = value ? value : routeros::explicit_default(menu, name);
  return written ? " " + emit::property_text({name, *written}) : " !" + name;
}

namespace {

std::string menu_menu(ir::Menu menu) {
  return std::string(ir::menu_path(menu));
}

std::string unowned_text(const Plan& plan) {
  std::size_t total = 0;
  std::string parts;
  for (const auto& [menu, n] : plan.summary.unowned) {
    total += n;
    parts += (parts.empty() ? "" : ", ") + menu_menu(menu) + " " + std::to_string(n);
  }
  return std::to_string(total) + " item(s) rosgen does not own" +
         (parts.empty() ? "" : " (" + parts + ")");
}

}  // namespace

namespace {

// Text from an export or a file name, for a terminal: control characters (ESC, CR, LF,
// BEL, DEL, C1 such as U+009B CSI, ...) become \HH as in RouterOS strings, so an export
// cannot move the cursor, set the title or forge lines of the plan an operator reviews.
std::string shown(std::string_view text) {
  return support::escape_controls(text);
}

// Colours a line's head when the context asks for colour.
struct Paint {
  bool color = false;

  std::string operator()(const char* code, const std::string& text) const {
    return color ? std::string(code) + text + "\033[0m" : text;
  }
};

std::string header(const Plan& plan, const RenderContext& context) {
  return "rosgen diff: policy \"" + plan.policy + "\" against " + shown(context.against) + "\n";
}

// A change's first line: what happens to which item, and where it goes.
std::string change_head(const Change& c, const Paint& paint) {
  std::string head = menu_menu(c.menu) + "  " + shown(c.key);
  switch (c.op) {
    case Op::Add:
      return paint("\033[32m", "+ " + head) +
             (c.top                ? "  (at the top)"
              : c.before_fasttrack ? "  (before the fasttrack-connection rule)"
              : c.before           ? "  (before " + shown(*c.before) + ")"
                                   : "") +
             "\n";
    case Op::Change:
      return paint("\033[33m", "~ " + head) + "\n";
    case Op::Move:
      return paint("\033[36m", "\u2195 " + head) + "  (" +
             (c.top ? "to the top of chain " + shown(property_or_empty(c.item, "chain"))
              : c.before_fasttrack ? "before the fasttrack-connection rule"
              : c.before           ? "before " + shown(*c.before)
                                   : "to the end") +
             ")\n";
    case Op::Remove:
      return paint("\033[31m", "- " + head) + "\n";
  }
  return "";
}

// The lines under a change's head: an add's properties, a change's old and new values.
std::string change_details(const Change& c) {
  std::string out;
  if (c.op == Op::Add) {
    for (const auto& p : c.item.properties) out += "      " + emit::property_text(p) + "\n";
  } else if (c.op == Op::Change) {
    for (const auto& p : c.properties) {
      out += "      " + shown(p.name) + ": " + (p.from ? emit::quote_value(*p.from) : "(unset)") +
             " -> " + (p.to ? emit::quote_value(*p.to) : "(unset)") + "\n";
    }
  }
  return out;
}

// The counts, what is left alone, and what rosgen does not model.
std::string footer(const Plan& plan, const RenderContext& context) {
  std::string out;
  const Summary& s = plan.summary;
  if (plan.in_sync()) {
    out += "In sync: " + std::to_string(s.owned_in_sync) + " owned item(s) match the policy.\n";
  } else {
    out += "Plan: " + std::to_string(s.count(Op::Add)) + " to add, " +
           std::to_string(s.count(Op::Change)) + " to change, " +
           std::to_string(s.count(Op::Move)) + " to move, " + std::to_string(s.count(Op::Remove)) +
           " to remove; " + std::to_string(s.owned_in_sync) + " owned item(s) already match.\n";
  }
  out += "Left alone: " + unowned_text(plan) + ".\n";
  if (!s.other_policies.empty()) {
    out += "Other rosgen policies on this router (left alone):";
    for (const auto& [policy, n] : s.other_policies) {
      out += " " + emit::quote_value(policy) + " (" + std::to_string(n) + " item(s))";
    }
    out +=
        ".\nIf one is this policy under an old name, remove its items on the router with the "
        "preamble lines of a script compiled under that name (`remove [find where "
        "comment~\"^rosgen:<old>:\"]` per menu).\n";
  }
  if (!context.opaque.empty()) {
    out += "Not modeled (read, left alone):";
    for (const auto& [menu, n] : context.opaque) {
      out += "\n  " + shown(menu) + ": " + std::to_string(n) + " statement(s)";
      auto lines = context.opaque_lines.find(menu);
      if (lines == context.opaque_lines.end() || lines->second.empty())
        continue;
      out += ", line";
      out += lines->second.size() > 1 ? "s " : " ";
      for (std::size_t i = 0; i < lines->second.size(); ++i) {
        out += (i ? ", " : "") + std::to_string(lines->second[i]);
      }
      if (n > lines->second.size())
        out += ", ...";
    }
    out += "\n";
  }
  return out;
}

}  // namespace

std::string render_human(const Plan& plan, const RenderContext& context) {
  Paint paint{context.color};
  std::string out = header(plan, context);
  for (const Change& c : plan.changes) out += change_head(c, paint) + change_details(c);
  return out + footer(plan, context);
}

std::string render_human_brief(const Plan& plan, const RenderContext& context,
                               std::size_t max_lines, std::string_view more) {
  Paint paint{context.color};
  std::string changes;
  for (const Change& c : plan.changes) changes += change_head(c, paint) + change_details(c);
  if (static_cast<std::size_t>(std::count(changes.begin(), changes.end(), '\n')) > max_lines) {
    std::size_t shown_changes = std::min(max_lines, plan.changes.size());
    changes.clear();
    for (std::size_t i = 0; i < shown_changes; ++i) changes += change_head(plan.changes[i], paint);
    std::size_t rest = plan.changes.size() - shown_changes;
    if (rest > 0) {
      changes += "\u2026 and " + std::to_string(rest) + " more change" + (rest == 1 ? "" : "s") +
                 " (" + std::string(more) + ")\n";
    }
  }
  return header(plan, context) + changes + footer(plan, context);
}

std::string render_script(const Plan& plan, const RenderContext& context) {
  std::string out = "# rosgen diff: patch for policy \"" + plan.policy + "\" against " +
                    emit::quote_value(context.against) + "\n";
  out += "# " + std::to_string(plan.summary.count(Op::Move)) + " move(s), " +
         std::to_string(plan.summary.count(Op::Add)) + " add(s), " +
         std::to_string(plan.summary.count(Op::Change)) + " change(s), " +
         std::to_string(plan.summary.count(Op::Remove)) +
         " removal(s); items rosgen does not own are not touched\n";
  out += "# Valid once, on the router as " + emit::quote_value(context.against) +
         " shows it: imported twice, its adds\n# are added twice. For the next change, export "
         "again and run rosgen diff again.\n";
  std::vector<const ir::Item*> added;
  for (const Change& c : plan.changes) {
    if (c.op == Op::Add)
      added.push_back(&c.item);
  }
  out += emit::interface_checks(added);
  for (const Change& c : plan.changes) {
    std::string path = menu_menu(c.menu) + " ";
    switch (c.op) {
      case Op::Move:
        if (c.top) {  // before the first non-dynamic item, found when the patch runs
          out += emit::at_top_of_table(c.menu, path + "move " + selector(c.key),
                                       emit::TopCommand::Move) +
                 "\n";
          break;
        }
        if (c.before_fasttrack) {
          out += emit::before_fasttrack(c.menu, property_or_empty(c.item, "chain"),
                                        path + "move " + selector(c.key), emit::TopCommand::Move) +
                 "\n";
          break;
        }
        out += path + "move " + selector(c.key) +
               (c.before ? " destination=" + selector(*c.before) : "") + "\n";
        break;
      case Op::Add: {
        std::string add = path + "add";
        for (const auto& p : c.item.properties) add += " " + emit::property_text(p);
        if (c.top) {
          out += emit::at_top_of_table(c.menu, add, emit::TopCommand::Add) + "\n";
          break;
        }
        if (c.before_fasttrack) {
          out += emit::before_fasttrack(c.menu, property_or_empty(c.item, "chain"), add,
                                        emit::TopCommand::Add) +
                 "\n";
          break;
        }
        if (c.before)
          add += " place-before=" + selector(*c.before);
        out += add + "\n";
        break;
      }
      case Op::Change: {
        out += path + "set " + selector(c.key);
        for (const auto& p : c.properties) out += set_argument(c.menu, p.name, p.to);
        out += "\n";
        break;
      }
      case Op::Remove:
        out += path + "remove " + selector(c.key) + "\n";
        break;
    }
  }
  return out;
}

}  // namespace rosgen::diff
