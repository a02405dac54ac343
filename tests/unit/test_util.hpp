// Helpers shared by the tests: run stages on in-memory text, read and (with
// ROSGEN_UPDATE_GOLDEN=1) rewrite expectation files.
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "ir/ir.hpp"
#include "lower/lower.hpp"
#include "lower/order.hpp"
#include "sema/check.hpp"
#include "sema/load.hpp"
#include "support/diagnostics.hpp"
#include "syntax/parse.hpp"

namespace rosgen::test {

inline std::string source_dir() {
  return ROSGEN_SOURCE_DIR;
}

inline std::string shared_data_dir() {
  return ROSGEN_SHARED_DATA_DIR;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline bool update_golden() {
  const char* value = std::getenv("ROSGEN_UPDATE_GOLDEN");
  return value != nullptr && std::string(value) == "1";
}

// Returns the expected text of `path`; with ROSGEN_UPDATE_GOLDEN=1 first writes `actual`.
inline std::optional<std::string> expectation(const std::filesystem::path& path,
                                              const std::string& actual) {
  if (update_golden()) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
  }
  if (!std::filesystem::exists(path))
    return std::nullopt;
  return read_text(path);
}

// Everything a test wants to know after running the front end on text.
struct Checked {
  std::optional<sema::Policy> policy;
  std::string diagnostics;  // rendered, no colour
};

inline Checked check_text(const std::string& text, const std::string& name = "test.pol",
                          std::optional<int> target = std::nullopt) {
  support::DiagnosticEngine diags;
  sema::LoadOptions options{{}, source_dir() + "/policies"};
  sema::LoadedPolicy loaded = sema::load_policy_text(name, text, options, diags);
  Checked out;
  out.policy = sema::check(loaded, {target, sema::policy_name_from_path(name)}, diags);
  out.diagnostics = support::render_all(diags);
  return out;
}

inline std::optional<ir::Ruleset> lower_text(const std::string& text,
                                             std::optional<int> target = std::nullopt) {
  Checked checked = check_text(text, "test.pol", target);
  if (!checked.policy)
    return std::nullopt;
  return lower::lower(lower::order(*checked.policy));
}

// The policy block the lowering tests put before their rules: policy 'p' for RouterOS 7,
// clients 10.0.0.0/24 via bridge, uplink ether1.
inline const std::string kTestSite =
    "policy p { routeros 7; clients 10.0.0.0/24 via bridge; uplink ether1; }\n";

// `rules` after kTestSite, checked and lowered (nullopt when the front end refuses them).
inline std::optional<ir::Ruleset> lower_rules(const std::string& rules,
                                              std::optional<int> target = std::nullopt) {
  return lower_text(kTestSite + rules, target);
}

inline std::string parse_errors(const std::string& text) {
  support::DiagnosticEngine diags;
  auto file = std::make_shared<const support::SourceFile>("test.pol", text);
  syntax::parse_policy(file, diags);
  return support::render_all(diags);
}

// `text` with its first `from` replaced by `to` (an edit of a policy); throws
// std::invalid_argument when `text` holds no `from`.
inline std::string replaced(const std::string& text, const std::string& from,
                            const std::string& to) {
  std::size_t at = text.find(from);
  if (at == std::string::npos)
    throw std::invalid_argument("no '" + from + "' in the text");
  return text.substr(0, at) + to + text.substr(at + from.size());
}

// Items of `ruleset` (anchors included) whose property `name` equals `value`.
inline std::vector<ir::Item> items_where(const ir::Ruleset& ruleset, const std::string& name,
                                         const std::string& value) {
  std::vector<ir::Item> out;
  for (const auto* list : {&ruleset.items, &ruleset.anchors}) {
    for (const ir::Item& item : *list) {
      const std::string* v = item.get(name);
      if (v != nullptr && *v == value)
        out.push_back(item);
    }
  }
  return out;
}

// The lines of `text` that start with `prefix`: with a file name and ':' as the prefix,
// the first line of each rendered diagnostic and note about that file.
inline std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(prefix))
      out.push_back(line);
  }
  return out;
}

}  // namespace rosgen::test

// Lists of lines print one per line in failed checks.
namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& lines) {
    std::string out = "\n";
    for (const std::string& line : lines) out += "  " + line + "\n";
    return out.c_str();
  }
};
}  // namespace doctest
