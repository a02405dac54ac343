// The policy block: name, routeros version, clients, uplink, hooks, anchor placement
// and the variant and item budgets, each checked and applied to the Site (see check_parts.hpp).
#include <algorithm>
#include <limits>

#include "sema/check_parts.hpp"

namespace rosgen::sema::detail {

void Checker::apply_policy_block(const TokenContext& c, const syntax::PolicyDecl& decl) {
  if (decl.name.text.find('-') != std::string::npos) {
    // Owned names are rosgen-<policy>-<rest>: with '-' in policy names, policy 'cafe'
    // would own 'cafe-2's queue types (owned by name) and chains could collide.
    std::string suggestion = decl.name.text;
    std::replace(suggestion.begin(), suggestion.end(), '-', '_');
    c.error(decl.name,
            "a policy name may not contain '-': '-' ends the policy's part of "
            "every name rosgen owns (rosgen-<policy>-...), so policies 'cafe' and "
            "'cafe-2' would claim each other's queues; write '" +
                suggestion + "'");
  }
  policy_.site.policy = decl.name.text;
  for (const syntax::Setting& setting : decl.settings) {
    auto [it, inserted] = settings_seen_.try_emplace(setting.key.text, c.range(setting.key));
    if (!inserted) {
      c.error(setting.key, "setting '" + setting.key.text + "' is given twice")
          .notes.push_back(support::make_note(it->second, "first given here"));
      continue;
    }
    apply_setting(c, setting);
  }
}

// "[list] NAME" starting at words[pos]; the whole rest of the item.
std::optional<Interface> Checker::parse_interface(const TokenContext& c, const Token& key,
                                                  const std::vector<Token>& words,
                                                  std::size_t pos) {
  Interface iface;
  if (pos < words.size() && words[pos].text == "list") {
    iface.is_list = true;
    ++pos;
  }
  if (pos >= words.size()) {
    c.error(key,
            "'" + key.text + "' needs an interface name (or 'list' and an interface-list name)");
    return std::nullopt;
  }
  iface.name = words[pos].text;
  if (pos + 1 < words.size()) {
    c.error(words[pos + 1], "unexpected '" + words[pos + 1].text +
                                "' after the interface name; "
                                "settings end with ';'");
    return std::nullopt;
  }
  return iface;
}

void Checker::apply_setting(const TokenContext& c, const syntax::Setting& setting) {
  const std::string& key = setting.key.text;
  auto single_word = [&]() -> const Token* {
    if (setting.items.size() != 1 || setting.items[0].size() != 1) {
      const auto& extra = setting.items.size() > 1 ? setting.items[1][0] : setting.items[0][1];
      c.error(extra, "unexpected '" + extra.text + "': '" + key +
                         "' takes one value; settings "
                         "end with ';'");
      return nullptr;
    }
    return &setting.items[0][0];
  };
  if (key == "routeros") {
    if (const Token* word = single_word())
      apply_routeros(c, *word);
  } else if (key == "clients") {
    apply_clients(c, setting);
  } else if (key == "uplink") {
    if (setting.items.size() != 1) {
      c.error(setting.items[1][0], "'uplink' takes one interface or interface list");
      return;
    }
    policy_.site.uplink = parse_interface(c, setting.key, setting.items[0], 0);
  } else if (key == "hook") {
    policy_.site.hooks.clear();
    for (const auto& item : setting.items) {
      for (const Token& word : item) {
        Hook hook;
        if (word.text == "forward") {
          hook = Hook::Forward;
        } else if (word.text == "input") {
          hook = Hook::Input;
        } else {
          c.error(word, "unknown hook '" + word.text +
                            "' (use 'forward' for traffic through "
                            "the router, 'input' for traffic to it)");
          continue;
        }
        if (std::find(policy_.site.hooks.begin(), policy_.site.hooks.end(), hook) !=
            policy_.site.hooks.end()) {
          c.error(word, "hook '" + word.text + "' is listed twice");
          continue;
        }
        policy_.site.hooks.push_back(hook);
      }
    }
    if (policy_.site.hooks.empty())
      policy_.site.hooks.push_back(Hook::Forward);
  } else if (key == "anchor") {
    if (const Token* word = single_word()) {
      if (word->text == "top" || word->text == "bottom") {
        policy_.site.anchor_top = word->text == "top";
      } else {
        c.error(*word,
                "anchor must be 'top' (before the router's own rules, the default) or "
                "'bottom' (after them)");
      }
    }
  } else if (key == "variant-budget") {
    if (const Token* word = single_word()) {
      auto budget = parse_integer(c, *word, 1, 65536, "variant budget");
      if (budget)
        policy_.site.variant_budget = *budget;
    }
  } else if (key == "item-budget") {
    if (const Token* word = single_word()) {
      auto budget =
          parse_integer(c, *word, 1, std::numeric_limits<std::uint32_t>::max(), "item budget");
      if (budget) {
        policy_.site.item_budget = *budget;
        policy_.sources.item_budget = c.range(*word);
      }
    }
  } else {
    c.error(setting.key, "unknown setting '" + key +
                             "' (expected routeros, clients, uplink, "
                             "hook, anchor, variant-budget or item-budget)");
  }
}

// "7" or "6.49": the major version 6 or 7, and optionally the minor version (6.0-6.49,
// the last RouterOS 6 release line; 7.0-7.99, as RouterOS 7 is still released).
void Checker::apply_routeros(const TokenContext& c, const Token& word) {
  std::size_t dot = word.text.find('.');
  auto part = [&](std::size_t from, std::size_t to) {
    to = std::min(to, word.text.size());
    return Token{word.text.substr(from, to - from), word.begin + static_cast<std::uint32_t>(from),
                 word.begin + static_cast<std::uint32_t>(to)};
  };
  if (dot == 0 || word.text.back() == '.' || word.text.find("..") != std::string::npos) {
    c.error(word, "'" + word.text +
                      "' is not a RouterOS version; write 6, 7 or major.minor such as 6.49");
    return;
  }
  auto major = parse_integer(c, part(0, dot), 6, 7, "RouterOS major version");
  if (!major)
    return;
  std::optional<std::uint32_t> minor;
  if (dot != std::string::npos) {
    std::size_t second = word.text.find('.', dot + 1);
    if (second != std::string::npos) {
      c.error(word, "write the RouterOS version as major.minor ('routeros " +
                        word.text.substr(0, second) +
                        "'); the patch level does not change what rosgen writes");
      return;
    }
    minor = parse_integer(c, part(dot + 1, std::string::npos), 0, *major == 6 ? 49 : 99,
                          "RouterOS " + std::to_string(*major) + " minor version");
    if (!minor)
      return;
  }
  policy_.site.routeros = static_cast<int>(*major);
  if (minor)
    policy_.site.routeros_minor = static_cast<int>(*minor);
}

void Checker::apply_clients(const TokenContext& c, const syntax::Setting& setting) {
  syntax::ValueList addresses;
  for (const auto& item : setting.items) {
    for (std::size_t i = 0; i < item.size(); ++i) {
      if (item[i].text != "via") {
        addresses.items.push_back(item[i]);
        continue;
      }
      if (policy_.site.client_interface) {
        c.error(item[i],
                "clients already name an interface; use an interface list "
                "('via list LAN') for several");
        return;
      }
      policy_.site.client_interface = parse_interface(c, item[i], item, i + 1);
      break;
    }
  }
  if (!addresses.items.empty()) {
    policy_.site.clients = resolve_addresses(c, addresses, "clients", nullptr);
  }
}

}  // namespace rosgen::sema::detail
