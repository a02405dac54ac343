// Semantic checks. Two passes: the first collects the policy block, sets and rule names
// (so that rules and 'clients' may use sets declared after them); then the policy block
// is applied and the second pass converts each rule. Each set is resolved once, so what
// its resolution reports is reported once, at the set.
#include "sema/check.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "sema/lint.hpp"
#include "sema/values.hpp"
#include "support/digest.hpp"

namespace rosgen::sema {

namespace {

using syntax::Token;

struct SetEntry {
  std::shared_ptr<const support::SourceFile> file;
  const syntax::SetDecl* decl = nullptr;
  std::size_t index = 0;  // statement index, for declare-before-use between sets
  // A set is resolved once, where it is declared, so that what its resolution reports
  // (host bits set, a bad port) is printed once, not again for every rule that uses it.
  bool resolved = false;
  std::optional<PortSet> ports;         // a port set, resolved (nullopt: it has errors)
  std::optional<AddressSet> addresses;  // an address set, resolved (nullopt: errors)
  bool used = false;                    // named by a rule, by 'clients', or by a used set
  std::vector<SetEntry*> uses;          // the sets its body names
};

SetEntry new_set_entry(std::shared_ptr<const support::SourceFile> file, const syntax::SetDecl* decl,
                       std::size_t index) {
  SetEntry entry;
  entry.file = std::move(file);
  entry.decl = decl;
  entry.index = index;
  return entry;
}

// Rules and settings may use sets declared anywhere; a set may only use earlier sets
// (which also rules out cycles between sets).
constexpr std::size_t kAnywhere = SIZE_MAX;

struct NameEntry {
  support::SourceRange range;
};

bool starts_with_digit(const std::string& text) {
  return !text.empty() && text[0] >= '0' && text[0] <= '9';
}

class Checker {
 public:
  Checker(const LoadedPolicy& loaded, const CheckOptions& options, support::DiagnosticEngine& diags)
      : loaded_(loaded), options_(options), diags_(diags) {}

  std::optional<Policy> run();

 private:
  TokenContext ctx(const std::shared_ptr<const support::SourceFile>& file) const {
    return {file, &diags_};
  }

  void collect();
  void apply_policy_block(const TokenContext& c, const syntax::PolicyDecl& decl);
  void apply_setting(const TokenContext& c, const syntax::Setting& setting);
  void apply_routeros(const TokenContext& c, const syntax::Token& word);
  void apply_clients(const TokenContext& c, const syntax::Setting& setting);
  std::optional<Interface> parse_interface(const TokenContext& c, const syntax::Token& key,
                                           const std::vector<Token>& words, std::size_t pos);

  enum class SetKind { Ports, Addresses };
  // The set `item` names, if it exists, is declared before the set `owner` (rules and
  // settings, owner null: anywhere), and is of `kind`; resolved, and recorded as used by
  // `owner` (or as used outright).
  SetEntry* lookup_set(const TokenContext& c, const Token& item, SetEntry* owner, SetKind kind);
  // Resolves a set's body once; later calls return the stored result and report nothing.
  void resolve_set(SetEntry& entry);
  // A list as a rule, a setting (owner null) or the set `owner` writes it.
  std::optional<PortSet> resolve_ports(const TokenContext& c, const syntax::ValueList& list,
                                       SetEntry* owner);
  std::optional<AddressSet> resolve_addresses(const TokenContext& c, const syntax::ValueList& list,
                                              const std::string& list_name, SetEntry* owner);
  std::optional<SourceFilter> resolve_source(const TokenContext& c,
                                             const std::vector<syntax::Source>& source,
                                             const std::string& rule);
  std::optional<Verdict> convert_verdicts(const TokenContext& c,
                                          const std::vector<syntax::Verdict>& verdicts,
                                          const Token& rule_name, std::optional<Protocol> protocol,
                                          bool allow_throttle);

  std::optional<Rule> convert(const TokenContext& c, const syntax::Cap& cap);
  std::optional<Rule> convert(const TokenContext& c, const syntax::Rate& rate);
  std::optional<Rule> convert(const TokenContext& c, const syntax::Signature& signature);
  std::optional<Literal> convert_literal(const TokenContext& c, const syntax::Literal& literal);

  void lint_overlapping_signatures();
  void lint_unused_sets();

  const LoadedPolicy& loaded_;
  const CheckOptions& options_;
  support::DiagnosticEngine& diags_;
  Policy policy_;
  std::map<std::string, SetEntry> sets_;
  std::map<std::string, NameEntry> rule_names_;
  std::map<std::string, support::SourceRange> settings_seen_;
  std::optional<support::SourceRange> policy_block_;
  const LoadedStatement* policy_decl_ = nullptr;        // the policy block, if any
  std::vector<support::SourceRange> signature_ranges_;  // parallel to signatures in rules
};

const Token& statement_name(const syntax::Statement& statement) {
  return std::visit(
      [](const auto& s) -> const Token& {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, syntax::Include>) {
          return s.keyword;
        } else {
          return s.name;
        }
      },
      statement);
}

void Checker::collect() {
  for (std::size_t i = 0; i < loaded_.statements.size(); ++i) {
    const LoadedStatement& ls = loaded_.statements[i];
    TokenContext c = ctx(ls.file);
    if (const auto* decl = std::get_if<syntax::PolicyDecl>(&ls.statement)) {
      if (ls.from_include) {
        c.error(decl->keyword,
                "a policy block belongs in the main policy file, not in an "
                "included file");
        continue;
      }
      if (policy_block_) {
        c.error(decl->keyword, "a second policy block; a file describes one policy")
            .notes.push_back(support::make_note(*policy_block_, "the first policy block is here"));
        continue;
      }
      policy_block_ = c.range(decl->keyword);
      policy_decl_ = &ls;  // applied once every set is known: 'clients' may name later sets
      continue;
    }
    if (const auto* set = std::get_if<syntax::SetDecl>(&ls.statement)) {
      auto [it, inserted] = sets_.try_emplace(set->name.text, new_set_entry(ls.file, set, i));
      if (!inserted) {
        c.error(set->name, "set '" + set->name.text + "' is already defined")
            .notes.push_back(support::make_note(
                {it->second.file, it->second.decl->name.begin, it->second.decl->name.end},
                "first defined here"));
      }
      continue;
    }
    const Token& name = statement_name(ls.statement);
    auto [it, inserted] = rule_names_.try_emplace(name.text, NameEntry{c.range(name)});
    if (!inserted) {
      c.error(name, "a rule named '" + name.text +
                        "' is already defined; every rule needs its "
                        "own name (rosgen derives ownership ids from it)")
          .notes.push_back(support::make_note(it->second.range, "first defined here"));
    }
  }
}

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
  } else {
    c.error(setting.key, "unknown setting '" + key +
                             "' (expected routeros, clients, uplink, "
                             "hook, anchor or variant-budget)");
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

SetEntry* Checker::lookup_set(const TokenContext& c, const Token& item, SetEntry* owner,
                              SetKind kind) {
  std::size_t before = owner != nullptr ? owner->index : kAnywhere;
  auto it = sets_.find(item.text);
  if (it == sets_.end()) {
    c.error(item, "unknown set '" + item.text + "'");
    return nullptr;
  }
  if (it->second.index == before) {  // found by the fuzzer: this recursed without end
    c.error(item, "set '" + item.text + "' refers to itself");
    return nullptr;
  }
  if (it->second.index > before) {
    c.error(item, "set '" + item.text + "' is used before it is defined");
    return nullptr;
  }
  SetEntry& entry = it->second;
  const syntax::SetDecl& decl = *entry.decl;
  bool is_ports = !decl.body.protocol.empty();
  if (is_ports != (kind == SetKind::Ports)) {
    c.error(item, "'" + item.text +
                      (is_ports ? "' is a port set, not an address set"
                                : "' is an address set, not a port set"))
        .notes.push_back(
            support::make_note({entry.file, decl.name.begin, decl.name.end}, "defined here"));
    return nullptr;
  }
  if (owner != nullptr) {
    owner->uses.push_back(&entry);
  } else {
    entry.used = true;
  }
  resolve_set(entry);
  return &entry;
}

void Checker::resolve_set(SetEntry& entry) {
  if (entry.resolved)
    return;
  entry.resolved = true;
  const syntax::SetDecl& decl = *entry.decl;
  if (decl.body.protocol.empty()) {
    entry.addresses = resolve_addresses(ctx(entry.file), decl.body, decl.name.text, &entry);
  } else {
    entry.ports = resolve_ports(ctx(entry.file), decl.body, &entry);
  }
}

std::optional<PortSet> Checker::resolve_ports(const TokenContext& c, const syntax::ValueList& list,
                                              SetEntry* owner) {
  std::optional<Protocol> protocol;
  if (!list.protocol.empty()) {
    protocol = list.protocol[0].text == "udp" ? Protocol::Udp : Protocol::Tcp;
  }
  PortSet out;
  bool ok = true;
  bool any_port = list.items.empty();  // "tcp" alone, or a set that is
  auto add = [&](PortRange range) {
    if (std::find(out.ranges.begin(), out.ranges.end(), range) == out.ranges.end()) {
      out.ranges.push_back(range);
    }
  };
  for (const Token& item : list.items) {
    if (starts_with_digit(item.text)) {
      if (!protocol) {
        c.error(item, "a port list needs a protocol first, e.g. 'tcp " + item.text + "'");
        return std::nullopt;
      }
      auto range = parse_port_range(c, item);
      if (!range) {
        ok = false;
        continue;
      }
      add(*range);
      continue;
    }
    const SetEntry* entry = lookup_set(c, item, owner, SetKind::Ports);
    if (entry == nullptr || !entry->ports) {
      ok = false;
      continue;
    }
    const PortSet& inner = *entry->ports;
    if (protocol && *protocol != inner.protocol) {
      c.error(item, "'" + item.text + "' is a " + std::string(protocol_name(inner.protocol)) +
                        " port set, but this list is " + std::string(protocol_name(*protocol)));
      ok = false;
      continue;
    }
    protocol = inner.protocol;
    if (inner.ranges.empty())
      any_port = true;
    for (const PortRange& range : inner.ranges) add(range);
  }
  if (!ok || !protocol)
    return std::nullopt;
  out.protocol = *protocol;
  if (any_port)
    out.ranges.clear();
  return out;
}

std::optional<AddressSet> Checker::resolve_addresses(const TokenContext& c,
                                                     const syntax::ValueList& list,
                                                     const std::string& list_name,
                                                     SetEntry* owner) {
  if (!list.protocol.empty()) {
    c.error(list.protocol[0], "addresses take no protocol");
    return std::nullopt;
  }
  AddressSet out;
  out.list = list_name;
  bool ok = true;
  auto add = [&](const Prefix& prefix) {
    if (std::find(out.prefixes.begin(), out.prefixes.end(), prefix) == out.prefixes.end()) {
      out.prefixes.push_back(prefix);
    }
  };
  for (const Token& item : list.items) {
    if (starts_with_digit(item.text)) {
      auto prefix = parse_prefix(c, item);
      if (prefix)
        add(*prefix);
      ok = ok && prefix.has_value();
      continue;
    }
    const SetEntry* entry = lookup_set(c, item, owner, SetKind::Addresses);
    if (entry == nullptr || !entry->addresses) {
      ok = false;
      continue;
    }
    if (list.items.size() == 1)
      out.list = "set-" + item.text;
    for (const Prefix& prefix : entry->addresses->prefixes) add(prefix);
  }
  if (!ok)
    return std::nullopt;
  return out;
}

std::optional<SourceFilter> Checker::resolve_source(const TokenContext& c,
                                                    const std::vector<syntax::Source>& source,
                                                    const std::string& rule) {
  if (source.empty())
    return std::nullopt;
  SourceFilter filter;
  filter.except = source[0].mode.text == "except";
  auto addresses = resolve_addresses(c, source[0].addresses, rule + "-src", nullptr);
  if (!addresses)
    return std::nullopt;
  filter.addresses = std::move(*addresses);
  return filter;
}

std::optional<Verdict> Checker::convert_verdicts(const TokenContext& c,
                                                 const std::vector<syntax::Verdict>& verdicts,
                                                 const Token& rule_name,
                                                 std::optional<Protocol> protocol,
                                                 bool allow_throttle) {
  Verdict out;
  bool ok = true;
  const Token* terminal_token = nullptr;
  const Token* quarantine_token = nullptr;
  std::map<std::string, const Token*> seen;
  for (const syntax::Verdict& v : verdicts) {
    const std::string& kind = v.kind.text;
    if (auto [it, inserted] = seen.try_emplace(kind, &v.kind); !inserted) {
      c.error(v.kind, "'" + kind + "' is given twice");
      ok = false;
      continue;
    }
    bool takes_argument = kind == "log" || kind == "quarantine" || kind == "throttle";
    if (!takes_argument && !v.argument.empty()) {
      c.error(v.argument[0], "'" + kind + "' takes no value");
      ok = false;
      continue;
    }
    if (takes_argument && v.argument.empty()) {
      const char* example = kind == "log"          ? "log \"smtp-bot\""
                            : kind == "quarantine" ? "quarantine 30m"
                                                   : "throttle 64k";
      c.error(v.kind, "'" + kind + "' needs a value, e.g. '" + example + "'");
      ok = false;
      continue;
    }
    // drop, reject, tarpit and throttle each decide the connection's fate; one per rule.
    auto claim_fate = [&]() {
      if (terminal_token != nullptr) {
        c.error(v.kind, "'" + kind + "' conflicts with '" + terminal_token->text +
                            "': a rule decides a connection's fate one way");
        ok = false;
        return false;
      }
      terminal_token = &v.kind;
      return true;
    };
    auto set_terminal = [&](Terminal t) {
      if (claim_fate())
        out.terminal = t;
    };
    if (kind == "drop") {
      set_terminal(Terminal::Drop);
    } else if (kind == "reject") {
      set_terminal(Terminal::Reject);
    } else if (kind == "tarpit") {
      if (protocol != Protocol::Tcp) {
        c.error(v.kind, "'tarpit' works on TCP only; rule '" + rule_name.text +
                            "' does not limit itself to tcp ports");
        ok = false;
        continue;
      }
      set_terminal(Terminal::Tarpit);
    } else if (kind == "log") {
      const Token& arg = v.argument[0];
      if (arg.text.empty() || arg.text[0] != '"') {
        c.error(arg, "'log' needs a prefix in double quotes, e.g. 'log \"smtp-bot\"'");
        ok = false;
        continue;
      }
      auto prefix = decode_string(c, arg);
      if (!prefix) {
        ok = false;
        continue;
      }
      if (prefix->empty() || prefix->size() > 31) {
        c.error(arg, "log prefix must be 1-31 bytes (RouterOS limit); this one is " +
                         std::to_string(prefix->size()));
        ok = false;
        continue;
      }
      out.log_prefix = *prefix;
    } else if (kind == "quarantine") {
      auto seconds = parse_duration(c, v.argument[0]);
      if (!seconds) {
        ok = false;
        continue;
      }
      out.quarantine_seconds = *seconds;
      quarantine_token = &v.kind;
    } else if (kind == "throttle") {
      if (!allow_throttle) {
        c.error(v.kind, "'throttle' does not apply to a SYN rate; use 'using queue' to shape SYNs");
        ok = false;
        continue;
      }
      auto bps = parse_bandwidth(c, v.argument[0]);
      if (!bps) {
        ok = false;
        continue;
      }
      if (claim_fate())
        out.throttle_bps = *bps;
    }
  }
  if (out.throttle_bps && quarantine_token != nullptr) {
    c.error(*quarantine_token,
            "'quarantine' drops the host while 'throttle' shapes it; choose one");
    ok = false;
  }
  if (!ok)
    return std::nullopt;
  return out;
}

std::optional<Literal> Checker::convert_literal(const TokenContext& c,
                                                const syntax::Literal& literal) {
  const Token& body = literal.body;
  std::optional<std::string> bytes =
      body.text.rfind("0x", 0) == 0 ? decode_hex(c, body) : decode_string(c, body);
  if (!bytes)
    return std::nullopt;
  if (bytes->empty()) {
    c.error(body, "empty literal: it would match every packet");
    return std::nullopt;
  }
  if (literal.nocase) {
    std::uint64_t variants = case_variant_count(*bytes);
    if (variants > policy_.site.variant_budget) {
      c.error(body, "nocase " + body.text + " has " + std::to_string(variants) +
                        " case variants, over the variant budget of " +
                        std::to_string(policy_.site.variant_budget) +
                        " (raise it with 'variant-budget' in the policy block, or shorten the "
                        "literal)");
      return std::nullopt;
    }
  }
  return Literal{*bytes, literal.nocase, body.text};
}

std::optional<Rule> Checker::convert(const TokenContext& c, const syntax::Cap& cap) {
  Cap out;
  out.name = cap.name.text;
  auto count = parse_integer(c, cap.count, 1, 1000000, "connection count");
  std::optional<std::uint32_t> length = 32;
  if (cap.scope.text != "host") {
    syntax::Token digits{cap.scope.text.substr(1), cap.scope.begin + 1, cap.scope.end};
    length = parse_integer(c, digits, 1, 32, "prefix length");
  }
  bool ok = count && length;
  if (!cap.target.empty()) {
    out.ports = resolve_ports(c, cap.target[0], nullptr);
    ok = ok && out.ports;
  }
  out.source = resolve_source(c, cap.source, out.name);
  ok = ok && (cap.source.empty() || out.source);
  std::optional<Protocol> protocol;
  if (out.ports)
    protocol = out.ports->protocol;
  auto verdict = convert_verdicts(c, cap.verdicts, cap.name, protocol, true);
  if (!ok || !verdict)
    return std::nullopt;
  out.count = *count;
  out.prefix_length = static_cast<std::uint8_t>(*length);
  out.verdict = *verdict;
  if (!cap.new_only) {
    c.diags->warning(c.range(cap.count),
                     "without a new-connection gate, cap '" + out.name +
                         "' would also hit the host's established connections; rosgen adds "
                         "'connection-state=new' (write 'new connections' to say so)");
  }
  return out;
}

std::optional<Rule> Checker::convert(const TokenContext& c, const syntax::Rate& rate) {
  Rate out;
  out.name = rate.name.text;
  auto value = parse_rate(c, rate.rate);
  std::optional<std::uint32_t> burst;
  if (!rate.burst.empty())
    burst = parse_integer(c, rate.burst[0], 1, 1000000, "burst");
  bool ok = value && (rate.burst.empty() || burst);
  if (rate.scope.text != "host") {
    c.error(rate.scope, "a SYN rate is counted per host; '" + rate.scope.text +
                            "' is not supported (dst-limit keys on one address)");
    ok = false;
  }
  auto ports = resolve_ports(c, rate.target, nullptr);
  if (ports && ports->protocol != Protocol::Tcp) {
    c.error(rate.target.protocol.empty() ? rate.target.items[0] : rate.target.protocol[0],
            "a SYN rate needs tcp ports; udp has no SYN");
    ok = false;
  }
  ok = ok && ports;
  out.source = resolve_source(c, rate.source, out.name);
  ok = ok && (rate.source.empty() || out.source);
  if (!rate.back_end.empty() && rate.back_end[0].text == "queue") {
    out.back_end = RateBackEnd::Queue;
    if (!rate.verdicts.empty()) {
      c.error(rate.verdicts[0].kind,
              "the queue back end delays SYNs and has no verdict; remove "
              "'-> ...' or use 'using dst-limit'");
      ok = false;
    }
  }
  std::optional<Verdict> verdict = Verdict{};
  if (!rate.verdicts.empty())
    verdict = convert_verdicts(c, rate.verdicts, rate.name, Protocol::Tcp, false);
  if (!ok || !verdict)
    return std::nullopt;
  out.count = value->count;
  out.period_seconds = value->period_seconds;
  out.burst = burst.value_or(value->count);
  out.ports = *ports;
  out.verdict = *verdict;
  if (out.back_end == RateBackEnd::DstLimit && !out.verdict.terminal && !out.verdict.log_prefix &&
      !out.verdict.quarantine_seconds) {
    out.verdict.terminal = Terminal::Drop;
  }
  if (out.back_end == RateBackEnd::Queue) {
    c.diags->note(c.range(rate.back_end[0]),
                  "rate '" + out.name +
                      "' uses the queue back end: a PCQ queue delays SYNs "
                      "over the rate before it drops them, so the limit is approximate (the "
                      "arithmetic is in the script); 'using dst-limit' counts exactly");
  }
  return out;
}

std::optional<Rule> Checker::convert(const TokenContext& c, const syntax::Signature& signature) {
  Signature out;
  out.name = signature.name.text;
  auto ports = resolve_ports(c, signature.target, nullptr);
  bool ok = ports.has_value();
  out.source = resolve_source(c, signature.source, out.name);
  ok = ok && (signature.source.empty() || out.source);
  if (!signature.window.empty()) {
    out.window_bytes = parse_size(c, signature.window[0]);
    ok = ok && out.window_bytes;
  }
  out.conjunction =
      signature.mode.text.ends_with("sequence") ? Conjunction::Sequence : Conjunction::OnePacket;
  SignatureSource source;
  source.name = c.range(signature.name);
  const syntax::ValueList& target = signature.target;
  source.ports =
      c.range(target.protocol.empty() ? target.items.front().begin : target.protocol.front().begin,
              target.items.empty() ? target.protocol.front().end : target.items.back().end);
  for (const syntax::Literal& literal : signature.literals) {
    auto converted = convert_literal(c, literal);
    if (!converted) {
      ok = false;
      continue;
    }
    bool duplicate = std::any_of(out.literals.begin(), out.literals.end(), [&](const Literal& l) {
      return l.bytes == converted->bytes && l.nocase == converted->nocase;
    });
    if (duplicate && out.conjunction == Conjunction::OnePacket) {
      c.diags->warning(c.range(literal.body), "literal " + literal.body.text +
                                                  " is listed twice in one packet; the second "
                                                  "adds nothing");
      continue;
    }
    converted->position = static_cast<std::uint32_t>(out.literals.size() + 1);
    out.literals.push_back(std::move(*converted));
    source.literals.push_back(c.range(literal.body));
  }
  std::optional<Protocol> protocol;
  if (ports)
    protocol = ports->protocol;
  auto verdict = convert_verdicts(c, signature.verdicts, signature.name, protocol, true);
  if (!ok || !verdict)
    return std::nullopt;
  out.ports = *ports;
  out.verdict = *verdict;
  if (out.window_bytes) {
    std::size_t longest = 0;
    for (const Literal& l : out.literals) longest = std::max(longest, l.bytes.size());
    if (*out.window_bytes < longest) {
      c.diags->warning(c.range(signature.window[0]),
                       "window of " + std::to_string(*out.window_bytes) +
                           " bytes is shorter than the longest literal (" +
                           std::to_string(longest) + " bytes); the signature can never match");
    }
  }
  lint_signature(out, source, diags_);
  signature_ranges_.push_back(c.range(signature.name));
  return out;
}

// Warns at the declaration of each set of the main file that no rule, no 'clients' and no
// used set names. Sets of included files are left alone: a library may offer sets that
// an includer does not need (checking the library on its own still reports them).
void Checker::lint_unused_sets() {
  std::vector<SetEntry*> work;
  for (auto& [name, entry] : sets_) {
    if (entry.used)
      work.push_back(&entry);
  }
  while (!work.empty()) {
    SetEntry* entry = work.back();
    work.pop_back();
    for (SetEntry* inner : entry->uses) {
      if (!inner->used) {
        inner->used = true;
        work.push_back(inner);
      }
    }
  }
  std::vector<const SetEntry*> unused;
  for (const auto& [name, entry] : sets_) {
    if (!entry.used && entry.file == loaded_.files.front())
      unused.push_back(&entry);
  }
  std::sort(unused.begin(), unused.end(),
            [](const SetEntry* a, const SetEntry* b) { return a->index < b->index; });
  for (const SetEntry* entry : unused) {
    const std::string& name = entry->decl->name.text;
    std::string named_by;  // unused sets that name this one
    for (const auto& [other_name, other] : sets_) {
      if (std::find(other.uses.begin(), other.uses.end(), entry) != other.uses.end())
        named_by += (named_by.empty() ? "'" : ", '") + other_name + "'";
    }
    bool is_ports = !entry->decl->body.protocol.empty();
    std::string message = "set '" + name + "' is not used: ";
    if (!named_by.empty()) {
      message += "only unused sets name it (" + named_by + ")";
    } else if (is_ports) {
      message += "no rule names it (use it with 'to " + name + "', or remove it)";
    } else {
      message += "no rule or 'clients' names it (use it with 'from " + name + "' or 'except " +
                 name + "', or remove it)";
    }
    diags_.warning({entry->file, entry->decl->name.begin, entry->decl->name.end}, message);
  }
}

void Checker::lint_overlapping_signatures() {
  std::vector<SignatureAt> signatures;
  for (const Rule& rule : policy_.rules) {
    if (const auto* s = std::get_if<Signature>(&rule)) {
      signatures.push_back({s, signature_ranges_[signatures.size()]});
    }
  }
  lint_overlapping_signatures_of(signatures, diags_);
}

std::optional<Policy> Checker::run() {
  policy_.site.policy = options_.fallback_name;
  collect();
  if (policy_decl_ != nullptr) {
    apply_policy_block(ctx(policy_decl_->file),
                       std::get<syntax::PolicyDecl>(policy_decl_->statement));
  }
  if (options_.target) {
    if (settings_seen_.count("routeros") != 0 && policy_.site.routeros != *options_.target) {
      std::string version = std::to_string(policy_.site.routeros);
      if (policy_.site.routeros_minor)
        version += "." + std::to_string(*policy_.site.routeros_minor);
      diags_.warning(settings_seen_["routeros"],
                     "the policy says routeros " + version + "; compiling for " +
                         std::to_string(*options_.target) + " as --target asks");
      policy_.site.routeros_minor.reset();  // a minor version of the other major
    }
    policy_.site.routeros = *options_.target;
  }
  for (std::size_t i = 0; i < loaded_.statements.size(); ++i) {
    const LoadedStatement& ls = loaded_.statements[i];
    TokenContext c = ctx(ls.file);
    std::optional<Rule> rule;
    if (const auto* cap = std::get_if<syntax::Cap>(&ls.statement))
      rule = convert(c, *cap);
    if (const auto* rate = std::get_if<syntax::Rate>(&ls.statement))
      rule = convert(c, *rate);
    if (const auto* sig = std::get_if<syntax::Signature>(&ls.statement))
      rule = convert(c, *sig);
    if (const auto* set = std::get_if<syntax::SetDecl>(&ls.statement)) {
      // Check every set, even unused ones, so that their errors are reported; a set that
      // an earlier rule used is already resolved and reports nothing again.
      auto it = sets_.find(set->name.text);
      if (it != sets_.end() && it->second.index == i) {
        resolve_set(it->second);
      } else {  // a second definition (an error already): check its body all the same
        SetEntry duplicate = new_set_entry(ls.file, set, i);
        resolve_set(duplicate);
      }
    }
    if (rule)
      policy_.rules.push_back(std::move(*rule));
  }
  lint_overlapping_signatures();
  // Lints for policies that compile; with errors they are only noise (a rule that failed
  // to parse would leave its set unused).
  if (!diags_.has_errors())
    lint_unused_sets();
  if (!diags_.has_errors() && !policy_.site.clients && !policy_.site.client_interface) {
    diags_.warning(policy_block_.value_or(support::SourceRange{}),
                   "policy '" + policy_.site.policy +
                       "' names no clients; its rules apply to "
                       "every host (add 'clients 192.168.88.0/24 via bridge' to the policy block)");
  }
  support::Sha256 digest;
  for (const auto& file : loaded_.files) {
    policy_.source_names.push_back(file->name());
    digest.update(file->text());
  }
  policy_.source_digest = digest.hex();
  if (diags_.has_errors())
    return std::nullopt;
  return policy_;
}

}  // namespace

std::string_view protocol_name(Protocol protocol) {
  return protocol == Protocol::Tcp ? "tcp" : "udp";
}

std::string Prefix::text() const {
  std::string out = std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 255) +
                    "." + std::to_string((address >> 8) & 255) + "." +
                    std::to_string(address & 255);
  if (length != 32)
    out += "/" + std::to_string(length);
  return out;
}

const std::string& rule_name(const Rule& rule) {
  return std::visit([](const auto& r) -> const std::string& { return r.name; }, rule);
}

std::uint64_t case_variant_count(const std::string& bytes) {
  std::uint64_t letters = 0;
  for (char c : bytes) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      ++letters;
  }
  return letters >= 63 ? ~std::uint64_t{0} : std::uint64_t{1} << letters;
}

std::string policy_name_from_path(const std::string& path) {
  std::string stem = std::filesystem::path(path).stem().string();
  std::string out;
  for (char ch : stem) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
      out += ch;
    } else if (ch >= 'A' && ch <= 'Z') {
      out += static_cast<char>(ch - 'A' + 'a');
    } else if (!out.empty() && out.back() != '_') {
      out += '_';  // never '-': it separates the policy name in owned names
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty() || !(out[0] >= 'a' && out[0] <= 'z'))
    out = "policy" + (out.empty() ? "" : "_" + out);
  return out;
}

std::optional<Policy> check(const LoadedPolicy& loaded, const CheckOptions& options,
                            support::DiagnosticEngine& diags) {
  Checker checker(loaded, options, diags);
  return checker.run();
}

}  // namespace rosgen::sema
