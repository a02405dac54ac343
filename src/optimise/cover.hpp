// Case-variant covers: how to test every case form of a nocase literal while most packets
// pay only a few content tests. Entry points: Cover, CoverNode, choose_cover().
//
// A literal of k ASCII letters written nocase has 2^k case forms, and RouterOS content= is
// a case-sensitive substring test (reference §1.3), so the plain way costs 2^k tests on
// every packet that reaches the stage. A cover is a tree. Its root tests a short fragment
// of the literal in all its case forms (the probe: 2^j tests for j letters); each form is
// a jump to a chain of its own. That chain either tests the full forms that contain the
// probe form (a leaf), or narrows the case further with a longer fragment that contains
// the probe, in the case forms that agree with it, each a jump to a chain of its own, and
// so on. Every full form holds the fragment of every node on its path, in the same case,
// so a packet holding it reaches its leaf: exactly the same packets match as with the
// plain rules. The cover changes the cost, never the verdict.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace rosgen::optimise {

// One alternative of a stage: the literal's bytes as written, and whether it is nocase.
struct Text {
  std::string bytes;
  bool nocase = false;
  bool operator==(const Text&) const = default;
};

// P(a packet reaching the stage holds `fragment`): in any case form when `nocase`, else
// exactly as written; in [0, 1]. Supplied by a profile, else the default per-byte model.
using FragmentProbability = std::function<double(const std::string& fragment, bool nocase)>;

// A node of a cover tree. A packet reaches a non-root node holding `form`, a case form of
// the literal's bytes [at, at + form.size()), tested by one content rule in the parent's
// chain that jumps to the node's chain. The node's chain holds its children's tests, or,
// when it has none, the full forms of the literal whose bytes at `at` are `form` (a
// leaf). The root has an empty form and is the stage's own chain.
struct CoverNode {
  std::size_t at = 0;
  std::string form;
  std::vector<CoverNode> children;
  bool operator==(const CoverNode&) const = default;
};

// The chosen cover per alternative and the model's expected content tests per packet that
// reaches the stage, with the cover and without it.
struct Cover {
  std::vector<std::string> probes;  // the root's fragment per alternative (the whole
                                    // literal: no cover for that alternative)
  std::vector<CoverNode> trees;     // per alternative, same order; no children: uncovered
  double expected_tests = 0;        // with the cover
  double plain_tests = 0;           // every case form of every alternative, on every packet
  std::uint64_t probe_rules = 0;    // the trees' probe rules (one per non-root node)
  std::uint64_t full_rules = 0;     // content rules of the full forms
  std::uint32_t depth = 0;          // the deepest tree's levels of probes
  bool operator==(const Cover&) const = default;
};

// The number of case forms of `text`: 2^(ASCII letters) when nocase, else 1.
std::uint64_t case_forms(const Text& text);

// The limits of choose_cover().
struct CoverLimits {
  double min_saving = 0.5;           // tests per packet a cover must save, else none
  std::size_t min_fragment = 2;      // bytes of the shortest probe
  std::uint32_t max_depth = 3;       // levels of probes: jumps nest at most this much deeper
                                     // than the plain rules (nf_tables allows 16 nested
                                     // jumps; RouterOS documents no limit: unverified)
  double rule_budget = 2.0;          // a cover's rules at most this many times the full forms
  std::size_t max_step_letters = 3;  // letters a level adds to its parent's fragment
};

// Chooses, for each nocase alternative of one stage on its own, the cover tree with the
// least expected cost per packet reaching the stage: a leaf costs its full forms; a node
// that narrows costs one test per child plus, per child h, P(h | the node's form) x the
// child's cost, where P(h | g) = min(1, P(h) / P(g)) (h holds g), P exactly as written
// (`probability(form, false)`). Candidate fragments: substrings of at least
// `min_fragment` bytes at the root, then substrings that contain the parent's fragment
// and add at most `max_step_letters` letters, up to `max_depth` levels; when a tree's
// rules would exceed the budget, fewer levels. Alternatives are tested one after another,
// so the stage's cost is the sum of theirs. nullopt when no cover saves more than
// `min_saving` tests per packet (the stage stays as lowering wrote it).
std::optional<Cover> choose_cover(const std::vector<Text>& alternatives,
                                  const FragmentProbability& probability,
                                  const CoverLimits& limits = {});

// The full forms of `text` (lower::case_variants order) that a leaf `node` tests.
std::vector<std::string> leaf_forms(const Text& text, const CoverNode& node);

// The most full forms of `text` that one leaf chain of `tree` (its cover tree) holds: a
// packet tests the leaf chains its probe forms lead to (one per probe form it holds),
// each at most this long. 0 when the tree has no probes (the alternative's full forms
// stay in the stage's chain).
std::uint64_t largest_leaf(const Text& text, const CoverNode& tree);

}  // namespace rosgen::optimise
