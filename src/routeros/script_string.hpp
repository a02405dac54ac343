// Reading RouterOS script values back: bare words and double-quoted strings with every
// escape of reference §4 (\" \\ \$ \? \_ \a \b \f \n \r \t \v \HH, and '\' + newline
// continuations). The first piece of the export reader (a later issue); the emitter's
// tests use it to prove that what rosgen writes reads back as the same bytes.
// Entry points: read_value(), split_command().
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rosgen::routeros {

// Reads the value at text[pos]: a quoted string (decoded) or a bare word up to a blank
// or ';'. Advances pos past it. On a malformed value returns nullopt and sets *error.
std::optional<std::string> read_value(std::string_view text, std::size_t& pos, std::string* error);

struct CommandLine {
  std::vector<std::string> words;  // "add", or "/ip", "firewall", "filter", "add"
  std::vector<std::pair<std::string, std::string>> properties;  // decoded values
};

// Splits one command ("add action=drop comment=\"x y\"") into words and properties.
std::optional<CommandLine> split_command(std::string_view line, std::string* error);

}  // namespace rosgen::routeros
