// The RouterOS script reader's parts, shared by its three files: the logical line and
// token types, small lexical helpers, and the Reader class. script_lexer.cpp turns text
// into logical lines and tokens, script_exec.cpp executes commands on the RouterState
// (the model of RouterOS's /import), script_reader.cpp classifies statements and drives
// the whole (run()). Internal to src/routeros; the entry point is script_reader.hpp.
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "routeros/item_list.hpp"
#include "routeros/script_reader.hpp"

namespace rosgen::routeros::detail {

using support::SourceRange;

// One command line after joining '\'+newline continuations. `segments` maps offsets in
// `text` back to the file: (offset in text, offset in file) at each join.
struct LogicalLine {
  std::string text;
  std::uint32_t first_line = 1;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> segments;
  // A quoted value opened at this offset of `text` and not closed on its line.
  std::optional<std::size_t> unterminated;
  bool truncated = false;  // ... and nothing follows it: the file ends inside the value

  std::uint32_t source_offset(std::size_t pos) const {
    auto it = std::upper_bound(segments.begin(), segments.end(), pos,
                               [](std::size_t p, const auto& s) { return p < s.first; });
    --it;
    return it->second + static_cast<std::uint32_t>(pos - it->first);
  }
};

struct Token {
  std::string name;                  // the word, or the property name before '='
  std::optional<std::string> value;  // after '=' (decoded)
  bool bracket = false;              // the token (or its value) is a [ ... ] expression
  bool quoted = false;               // the value (or the bare token) was a quoted string
  // The token uses a script variable ($x, unescaped; also inside a quoted string or a
  // [ ... ] command) or is a ( ... ) expression: its value is not known to the reader.
  bool expression = false;
  std::size_t begin = 0;  // offsets in the logical line
  std::size_t end = 0;
};

// True for the verbs RouterOS menus share ("add", "set", "remove", "print", ...).
bool is_verb(std::string_view word);

inline bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

// The values of rosgen's placement blocks that the reader knows (Reader::top_block):
// emit::at_top_of_table's [:pick $top 0], the rollback's [:pick $top N]
// (diff/rollback.cpp) and emit::before_fasttrack's [:pick $ft 0].
inline constexpr std::string_view kPickFasttrack = "[:pick $ft 0]";

// True for [:pick $top N] (N decimal digits) and [:pick $ft 0].
inline bool is_placement_pick(std::string_view text) {
  constexpr std::string_view kHead = "[:pick $top ";
  if (text == kPickFasttrack)
    return true;
  if (!text.starts_with(kHead) || !text.ends_with(']') || text.size() == kHead.size() + 1)
    return false;
  std::string_view digits = text.substr(kHead.size(), text.size() - kHead.size() - 1);
  return std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// True when `raw` (a token as written) refers to a script variable: a '$' not escaped by
// a backslash, inside or outside quoted strings ("a$b", "\"x$y\"", "[find where x=$y]").
inline bool uses_variable(std::string_view raw) {
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\')
      ++i;
    else if (raw[i] == '$')
      return true;
  }
  return false;
}

// '{' minus '}' outside quoted strings.
// Calls fn(i, c) for each character of text[begin, end) outside quoted strings, until fn
// returns true; returns that offset, or npos.
template <typename Fn>
std::size_t scan_outside_strings(const std::string& text, std::size_t begin, std::size_t end,
                                 Fn fn) {
  bool in_string = false;
  for (std::size_t i = begin; i < end; ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      continue;
    }
    if (fn(i, c))
      return i;
  }
  return std::string::npos;
}

// The offset just past the `close` that matches the `open` at text[pos] (quoted strings
// skipped), or npos.
std::size_t matching_end(const std::string& text, std::size_t pos, std::size_t end, char open,
                         char close);

class Reader {
 public:
  Reader(const std::shared_ptr<const support::SourceFile>& file, support::DiagnosticEngine& diags,
         RouterState initial, const ReadOptions& options)
      : file_(file), diags_(diags), options_(options) {
    result_.state = std::move(initial);
    for (std::size_t i = 0; i < lists_.size(); ++i)
      lists_[i] = ItemList(std::move(result_.state.menus[i]));
  }

  ReadResult run();

 private:
  // ---- diagnostics ----
  SourceRange range(const LogicalLine& line, std::size_t begin, std::size_t end) const {
    return {file_, line.source_offset(begin), line.source_offset(std::max(begin, end))};
  }

  void warn(SourceRange where, std::string message) {
    if (++warnings_ > options_.max_warnings)
      return;
    diags_.warning(std::move(where), std::move(message));
  }

  // A command RouterOS refuses. Import mode: an error, and the script stops here (true);
  // export mode: nothing (false), the export shows what the router holds.
  bool refuse(const LogicalLine& line, std::size_t begin, std::size_t end,
              const std::string& message) {
    if (!options_.import)
      return false;
    diags_.error(range(line, begin, end),
                 message + "; /import stops here, the commands above stay applied");
    result_.stopped_at = line.first_line;
    stopped_ = true;
    return true;
  }

  void opaque(const LogicalLine& line, std::string menu, std::string reason) {
    result_.opaque.push_back({line.first_line, std::move(menu), std::move(reason)});
  }

  // ---- lexing ----
  void normalize_line_ends();
  std::vector<LogicalLine> logical_lines();
  std::vector<std::pair<std::size_t, std::size_t>> split_commands(const LogicalLine& line);
  std::optional<std::vector<Token>> tokenize(const LogicalLine& line, std::size_t begin,
                                             std::size_t end);
  void junk(const LogicalLine& line);
  void flush_junk();
  void unterminated(const LogicalLine& line, std::size_t start);
  std::optional<std::string> statement_menu(const std::string& text, std::size_t start) const;
  bool script_statement(const LogicalLine& line, std::size_t begin, std::size_t end);
  bool menu_command(const LogicalLine& line, const std::vector<Token>& tokens);

  // ---- execution ----
  ItemList& items(ir::Menu menu) { return lists_[static_cast<std::size_t>(menu)]; }

  const ItemList& items(ir::Menu menu) const { return lists_[static_cast<std::size_t>(menu)]; }

  void sync_dynamic();
  void command(const LogicalLine& line, std::vector<Token> tokens);
  void add(const LogicalLine& line, ir::Menu menu, const std::string& path,
           const std::vector<Token>& tokens, std::size_t first);
  std::optional<std::size_t> place(const LogicalLine& line, ir::Menu menu, const Token& token);
  std::vector<std::size_t> select(ir::Menu menu, const std::string& bracket, bool* supported) const;
  void edit(const LogicalLine& line, ir::Menu menu, const std::string& path,
            const std::string& verb, const std::vector<Token>& tokens, std::size_t first);
  bool top_block(const LogicalLine& line, std::size_t start, std::size_t end);
  bool guard_block(const LogicalLine& line, std::size_t start);
  bool interface_check(const LogicalLine& line, std::size_t start);
  bool admissible(const LogicalLine& line, const std::vector<Token>& tokens, std::size_t first,
                  const ir::Item& item);
  std::optional<std::size_t> pick_top(const LogicalLine& line, const Token& token);
  bool refuse_dynamic(const LogicalLine& line, const Token& token, ir::Menu menu,
                      std::size_t index);
  bool property_name_ok(const LogicalLine& line, const Token& token, std::string_view name);
  void check_range(const LogicalLine& line, const Token& token, ir::Menu menu);

  std::shared_ptr<const support::SourceFile> file_;
  support::DiagnosticEngine& diags_;
  const ReadOptions& options_;
  ReadResult result_;
  std::vector<std::string> current_path_;  // the section we are in ("ip", "firewall", ...)
  std::vector<std::string> remarks_;       // '#' lines waiting for the next add
  std::size_t warnings_ = 0;
  std::optional<std::uint32_t> junk_first_;  // a run of lines that are no command
  std::uint32_t junk_last_ = 0;
  SourceRange junk_range_;
  int block_depth_ = 0;  // inside a { ... } script block spanning lines
  bool header_ = true;   // '#' lines here are a header (file start, after a prompt or /export)
  bool warned_encoding_ = false;
  bool stopped_ = false;  // import mode: a command was refused
  // The menus being read (moved into result_.state at the end of run()).
  std::array<ItemList, kModeledMenus.size()> lists_;

  // Inside rosgen's placement block: the N-th non-dynamic item of its menu
  // ([:pick $top N]), nullopt when $top has no such item.
  struct Top {
    std::optional<std::size_t> first;
    std::string pick;  // "[:pick $top N]" or "[:pick $ft 0]"
  };

  std::optional<Top> top_;
};

}  // namespace rosgen::routeros::detail
