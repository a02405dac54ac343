// `rosgen compile --explain` (see explain.hpp).
#include "optimise/explain.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>

#include "optimise/text.hpp"

namespace rosgen::optimise {

namespace {

std::string quoted(const sema::Stage& stage) {
  std::string out = stage.at_start ? "at start " : "";
  for (std::size_t i = 0; i < stage.alternatives.size(); ++i) {
    const sema::Literal& literal = stage.alternatives[i];
    out += (i ? " | " : "") + std::string(literal.nocase ? "nocase " : "") + literal.written;
  }
  return out;
}

struct Walk {
  double expected = 0;
  std::string lines;
};

// "then the 128 full forms in leaf chains of up to 32": a packet that passes the probes
// tests one leaf chain per probe form it holds, not every full form; the full forms of
// alternatives without a probe stay in the stage's chain, tested on every packet.
std::string full_forms(const Cover& cover, const std::vector<Text>& alternatives) {
  std::uint64_t in_leaves = 0, direct = 0, largest = 0;
  for (std::size_t j = 0; j < cover.trees.size() && j < alternatives.size(); ++j) {
    if (cover.trees[j].children.empty()) {
      direct += case_forms(alternatives[j]);
      continue;
    }
    in_leaves += case_forms(alternatives[j]);
    largest = std::max(largest, largest_leaf(alternatives[j], cover.trees[j]));
  }
  std::string out = "then the " + std::to_string(in_leaves) +
                    " full forms in leaf chains of up to " + std::to_string(largest);
  if (direct > 0)
    out += ", and " + std::to_string(direct) +
           " full form(s) without a probe, tested on every packet that reaches the stage";
  return out;
}

// The stages of `signature` in its order, costed with the covers in `covers` (by stage id).
// `data`: the share of the gate's packets that carry data (the rules' packet-size and
// tcp-flags gates let only those reach the content tests); p taken among them. In
// sequence, stage k > 1 is taken to be reached by the packets that hold stage k - 1, as
// in one packet (explain.hpp says why that is only a rough guess).
Walk walk(const sema::Signature& signature, const std::map<std::string, const Decision*>& covers,
          const FragmentProbability& probability, double data) {
  Walk out;
  double reach = data;
  bool sequence = signature.conjunction == sema::Conjunction::Sequence;
  int k = 0;
  for (const sema::Stage& stage : signature.stages) {
    double plain = 0;
    for (const sema::Literal& literal : stage.alternatives)
      plain += static_cast<double>(case_forms(Text{literal.bytes, literal.nocase}));
    double cost = plain;
    std::string how = fixed(plain, "%.0f") + " test(s)";
    auto it = covers.find(signature.name + ".lit" + std::to_string(stage.position));
    if (it != covers.end() && it->second->cover) {
      const Cover& cover = *it->second->cover;
      cost = cover.expected_tests;
      std::string probes;
      for (std::size_t j = 0; j < cover.probes.size(); ++j)
        probes += (j ? ", " : "") + std::string("\"") + cover.probes[j] + "\"";
      how = "probe " + probes + ", " + std::to_string(cover.probe_rules) + " probe rule(s) over " +
            std::to_string(cover.depth) + " level(s), " +
            full_forms(cover, it->second->alternatives) + ": " + fixed(cost) + " expected";
    }
    double p = stage_probability(stage, probability);
    ++k;
    out.lines += "    " + std::to_string(k) + ". " + quoted(stage) + ": " + how +
                 ", p=" + fixed(p, "%.3g") + ", reached by " + fixed(reach, "%.3g") +
                 " of the gate's packets" + (sequence && k > 1 ? " (as if independent)" : "") +
                 "\n";
    out.expected += reach * cost;
    reach *= data > 0 ? std::min(1.0, p / data) : 0.0;
  }
  return out;
}

// "1 packet", "154 packets".
std::string packets_text(std::uint64_t n) {
  return std::to_string(n) + (n == 1 ? " packet" : " packets");
}

// Where the profile's packets behind an estimate are: "this gate", "gates on overlapping
// ports", "all the profile's gates".
std::string where(profile::Basis basis) {
  switch (basis) {
    case profile::Basis::Gate:
      return "this gate";
    case profile::Basis::OverlappingPorts:
      return "gates on overlapping ports";
    case profile::Basis::AllGates:
      return "all the profile's gates";
  }
  return "?";
}

// Where probability_from() takes p of one literal at `gate` from, as a phrase; the same
// rule as there: the profile's estimate when it rests on at least kMinGatePackets packets.
std::string source_of(const profile::Profile& traffic, const profile::Gate& gate,
                      const sema::Literal& literal) {
  auto estimate = traffic.probability(gate, literal.bytes, literal.nocase);
  if (!estimate)
    return "the per-byte model (no gate of the profile lists it)";
  std::string packets = packets_text(estimate->packets);
  if (estimate->packets < kMinGatePackets)
    return "the per-byte model (the profile saw only " + packets + " at " + where(estimate->basis) +
           ", fewer than " + std::to_string(kMinGatePackets) + ")";
  if (estimate->basis == profile::Basis::Gate)
    return "the gate's own counts (" + packets + ")";
  return "counts borrowed from " + where(estimate->basis) + " (" + packets +
         "; this gate has no counts for it)";
}

// "  p from: ..." for the literals of `signature`: one source for all, else per literal.
std::string sources(const profile::Profile& traffic, const sema::Signature& signature) {
  profile::Gate gate = profile::gate_of(signature);
  std::vector<std::pair<std::string, std::string>> found;  // source, its literals
  for (const sema::Stage& stage : signature.stages) {
    for (const sema::Literal& literal : stage.alternatives) {
      std::string source = source_of(traffic, gate, literal);
      auto it = std::find_if(found.begin(), found.end(),
                             [&](const auto& entry) { return entry.first == source; });
      std::string name = (literal.nocase ? "nocase " : "") + literal.written;
      if (it == found.end())
        found.emplace_back(source, name);
      else
        it->second += ", " + name;
    }
  }
  if (found.size() == 1)
    return "  p from: " + found.front().first + "\n";
  std::string out = "  p from:";
  for (std::size_t i = 0; i < found.size(); ++i)
    out += (i ? "; " : " ") + found[i].first + " for " + found[i].second;
  return out + "\n";
}

// The share of the gate's packets that reach the content tests, and the line saying so:
// the profile's data share when it rests on at least kMinGatePackets packets, else 1.
std::pair<double, std::string> data_share(const profile::Profile& traffic,
                                          const sema::Signature& signature) {
  auto share = traffic.data_share(profile::gate_of(signature));
  if (!share)
    return {1.0,
            "  every gate packet is taken to reach the content tests: the profile does not "
            "record how many carry data\n"};
  std::string packets = packets_text(share->packets);
  if (share->packets < kMinGatePackets)
    return {1.0,
            "  every gate packet is taken to reach the content tests: the profile counted "
            "data packets on only " +
                packets + " at " + where(share->basis) + " (fewer than " +
                std::to_string(kMinGatePackets) + ")\n"};
  std::string source = share->basis == profile::Basis::Gate
                           ? "the gate's own counts, " + packets
                           : "borrowed from " + where(share->basis) + ", " + packets;
  return {share->share, "  " + fixed(100 * share->share, "%.0f") +
                            "% of the gate's packets carry data and are no SYN (" + source +
                            "); only those reach the content tests (the gate's packet-size and "
                            "tcp-flags keep the rest out)\n"};
}

std::string gate(const sema::Signature& signature) {
  std::string out = signature.ports.protocol == sema::Protocol::Tcp ? "tcp" : "udp";
  if (signature.window_bytes)
    out += ", the first " + std::to_string(*signature.window_bytes) + " bytes";
  return out;
}

}  // namespace

std::string explain(const ExplainInput& input) {
  std::map<std::string, const Decision*> covers, none;
  for (const Decision& d : *input.decisions) covers[d.stage] = &d;
  std::string out =
      "rosgen compile --explain: expected content tests per packet that reaches "
      "each signature's gate\n";
  out += "  model: " + input.model;
  if (input.profile != nullptr)
    out += " where its estimate rests on at least " + std::to_string(kMinGatePackets) +
           " packets (the signature's gate, else gates on overlapping ports, else all its "
           "gates), else the per-byte model (grammar/LANGUAGE.md); each signature says which";
  out +=
      "; p = the chance a packet at the gate holds the stage (alternatives independent); "
      "a stage costs one content test per case form, or a cover's probe forms plus its "
      "full forms on the packets that hold a probe\n";
  double total = 0, total_plain = 0, total_against = 0, total_layer7 = 0;
  std::vector<AgainstCost> against;
  std::size_t signatures = 0, sequences = 0;
  for (std::size_t r = 0; r < input.ordered->rules.size(); ++r) {
    const auto* emitted = std::get_if<sema::Signature>(&input.ordered->rules[r]);
    if (emitted == nullptr)
      continue;
    const sema::Signature* authored = nullptr;
    for (const sema::Rule& rule : input.authored->rules)
      if (const auto* s = std::get_if<sema::Signature>(&rule); s && s->name == emitted->name)
        authored = s;
    FragmentProbability probability = input.probability(emitted->name);
    // Only packets with data reach the content tests (a SYN or a pure ACK fails the gate's
    // packet-size or tcp-flags): the profile's share of them, else all.
    auto [data, share_line] = input.profile != nullptr ? data_share(*input.profile, *emitted)
                                                       : std::pair<double, std::string>(1.0, "");
    Walk optimised = walk(*emitted, covers, probability, data);
    Walk plain = walk(authored ? *authored : *emitted, none, probability, data);
    ++signatures;
    total += optimised.expected;
    total_plain += plain.expected;
    bool sequence =
        emitted->conjunction == sema::Conjunction::Sequence && emitted->stages.size() > 1;
    sequences += sequence ? 1 : 0;
    out +=
        "\nsignature " + emitted->name + " (" + gate(*emitted) + ", " +
        (emitted->conjunction == sema::Conjunction::OnePacket ? "in one packet" : "in sequence") +
        "):\n";
    if (input.profile != nullptr)
      out += sources(*input.profile, *emitted);
    out += share_line;
    if (sequence)
      out +=
          "  in sequence: stage 2 onward is estimated per packet as if independent (reached by "
          "the packets that hold the stage before); on the router every later packet of a "
          "connection that passed a stage tests the next one until it matches or the window "
          "ends, and skips the stages passed, so these figures can be off several-fold either "
          "way: `rosgen simulate` on a capture counts the tests the router does\n";
    out += "  emitted: " + fixed(optimised.expected) + " content tests per gate packet\n" +
           optimised.lines;
    out += "  --no-optimise: " + fixed(plain.expected) + " content tests per gate packet\n" +
           plain.lines;
    if (input.against != nullptr) {
      against.push_back(
          against_cost(input.against->rules, *emitted, input.ordered->site, probability));
      total_against += against.back().content_tests();
      total_layer7 += against.back().layer7();
      out += render_against(against.back(), *input.against);
    }
  }
  out += "\ntotal over " + std::to_string(signatures) +
         " signature(s), the sum of their per-gate-packet figures (the gates see different "
         "packets: no figure for any one packet): emitted " +
         fixed(total) + ", --no-optimise " + fixed(total_plain);
  if (input.against != nullptr)
    out += ", against " + input.against->name + " " + fixed(total_against) +
           " (each gate at its costliest ports), with " + fixed(total_layer7) +
           " layer7 evaluations";
  if (sequences > 0)
    out += "; " + std::to_string(sequences) +
           " of them in sequence, estimated per packet as if independent (see their note)";
  out += "\n";
  out += "RouterOS items: emitted " + std::to_string(input.items) + ", --no-optimise " +
         std::to_string(input.plain_items) + " (rules cost router memory and reload time too)\n";
  if (input.against != nullptr)
    out += render_against_model(against, *input.against, input.ordered->site);
  return out;
}

}  // namespace rosgen::optimise
