// Applying case-variant covers to the lowered ruleset (see optimise.hpp).
#include "optimise/optimise.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <unordered_map>

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
  ir::Ruleset& ruleset;  // the full-form items are moved out of it (the caller drops them)
  const std::map<std::string, std::size_t>& position;
  const std::string& tag;
  const ir::ContentGroup& group;
  std::string chain_base;
  std::size_t chains = 0;

  // A probe's properties for alternative j: its first full form's, without the test and
  // the action (built before any full form is moved).
  ir::Item probe_template(std::size_t j) const {
    const ir::Item& model = ruleset.items[position.at(group.ids[j].front())];
    ir::Item item;
    item.menu = model.menu;
    for (const ir::Property& p : model.properties)
      if (!probe_drops(p.name))
        item.properties.push_back(p);
    return item;
  }

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

  // Writes the subtree below `node` of alternative j (`probe`: probe_template(j); `items`:
  // the positions of its full-form items, in the stage's order).
  void write(std::size_t j, const ir::Item& probe, const std::vector<std::size_t>& items,
             const CoverNode& node, const std::string& chain, const std::string& parent_number,
             std::vector<ir::Item>& probes, std::vector<ir::Item>& full) {
    std::string base = group.id + (j == 0 ? "" : ".alt" + std::to_string(j + 1)) + ".probe" +
                       (parent_number.empty() ? "" : "." + parent_number);
    for (const CoverNode& child : node.children) {
      std::string number = std::to_string(++chains);
      std::string target = chain_base + "-" + number;
      ir::Item item = probe;
      item.set("chain", chain);
      item.set("comment", tag + base + ".v" + hex2(mask_of(child.form)));
      item.set("content", child.form);
      item.set("action", "jump");
      item.set("jump-target", target);
      probes.push_back(std::move(item));
      if (!child.children.empty()) {
        write(j, probe, items, child, target, number, probes, full);
        continue;
      }
      // The leaf: the full forms that hold child.form at child.at, in the stage's order.
      for (std::size_t index : items) {
        ir::Item& form = ruleset.items[index];
        const std::string* content = form.get("content");
        if (content == nullptr || content->size() < child.at + child.form.size() ||
            content->compare(child.at, child.form.size(), child.form) != 0)
          continue;
        ir::Item moved = std::move(form);
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
           "own (" + chain_base + "-N-<hash>)" +
           (levels > 1 ? " that narrows the case further (" + std::to_string(levels) + " levels)"
                       : "") +
           ", then the full forms that agree with it";
  }
};

std::map<std::string, profile::Gate> gates_of(const sema::Policy& policy) {
  std::map<std::string, profile::Gate> gates;
  for (const sema::Rule& rule : policy.rules)
    if (const auto* signature = std::get_if<sema::Signature>(&rule))
      gates.emplace(signature->name, profile::gate_of(*signature));
  return gates;
}

// The answers a signature gets: its own when the profile knows its gate, else those of
// every gate the profile does not know ("\x02"), or the model alone without a gate.
std::string model_of(const profile::Profile& traffic,
                     const std::map<std::string, profile::Gate>& gates, const std::string& name) {
  auto it = gates.find(name);
  if (it == gates.end())
    return "\x03";
  return traffic.knows_gate(it->second) ? name : std::string("\x02");
}

}  // namespace

CoverCache::ModelOf models_of(const profile::Profile& traffic, const sema::Policy& policy) {
  const profile::Profile* profile = &traffic;
  return [profile, gates = gates_of(policy)](const std::string& name) {
    return model_of(*profile, gates, name);
  };
}

SignatureProbability probability_from(const profile::Profile& traffic, const sema::Policy& policy) {
  const profile::Profile* profile = &traffic;
  // Answers by traffic model (models_of()), fragment and case, once each: the cover search
  // asks for the same forms many times, and signatures on gates the profile does not know
  // share their answers.
  auto cache = std::make_shared<std::unordered_map<std::string, double>>();
  return [profile, gates = gates_of(policy), cache](const std::string& name) {
    std::optional<profile::Gate> gate;
    if (auto it = gates.find(name); it != gates.end())
      gate = it->second;
    std::string model = model_of(*profile, gates, name);
    return FragmentProbability(
        [profile, gate, cache, model](const std::string& bytes, bool nocase) {
          std::string key = model + '\x01' + bytes + (nocase ? '1' : '0');
          if (auto it = cache->find(key); it != cache->end())
            return it->second;
          double p = lower::literal_probability(sema::Literal{bytes, nocase, bytes});
          // A gate the profile saw fewer than kMinGatePackets times says little: the model.
          if (gate)
            if (auto estimate = profile->probability(*gate, bytes, nocase);
                estimate && estimate->packets >= kMinGatePackets)
              p = estimate->probability;
          cache->emplace(std::move(key), p);
          return p;
        });
  };
}

const std::optional<Cover>& CoverCache::cover(const std::string& signature,
                                              const std::vector<Text>& alternatives,
                                              const FragmentProbability& probability) {
  std::string key = model_of_ ? model_of_(signature) : signature;
  for (const Text& text : alternatives)
    key += std::string(1, '\x01') + (text.nocase ? "1" : "0") + text.bytes;
  auto it = covers_.find(key);
  if (it == covers_.end())
    it = covers_.emplace(std::move(key), choose_cover(alternatives, probability)).first;
  return it->second;
}

double stage_probability(const sema::Stage& stage, const FragmentProbability& probability) {
  double none = 1;
  for (const sema::Literal& literal : stage.alternatives)
    none *= 1 - std::clamp(probability(literal.bytes, literal.nocase), 0.0, 1.0);
  return 1 - none;
}

sema::Policy order_stages(sema::Policy policy, const SignatureProbability& probability,
                          CoverCache* covers) {
  CoverCache own;
  if (covers == nullptr)
    covers = &own;
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
      double plain = 0;
      for (const sema::Literal& literal : stage.alternatives) {
        texts.push_back({literal.bytes, literal.nocase});
        plain += static_cast<double>(case_forms(texts.back()));
      }
      const std::optional<Cover>& cover = covers->cover(signature->name, texts, p_of);
      double cost = cover ? cover->expected_tests : plain;
      return cost / (1 - std::min(0.999, stage_probability(stage, p_of)));
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

std::vector<Decision> optimise(ir::Ruleset& ruleset, const SignatureProbability& probability,
                               CoverCache* covers) {
  CoverCache own;
  if (covers == nullptr)
    covers = &own;
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
    decision.cover = covers->cover(group.signature, texts, probability(group.signature));
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
    // The stage's remarks go to the first item of the cover (read before anything moves).
    std::vector<std::string> stage_remarks = ruleset.items[first].remarks;
    std::vector<ir::Item> probes, full, kept;
    for (std::size_t j = 0; j < group.ids.size(); ++j) {
      const CoverNode& tree = decision.cover->trees[j];
      if (tree.children.empty()) {
        for (const std::string& id : group.ids[j]) {
          ir::Item item = std::move(ruleset.items[position.at(id)]);  // the member is dropped
          item.remarks.clear();  // the stage's remarks go to the first item of the cover
          kept.push_back(std::move(item));
        }
        continue;
      }
      std::size_t before = probes.size();
      std::vector<std::size_t> items;
      for (const std::string& id : group.ids[j]) items.push_back(position.at(id));
      writer.write(j, writer.probe_template(j), items, tree, group.chain, "", probes, full);
      if (before == 0)
        probes.front().remarks = stage_remarks;
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
