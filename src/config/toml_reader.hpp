// Reading rosgen's TOML files (traffic profiles, the fleet inventory) with toml++ and
// reporting every problem as a clang-style diagnostic at its file:line:col: toml++'s
// syntax errors, unknown keys (with a "did you mean"), missing keys and values of the
// wrong type. The one place that turns toml++'s source positions (1-based line, column in
// characters) into rosgen's byte ranges. Entry point: TomlReader, a base for a file's
// reader (profile/profile_toml.cpp, fleet/inventory.cpp).
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support/diagnostics.hpp"

namespace rosgen::config {

// "a string", "an integer", "a table", ... for messages.
std::string_view type_name(toml::node_type type);

// An array of tables ([[gate]]), or an empty array: no entries.
bool is_tables(const toml::node& node);

// The entries of `table` in the order they stand in the file (toml++ keeps them sorted by
// key), so that errors about them come in that order.
std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(const toml::table& table);

class TomlReader {
 public:
  TomlReader(std::shared_ptr<const support::SourceFile> file, support::DiagnosticEngine& diags);

  // The file's document, or nullopt after reporting toml++'s syntax error (its message with
  // the first letter lower-cased) at the position toml++ gives.
  std::optional<toml::table> parse();

  // Where a toml++ region is in the file (bytes); a region without an end is empty.
  support::SourceRange range(const toml::source_region& region) const;

  // The start of `region` as an empty range (a table's header, for "needs 'x'").
  support::SourceRange start_of(const toml::source_region& region) const;

  // An error at `node`'s value.
  support::Diagnostic& error(const toml::node& node, std::string message);

  // An error for each key of `table` that is not `allowed`, at the key: "unknown key 'x'
  // in <what> (expected a, b, c)", with "; did you mean 'y'?" when one is near. Keys in
  // `reported_elsewhere` (refused by the caller with its own message) are skipped, and
  // neither listed nor suggested.
  void check_keys(const toml::table& table, const std::vector<std::string_view>& allowed,
                  std::string_view what,
                  const std::vector<std::string_view>& reported_elsewhere = {});
  void check_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                  std::string_view what);

  // The value of `key`, or nullptr after an error at the table's start ("<what> needs
  // 'key'").
  const toml::node* require(const toml::table& table, std::string_view key, std::string_view what);

  // The string at `node`, or nullopt after "'key' must be a string, not an integer".
  std::optional<std::string> string_of(const toml::node& node, std::string_view key);

  // The integer at `node`, or nullopt after "'key' must be an integer, not ...".
  std::optional<std::int64_t> integer_of(const toml::node& node, std::string_view key);

  const std::shared_ptr<const support::SourceFile>& file() const { return file_; }

  support::DiagnosticEngine& diags() const { return diags_; }

 private:
  // A character position of toml++ as a byte offset of the file.
  std::uint32_t offset(const toml::source_position& at) const;

  std::shared_ptr<const support::SourceFile> file_;
  support::DiagnosticEngine& diags_;
  std::vector<std::uint32_t> line_starts_;
};

}  // namespace rosgen::config
