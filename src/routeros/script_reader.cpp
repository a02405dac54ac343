// The RouterOS script reader's driver: header versions, what is a statement (a command,
// script, a pasted banner or prompt), the dispatch of commands to script_exec.cpp, and
// run() over the logical lines of script_lexer.cpp. Entry point: read_script().
#include "routeros/script_reader.hpp"

#include <algorithm>
#include <charconv>

#include "routeros/properties.hpp"
#include "routeros/script_reader_parts.hpp"
#include "routeros/script_string.hpp"
#include "support/utf8.hpp"

namespace rosgen::routeros {

namespace detail {

namespace {

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
    if (rest.size() > 1 && rest[0] == 'v' && rest[1] >= '0' && rest[1] <= '9')
      rest.remove_prefix(1);  // "# RouterOS v6.48.3", as people write it by hand
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

// True when a statement in the menu at `path` ("/ip firewall nat") could be an item rosgen
// owns: one it cannot read there is an error; elsewhere a warning.
bool holds_owned_items(const std::string& path) {
  std::optional<ir::Menu> menu = ir::menu_from_path(path);
  return menu && ir::may_hold_owned_items(*menu);
}

}  // namespace

void Reader::command(const LogicalLine& line, std::vector<Token> tokens) {
  if (tokens.empty())
    return;
  const std::string head = tokens[0].name;  // a copy: tokens may grow below
  // The first value the reader cannot know ($x, ( ... ), [ ... $x ... ]); rosgen's own
  // placement blocks' [:pick $top N] and [:pick $ft 0] are known (pick_top).
  std::optional<Token> expression;
  for (const Token& token : tokens) {
    if (token.expression && !(top_ && (token.value ? *token.value : token.name) == top_->pick)) {
      expression = token;
      break;
    }
  }
  auto script = [&] {
    flush_junk();
    opaque(line, "(script)", "uses script expressions");
    remarks_.clear();
  };
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
      if (expression)
        script();
      else if (!menu_command(line, tokens))
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
      if (expression)
        script();
      else
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
  if (expression) {
    // In a menu rosgen models, a command that changes items with a value the reader cannot
    // know could add or change an owned item (log-prefix=$x on an owned rule): calling the
    // router in sync, or planning a duplicate, would be wrong. An error, as for an
    // unterminated string; elsewhere it is scripting, kept opaque.
    bool reads_only = verb == "print" || verb == "export" || verb == "find" || verb == "get";
    if (!menu || reads_only) {
      script();
      return;
    }
    std::string shown(support::utf8_prefix(
        std::string_view(line.text).substr(expression->begin, expression->end - expression->begin),
        60));
    if (!ir::may_hold_owned_items(*menu)) {  // read for the simulator only: skipped, named
      warn(range(line, expression->begin, expression->end),
           "this statement uses a script variable or expression ('" + shown +
               "') that rosgen cannot evaluate; it is skipped (it is in " + path_text +
               ", which rosgen does not change)");
      opaque(line, path_text, "uses script expressions");
      remarks_.clear();
      return;
    }
    diags_.error(range(line, expression->begin, expression->end),
                 "this statement in " + path_text + " uses a script variable or expression ('" +
                     shown +
                     "') that rosgen cannot evaluate; it could be an item rosgen owns, so the "
                     "router's state is not known");
    opaque(line, "(unreadable)", "uses script expressions");
    remarks_.clear();
    return;
  }
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
  // In a menu rosgen does not model (NAT, DHCP, ...) the lost statement cannot hide an
  // owned item: a warning, and the diff still runs. Anywhere else it is an error.
  std::optional<std::string> menu = statement_menu(line.text, start);
  bool harmless = menu && !holds_owned_items(*menu);
  std::string message =
      line.truncated
          ? "unterminated string: the file ends inside this quoted value (truncated?); the "
            "statement is skipped"
          : "unterminated string: this quoted value does not end on its line; the statement "
            "is skipped and the next line is read";
  if (harmless) {
    warn(where, message + " (it is in " + *menu + ", which rosgen does not change)");
  } else {
    diags_.error(where, message);
  }
  opaque(line, "(unreadable)", "unterminated string");
}

// The menu a statement addresses ("/ip firewall nat"): its leading path words, or the
// current section's; nullopt when the words do not say.
std::optional<std::string> Reader::statement_menu(const std::string& text,
                                                  std::size_t start) const {
  std::vector<std::string> path = current_path_;
  std::size_t pos = start;
  bool first = true;
  while (pos < text.size()) {
    while (pos < text.size() && is_blank(text[pos])) ++pos;
    std::size_t end = pos;
    while (end < text.size() && !is_blank(text[end])) ++end;
    std::string word = text.substr(pos, end - pos);
    pos = end;
    if (first && !word.empty() && word[0] == '/') {
      path.clear();
      std::size_t at = 1;
      while (at <= word.size()) {
        std::size_t slash = std::min(word.find('/', at), word.size());
        std::string part = word.substr(at, slash - at);
        if (is_verb(part))
          break;
        if (!is_command_word(part))
          return std::nullopt;
        path.push_back(part);
        at = slash + 1;
      }
      first = false;
      continue;
    }
    first = false;
    if (word.empty() || is_verb(word) || !is_command_word(word))
      break;
    path.push_back(word);
  }
  if (path.empty())
    return std::nullopt;
  std::string out;
  for (const std::string& part : path) out += (out.empty() ? "/" : " ") + part;
  return out;
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

// A file with CR-only line endings (classic Mac OS; its first line end is a CR without an
// LF) is read as a copy with every lone CR made LF: the same length, so offsets and
// diagnostics (file:line:col, counted by LF) stay right. Without this such an export read
// as one comment line: empty, and the diff planned to re-add everything (issue 7, section 6).
void Reader::normalize_line_ends() {
  const std::string& text = file_->text();
  std::size_t end = text.find_first_of("\r\n");
  if (end == std::string::npos || text[end] != '\r' ||
      (end + 1 < text.size() && text[end + 1] == '\n'))
    return;
  std::string copy = text;
  for (std::size_t i = 0; i < copy.size(); ++i) {
    if (copy[i] == '\r' && (i + 1 == copy.size() || copy[i + 1] != '\n'))
      copy[i] = '\n';
  }
  file_ = std::make_shared<const support::SourceFile>(file_->name(), std::move(copy));
}

ReadResult Reader::run() {
  normalize_line_ends();
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
      std::size_t bad = support::first_invalid_utf8(line.text);
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
    if (top_block(line, start, line.text.size()) || guard_block(line, start) ||
        interface_check(line, start))
      continue;
    for (auto [begin, end] : split_commands(line)) {
      if (stopped_)
        break;
      if (script_statement(line, begin, end))
        continue;
      auto tokens = tokenize(line, begin, end);
      if (!tokens) {
        // In a menu rosgen models, the statement could be an owned item: not knowing it,
        // a diff could call the router in sync. An error, like an unterminated string.
        std::optional<std::string> menu = statement_menu(line.text, begin);
        if (menu && holds_owned_items(*menu)) {
          diags_.error(range(line, begin, end),
                       "this statement in " + *menu +
                           " cannot be read (see above); it could be an item rosgen owns, so "
                           "the router's state is not known");
        }
        opaque(line, "(unreadable)", "malformed command");
        continue;
      }
      command(line, std::move(*tokens));
    }
  }
  // A file of which no line is a RouterOS command (/etc/passwd, a log) is not an export:
  // comparing with it would plan to add everything. An error, not a warning.
  bool only_junk =
      junk_first_ && result_.commands == 0 &&
      std::all_of(result_.opaque.begin(), result_.opaque.end(),
                  [](const OpaqueStatement& s) { return s.menu == "(not a command)"; });
  if (only_junk) {
    // Without a location: a file that is no export (/etc/shadow) is not quoted.
    diags_.error({}, file_->name() +
                         " holds no RouterOS command: it is not an export or a script "
                         "(make one on the router with '/export' or '/export terse')");
    junk_first_.reset();
  }
  flush_junk();
  // What was left out is summed up here, and still counted in the closing summary.
  if (binary_lines > 3) {
    diags_.count_summarized(support::Severity::Error, binary_lines - 3);
    diags_.note({}, std::to_string(binary_lines - 3) + " more lines of " + file_->name() +
                        " hold control bytes and were skipped");
  }
  if (warnings_ > options_.max_warnings) {
    diags_.count_summarized(support::Severity::Warning, warnings_ - options_.max_warnings);
    diags_.note({}, std::to_string(warnings_ - options_.max_warnings) + " more warnings about " +
                        file_->name() + " not shown");
  }
  for (std::size_t i = 0; i < lists_.size(); ++i) result_.state.menus[i] = lists_[i].take();
  return std::move(result_);
}

}  // namespace detail

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
  return detail::Reader(file, diags, std::move(initial), options).run();
}

}  // namespace rosgen::routeros
