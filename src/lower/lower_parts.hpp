// The lowering's parts, shared by its two files: the Lowerer class and the small text
// helpers it uses. lower.cpp holds the shared pieces (names, address lists, queues,
// verdicts), caps, SYN rates, anchors and run(); lower_signature.cpp the signature
// chains. Internal to src/lower; the entry point is lower.hpp.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lower/lower.hpp"

namespace rosgen::lower::detail {

using ir::Item;
using ir::Menu;
using ir::owner_comment;
using ir::Property;
using ir::routeros_duration;
using ir::Ruleset;
using sema::Hook;

inline std::string_view hook_word(Hook hook) {
  return hook == Hook::Forward ? "forward" : "input";
}

// `value` as `digits` lower-case hex digits ("0a").
std::string hex(std::uint64_t value, int digits);

// "25,465,587" or "8000-8080"; empty for every port of the protocol.
std::string port_list(const sema::PortSet& ports);

// A C-like rendering of literal bytes for remarks ("CONNECT ", "\r\n").
std::string printable_literal(const sema::Literal& literal);

// A stage for remarks: 'at start nocase "HELO" | nocase "EHLO"'.
std::string printable_stage(const sema::Stage& stage);

// `value` through printf `format` ("%.2g").
std::string fixed(double value, const char* format);

// The log line every log rule may write at most: 10 a minute per rule, in bursts of up
// to 5 (limit=rate/time,burst:mode, reference §1.5), so a flood cannot fill the log.
constexpr std::string_view kLogLimit = "10/1m,5:packet";

// One action of a verdict: the properties it adds to the match, and its role ("log",
// "quarantine", "drop", ...; empty for the rule's main action, which keeps the rule's id).
struct VerdictAction {
  std::string role;
  Item item;
};

class Lowerer {
 public:
  explicit Lowerer(const sema::Policy& policy) : policy_(policy), site_(policy.site) {}

  Ruleset run();

 private:
  // ---- names ----
  std::string owned(std::string_view suffix) const {
    return "rosgen-" + site_.policy + "-" + std::string(suffix);
  }

  std::string hook_chain(Hook hook) const { return owned(hook == Hook::Forward ? "fwd" : "in"); }

  std::string list_name(const sema::AddressSet& set) const { return owned(set.list); }

  Item make(Menu menu, const std::string& chain, const std::string& id) const {
    Item item;
    item.menu = menu;
    if (!chain.empty())
      item.set("chain", chain);
    // /queue type has no comment property (RouterOS v7 schema, data/schema): queue types
    // are owned by their name, which always starts with rosgen-<policy>-.
    if (menu != Menu::QueueType)
      item.set("comment", owner_comment(site_.policy, id));
    return item;
  }

  // ---- shared pieces ----
  void register_list(const sema::AddressSet& set);
  void match_addresses(Item& item, const sema::AddressSet& set, bool negate, bool source);
  void match_source(Item& item, const std::optional<sema::SourceFilter>& source);
  static void match_ports(Item& item, const sema::PortSet& ports);
  // A rule that logs (action=log) at most kLogLimit lines, so that a flood cannot fill
  // the router's log; role names the action in verdict lists.
  static VerdictAction log_action(std::string role, const std::string& prefix);
  // A separate, rate-limited log rule for packets that match `match`, in chain `chain`.
  Item log_rule(Menu menu, const std::string& chain, const std::string& id,
                const std::string& prefix) const;
  // "mark, then return" for a packet mark: the mark rule passes through (passthrough=no
  // would end the whole built-in mangle chain, and with it the operator's own mangle
  // rules after the anchor), and the next rule returns to the built-in chain.
  void mark_packet_and_return(Hook hook, Item mark_rule, const std::string& mark,
                              const std::string& id);
  // A PCQ queue type classified by source address and a queue tree on packet mark `name`.
  // `limit_bytes`: how much one source's sub-queue holds (RouterOS default when absent).
  void add_pcq_queue(const std::string& name, const std::string& id, std::uint64_t rate_bps,
                     std::optional<std::uint32_t> limit_packets, std::uint32_t packet_bytes,
                     std::vector<std::string> remarks,
                     const std::string& classifier = "src-address");
  std::string queue_parent(std::vector<std::string>& remarks) const;

  // Applies a verdict to packets that match `match` in filter chain `chain`.
  // `cheap_match`: the match may be repeated per action instead of jumping to a chain.
  void filter_verdict(std::vector<Item>& into, const Item& match, bool cheap_match,
                      const std::string& rule, const std::string& id, const sema::Verdict& verdict,
                      std::optional<sema::Protocol> protocol, bool log_here);
  void throttle(Hook hook, const std::string& rule, const std::string& connection_mark,
                std::uint64_t bps, bool first_hook);

  // ---- rules ----
  void lower_cap(Hook hook, const sema::Cap& cap, bool first_hook);
  void lower_rate(Hook hook, const sema::Rate& rate, bool first_hook);
  void lower_signature(Hook hook, const sema::Signature& signature, bool first_hook);
  void signature_chain(const sema::Signature& signature);
  void one_packet_chain(const sema::Signature& signature);
  void sequence_chain(const sema::Signature& signature);
  // One rule per case form of each alternative of `stage` in `chain`: `guard` matchers,
  // content=<form>, the stage's anchor (layer7-protocol=, and `anchor_window` as
  // connection-bytes= when given), then the `action` properties. With `log_verdict` (a
  // last stage), a rate-limited log rule follows for the connections marked `log_mark`.
  void stage_rules(const std::string& chain, const sema::Signature& signature,
                   const sema::Stage& stage, const std::vector<Property>& guard,
                   const std::vector<Property>& action, const sema::Verdict* log_verdict,
                   const std::string& log_mark, std::optional<std::uint32_t> anchor_window = {});
  // The layer7-protocol entry of an anchored stage (lower/anchor.hpp); returns its name.
  std::string anchor_protocol(const sema::Signature& signature, const sema::Stage& stage);

  void anchors();
  void fasttrack_guard();

  const sema::Policy& policy_;
  const sema::Site& site_;
  std::vector<Item> lists_;
  std::set<std::string> list_names_;
  std::set<std::string> verdict_chains_;
  std::vector<Item> queue_types_;
  std::vector<Item> layer7_;  // layer7-protocol entries of anchored stages
  std::vector<Item> queue_trees_;
  std::map<Hook, std::vector<Item>> hook_mangle_;
  std::map<Hook, std::vector<Item>> hook_filter_;
  // Mangle rules for the reply direction of forwarded traffic (internet -> clients):
  // throttles shape downloads here, entered by the anchor "anchor.forward-reply".
  std::vector<Item> reply_mangle_;
  std::vector<Item> sub_mangle_;
  std::vector<ir::ContentGroup> content_groups_;
  std::vector<Item> sub_filter_;
  std::vector<Item> anchors_;
  std::vector<Item> guards_;
};

}  // namespace rosgen::lower::detail
