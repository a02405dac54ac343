// Lowering of signatures: the gate in the hook chain, the signature's own chain of
// content stages (nested jumps within one packet, connection marks in sequence), the
// layer7-protocol entries of anchored stages, the rate-limited log rule, and the verdict
// on the final connection mark.
#include <algorithm>
#include <cstdint>

#include "lower/anchor.hpp"
#include "lower/case_variants.hpp"
#include "lower/likelihood.hpp"
#include "lower/lower_parts.hpp"
#include "lower/payload.hpp"
#include "sema/check.hpp"

namespace rosgen::lower::detail {

// ---- signatures --------------------------------------------------------------------

std::string printable_stage(const sema::Stage& stage) {
  std::string out = stage.at_start ? "at start " : "";
  for (std::size_t i = 0; i < stage.alternatives.size(); ++i)
    out += (i == 0 ? "" : " | ") + printable_literal(stage.alternatives[i]);
  return out;
}

std::string Lowerer::anchor_protocol(const sema::Signature& signature, const sema::Stage& stage) {
  std::string name = layer7_name(site_.policy, signature.name, stage.position);
  Item entry = make(Menu::Layer7Protocol, "",
                    signature.name + ".lit" + std::to_string(stage.position) + ".layer7");
  entry.set("name", name);
  entry.set("regexp", layer7_regexp(stage));
  entry.remarks = {
      signature.name + ", stage " + std::to_string(stage.position) + ": " + printable_stage(stage),
      "must open the client's data; checked on its first data packet, in lower "
      "case (layer7 lower-cases the data)"};
  layer7_.push_back(std::move(entry));
  return name;
}

void Lowerer::stage_rules(const std::string& chain, const sema::Signature& signature,
                          const sema::Stage& stage, const std::vector<Property>& guard,
                          const std::vector<Property>& action, const sema::Verdict* log_verdict,
                          const std::string& log_mark, std::optional<std::uint32_t> anchor_window) {
  const std::string& rule = signature.name;
  // The content forms stay: content= is evaluated before layer7 in a rule (reference
  // §1.2), so the regexp runs only on packets that hold a form.
  std::vector<Property> anchor;
  if (stage.at_start) {
    anchor.push_back({"layer7-protocol", anchor_protocol(signature, stage)});
    if (anchor_window) {
      // RouterOS refuses connection-bytes without protocol=tcp|udp on the same rule.
      anchor.push_back({"connection-bytes", "0-" + std::to_string(*anchor_window)});
      anchor.push_back(
          {"protocol", signature.ports.protocol == sema::Protocol::Tcp ? "tcp" : "udp"});
    }
  }
  ir::ContentGroup group;
  group.chain = chain;
  group.signature = signature.name;
  group.id = rule + ".lit" + std::to_string(stage.position);
  for (std::size_t j = 0; j < stage.alternatives.size(); ++j) {
    const sema::Literal& literal = stage.alternatives[j];
    group.texts.push_back({literal.bytes, literal.nocase});
    group.ids.emplace_back();
    // Ids come from author positions: the first alternative keeps the id a one-literal
    // stage has; the others add ".alt<j>".
    std::string base = rule + ".lit" + std::to_string(stage.position) +
                       (j == 0 ? "" : ".alt" + std::to_string(j + 1));
    // The mask in hex, wide enough for every form: two digits up to 8 letters (the ids
    // rosgen has always written), one more per 4 letters beyond.
    std::size_t letters = 0;
    for (char c : literal.bytes)
      letters += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? 1 : 0;
    int width = std::max(2, static_cast<int>((letters + 3) / 4));
    for (const CaseVariant& variant : case_variants(literal.bytes, literal.nocase)) {
      std::string id = base;
      if (literal.nocase)
        id += ".v" + hex(variant.mask, width);
      Item item = make(Menu::Mangle, chain, id);
      for (const Property& p : guard) item.set(p.name, p.value);
      item.set("content", variant.bytes);
      for (const Property& p : anchor) item.set(p.name, p.value);
      for (const Property& p : action) item.set(p.name, p.value);
      sub_mangle_.push_back(std::move(item));
      group.ids.back().push_back(id);
    }
  }
  content_groups_.push_back(std::move(group));
  // Packets reach this chain only while their connection lacks the mark the stage sets:
  // a packet that has it now has just been flagged. One rate-limited log rule for all
  // case forms (log=yes on each would log every flagged connection, without a limit).
  if (log_verdict != nullptr && log_verdict->log_prefix) {
    Item log = log_rule(Menu::Mangle, chain, rule + ".log", *log_verdict->log_prefix);
    log.set("connection-mark", log_mark);
    sub_mangle_.push_back(std::move(log));
  }
}

// In one packet: nested chains, one per stage (in the optimiser's order). A case form of any
// alternative of stage k that is in the packet jumps to the chain of stage k+1; the last
// stage marks the connection. No packet mark is set, so the operator's own packet marks
// (QoS) survive; a packet that matches no form of a stage returns from that chain at its
// end. An anchored stage limits the whole signature to the connection's first client data
// packet: its gate carries the anchored window (lower_signature()).
void Lowerer::one_packet_chain(const sema::Signature& signature) {
  // order() has sorted the stages; ids use each stage's author position.
  const std::string& name = signature.name;
  const std::vector<sema::Stage>& stages = signature.stages;
  std::string final_mark = owned(name);
  auto chain = [&](std::size_t k) {
    return owned("sig-" + name) + (k == 0 ? "" : "-" + std::to_string(k + 1));
  };
  std::size_t first_item = sub_mangle_.size();
  for (std::size_t k = 0; k < stages.size(); ++k) {
    // Once the connection is flagged, other forms in the same packet need no test.
    std::vector<Property> guard{{"connection-mark", "!" + final_mark}};
    if (k + 1 == stages.size()) {
      stage_rules(chain(k), signature, stages[k], guard,
                  {{"action", "mark-connection"},
                   {"new-connection-mark", final_mark},
                   {"passthrough", "yes"}},
                  &signature.verdict, final_mark);
    } else {
      stage_rules(chain(k), signature, stages[k], guard,
                  {{"action", "jump"}, {"jump-target", chain(k + 1)}}, nullptr, "");
    }
  }
  std::vector<std::string> remarks{
      name +
      ": in one packet; stages in the order tested (rosgen compile --explain shows "
      "the expected cost):"};
  for (std::size_t k = 0; k < stages.size(); ++k) {
    remarks.push_back("  " + std::to_string(k + 1) + ". " + printable_stage(stages[k]) + ": " +
                      std::to_string(stage_cost(stages[k])) + " case form(s)");
  }
  sub_mangle_[first_item].remarks = std::move(remarks);
}

// In sequence: stage k (k >= 2) tests connections marked after stage k-1, and a stage
// that matches jumps straight on to the next stage's chain, so one packet advances a
// connection through every stage it holds (in the order written: content= cannot tell the
// order of two literals inside one packet, so within a packet any order counts; across
// packets the written order holds). Started connections enter the chain of their next
// stage latest first, so that no stage chain is entered twice by one packet.
void Lowerer::sequence_chain(const sema::Signature& signature) {
  const std::string& name = signature.name;
  std::string chain = owned("sig-" + name);
  std::string final_mark = owned(name);
  std::size_t n = signature.stages.size();
  auto mark = [&](std::size_t stage) {  // connection mark after `stage` (1-based) matched
    return stage == n ? final_mark : owned(name + "-" + std::to_string(stage));
  };
  auto stage_chain = [&](std::size_t stage) {  // chain of `stage` (1-based)
    return stage == 1 ? chain : chain + "-" + std::to_string(stage);
  };
  auto next = [&](std::size_t stage) {  // after `stage` matched: on to the next one
    Item jump =
        make(Menu::Mangle, stage_chain(stage), name + ".lit" + std::to_string(stage + 1) + ".next");
    jump.set("action", "jump");
    jump.set("connection-mark", mark(stage));
    jump.set("jump-target", stage_chain(stage + 1));
    sub_mangle_.push_back(std::move(jump));
  };
  std::size_t first_item = sub_mangle_.size();
  for (std::size_t k = n; k >= 2; --k) {
    Item enter = make(Menu::Mangle, chain, name + ".lit" + std::to_string(k) + ".enter");
    enter.set("action", "jump");
    enter.set("connection-mark", mark(k - 1));
    enter.set("jump-target", stage_chain(k));
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
  // Only the first stage may be anchored (sema); the gate's window may already be tighter.
  std::optional<std::uint32_t> anchor_window;
  if (!signature.window_bytes || *signature.window_bytes > kAnchoredWindowBytes)
    anchor_window = kAnchoredWindowBytes;
  stage_rules(chain, signature, signature.stages[0], {{"connection-mark", "!" + mark(1)}},
              marking(mark(1)), nullptr, mark(1), anchor_window);
  next(1);
  for (std::size_t k = 2; k <= n; ++k) {
    stage_rules(stage_chain(k), signature, signature.stages[k - 1],
                {{"connection-mark", mark(k - 1)}}, marking(mark(k)),
                k == n ? &signature.verdict : nullptr, mark(k));
    if (k < n)
      next(k);
  }
  std::vector<std::string> remarks{
      name + ": in sequence over a connection, in the order written (one packet may",
      "advance it through several stages):"};
  for (std::size_t k = 0; k < n; ++k) {
    remarks.push_back("  " + std::to_string(k + 1) + ". " + printable_stage(signature.stages[k]) +
                      ": " + std::to_string(stage_cost(signature.stages[k])) + " content test(s)");
  }
  sub_mangle_[first_item].remarks = std::move(remarks);
}

void Lowerer::signature_chain(const sema::Signature& signature) {
  if (signature.conjunction == sema::Conjunction::Sequence && signature.stages.size() > 1) {
    sequence_chain(signature);
  } else {
    one_packet_chain(signature);
  }
}

void Lowerer::lower_signature(Hook hook, const sema::Signature& signature, bool first_hook) {
  const std::string& name = signature.name;
  std::string final_mark = owned(name);
  bool tcp = signature.ports.protocol == sema::Protocol::Tcp;
  // A packet that passes holds at least shortest_payload() bytes of data (payload.hpp).
  bool one_packet = signature.conjunction == sema::Conjunction::OnePacket;
  std::size_t length = shortest_payload(signature);
  // In one packet, an anchored stage keeps the whole signature to the connection's first
  // client data packet (anchor.hpp); in sequence, only the first stage's rules.
  std::optional<std::uint32_t> window = signature.window_bytes;
  bool anchored = std::any_of(signature.stages.begin(), signature.stages.end(),
                              [](const sema::Stage& s) { return s.at_start; });
  if ((one_packet || signature.stages.size() == 1) && anchored)
    window = std::min(window.value_or(kAnchoredWindowBytes), kAnchoredWindowBytes);
  std::size_t headers = tcp ? 40 : 28;  // smallest IPv4 + TCP/UDP headers
  std::size_t smallest = std::min<std::size_t>(65535, headers + length);

  // l7-filter gives a connection its layer7 data buffer only when the connection's first
  // packet reaches a layer7 matcher (xt_layer7.c: total_acct_packets == 1; whether RouterOS
  // does the same is unverified), and the stage's own rules see only packets that hold a
  // content form. So a TCP connection's SYN passes one layer7 test here: it carries no
  // data, so no regexp runs (l7-filter returns before matching when a packet adds none).
  for (const sema::Stage& stage : signature.stages) {
    if (!stage.at_start || !tcp)
      continue;
    Item feed = make(Menu::Mangle, hook_chain(hook),
                     name + ".lit" + std::to_string(stage.position) + ".layer7-start." +
                         std::string(hook_word(hook)));
    match_ports(feed, signature.ports);
    match_source(feed, signature.source);
    feed.set("connection-state", "new");
    feed.set("tcp-flags", "syn,!ack");
    feed.set("layer7-protocol", layer7_name(site_.policy, name, stage.position));
    feed.set("action", "passthrough");
    hook_mangle_[hook].push_back(std::move(feed));
  }
  Item gate = make(Menu::Mangle, hook_chain(hook), name + ".gate." + std::string(hook_word(hook)));
  match_ports(gate, signature.ports);
  match_source(gate, signature.source);
  if (window)
    gate.set("connection-bytes", "0-" + std::to_string(*window));
  gate.set("packet-size", std::to_string(smallest) + "-65535");
  // A SYN's data (TCP Fast Open) is not inspected: without this every SYN, at least as
  // large as the smallest matching packet (60 bytes, Linux), would pay the content tests.
  if (tcp)
    gate.set("tcp-flags", "!syn");
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
