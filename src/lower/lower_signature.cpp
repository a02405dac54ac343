// Lowering of signatures: the gate in the hook chain, the signature's own chain of
// content stages (packet marks within one packet, connection marks in sequence), the
// rate-limited log rule, and the verdict on the final connection mark.
#include "lower/case_variants.hpp"
#include "lower/likelihood.hpp"
#include "lower/lower_parts.hpp"

namespace rosgen::lower::detail {

// ---- signatures --------------------------------------------------------------------

void Lowerer::stage_rules(const std::string& chain, const std::string& rule,
                          const sema::Literal& literal, const std::vector<Property>& guard,
                          const std::vector<Property>& action, const sema::Verdict* log_verdict,
                          const std::string& log_mark) {
  std::vector<CaseVariant> variants = case_variants(literal.bytes, literal.nocase);
  for (const CaseVariant& variant : variants) {
    std::string id = rule + ".lit" + std::to_string(literal.position);
    if (literal.nocase)
      id += ".v" + hex(variant.mask, 2);
    Item item = make(Menu::Mangle, chain, id);
    for (const Property& p : guard) item.set(p.name, p.value);
    item.set("content", variant.bytes);
    for (const Property& p : action) item.set(p.name, p.value);
    sub_mangle_.push_back(std::move(item));
  }
  // Packets reach this chain only while their connection lacks the mark the stage sets:
  // a packet that has it now has just been flagged. One rate-limited log rule for all
  // case forms (log=yes on each would log every flagged connection, without a limit).
  if (log_verdict != nullptr && log_verdict->log_prefix) {
    Item log = log_rule(Menu::Mangle, chain, rule + ".log", *log_verdict->log_prefix);
    log.set("connection-mark", log_mark);
    sub_mangle_.push_back(std::move(log));
  }
}

// In one packet: nested chains, one per stage (least likely first). A case form of stage
// k that is in the packet jumps to the chain of stage k+1; the last stage marks the
// connection. No packet mark is set, so the operator's own packet marks (QoS) survive;
// a packet that matches no form of a stage returns from that chain at its end.
void Lowerer::one_packet_chain(const sema::Signature& signature) {
  // order() has sorted the stages; ids use each literal's author position.
  const std::string& name = signature.name;
  const std::vector<sema::Literal>& stages = signature.literals;
  std::string final_mark = owned(name);
  auto chain = [&](std::size_t k) {
    return owned("sig-" + name) + (k == 0 ? "" : "-" + std::to_string(k + 1));
  };
  std::size_t first_item = sub_mangle_.size();
  for (std::size_t k = 0; k < stages.size(); ++k) {
    // Once the connection is flagged, other forms in the same packet need no test.
    std::vector<Property> guard{{"connection-mark", "!" + final_mark}};
    if (k + 1 == stages.size()) {
      stage_rules(chain(k), name, stages[k], guard,
                  {{"action", "mark-connection"},
                   {"new-connection-mark", final_mark},
                   {"passthrough", "yes"}},
                  &signature.verdict, final_mark);
    } else {
      stage_rules(chain(k), name, stages[k], guard,
                  {{"action", "jump"}, {"jump-target", chain(k + 1)}}, nullptr, "");
    }
  }
  std::vector<std::string> remarks{
      name + ": in one packet; stages least likely first (cost/(1-p), default model):"};
  for (std::size_t k = 0; k < stages.size(); ++k) {
    remarks.push_back("  " + std::to_string(k + 1) + ". " + printable_literal(stages[k]) + ": " +
                      std::to_string(stage_cost(stages[k])) +
                      " content test(s), p=" + fixed(literal_probability(stages[k]), "%.2g"));
  }
  sub_mangle_[first_item].remarks = std::move(remarks);
}

void Lowerer::sequence_chain(const sema::Signature& signature) {
  const std::string& name = signature.name;
  std::string chain = owned("sig-" + name);
  std::string final_mark = owned(name);
  std::size_t n = signature.literals.size();
  auto mark = [&](std::size_t stage) {  // connection mark after `stage` (1-based) matched
    return stage == n ? final_mark : owned(name + "-" + std::to_string(stage));
  };
  std::size_t first_item = sub_mangle_.size();
  // Later stages first, so that one packet advances a connection by at most one stage.
  for (std::size_t k = n; k >= 2; --k) {
    Item enter = make(Menu::Mangle, chain, name + ".lit" + std::to_string(k) + ".enter");
    enter.set("action", "jump");
    enter.set("connection-mark", mark(k - 1));
    enter.set("jump-target", chain + "-" + std::to_string(k));
    sub_mangle_.push_back(std::move(enter));
  }
  // A connection that has started (or just finished) the sequence skips stage 1.
  for (std::size_t k = n; k >= 1; --k) {
    Item held = make(Menu::Mangle, chain, name + ".lit" + std::to_string(k) + ".held");
    held.set("action", "return");
    held.set("connection-mark", mark(k));
    sub_mangle_.push_back(std::move(held));
  }
  auto marking = [](const std::string& new_mark) {
    return std::vector<Property>{
        {"action", "mark-connection"}, {"new-connection-mark", new_mark}, {"passthrough", "yes"}};
  };
  stage_rules(chain, name, signature.literals[0], {{"connection-mark", "!" + mark(1)}},
              marking(mark(1)), n == 1 ? &signature.verdict : nullptr, mark(1));
  for (std::size_t k = 2; k <= n; ++k) {
    stage_rules(chain + "-" + std::to_string(k), name, signature.literals[k - 1],
                {{"connection-mark", mark(k - 1)}}, marking(mark(k)),
                k == n ? &signature.verdict : nullptr, mark(k));
  }
  std::vector<std::string> remarks{name + ": in sequence over a connection, in the order written:"};
  for (std::size_t k = 0; k < n; ++k) {
    remarks.push_back("  " + std::to_string(k + 1) + ". " +
                      printable_literal(signature.literals[k]) + ": " +
                      std::to_string(stage_cost(signature.literals[k])) + " content test(s)");
  }
  sub_mangle_[first_item].remarks = std::move(remarks);
}

void Lowerer::signature_chain(const sema::Signature& signature) {
  if (signature.conjunction == sema::Conjunction::Sequence && signature.literals.size() > 1) {
    sequence_chain(signature);
  } else {
    one_packet_chain(signature);
  }
}

void Lowerer::lower_signature(Hook hook, const sema::Signature& signature, bool first_hook) {
  const std::string& name = signature.name;
  std::string final_mark = owned(name);
  bool tcp = signature.ports.protocol == sema::Protocol::Tcp;
  std::size_t length = signature.conjunction == sema::Conjunction::OnePacket ? 0 : SIZE_MAX;
  for (const sema::Literal& literal : signature.literals) {
    length = signature.conjunction == sema::Conjunction::OnePacket
                 ? std::max(length, literal.bytes.size())
                 : std::min(length, literal.bytes.size());
  }
  std::size_t headers = tcp ? 40 : 28;  // smallest IPv4 + TCP/UDP headers
  std::size_t smallest = std::min<std::size_t>(65535, headers + length);

  Item gate = make(Menu::Mangle, hook_chain(hook), name + ".gate." + std::string(hook_word(hook)));
  match_ports(gate, signature.ports);
  match_source(gate, signature.source);
  if (signature.window_bytes)
    gate.set("connection-bytes", "0-" + std::to_string(*signature.window_bytes));
  gate.set("packet-size", std::to_string(smallest) + "-65535");
  gate.set("connection-mark", "!" + final_mark);
  gate.set("action", "jump");
  gate.set("jump-target", owned("sig-" + name));
  hook_mangle_[hook].push_back(std::move(gate));
  if (first_hook)
    signature_chain(signature);

  if (signature.verdict.throttle_bps) {
    throttle(hook, name, final_mark, *signature.verdict.throttle_bps, first_hook);
  }
  const sema::Verdict& v = signature.verdict;
  if (v.terminal || v.quarantine_seconds) {
    Item match = make(Menu::Filter, hook_chain(hook), name + "." + std::string(hook_word(hook)));
    match.set("connection-mark", final_mark);
    // A connection-mark test is cheap: repeat it per action rather than jump.
    filter_verdict(hook_filter_[hook], match, true, name, name + "." + std::string(hook_word(hook)),
                   v, signature.ports.protocol, false);
  }
}

}  // namespace rosgen::lower::detail
