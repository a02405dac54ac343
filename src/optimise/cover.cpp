// Choosing case-variant cover trees (see cover.hpp).
#include "optimise/cover.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <unordered_map>

#include "lower/case_variants.hpp"

namespace rosgen::optimise {

namespace {

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::size_t letters(const std::string& bytes, std::size_t from = 0,
                    std::size_t to = std::string::npos) {
  to = std::min(to, bytes.size());
  std::size_t n = 0;
  for (std::size_t i = from; i < to; ++i) n += is_letter(bytes[i]) ? 1 : 0;
  return n;
}

double power_of_two(std::size_t k) {
  return std::ldexp(1.0, static_cast<int>(k));
}

// The search for one alternative's tree: memoised over (span, form, levels left).
class TreeSearch {
 public:
  TreeSearch(const Text& text, const FragmentProbability& probability, const CoverLimits& limits)
      : text_(text),
        probability_(probability),
        limits_(limits),
        total_letters_(letters(text.bytes)) {}

  struct Choice {
    double cost = 0;                 // expected content tests per packet reaching the node
    double rules = 0;                // content rules of the node's subtree (its chain and below)
    std::size_t at = 0, length = 0;  // the children's fragment; length 0: a leaf
  };

  // The best subtree for a node whose form `form` sits at `at` (the root: empty form).
  Choice best(std::size_t at, const std::string& form, double p_form, std::uint32_t levels) {
    auto key = std::make_tuple(at, form, levels);
    if (auto it = memo_.find(key); it != memo_.end())
      return it->second;
    double full = power_of_two(total_letters_ - letters(form));
    Choice choice{full, full, 0, 0};
    const std::size_t n = text_.bytes.size();
    if (levels > 0) {
      std::size_t from_max = form.empty() ? n : at, to_min = form.empty() ? 0 : at + form.size();
      for (std::size_t a = 0; a <= std::min(from_max, n); ++a) {
        for (std::size_t b = std::max(a + limits_.min_fragment, to_min); b <= n; ++b) {
          if (b - a >= n || (a == at && b - a == form.size()))
            continue;  // the whole literal is the leaf; the same span narrows nothing
          std::size_t added = letters(text_.bytes, a, b) - letters(form);
          if (added > limits_.max_step_letters)
            break;  // longer spans from `a` only add more
          Choice narrowed = narrow(a, b, at, form, p_form, levels);
          if (narrowed.cost < choice.cost - 1e-12 ||
              (narrowed.cost < choice.cost + 1e-12 && narrowed.rules < choice.rules))
            choice = narrowed;
        }
      }
    }
    memo_.emplace(key, choice);
    return choice;
  }

  // The case forms of the span [a, b) that agree with `form` at `at`.
  std::vector<std::string> forms_of(std::size_t a, std::size_t b, std::size_t at,
                                    const std::string& form) {
    auto [span, fresh] = variants_.try_emplace({a, b});
    if (fresh)
      span->second = lower::case_variants(text_.bytes.substr(a, b - a), true);
    std::vector<std::string> out;
    for (const lower::CaseVariant& v : span->second) {
      if (!form.empty() && v.bytes.compare(at - a, form.size(), form) != 0)
        continue;
      out.push_back(v.bytes);
    }
    return out;
  }

  double p(const std::string& form) {
    auto it = p_cache_.find(form);
    if (it == p_cache_.end())
      it = p_cache_.emplace(form, std::clamp(probability_(form, false), 0.0, 1.0)).first;
    return it->second;
  }

  // Builds the tree below a node from the memoised choices.
  void build(CoverNode& node, double p_form, std::uint32_t levels) {
    Choice c = best(node.at, node.form, p_form, levels);
    if (c.length == 0)
      return;
    for (const std::string& h : forms_of(c.at, c.at + c.length, node.at, node.form)) {
      CoverNode child{c.at, h, {}};
      build(child, p(h), levels - 1);
      node.children.push_back(std::move(child));
    }
  }

 private:
  Choice narrow(std::size_t a, std::size_t b, std::size_t at, const std::string& form,
                double p_form, std::uint32_t levels) {
    Choice c{0, 0, a, b - a};
    for (const std::string& h : forms_of(a, b, at, form)) {
      double p_h = p(h);
      double given = p_form > 0 ? std::min(1.0, p_h / p_form) : 1.0;
      Choice below = best(a, h, p_h, levels - 1);
      c.cost += 1 + given * below.cost;
      c.rules += 1 + below.rules;
    }
    return c;
  }

  const Text& text_;
  const FragmentProbability& probability_;
  const CoverLimits& limits_;
  std::size_t total_letters_;
  std::map<std::tuple<std::size_t, std::string, std::uint32_t>, Choice> memo_;
  std::unordered_map<std::string, double> p_cache_;
  std::map<std::pair<std::size_t, std::size_t>, std::vector<lower::CaseVariant>> variants_;
};

std::uint64_t count_nodes(const CoverNode& node) {
  std::uint64_t n = 0;
  for (const CoverNode& child : node.children) n += 1 + count_nodes(child);
  return n;
}

std::uint32_t depth_of(const CoverNode& node) {
  std::uint32_t d = 0;
  for (const CoverNode& child : node.children) d = std::max(d, 1 + depth_of(child));
  return d;
}

// Literals with more letters than this get one level of probes at most: the search grows
// with the number of case forms.
constexpr std::size_t kMaxTreeLetters = 12;

}  // namespace

std::uint64_t case_forms(const Text& text) {
  if (!text.nocase)
    return 1;
  std::uint64_t forms = 1;
  for (char c : text.bytes)
    if (is_letter(c) && forms < (std::uint64_t{1} << 62))
      forms *= 2;
  return forms;
}

std::vector<std::string> leaf_forms(const Text& text, const CoverNode& node) {
  std::vector<std::string> out;
  for (const lower::CaseVariant& v : lower::case_variants(text.bytes, text.nocase))
    if (node.form.empty() || v.bytes.compare(node.at, node.form.size(), node.form) == 0)
      out.push_back(v.bytes);
  return out;
}

std::uint64_t largest_leaf(const Text& text, const CoverNode& tree) {
  std::uint64_t largest = 0;
  for (const CoverNode& child : tree.children) {
    // A leaf holds the forms that agree with its own: one per case of the other letters.
    largest = std::max(largest, child.children.empty() ? case_forms(text) >> letters(child.form)
                                                       : largest_leaf(text, child));
  }
  return largest;
}

std::optional<Cover> choose_cover(const std::vector<Text>& alternatives,
                                  const FragmentProbability& probability,
                                  const CoverLimits& limits) {
  Cover cover;
  for (const Text& text : alternatives) cover.plain_tests += static_cast<double>(case_forms(text));
  bool any = false;
  for (const Text& text : alternatives) {
    double own = static_cast<double>(case_forms(text));
    CoverNode root;
    double cost = own;
    if (text.nocase && own > 1) {
      std::uint32_t levels = letters(text.bytes) > kMaxTreeLetters ? 1 : limits.max_depth;
      // Fewer levels until the tree's rules fit the budget (one level always does: at most
      // 2^max_step_letters probes).
      TreeSearch search(text, probability, limits);  // its memo serves every depth
      for (; levels >= 1; --levels) {
        TreeSearch::Choice best = search.best(0, "", 1.0, levels);
        if (best.length == 0)
          break;  // no probe pays off
        if (best.rules > limits.rule_budget * own && levels > 1)
          continue;
        search.build(root, 1.0, levels);
        cost = best.cost;
        break;
      }
    }
    cover.probes.push_back(
        root.children.empty()
            ? text.bytes
            : text.bytes.substr(root.children.front().at, root.children.front().form.size()));
    cover.probe_rules += count_nodes(root);
    cover.full_rules += case_forms(text);
    cover.depth = std::max(cover.depth, depth_of(root));
    cover.expected_tests += cost;
    any = any || !root.children.empty();
    cover.trees.push_back(std::move(root));
  }
  if (!any || cover.plain_tests - cover.expected_tests < limits.min_saving)
    return std::nullopt;
  return cover;
}

}  // namespace rosgen::optimise
