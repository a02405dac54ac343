// toml++ positions and values as rosgen diagnostics (toml_reader.hpp).
#include "config/toml_reader.hpp"

#include <algorithm>

#include "support/suggest.hpp"
#include "support/utf8.hpp"

namespace rosgen::config {

std::string_view type_name(toml::node_type type) {
  switch (type) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a floating-point number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

bool is_tables(const toml::node& node) {
  return node.is_array_of_tables() || (node.is_array() && node.as_array()->empty());
}

std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(
    const toml::table& table) {
  std::vector<std::pair<const toml::key*, const toml::node*>> entries;
  for (auto&& [key, node] : table) entries.emplace_back(&key, &node);
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    const toml::source_position& x = a.first->source().begin;
    const toml::source_position& y = b.first->source().begin;
    return std::pair(x.line, x.column) < std::pair(y.line, y.column);
  });
  return entries;
}

TomlReader::TomlReader(std::shared_ptr<const support::SourceFile> file,
                       support::DiagnosticEngine& diags)
    : file_(std::move(file)), diags_(diags) {
  const std::string& text = file_->text();
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n')
      line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
  }
}

std::optional<toml::table> TomlReader::parse() {
  try {
    return toml::parse(std::string_view(file_->text()), std::string_view(file_->name()));
  } catch (const toml::parse_error& e) {
    std::string message(e.description());
    if (!message.empty() && message[0] >= 'A' && message[0] <= 'Z')
      message[0] = static_cast<char>(message[0] - 'A' + 'a');
    diags_.error(start_of(e.source()), message);
    return std::nullopt;
  }
}

std::uint32_t TomlReader::offset(const toml::source_position& at) const {
  if (!at || at.line > line_starts_.size())
    return 0;
  std::string_view text(file_->text());
  std::size_t i = line_starts_[at.line - 1];
  for (toml::source_index column = 1; column < at.column && i < text.size(); ++column)
    i += std::max<std::size_t>(1, support::utf8_char_length(text, i));
  return static_cast<std::uint32_t>(std::min(i, text.size()));
}

support::SourceRange TomlReader::range(const toml::source_region& region) const {
  std::uint32_t begin = offset(region.begin);
  std::uint32_t end = region.end ? std::max(begin, offset(region.end)) : begin;
  return {file_, begin, end};
}

support::SourceRange TomlReader::start_of(const toml::source_region& region) const {
  return range({region.begin, region.begin, {}});
}

support::Diagnostic& TomlReader::error(const toml::node& node, std::string message) {
  return diags_.error(range(node.source()), std::move(message));
}

void TomlReader::check_keys(const toml::table& table, const std::vector<std::string_view>& allowed,
                            std::string_view what,
                            const std::vector<std::string_view>& reported_elsewhere) {
  std::string expected;
  for (std::string_view key : allowed) {
    expected += expected.empty() ? "" : ", ";
    expected += key;
  }
  for (auto [key_ptr, node] : in_file_order(table)) {
    const toml::key& key = *key_ptr;
    if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end() ||
        std::find(reported_elsewhere.begin(), reported_elsewhere.end(), key.str()) !=
            reported_elsewhere.end())
      continue;
    std::string message = "unknown key '" + std::string(key.str()) + "' in " + std::string(what) +
                          " (expected " + expected + ")";
    if (auto near = support::closest(key.str(), allowed))
      message += "; did you mean '" + std::string(*near) + "'?";
    diags_.error(range(key.source()), std::move(message));
  }
}

void TomlReader::check_keys(const toml::table& table,
                            std::initializer_list<std::string_view> allowed,
                            std::string_view what) {
  check_keys(table, std::vector<std::string_view>(allowed), what);
}

const toml::node* TomlReader::require(const toml::table& table, std::string_view key,
                                      std::string_view what) {
  const toml::node* node = table.get(key);
  if (node == nullptr)
    diags_.error(start_of(table.source()), std::string(what) + " needs '" + std::string(key) + "'");
  return node;
}

std::optional<std::string> TomlReader::string_of(const toml::node& node, std::string_view key) {
  if (const auto* value = node.as_string())
    return value->get();
  error(node,
        "'" + std::string(key) + "' must be a string, not " + std::string(type_name(node.type())));
  return std::nullopt;
}

std::optional<std::int64_t> TomlReader::integer_of(const toml::node& node, std::string_view key) {
  if (const auto* value = node.as_integer())
    return value->get();
  error(node, "'" + std::string(key) + "' must be an integer, not " +
                  std::string(type_name(node.type())));
  return std::nullopt;
}

}  // namespace rosgen::config
