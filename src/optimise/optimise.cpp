// Applying case-variant covers to the lowered ruleset (see optimise.hpp).
#include "optimise/optimise.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "lower/case_variants.hpp"
#include "lower/likelihood.hpp"

namespace rosgen::optimise {

namespace {

std::string hex2(std::uint64_t mask) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%02llx", static_cast<unsigned long long>(mask));
  return buffer;
}

// Properties of a stage rule that belong to its action, or to the full test only.
bool probe_drops(const std::string& name) {
  return name == "content" || name == "layer7-protocol" || name == "action" ||
         name == "jump-target" || name == "new-connection-mark" || name == "new-packet-mark" ||
         name == "passthrough" || name == "log" || name == "log-prefix" || name == "comment";
}

// Writes one alternative's cover tree as RouterOS items: per node, one jump per child
// form (its probe) in the node's chain, and at a leaf the full forms, moved unchanged but
// for their chain. A node's chain is "<stage chain>-lit<k>-<n>", n counting the stage's
// nodes in the order written. Ids: "<stage>[.alt<j>].probe[.<n>].v<mask>" (n: the parent
// node's chain number, none at the root).
struct CoverWriter {
  const ir::Ruleset& ruleset;
  const std::map<std::string, std::size_t>& position;
  const std::string& tag;
  const ir::ContentGroup& group;
  std::string chain_base;
  std::size_t chains = 0;

  static std::uint64_t mask_of(const std::string& form) {
    std::uint64_t mask = 0;
    std::size_t bit = 0;
    for (char c : form) {
      if (c >= 'a' && c <= 'z')
        mask |= std::uint64_t{1} << bit;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        ++bit;
    }
    return mask;
  }

  void write(std::size_t j, const Text& text, const CoverNode& node, const std::string& chain,
             const std::string& parent_number, std::vector<ir::Item>& probes,
             std::vector<ir::Item>& full) {
    const ir::Item& model = ruleset.items[position.at(group.ids[j].front())];
    std::string base = group.id + (j == 0 ? "" : ".alt" + std::to_string(j + 1)) + ".probe" +
                       (parent_number.empty() ? "" : "." + parent_number);
    for (const CoverNode& child : node.children) {
      std::string number = std::to_string(++chains);
      std::string target = chain_base + "-" + number;
      ir::Item item;
      item.menu = model.menu;
      for (const ir::Property& p : model.properties)
        if (!probe_drops(p.name))
          item.set(p.name, p.value);
      item.set("chain", chain);
      item.set("comment", tag + base + ".v" + hex2(mask_of(child.form)));
      item.set("content", child.form);
      item.set("action", "jump");
      item.set("jump-target", target);
      probes.push_back(std::move(item));
      if (!child.children.empty()) {
        write(j, text, child, target, number, probes, full);
        continue;
      }
      // The leaf: the full forms that hold child.form at child.at.
      std::vector<std::string> forms = leaf_forms(text, child);
      for (const std::string& id : group.ids[j]) {
        ir::Item moved = ruleset.items[position.at(id)];
        const std::string* content = moved.get("content");
        if (content == nullptr || std::find(forms.begin(), forms.end(), *content) == forms.end())
          continue;
        moved.remarks.clear();
        moved.set("chain", target);
        full.push_back(std::move(moved));
      }
    }
  }

  std::string remark(std::size_t j, const Text& text, const CoverNode& tree) const {
    const CoverNode& first = tree.children.front();
    std::uint32_t levels = 0;
    for (const CoverNode* n = &tree; !n->children.empty(); n = &n->children.front()) ++levels;
    return group.id + (j == 0 ? "" : " alternative " + std::to_string(j + 1)) + ": probe \"" +
           text.bytes.substr(first.at, first.form.size()) + "\" in " +
           std::to_string(tree.children.size()) + " case forms, each a jump to a chain of its " +
           "own (" + chain_base + "-N)" +
           (levels > 1 ? " that narrows the case further (" + std::to_string(levels) + " levels)"
                       : "") +
           ", then the full forms that agree with it";
  }
};

}  // namespace

// Fewer packets at a gate than this, and its estimates are not used (the default model is).
constexpr std::uint64_t kMinGatePackets = 30;

SignatureProbability probability_from(const profile::Profile& traffic, const sema::Policy& policy) {
  std::map<std::string, profile::Gate> gates;
  for (const sema::Rule& rule : policy.rules)
    if (const auto* signature = std::get_if<sema::Signature>(&rule))
      gates.emplace(signature->name, profile::gate_of(*signature));
  const profile::Profile* profile = &traffic;
  return [profile, gates](const std::string& name) {
    std::optional<profile::Gate> gate;
    if (auto it = gates.find(name); it != gates.end())
      gate = it->second;
    return FragmentProbability([profile, gate](const std::string& bytes, bool nocase) {
      // A gate the profile saw fewer than kMinGatePackets times says little: the model.
      if (gate)
        if (auto estimate = profile->probability(*gate, bytes, nocase);
            estimate && estimate->packets >= kMinGatePackets)
          return estimate->probability;
      return lower::literal_probability(sema::Literal{bytes, nocase, bytes});
    });
  };
}

sema::Policy order_stages(sema::Policy policy, const SignatureProbability& probability) {
  for (sema::Rule& rule : policy.rules) {
    auto* signature = std::get_if<sema::Signature>(&rule);
    if (signature == nullptr || signature->conjunction != sema::Conjunction::OnePacket)
      continue;
    // An anchored stage's layer7 data is fed by the packets that reach its matcher, which
    // the stages before it decide: reordering would change what "at start" sees (a
    // fresh operator's review found both a missed bot and a false positive). Kept as
    // written.
    if (std::any_of(signature->stages.begin(), signature->stages.end(),
                    [](const sema::Stage& s) { return s.at_start; }))
      continue;
    FragmentProbability p_of = probability(signature->name);
    auto key = [&](const sema::Stage& stage) {
      std::vector<Text> texts;
      double none = 1, plain = 0;
      for (const sema::Literal& literal : stage.alternatives) {
        texts.push_back({literal.bytes, literal.nocase});
        none *= 1 - std::clamp(p_of(literal.bytes, literal.nocase), 0.0, 1.0);
        plain += static_cast<double>(case_forms(texts.back()));
      }
      std::optional<Cover> cover = choose_cover(texts, p_of);
      double cost = cover ? cover->expected_tests : plain;
      return cost / (1 - std::min(0.999, 1 - none));
    };
    std::vector<std::pair<double, sema::Stage>> keyed;
    for (sema::Stage& stage : signature->stages) keyed.emplace_back(key(stage), std::move(stage));
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    signature->stages.clear();
    for (auto& [k, stage] : keyed) signature->stages.push_back(std::move(stage));
  }
  return policy;
}

std::vector<Decision> optimise(ir::Ruleset& ruleset, const SignatureProbability& probability) {
  std::vector<Decision> decisions;
  const std::string tag = "rosgen:" + ruleset.policy + ":";
  // The items by id, once: the rewrite below builds a new list in one pass at the end.
  std::map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < ruleset.items.size(); ++i) {
    const std::string* comment = ruleset.items[i].get("comment");
    if (comment != nullptr && comment->rfind(tag, 0) == 0)
      position.emplace(comment->substr(tag.size()), i);
  }
  std::vector<bool> removed(ruleset.items.size(), false);
  std::map<std::size_t, std::vector<ir::Item>> inserted;  // at the group's first item
  for (const ir::ContentGroup& group : ruleset.content_groups) {
    Decision decision;
    decision.stage = group.id;
    std::vector<Text> texts;
    for (const auto& t : group.texts) texts.push_back({t.bytes, t.nocase});
    decision.alternatives = texts;
    for (const Text& t : texts) decision.plain_tests += static_cast<double>(case_forms(t));
    decision.cover = choose_cover(texts, probability(group.signature));
    if (!decision.cover) {
      decisions.push_back(std::move(decision));
      continue;
    }
    std::size_t first = ruleset.items.size();
    std::vector<std::size_t> members;
    for (const auto& ids : group.ids) {
      for (const std::string& id : ids) {
        auto it = position.find(id);
        if (it == position.end())
          continue;  // not lowered as recorded: leave the stage alone below
        members.push_back(it->second);
        first = std::min(first, it->second);
      }
    }
    std::size_t expected = 0;
    for (const auto& ids : group.ids) expected += ids.size();
    if (members.size() != expected || members.empty()) {
      decision.cover.reset();
      decisions.push_back(std::move(decision));
      continue;
    }
    std::string pos = group.id.substr(group.id.rfind(".lit") + 4);
    CoverWriter writer{ruleset, position, tag, group, group.chain + "-lit" + pos};
    std::vector<ir::Item> probes, full, kept;
    for (std::size_t j = 0; j < group.ids.size(); ++j) {
      const CoverNode& tree = decision.cover->trees[j];
      if (tree.children.empty()) {
        for (const std::string& id : group.ids[j]) {
          ir::Item item = ruleset.items[position.at(id)];
          item.remarks.clear();  // the stage's remarks go to the first item of the cover
          kept.push_back(std::move(item));
        }
        continue;
      }
      std::size_t before = probes.size();
      writer.write(j, texts[j], tree, group.chain, "", probes, full);
      if (before == 0)
        probes.front().remarks = ruleset.items[first].remarks;
      probes[before].remarks.push_back(writer.remark(j, texts[j], tree));
    }
    // Replace the members (contiguous in their chain) by: probes, kept, then the new
    // chain's full forms.
    for (std::size_t index : members) removed[index] = true;
    std::vector<ir::Item>& replacement = inserted[first];
    for (auto* part : {&probes, &kept, &full})
      for (ir::Item& item : *part) replacement.push_back(std::move(item));
    decisions.push_back(std::move(decision));
  }
  if (!inserted.empty()) {
    std::vector<ir::Item> items;
    items.reserve(ruleset.items.size() + 64);
    for (std::size_t i = 0; i < ruleset.items.size(); ++i) {
      if (auto it = inserted.find(i); it != inserted.end())
        for (ir::Item& item : it->second) items.push_back(std::move(item));
      if (!removed[i])
        items.push_back(std::move(ruleset.items[i]));
    }
    ruleset.items = std::move(items);
  }
  return decisions;
}

}  // namespace rosgen::optimise
