// The RouterOS script reader: logical lines (continuations joined, offsets kept), then
// commands (split at ';'), then tokens, then execution on a RouterState.
#include "routeros/script_reader.hpp"

#include <algorithm>
#include <charconv>

#include "routeros/preconditions.hpp"
#include "routeros/properties.hpp"
#include "routeros/script_string.hpp"

namespace rosgen::routeros {

namespace {

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
  std::size_t begin = 0;             // offsets in the logical line
  std::size_t end = 0;
};

constexpr std::string_view kVerbs[] = {
    "add",   "set",     "remove", "move", "print", "export", "enable",         "disable",
    "unset", "comment", "edit",   "find", "get",   "reset",  "reset-counters", "reset-counters-all",
    "import"};

bool is_verb(std::string_view word) {
  return std::find(std::begin(kVerbs), std::end(kVerbs), word) != std::end(kVerbs);
}

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

// Offset of the first byte that does not belong to valid UTF-8, or npos.
std::size_t invalid_utf8(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80           ? 1
                         : (c >> 5) == 0x6  ? 2
                         : (c >> 4) == 0xe  ? 3
                         : (c >> 3) == 0x1e ? 4
                                            : 0;
    if (length == 0 || i + length > text.size())
      return i;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80)
        return i;
    }
    i += length;
  }
  return std::string::npos;
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

int brace_balance(const std::string& text) {
  int balance = 0;
  scan_outside_strings(text, 0, text.size(), [&](std::size_t, char c) {
    balance += c == '{' ? 1 : c == '}' ? -1 : 0;
    return false;
  });
  return balance;
}

// A word that can name a menu or a command: "firewall", "check-for-updates", "6to4".
bool is_command_word(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// The RouterOS version a header comment names (`body` is the text after '#'), or nullopt.
// Header forms that exports and the tools that keep them leave in the first comment block:
//   "# apr/28/2017 21:42:47 by RouterOS 6.38.5"   v6 /export (reference §3.3, S01)
//   "# 2023-12-03 20:27:23 by RouterOS 7.10"      v7 /export (S05)
//   "# ---/--/---- --:--:-- by RouterOS 7.12"     date masked: FoxDenHome/router backup.sh
//                                                 (sed 's~^# .../../.... ..:..:.. by RouterOS~
//                                                 # ---/--/---- --:--:-- by RouterOS~')
//   "# by RouterOS 6.48.3"                        any text before "by RouterOS" is dropped
//   "# RouterOS 6.48.3"                           date dropped: a public backup script's
//                                                 sed "s/^#.* by RouterOS/# RouterOS/" (found by
//                                                 code search; its repository is not named)
//   "#    installed-version: 6.48.3"              Oxidized (ytti/oxidized, lib/oxidized/model/
//                                                 routeros.rb @03fc895): it deletes the v6 header
//                                                 line (reject /^#\s\w{3}\/\d{2}\/\d{4}.*$/) and
//                                                 puts '/system package update print''s
//                                                 installed-version line, commented, on top.
// Oxidized's other comments ("current-firmware:", from /system routerboard print) name the
// RouterBOOT firmware, not RouterOS, and are not read. Script headers name no router:
// "#!rsc by RouterOS", "# RouterOS script: mode-button", "# requires RouterOS,
// version=7.21" (Christian Hesse's routeros-scripts, rsc.eworm.de).
// A version starts with a digit and has a dot: "6.49.2", "7.20beta4", "6.49rc2".
std::optional<std::string> header_version(std::string_view body) {
  auto trim = [](std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    return text;
  };
  auto version_at = [&](std::string_view rest) -> std::optional<std::string> {
    rest = trim(rest);
    std::size_t n = 0;
    while (n < rest.size() && ((rest[n] >= '0' && rest[n] <= '9') ||
                               (rest[n] >= 'a' && rest[n] <= 'z') || rest[n] == '.')) {
      ++n;
    }
    std::string_view version = rest.substr(0, n);
    if (version.empty() || version[0] < '0' || version[0] > '9' ||
        version.find('.') == std::string_view::npos) {
      return std::nullopt;
    }
    return std::string(version);
  };
  body = trim(body);
  if (std::size_t at = body.find("by RouterOS "); at != std::string_view::npos)
    return version_at(body.substr(at + 12));
  for (std::string_view prefix : {"RouterOS ", "installed-version:"}) {
    if (body.starts_with(prefix))
      return version_at(body.substr(prefix.size()));
  }
  return std::nullopt;
}

// "[admin@MikroTik] > export", "[admin@MikroTik] /ip firewall filter> print": a RouterOS
// console prompt pasted with what was typed at it.
bool is_console_prompt(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  std::size_t close = text.find(']');
  if (text.empty() || text[0] != '[' || close == std::string_view::npos)
    return false;
  std::string_view who = text.substr(1, close - 1);
  if (who.find('@') == std::string_view::npos || who.find(' ') != std::string_view::npos)
    return false;
  std::string_view rest = text.substr(close + 1);
  while (!rest.empty() && is_blank(rest.front())) rest.remove_prefix(1);
  std::size_t prompt = rest.find('>');
  return prompt != std::string_view::npos && (prompt == 0 || rest[0] == '/');
}

// The line could be a statement (a path, a verb, scripting), not pasted console text.
bool looks_like_statement(const std::string& text, std::size_t start) {
  char c = text[start];
  if (c == '/' || c == ':' || c == '$' || c == '{')
    return true;
  std::size_t end = start;
  while (end < text.size() && !is_blank(text[end])) ++end;
  return c >= 'a' && c <= 'z' && is_command_word(std::string_view(text).substr(start, end - start));
}

class Reader {
 public:
  Reader(const std::shared_ptr<const support::SourceFile>& file, support::DiagnosticEngine& diags,
         RouterState initial, const ReadOptions& options)
      : file_(file), diags_(diags), options_(options) {
    result_.state = std::move(initial);
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
  std::vector<LogicalLine> logical_lines();
  std::vector<std::pair<std::size_t, std::size_t>> split_commands(const LogicalLine& line);
  std::optional<std::vector<Token>> tokenize(const LogicalLine& line, std::size_t begin,
                                             std::size_t end);
  void junk(const LogicalLine& line);
  void flush_junk();
  void unterminated(const LogicalLine& line, std::size_t start);
  bool script_statement(const LogicalLine& line, std::size_t begin, std::size_t end);
  bool menu_command(const LogicalLine& line, const std::vector<Token>& tokens);

  // ---- execution ----
  void command(const LogicalLine& line, std::vector<Token> tokens);
  void add(const LogicalLine& line, ir::Menu menu, const std::string& path,
           const std::vector<Token>& tokens, std::size_t first);
  std::optional<std::size_t> place(const LogicalLine& line, ir::Menu menu, const Token& token);
  std::vector<std::size_t> select(ir::Menu menu, const std::string& bracket, bool* supported) const;
  void edit(const LogicalLine& line, ir::Menu menu, const std::string& path,
            const std::string& verb, const std::vector<Token>& tokens, std::size_t first);
  bool top_block(const LogicalLine& line, std::size_t start);
  bool interface_check(const LogicalLine& line, std::size_t start);
  bool admissible(const LogicalLine& line, const std::vector<Token>& tokens, std::size_t first,
                  const ir::Item& item);
  std::optional<std::size_t> pick_top(const LogicalLine& line, const Token& token);
  bool refuse_dynamic(const LogicalLine& line, const Token& token, ir::Menu menu,
                      std::size_t index);

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
  // Inside rosgen's placement block: the non-dynamic items of its menu ($top).
  std::optional<std::vector<std::size_t>> top_;
};

// Joins '\'+newline continuations (also inside quoted values) and tracks quoted values so
// that a newline inside one is seen. A line whose first non-blank character is '#' is a
// comment to the end of its physical line: quotes in it mean nothing (an admin's
// "rule of thumb, an ASCII-art banner) and it is never continued. A quoted value still
// open at a newline marks that line `unterminated`; the next line starts afresh, so the
// defect stays with its own statement (reported in run()).
std::vector<LogicalLine> Reader::logical_lines() {
  const std::string& text = file_->text();
  std::vector<LogicalLine> out;
  LogicalLine current;
  std::optional<std::size_t> string_start;  // offset in current.text of the open quote
  bool comment = false;
  std::uint32_t line = 1;
  std::size_t i = 0;
  auto start_segment = [&](std::size_t at) {
    current.segments.emplace_back(static_cast<std::uint32_t>(current.text.size()),
                                  static_cast<std::uint32_t>(at));
  };
  current.first_line = 1;
  start_segment(0);
  auto finish = [&]() {
    if (string_start)
      current.unterminated = *string_start;
    string_start.reset();
    comment = false;
    out.push_back(std::move(current));
    current = LogicalLine{};
    current.first_line = line;
  };
  while (i < text.size()) {
    char c = text[i];
    if (c == '\n') {
      if (!current.text.empty() && current.text.back() == '\r')
        current.text.pop_back();
      ++line;
      ++i;
      finish();
      start_segment(i);
      continue;
    }
    if (comment) {
      current.text += c;
      ++i;
      continue;
    }
    if (c == '#' && !string_start &&
        std::all_of(current.text.begin(), current.text.end(), is_blank)) {
      comment = true;
      current.text += c;
      ++i;
      continue;
    }
    if (c == '\\' && i + 1 < text.size()) {
      std::size_t next = i + 1;
      if (text[next] == '\r' && next + 1 < text.size() && text[next + 1] == '\n')
        ++next;
      if (text[next] == '\n') {  // continuation: join with the next line, minus its indent
        ++line;
        i = next + 1;
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
        start_segment(i);
        continue;
      }
      if (string_start) {  // an escape: keep both characters
        current.text += c;
        current.text += text[i + 1];
        i += 2;
        continue;
      }
    }
    if (c == '"') {
      if (string_start)
        string_start.reset();
      else
        string_start = current.text.size();
    }
    current.text += c;
    ++i;
  }
  if (!current.text.empty() || string_start)
    finish();
  // A value left open on the last line that holds anything: the file ends inside it.
  for (auto it = out.rbegin(); it != out.rend(); ++it) {
    if (std::all_of(it->text.begin(), it->text.end(), is_blank))
      continue;
    it->truncated = it->unterminated.has_value();
    break;
  }
  return out;
}

// The offset just past the `close` that matches the `open` at text[pos] (quoted strings
// skipped), or npos.
std::size_t matching_end(const std::string& text, std::size_t pos, std::size_t end, char open,
                         char close) {
  int depth = 0;
  std::size_t at = scan_outside_strings(text, pos, end, [&](std::size_t, char c) {
    if (c == open)
      ++depth;
    return c == close && --depth == 0;
  });
  return at == std::string::npos ? at : at + 1;
}

std::vector<std::pair<std::size_t, std::size_t>> Reader::split_commands(const LogicalLine& line) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  int depth = 0;
  std::size_t start = 0;
  scan_outside_strings(line.text, 0, line.text.size(), [&](std::size_t i, char c) {
    if (c == '[' || c == '{' || c == '(')
      ++depth;
    if ((c == ']' || c == '}' || c == ')') && depth > 0)
      --depth;
    if (c == ';' && depth == 0) {
      out.emplace_back(start, i);
      start = i + 1;
    }
    return false;
  });
  out.emplace_back(start, line.text.size());
  return out;
}

std::optional<std::vector<Token>> Reader::tokenize(const LogicalLine& line, std::size_t begin,
                                                   std::size_t end) {
  const std::string& text = line.text;
  std::vector<Token> out;
  std::size_t pos = begin;
  // A [ ... ] expression at pos, or nullopt (with a warning) when it is not closed.
  auto bracket = [&]() -> std::optional<std::string> {
    std::size_t close = matching_end(text, pos, end, '[', ']');
    if (close == std::string::npos) {
      warn(range(line, pos, end), "'[' without a matching ']'");
      return std::nullopt;
    }
    std::string expression = text.substr(pos, close - pos);
    pos = close;
    return expression;
  };
  // A quoted (decoded) or bare value at pos, or nullopt (with a warning).
  auto value = [&]() -> std::optional<std::string> {
    std::string error;
    std::size_t start = pos;
    auto decoded = read_value(std::string_view(text.data(), end), pos, &error);
    if (!decoded)
      warn(range(line, start, end), error);
    return decoded;
  };
  while (true) {
    while (pos < end && is_blank(text[pos])) ++pos;
    if (pos >= end)
      break;
    Token token;
    token.begin = pos;
    if (text[pos] == '[') {
      auto expression = bracket();
      if (!expression)
        return std::nullopt;
      token.bracket = true;
      token.name = std::move(*expression);
    } else if (text[pos] == '"') {
      auto quoted = value();
      if (!quoted)
        return std::nullopt;
      token.name = std::move(*quoted);
      token.quoted = true;
    } else {
      while (pos < end && !is_blank(text[pos]) && text[pos] != '=') token.name += text[pos++];
      if (pos < end && text[pos] == '=') {
        ++pos;
        if (pos < end && text[pos] == '(') {  // a script expression: ( ... )
          std::size_t close = matching_end(text, pos, end, '(', ')');
          if (close == std::string::npos)
            close = end;
          token.value = text.substr(pos, close - pos);
          pos = close;
        } else if (pos < end && text[pos] == '[') {
          token.value = bracket();
          if (!token.value)
            return std::nullopt;
          token.bracket = true;
        } else {
          token.quoted = pos < end && text[pos] == '"';
          token.value = value();
          if (!token.value)
            return std::nullopt;
        }
      }
    }
    token.end = pos;
    out.push_back(std::move(token));
  }
  return out;
}

std::optional<std::size_t> Reader::place(const LogicalLine& line, ir::Menu menu,
                                         const Token& token) {
  const auto& list = result_.state.items(menu);
  if (token.bracket) {
    if (auto top = pick_top(line, token); top || stopped_)
      return top;
    bool supported = false;
    auto found = select(menu, *token.value, &supported);
    if (supported && found.size() == 1)
      return refuse_dynamic(line, token, menu, found[0]) ? std::nullopt
                                                         : std::optional(found[0]);
    if (supported && found.empty() &&
        refuse(line, token.begin, token.end, "place-before: no such item"))
      return std::nullopt;
    warn(range(line, token.begin, token.end),
         "place-before matches " + std::to_string(found.size()) + " items; adding at the end");
    return std::nullopt;
  }
  std::size_t index = 0;
  const std::string& v = *token.value;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), index);
  if (ec == std::errc() && p == v.data() + v.size()) {
    // A print number: RouterOS counts dynamic items too ([CONSOLE], reference §5.1).
    if (index >= list.size() &&
        refuse(line, token.begin, token.end, "place-before=" + v + ": no such item"))
      return std::nullopt;
    if (index < list.size() && refuse_dynamic(line, token, menu, index))
      return std::nullopt;
    return std::min(index, list.size());
  }
  // v7: place-before="comment"
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string* comment = list[i].get("comment");
    if (comment != nullptr && *comment == v)
      return i;
  }
  if (refuse(line, token.begin, token.end, "place-before: no such item"))
    return std::nullopt;
  warn(range(line, token.begin, token.end), "place-before names no item; adding at the end");
  return std::nullopt;
}

// [:pick $top 0] inside rosgen's placement block: the first non-dynamic item.
std::optional<std::size_t> Reader::pick_top(const LogicalLine& line, const Token& token) {
  const std::string& text = token.value ? *token.value : token.name;
  if (!top_ || text != "[:pick $top 0]")
    return std::nullopt;
  if (top_->empty()) {
    refuse(line, token.begin, token.end, "[:pick $top 0] is empty: no such item");
    return std::nullopt;
  }
  return top_->front();
}

bool Reader::refuse_dynamic(const LogicalLine& line, const Token& token, ir::Menu menu,
                            std::size_t index) {
  if (!is_dynamic(result_.state.items(menu)[index]))
    return false;
  return refuse(line, token.begin, token.end,
                "failure: cannot change builtin (item " + std::to_string(index) +
                    " is dynamic: place relative to the first item that is not)");
}

// Supports [find where prop="value"] and [find prop="value"] (one condition).
std::vector<std::size_t> Reader::select(ir::Menu menu, const std::string& bracket,
                                        bool* supported) const {
  *supported = false;
  std::string inner = bracket.substr(1, bracket.size() - 2);
  std::size_t pos = 0;
  auto skip = [&]() {
    while (pos < inner.size() && is_blank(inner[pos])) ++pos;
  };
  auto word = [&]() {
    skip();
    std::size_t start = pos;
    while (pos < inner.size() && !is_blank(inner[pos]) && inner[pos] != '=' && inner[pos] != '~')
      ++pos;
    return inner.substr(start, pos - start);
  };
  if (word() != "find")
    return {};
  std::string name = word();
  if (name == "where")
    name = word();
  // Only the keys rosgen addresses items by; others (default=yes, dynamic=...) select
  // items rosgen does not model.
  if (name != "comment" && name != "name")
    return {};
  if (pos >= inner.size() || (inner[pos] != '=' && inner[pos] != '~'))
    return {};
  bool regex = inner[pos] == '~';
  ++pos;
  std::string error;
  auto value = read_value(inner, pos, &error);
  skip();
  if (!value || pos != inner.size())
    return {};
  // Of POSIX regular expressions only an anchored literal prefix ("^rosgen:p:", what
  // rosgen writes) is modeled; any other pattern is not supported.
  if (regex && (value->empty() || (*value)[0] != '^' ||
                value->find_first_of("^$.[]()*+?{}|\\", 1) != std::string::npos))
    return {};
  *supported = true;
  std::vector<std::size_t> out;
  const auto& list = result_.state.items(menu);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string* v = list[i].get(name);
    bool match = regex ? v != nullptr && v->starts_with(std::string_view(*value).substr(1))
                       : (v != nullptr && *v == *value) || (v == nullptr && value->empty());
    if (match)
      out.push_back(i);
  }
  return out;
}

// Import mode: whether RouterOS takes `item` (see ReadOptions::import); refuses it if not.
bool Reader::admissible(const LogicalLine& line, const std::vector<Token>& tokens,
                        std::size_t first, const ir::Item& item) {
  std::size_t begin = first < tokens.size() ? tokens[first].begin : 0;
  std::size_t end = tokens.empty() ? 0 : tokens.back().end;
  if (auto broken = violations(item); !broken.empty())
    return !refuse(line, begin, end, "failure: " + broken.front());
  const auto& list = result_.state.items(item.menu);
  auto same = [&](const char* key) {
    const std::string* mine = item.get(key);
    return mine != nullptr && std::any_of(list.begin(), list.end(), [&](const ir::Item& other) {
             const std::string* theirs = other.get(key);
             return theirs != nullptr && *theirs == *mine;
           });
  };
  switch (item.menu) {
    case ir::Menu::QueueType:  // RouterOS's words, as reported in issue 6
      return !(same("name") &&
               refuse(line, begin, end, "failure: already have queue type with such name"));
    case ir::Menu::QueueTree:  // wording unverified
      return !(same("name") && refuse(line, begin, end, "failure: already have such name"));
    case ir::Menu::AddressList: {  // the same address twice in one list; wording unverified
      const std::string* address = item.get("address");
      const std::string* name = item.get("list");
      bool twice = std::any_of(list.begin(), list.end(), [&](const ir::Item& other) {
        const std::string* a = other.get("address");
        const std::string* l = other.get("list");
        return address && name && a && l && *a == *address && *l == *name;
      });
      return !(twice && refuse(line, begin, end, "failure: already have such entry"));
    }
    case ir::Menu::Mangle:
    case ir::Menu::Filter:
      return true;
  }
  return true;
}

void Reader::add(const LogicalLine& line, ir::Menu menu, const std::string& path,
                 const std::vector<Token>& tokens, std::size_t first) {
  ir::Item item;
  item.menu = menu;
  item.remarks = std::move(remarks_);
  remarks_.clear();
  std::optional<std::size_t> position;
  auto commit = [&]() {
    if (stopped_)
      return;
    auto& list = result_.state.items(menu);
    if (options_.import && !admissible(line, tokens, first, item))
      return;
    if (position && *position <= list.size()) {
      list.insert(list.begin() + static_cast<std::ptrdiff_t>(*position), std::move(item));
    } else {
      list.push_back(std::move(item));
    }
    ++result_.commands;
    if (options_.import)
      sync_dynamic_items(result_.state);
    item = ir::Item{};
    item.menu = menu;
    position.reset();
  };
  for (std::size_t i = first; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if (!token.value && !token.bracket && token.name.size() > 1 && token.name[0] == '!') {
      continue;  // verbose exports print '!prop' for an unset property: absent
    }
    if (!token.value) {
      if (token.name == "add" && !token.bracket) {
        warn(range(line, token.begin, token.end),
             "a second 'add' on the same line: two commands run together (missing line break?); "
             "reading them as two");
        commit();
        continue;
      }
      warn(range(line, token.begin, token.end), "stray word '" + token.name.substr(0, 40) +
                                                    "' in an add command (a value split by a "
                                                    "space?); ignored");
      continue;
    }
    if (token.name == "place-before") {
      position = place(line, menu, token);
      if (stopped_)
        return;
      continue;
    }
    if (!is_known_property(menu, token.name)) {
      warn(range(line, token.begin, token.begin + token.name.size()),
           "unknown property '" + token.name.substr(0, 40) + "' for " + path + "; kept as written");
    }
    if (item.get(token.name) != nullptr) {
      warn(range(line, token.begin, token.end),
           "property '" + token.name + "' is given twice; the last one counts");
    }
    item.set(token.name, *token.value);
  }
  commit();
}

void Reader::edit(const LogicalLine& line, ir::Menu menu, const std::string& path,
                  const std::string& verb, const std::vector<Token>& tokens, std::size_t first) {
  if (first >= tokens.size() || !tokens[first].bracket || tokens[first].value) {
    opaque(line, path, verb + " without a [find ...] selector");
    return;
  }
  bool supported = false;
  std::vector<std::size_t> found = select(menu, tokens[first].name, &supported);
  if (!supported) {
    opaque(line, path, "selector not supported: " + tokens[first].name.substr(0, 60));
    return;
  }
  auto& list = result_.state.items(menu);
  for (std::size_t index : found) {
    if (refuse_dynamic(line, tokens[first], menu, index))
      return;
  }
  ++result_.commands;
  struct SyncAfter {  // FastTrack's counter rule follows every change (import mode)
    Reader& reader;
    ~SyncAfter() {
      if (reader.options_.import)
        sync_dynamic_items(reader.result_.state);
    }
  } sync_after{*this};
  if (verb == "remove") {
    for (auto it = found.rbegin(); it != found.rend(); ++it) {
      list.erase(list.begin() + static_cast<std::ptrdiff_t>(*it));
    }
    return;
  }
  if (verb == "set") {
    for (std::size_t i = first + 1; i < tokens.size(); ++i) {
      const Token& token = tokens[i];
      for (std::size_t index : found) {
        ir::Item& item = list[index];
        if (!token.value && !token.name.empty() && token.name[0] == '!') {  // !prop unsets
          std::string name = token.name.substr(1);
          std::erase_if(item.properties, [&](const ir::Property& p) { return p.name == name; });
        } else if (token.value) {
          item.set(token.name, *token.value);
        }
      }
      if (!token.value && (token.name.empty() || token.name[0] != '!')) {
        warn(range(line, token.begin, token.end),
             "stray word '" + token.name.substr(0, 40) + "' in set");
      }
    }
    return;
  }
  // move <selector> [destination=]<selector|number>: before the destination, else to the
  // end. A number is a print number; rosgen only writes 0 (the top, for anchors).
  std::optional<std::size_t> destination;
  for (std::size_t i = first + 1; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    bool is_dest = (token.bracket && !token.value) || (token.name == "destination" && token.value);
    if (!is_dest)
      continue;
    if (token.value && !token.bracket) {
      std::size_t index = 0;
      const std::string& v = *token.value;
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), index);
      if (ec != std::errc() || p != v.data() + v.size()) {
        warn(range(line, token.begin, token.end),
             "move destination '" + v.substr(0, 40) + "' is not an item");
        return;
      }
      if (index >= list.size() &&
          refuse(line, token.begin, token.end, "destination=" + v + ": no such item"))
        return;
      if (index < list.size() && refuse_dynamic(line, token, menu, index))
        return;
      destination = std::min(index, list.size());
      continue;
    }
    if (auto top = pick_top(line, token); top || stopped_) {
      if (stopped_)
        return;
      destination = top;
      continue;
    }
    bool ok = false;
    auto target = select(menu, token.value ? *token.value : token.name, &ok);
    if (!ok || target.size() != 1) {
      if (ok && target.empty() &&
          refuse(line, token.begin, token.end, "move destination: no such item"))
        return;
      warn(range(line, token.begin, token.end),
           "move destination matches " + std::to_string(target.size()) + " items");
      return;
    }
    if (refuse_dynamic(line, token, menu, target[0]))
      return;
    destination = target[0];
  }
  std::vector<ir::Item> moving;
  for (std::size_t index : found) moving.push_back(list[index]);
  // Where the destination lands once the moving items are taken out.
  std::size_t at = list.size() - found.size();
  if (destination) {
    std::size_t before = 0;
    for (std::size_t index : found) before += index < *destination ? 1 : 0;
    at = *destination - before;
  }
  for (auto it = found.rbegin(); it != found.rend(); ++it) {
    list.erase(list.begin() + static_cast<std::ptrdiff_t>(*it));
  }
  list.insert(list.begin() + static_cast<std::ptrdiff_t>(at), moving.begin(), moving.end());
}

// rosgen's placement block (emit::at_top_of_table), executed: $top is the list of the
// menu's non-dynamic items, the do= or else= body runs as a command with
// [:pick $top 0] naming the first of them. False when the line is not such a block.
bool Reader::top_block(const LogicalLine& line, std::size_t start) {
  const std::string& text = line.text;
  constexpr std::string_view kHead = "{ :local top [";
  constexpr std::string_view kFind = " find where dynamic=no]; :if ([:len $top] ";
  if (std::string_view(text).substr(start, kHead.size()) != kHead)
    return false;
  std::size_t path_begin = start + kHead.size();
  std::size_t find = text.find(kFind, path_begin);
  if (find == std::string::npos)
    return false;
  std::optional<ir::Menu> menu = ir::menu_from_path(text.substr(path_begin, find - path_begin));
  std::size_t pos = find + kFind.size();
  std::string_view condition = std::string_view(text).substr(pos, 9);
  if (!menu || (condition != "= 0) do={" && condition != "> 0) do={"))
    return false;
  bool when_empty = condition[0] == '=';
  std::size_t open = pos + 8;
  std::size_t close = matching_end(text, open, text.size(), '{', '}');
  if (close == std::string::npos)
    return false;
  std::pair<std::size_t, std::size_t> then_body{open + 1, close - 1};
  std::optional<std::pair<std::size_t, std::size_t>> else_body;
  constexpr std::string_view kElse = " else={";
  if (std::string_view(text).substr(close, kElse.size()) == kElse) {
    std::size_t else_open = close + kElse.size() - 1;
    std::size_t else_close = matching_end(text, else_open, text.size(), '{', '}');
    if (else_close == std::string::npos)
      return false;
    else_body = {else_open + 1, else_close - 1};
    close = else_close;
  }
  while (close < text.size() && is_blank(text[close])) ++close;
  if (close >= text.size() || text[close] != '}' ||
      text.find_first_not_of(" \t", close + 1) != std::string::npos)
    return false;
  flush_junk();
  remarks_.clear();
  std::vector<std::size_t> top;
  const auto& list = result_.state.items(*menu);
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!is_dynamic(list[i]))
      top.push_back(i);
  }
  auto body = top.empty() == when_empty ? std::optional(then_body) : else_body;
  if (!body)
    return true;
  top_ = std::move(top);
  if (auto tokens = tokenize(line, body->first, body->second))
    command(line, std::move(*tokens));
  top_.reset();
  return true;
}

// rosgen's precondition check (emit_rsc): ':if ([:len [/interface[ list] find where
// name="X"]] = 0) do={ :error "..." }'. Import mode, with the router's interfaces known:
// a missing one ends the import with the message, as ':error' does. Otherwise opaque.
bool Reader::interface_check(const LogicalLine& line, std::size_t start) {
  const std::string& text = line.text;
  constexpr std::string_view kHead = ":if ([:len [/interface ";
  if (!options_.import || std::string_view(text).substr(start, kHead.size()) != kHead)
    return false;
  std::size_t pos = start + kHead.size();
  bool list = std::string_view(text).substr(pos, 5) == "list ";
  if (list)
    pos += 5;
  constexpr std::string_view kFind = "find where name=";
  if (std::string_view(text).substr(pos, kFind.size()) != kFind)
    return false;
  pos += kFind.size();
  std::string error;
  auto name = read_value(text, pos, &error);
  constexpr std::string_view kError = "]] = 0) do={ :error ";
  if (!name || std::string_view(text).substr(pos, kError.size()) != kError)
    return false;
  pos += kError.size();
  auto message = read_value(text, pos, &error);
  if (!message || std::string_view(text).substr(pos) != " }")
    return false;
  const auto& known = list ? result_.state.interface_lists : result_.state.interfaces;
  if (!known)
    return false;  // the model does not know the router's interfaces: opaque
  flush_junk();
  if (known->count(*name) == 0)
    refuse(line, start, text.size(), *message);
  return true;
}

void Reader::command(const LogicalLine& line, std::vector<Token> tokens) {
  if (tokens.empty())
    return;
  const std::string head = tokens[0].name;  // a copy: tokens may grow below
  for (const Token& token : tokens) {
    if (token.value && !token.quoted && !token.value->empty() &&
        ((*token.value)[0] == '(' || (*token.value)[0] == '$')) {
      flush_junk();
      opaque(line, "(script)", "uses script expressions");
      remarks_.clear();
      return;
    }
  }
  auto is_path_word = [](const Token& t) {
    if (t.bracket || t.value || t.name.empty())
      return false;
    return std::all_of(t.name.begin(), t.name.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
  };
  std::vector<std::string> path = current_path_;
  std::size_t next = 0;
  bool absolute = !tokens[0].bracket && !tokens[0].value && head[0] == '/';
  if (!absolute) {  // a verb, or a relative path ("ip firewall filter add ...")
    while (next < tokens.size() && is_path_word(tokens[next]) && !is_verb(tokens[next].name)) {
      path.push_back(tokens[next].name);
      ++next;
    }
    if (next == tokens.size() || tokens[next].bracket || tokens[next].value ||
        !is_verb(tokens[next].name)) {
      if (!menu_command(line, tokens))
        junk(line);
      return;
    }
  }
  if (absolute) {
    path.clear();
    std::string first = head.substr(1);
    std::size_t start = 0;
    while (start <= first.size() && !first.empty()) {
      std::size_t slash = first.find('/', start);
      std::string part =
          first.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
      if (!part.empty())
        path.push_back(part);
      if (slash == std::string::npos)
        break;
      start = slash + 1;
    }
    bool valid = std::all_of(path.begin(), path.end(), [](const std::string& part) {
      return std::all_of(part.begin(), part.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      });
    });
    next = 1;
    if (!path.empty() && is_verb(path.back()) &&
        (head.find('/', 1) != std::string::npos || path.size() == 1)) {
      // v7 "/ip/settings/set x=y": the verb is the last part of the slash path; "/export"
      // and "/import file=x" are verbs at the root, not sections.
      Token verb;
      verb.name = path.back();
      verb.begin = tokens[0].begin;
      verb.end = tokens[0].end;
      path.pop_back();
      tokens.insert(tokens.begin() + 1, std::move(verb));
    }
    while (next < tokens.size() && !is_verb(tokens[next].name) && is_path_word(tokens[next])) {
      path.push_back(tokens[next].name);
      ++next;
    }
    if (!valid || (next < tokens.size() && !is_verb(tokens[next].name))) {
      junk(line);
      return;
    }
    flush_junk();
    if (next == tokens.size()) {  // a section header
      current_path_ = path;
      remarks_.clear();
      return;
    }
  }
  flush_junk();
  std::string path_text = "/";
  for (std::size_t i = 0; i < path.size(); ++i) path_text += (i ? " " : "") + path[i];
  std::optional<ir::Menu> menu = ir::menu_from_path(path_text);
  const std::string verb = tokens[next].bracket || tokens[next].value ? "" : tokens[next].name;
  if (verb == "export")
    header_ = true;  // what follows may be the export's output, header first
  if (!menu) {
    opaque(line, path_text, "menu not modeled");
    remarks_.clear();
    return;
  }
  if (verb == "add") {
    add(line, *menu, path_text, tokens, next + 1);
    return;
  }
  remarks_.clear();
  if (verb == "set" || verb == "remove" || verb == "move") {
    edit(line, *menu, path_text, verb, tokens, next + 1);
    return;
  }
  opaque(line, path_text, verb.empty() ? "not a command" : "command '" + verb + "' not modeled");
}

// Lines that are no RouterOS command (a pasted banner, log or help text) are reported
// once per run of consecutive lines.
void Reader::junk(const LogicalLine& line) {
  if (is_console_prompt(line.text))
    header_ = true;  // "[admin@MikroTik] > /export": the export's header may follow
  if (!junk_first_) {
    junk_first_ = line.first_line;
    junk_range_ = range(line, 0, std::min<std::size_t>(line.text.size(), 1));
  }
  junk_last_ = line.first_line;
  opaque(line, "(not a command)", "not a RouterOS command");
  remarks_.clear();
}

void Reader::flush_junk() {
  if (!junk_first_)
    return;
  std::string lines = *junk_first_ == junk_last_ ? "line " + std::to_string(*junk_first_)
                                                 : "lines " + std::to_string(*junk_first_) + "-" +
                                                       std::to_string(junk_last_);
  bool one = *junk_first_ == junk_last_;
  warn(junk_range_, lines + (one ? " holds" : " hold") +
                        " no RouterOS command (console output or a banner pasted into the "
                        "file?); skipped");
  junk_first_.reset();
}

// A line with a quoted value that does not end on it: an error for that statement alone
// (skipped; the next line is read afresh), or part of pasted console text.
void Reader::unterminated(const LogicalLine& line, std::size_t start) {
  remarks_.clear();
  if (!looks_like_statement(line.text, start)) {
    junk(line);
    return;
  }
  flush_junk();
  SourceRange where = range(line, *line.unterminated, line.text.size());
  if (line.truncated) {
    diags_.error(where,
                 "unterminated string: the file ends inside this quoted value (truncated?); the "
                 "statement is skipped");
  } else {
    diags_.error(where,
                 "unterminated string: this quoted value does not end on its line; the statement "
                 "is skipped and the next line is read");
  }
  opaque(line, "(unreadable)", "unterminated string");
}

// ':local x [...]', ':global F do={...}', '$F "hello"', '{ ... }': RouterOS scripting. Kept
// as one opaque statement without splitting it into tokens: ("a" . $b . "c") is an
// expression, not values, and reading it as values gives false warnings.
bool Reader::script_statement(const LogicalLine& line, std::size_t begin, std::size_t end) {
  while (begin < end && is_blank(line.text[begin])) ++begin;
  if (begin >= end)
    return false;
  char c = line.text[begin];
  if (c != ':' && c != '$' && c != '{')
    return false;
  flush_junk();
  opaque(line, "(script)", "scripting");
  remarks_.clear();
  return true;
}

// Inside a section, a verb rosgen does not know ("check-for-updates once" under
// /system package update, "run backup" under /system script): a command word first, then
// only arguments. Pasted text fails this: "a second [Tab] gives ..." has a bracket that
// holds no command, banners start with capitals or symbols, logs with a date.
bool Reader::menu_command(const LogicalLine& line, const std::vector<Token>& tokens) {
  if (current_path_.empty() || tokens.empty() || tokens[0].bracket || tokens[0].value ||
      tokens[0].quoted || !is_command_word(tokens[0].name) || tokens[0].name[0] < 'a') {
    return false;
  }
  for (const Token& token : tokens) {
    if (token.bracket) {
      std::string_view inner = std::string_view(token.value ? *token.value : token.name);
      inner.remove_prefix(1);
      while (!inner.empty() && is_blank(inner.front())) inner.remove_prefix(1);
      bool command = !inner.empty() && (inner[0] == '/' || inner[0] == ':' || inner[0] == '$' ||
                                        (inner[0] >= 'a' && inner[0] <= 'z'));
      if (!command)
        return false;
    } else if (token.value) {
      std::string_view name = token.name;
      if (name.starts_with('!'))
        name.remove_prefix(1);
      bool dotted = std::all_of(name.begin(), name.end(), [](char c) {
        return c == '.' || is_command_word(std::string_view(&c, 1));
      });
      if (name.empty() || !dotted)
        return false;
    }
  }
  flush_junk();
  std::string menu = "/";
  for (std::size_t i = 0; i < current_path_.size(); ++i) menu += (i ? " " : "") + current_path_[i];
  opaque(line, menu, "command '" + tokens[0].name + "' not modeled");
  remarks_.clear();
  return true;
}

ReadResult Reader::run() {
  std::size_t binary_lines = 0;
  for (const LogicalLine& line : logical_lines()) {
    if (stopped_)
      break;
    std::size_t start = 0;
    while (start < line.text.size() && is_blank(line.text[start])) ++start;
    if (start == line.text.size())
      continue;
    if (line.text[start] == '#') {
      std::string body = line.text.substr(start + 1);
      if (header_) {
        if (!result_.routeros_version)
          result_.routeros_version = header_version(body);
        continue;
      }
      if (!body.empty() && body[0] == ' ')
        body.erase(0, 1);
      remarks_.push_back(body);
      continue;
    }
    header_ = false;
    bool binary = std::any_of(line.text.begin(), line.text.end(), [](char c) {
      auto u = static_cast<unsigned char>(c);
      return u < 0x20 && c != '\t' && c != '\r';
    });
    if (binary) {
      if (++binary_lines <= 3) {
        diags_.error(range(line, start, start + 1),
                     "line " + std::to_string(line.first_line) +
                         " holds control bytes (binary data?); skipped");
      }
      continue;
    }
    if (!warned_encoding_) {
      std::size_t bad = invalid_utf8(line.text);
      if (bad != std::string::npos) {
        warned_encoding_ = true;
        warn(range(line, bad, bad + 1),
             "bytes that are not UTF-8 (a Latin-1/CP1252 export?); values are kept byte for byte");
      }
    }
    if (line.unterminated) {
      unterminated(line, start);
      continue;
    }
    int depth_before = block_depth_;
    block_depth_ += brace_balance(line.text);
    if (depth_before > 0 || block_depth_ > 0) {  // part of a multi-line script block
      if (block_depth_ < 0)
        block_depth_ = 0;
      flush_junk();
      opaque(line, "(script)", "inside a script block");
      remarks_.clear();
      continue;
    }
    if (top_block(line, start) || interface_check(line, start))
      continue;
    for (auto [begin, end] : split_commands(line)) {
      if (stopped_)
        break;
      if (script_statement(line, begin, end))
        continue;
      auto tokens = tokenize(line, begin, end);
      if (!tokens) {
        opaque(line, "(unreadable)", "malformed command");
        continue;
      }
      command(line, std::move(*tokens));
    }
  }
  flush_junk();
  if (binary_lines > 3) {
    diags_.note({}, std::to_string(binary_lines - 3) + " more lines of " + file_->name() +
                        " hold control bytes and were skipped");
  }
  if (warnings_ > options_.max_warnings) {
    diags_.note({}, std::to_string(warnings_ - options_.max_warnings) + " more warnings about " +
                        file_->name() + " not shown");
  }
  return std::move(result_);
}

}  // namespace

std::map<std::string, std::size_t> ReadResult::opaque_by_menu() const {
  std::map<std::string, std::size_t> out;
  for (const OpaqueStatement& s : opaque) ++out[s.menu];
  return out;
}

std::optional<int> ReadResult::routeros_major() const {
  if (!routeros_version)
    return std::nullopt;
  int major = 0;
  auto [p, ec] = std::from_chars(routeros_version->data(),
                                 routeros_version->data() + routeros_version->size(), major);
  if (ec != std::errc())
    return std::nullopt;
  return major;
}

ReadResult read_script(const std::shared_ptr<const support::SourceFile>& file,
                       support::DiagnosticEngine& diags, RouterState initial,
                       const ReadOptions& options) {
  return Reader(file, diags, std::move(initial), options).run();
}

}  // namespace rosgen::routeros
