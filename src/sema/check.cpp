// Semantic checks. Two passes: the first collects the policy block, sets and rule names
// (so that rules and 'clients' may use sets declared after them); then the policy block
// is applied and the second pass converts each rule. Each set is resolved once, so what
// its resolution reports is reported once, at the set.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <utility>

#include "sema/check_parts.hpp"
#include "sema/lint.hpp"
#include "sema/values.hpp"
#include "support/digest.hpp"

namespace rosgen::sema {

namespace detail {

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
    // The ids of rosgen's own items start with these words (lower/lower.cpp): a rule of
    // that name would share their ids.
    for (const char* own : {"anchor", "guard", "list", "quarantine"})
      if (name.text == own)
        c.error(name, "'" + name.text +
                          "' names rosgen's own items (anchor, guard, list, quarantine); give "
                          "the rule another name");
    auto [it, inserted] = rule_names_.try_emplace(name.text, NameEntry{c.range(name)});
    if (!inserted) {
      c.error(name, "a rule named '" + name.text +
                        "' is already defined; every rule needs its "
                        "own name (rosgen derives ownership ids from it)")
          .notes.push_back(support::make_note(it->second.range, "first defined here"));
    }
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
    owner->uses.insert(&entry);
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
  // Duplicates are found in a sorted index, so a list of n ports costs O(n log n), not
  // O(n^2) (a set of 60,000 distinct ports took 1.2 s with a linear search per port).
  std::set<std::pair<std::uint16_t, std::uint16_t>> seen;
  auto add = [&](PortRange range) {
    if (seen.emplace(range.first, range.last).second)
      out.ranges.push_back(range);
  };
  std::set<const SetEntry*> merged;
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
    if (merged.insert(entry).second)  // 'web, web, ...' merges web's ports once
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
  std::set<std::pair<std::uint32_t, std::uint8_t>> seen;  // O(n log n), as for ports
  auto add = [&](const Prefix& prefix) {
    if (seen.emplace(prefix.address, prefix.length).second)
      out.prefixes.push_back(prefix);
  };
  std::set<const SetEntry*> merged;
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
    if (merged.insert(entry).second)
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
  // The sets that name each set, in name order, built once (not a search per unused set).
  std::map<const SetEntry*, std::string> named_by_of;
  for (const auto& [other_name, other] : sets_) {
    for (const SetEntry* inner : other.uses) {
      std::string& list = named_by_of[inner];
      list += (list.empty() ? "'" : ", '") + other_name + "'";
    }
  }
  for (const SetEntry* entry : unused) {
    const std::string& name = entry->decl->name.text;
    const std::string& named_by = named_by_of[entry];  // unused sets that name this one
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
  policy_.sources.block = policy_block_;
  for (const auto& [name, entry] : rule_names_) policy_.sources.rules.emplace(name, entry.range);
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

}  // namespace detail

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

std::uint64_t case_forms(const Literal& literal) {
  return literal.nocase ? case_variant_count(literal.bytes) : 1;
}

std::uint64_t case_forms(const Stage& stage) {
  std::uint64_t total = 0;
  for (const Literal& literal : stage.alternatives) {
    std::uint64_t forms = case_forms(literal);
    total = forms > ~std::uint64_t{0} - total ? ~std::uint64_t{0} : total + forms;
  }
  return total;
}

std::size_t shortest_alternative(const Stage& stage) {
  std::size_t shortest = SIZE_MAX;
  for (const Literal& literal : stage.alternatives)
    shortest = std::min(shortest, literal.bytes.size());
  return stage.alternatives.empty() ? 0 : shortest;
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
  detail::Checker checker(loaded, options, diags);
  return checker.run();
}

}  // namespace rosgen::sema
