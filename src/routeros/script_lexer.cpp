// The reader's lexing: logical lines (continuations joined, offsets kept), commands
// (split at ';' outside brackets and strings) and tokens (see script_reader_parts.hpp).
#include <algorithm>

#include "routeros/script_reader_parts.hpp"
#include "routeros/script_string.hpp"

namespace rosgen::routeros::detail {

constexpr std::string_view kVerbs[] = {
    "add",   "set",     "remove", "move", "print", "export", "enable",         "disable",
    "unset", "comment", "edit",   "find", "get",   "reset",  "reset-counters", "reset-counters-all",
    "import"};

bool is_verb(std::string_view word) {
  return std::find(std::begin(kVerbs), std::end(kVerbs), word) != std::end(kVerbs);
}

namespace {

// The value of a ( ... ) expression made only of quoted strings joined by '.', such as
// ("customconf: GAMES") or ("a" . "b"), which scripts write for plain text; nullopt for
// anything else (a variable, a command, arithmetic): the reader cannot evaluate that.
std::optional<std::string> string_expression(std::string_view expression) {
  if (expression.size() < 2 || expression.front() != '(' || expression.back() != ')' ||
      uses_variable(expression))
    return std::nullopt;
  std::string_view inner = expression.substr(1, expression.size() - 2);
  std::string out;
  std::size_t pos = 0;
  bool want_string = true;
  while (true) {
    while (pos < inner.size() && is_blank(inner[pos])) ++pos;
    if (pos == inner.size())
      return want_string ? std::nullopt : std::optional(out);
    if (want_string) {
      if (inner[pos] != '"')
        return std::nullopt;
      auto part = read_value(inner, pos, nullptr);
      if (!part)
        return std::nullopt;
      out += *part;
    } else if (inner[pos++] != '.') {
      return std::nullopt;
    }
    want_string = !want_string;
  }
}

}  // namespace

// Joins '\'+newline continuations (also inside quoted values) and tracks quoted values so
// that a newline inside one is seen. A line whose first non-blank character is '#' is a
// comment to the end of its physical line: quotes in it mean nothing (an admin's
// "rule of thumb, an ASCII-art banner) and it is never continued. A quoted value still
// open at a newline marks that line `unterminated`; the next line starts afresh, so the
// defect stays with its own statement (reported in run()). A UTF-8 byte-order mark at the
// start of the file is skipped (Windows editors write one; the header after it still
// gives the version). CR-only line endings are made LF before this (run()).
std::vector<LogicalLine> Reader::logical_lines() {
  const std::string& text = file_->text();
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  std::vector<LogicalLine> out;
  LogicalLine current;
  std::optional<std::size_t> string_start;  // offset in current.text of the open quote
  bool comment = false;
  std::uint32_t line = 1;
  std::size_t i = std::string_view(text).starts_with(kBom) ? kBom.size() : 0;
  auto start_segment = [&](std::size_t at) {
    current.segments.emplace_back(static_cast<std::uint32_t>(current.text.size()),
                                  static_cast<std::uint32_t>(at));
  };
  current.first_line = 1;
  start_segment(i);
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
          std::string expression = text.substr(pos, close - pos);
          token.value = string_expression(expression);
          token.quoted = token.value.has_value();
          token.expression = !token.value;
          if (!token.value)
            token.value = std::move(expression);
          pos = close;
        } else if (pos < end && text[pos] == '[') {
          token.value = bracket();
          if (!token.value)
            return std::nullopt;
          token.bracket = true;
          // A value from a command ([:tostr "x"], [:put x]) is not known to the reader; a
          // selector ([find ...]) or rosgen's [:pick $top N] / [:pick $ft 0] is.
          std::string_view inner = std::string_view(*token.value).substr(1);
          while (!inner.empty() && is_blank(inner.front())) inner.remove_prefix(1);
          bool selector = inner.starts_with("find") || inner.starts_with("/") ||
                          is_placement_pick(*token.value);
          token.expression = token.expression || !selector;
        } else {
          token.quoted = pos < end && text[pos] == '"';
          token.value = value();
          if (!token.value)
            return std::nullopt;
        }
      }
    }
    token.end = pos;
    token.expression = token.expression ||
                       uses_variable(std::string_view(text).substr(token.begin, pos - token.begin));
    out.push_back(std::move(token));
  }
  return out;
}

}  // namespace rosgen::routeros::detail
