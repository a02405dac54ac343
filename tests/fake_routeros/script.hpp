// The fake RouterOS device's own reading of command lines and scripts: splitting text into
// statements (';' and newlines outside strings, [ ], { } and ( ); '\'+newline joins
// lines), the words of one statement (bare words, name=value with quoted values decoded,
// [ ... ] and { ... } kept as written), the menu path and verb of a statement, and
// `where` conditions over records (prop=value, prop!=value, prop~"regex", a bare flag
// such as `dynamic`, `!prop`, joined by blanks or `and`). What changes modeled firewall
// menus is not executed here: the interpreter hands it to rosgen's script reader
// (routeros/script_reader.hpp) in import mode. Entry points: split_statements(),
// split_words(), parse_head(), Where.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rosgen::fake {

// An item's properties as print and find see them (firewall items, scheduler entries,
// files, jobs).
using Record = std::map<std::string, std::string, std::less<>>;

struct Statement {
  std::string text;        // continuations joined
  std::uint32_t line = 1;  // 1-based line of its first character in the source
  std::uint32_t column = 1;
};

struct SplitResult {
  std::vector<Statement> statements;
  // A quoted string, [ ], { } or ( ) left open: the message and where it started.
  std::optional<std::string> error;
  std::uint32_t error_line = 0;
  std::uint32_t error_column = 0;
};

// Splits `text` into statements; '#' starts a comment where a statement could start.
SplitResult split_statements(std::string_view text);

struct Word {
  std::string name;                  // the bare word, or the name before '='
  std::optional<std::string> value;  // after '=', decoded when it was a quoted string
  bool quoted = false;               // the word or its value was a quoted string
  std::size_t offset = 0;            // in the statement text
};

// The words of one statement, or nullopt (and *error) when a value is malformed.
std::optional<std::vector<Word>> split_words(std::string_view text, std::string* error);

// True for the verbs RouterOS menus share ("add", "print", "import", ...).
bool is_verb(std::string_view word);

// A statement's menu and verb: "/ip firewall filter add ..." or, relative to `current`,
// "add ...". `verb` is empty for a section header ("/ip firewall filter"); `first_arg` is
// the index of the first word after the verb.
struct Head {
  std::vector<std::string> path;
  std::string verb;
  std::size_t first_arg = 0;
  std::size_t verb_offset = 0;
};

std::optional<Head> parse_head(const std::vector<Word>& words,
                               const std::vector<std::string>& current);

std::string path_text(const std::vector<std::string>& path);  // "/ip firewall filter"

// A `where` clause (or a find's arguments) over records; `defaults` are what an absent
// property reads as (disabled=no, dynamic=no).
class Where {
 public:
  static std::optional<Where> parse(const std::vector<Word>& words, std::size_t first,
                                    std::string* error);
  bool matches(const Record& record) const;

 private:
  struct Condition {
    std::string name;
    enum class Op { Equal, NotEqual, Regex, Flag, NotFlag } op = Op::Equal;
    std::string value;
  };

  std::vector<Condition> conditions_;
};

// The inside of "[ ... ]" or "{ ... }" (outer brackets and blanks stripped).
std::string inner(std::string_view bracketed);

// A value as a script prints it: bare when safe, else quoted and escaped.
std::string shown(std::string_view value);

}  // namespace rosgen::fake
