// The checker's parts, shared by its three files: the set table, the Checker class and
// small helpers. check.cpp runs the two passes (collect, then convert), resolves sets and
// lints; check_settings.cpp applies the policy block; check_rules.cpp converts rules and
// their verdicts. Internal to src/sema; the entry point is check.hpp.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sema/check.hpp"
#include "sema/values.hpp"

namespace rosgen::sema::detail {

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
  std::set<SetEntry*> uses;             // the sets its body names
};

SetEntry new_set_entry(std::shared_ptr<const support::SourceFile> file, const syntax::SetDecl* decl,
                       std::size_t index);

struct NameEntry {
  support::SourceRange range;
};

inline bool starts_with_digit(const std::string& text) {
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
  // Stage `index` of `signature` (`ports`: its resolved port list, if it resolved), with
  // the source range of each alternative kept appended to `ranges`.
  std::optional<Stage> convert_stage(const TokenContext& c, const syntax::Signature& signature,
                                     std::size_t index, const std::optional<PortSet>& ports,
                                     std::vector<support::SourceRange>& ranges);

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

const Token& statement_name(const syntax::Statement& statement);

}  // namespace rosgen::sema::detail
