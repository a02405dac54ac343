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

// The stages of `signature` in its order, costed with the covers in `covers` (by stage id).
// `data`: the share of the gate's packets that carry data (the rules' packet-size and
// tcp-flags gates let only those reach the content tests); p taken among them.
Walk walk(const sema::Signature& signature, const std::map<std::string, const Decision*>& covers,
          const FragmentProbability& probability, double data) {
  Walk out;
  double reach = data;
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
            std::to_string(cover.depth) + " level(s), then " + std::to_string(cover.full_rules) +
            " full forms: " + fixed(cost) + " expected";
    }
    double p = stage_probability(stage, probability);
    out.lines += "    " + std::to_string(++k) + ". " + quoted(stage) + ": " + how +
                 ", p=" + fixed(p, "%.3g") + ", reached by " + fixed(reach, "%.3g") +
                 " of the gate's packets\n";
    out.expected += reach * cost;
    reach *= data > 0 ? std::min(1.0, p / data) : 0.0;
  }
  return out;
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
  out += "  model: " + input.model +
         "; p = the chance a packet at the gate holds the stage (alternatives independent); "
         "a stage costs one content test per case form, or a cover's probe forms plus its "
         "full forms on the packets that hold a probe\n";
  double total = 0, total_plain = 0, total_against = 0, total_layer7 = 0;
  std::vector<AgainstCost> against;
  std::size_t signatures = 0;
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
    std::optional<double> share;
    if (input.profile != nullptr)
      share = input.profile->data_share(profile::gate_of(*emitted));
    double data = share.value_or(1.0);
    Walk optimised = walk(*emitted, covers, probability, data);
    Walk plain = walk(authored ? *authored : *emitted, none, probability, data);
    ++signatures;
    total += optimised.expected;
    total_plain += plain.expected;
    out +=
        "\nsignature " + emitted->name + " (" + gate(*emitted) + ", " +
        (emitted->conjunction == sema::Conjunction::OnePacket ? "in one packet" : "in sequence") +
        "):\n";
    if (share)
      out += "  " + fixed(100 * *share, "%.0f") +
             "% of the gate's packets carry data and are no SYN; only those reach the content "
             "tests (the gate's packet-size and tcp-flags keep the rest out)\n";
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
         " signature(s), per packet at every gate: emitted " + fixed(total) + ", --no-optimise " +
         fixed(total_plain);
  if (input.against != nullptr)
    out += ", against " + input.against->name + " " + fixed(total_against) +
           " (each gate at its costliest ports), with " + fixed(total_layer7) +
           " layer7 evaluations";
  out += "\n";
  out += "RouterOS items: emitted " + std::to_string(input.items) + ", --no-optimise " +
         std::to_string(input.plain_items) + " (rules cost router memory and reload time too)\n";
  if (input.against != nullptr)
    out += render_against_model(against, *input.against, input.ordered->site);
  return out;
}

}  // namespace rosgen::optimise
