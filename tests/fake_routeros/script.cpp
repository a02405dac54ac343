// Statement splitting, words, heads and `where` clauses (see script.hpp).
#include "script.hpp"

#include <algorithm>
#include <regex>

#include "emit/quote.hpp"
#include "routeros/script_string.hpp"

namespace rosgen::fake {

namespace {

bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

bool path_word(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

char closing(char open) {
  return open == '[' ? ']' : open == '{' ? '}' : ')';
}

std::string trim(std::string_view text) {
  while (!text.empty() && (blank(text.front()) || text.front() == '\n')) text.remove_prefix(1);
  while (!text.empty() && (blank(text.back()) || text.back() == '\n')) text.remove_suffix(1);
  return std::string(text);
}

}  // namespace

SplitResult split_statements(std::string_view text) {
  SplitResult out;
  std::string current;
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  std::uint32_t start_line = 1;
  std::uint32_t start_column = 1;
  std::uint32_t open_line = 0;
  std::uint32_t open_column = 0;
  bool in_string = false;
  std::vector<char> depth;
  auto flush = [&] {
    std::string body = trim(current);
    if (!body.empty())
      out.statements.push_back({std::move(body), start_line, start_column});
    current.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool empty = trim(current).empty();
    if (empty && !in_string && depth.empty() && !blank(c) && c != '\n' && c != ';') {
      start_line = line;
      start_column = column;
      if (c == '#') {  // a comment: to the end of the line
        while (i < text.size() && text[i] != '\n') ++i;
        ++line;
        column = 1;
        continue;
      }
    }
    if (c == '\\' && i + 1 < text.size() &&
        (text[i + 1] == '\n' ||
         (text[i + 1] == '\r' && i + 2 < text.size() && text[i + 2] == '\n'))) {
      i += text[i + 1] == '\r' ? 2 : 1;
      ++line;
      column = 1;
      while (i + 1 < text.size() && blank(text[i + 1])) {
        ++i;
        ++column;
      }
      continue;
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    if (in_string) {
      current += c;
      if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') {
        current += text[++i];
        ++column;
      } else if (c == '"') {
        in_string = false;
      } else if (c == '\n') {
        out.error = "unterminated string";
        break;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      open_line = line;
      open_column = column - 1;
    } else if (c == '[' || c == '{' || c == '(') {
      if (depth.empty()) {
        open_line = line;
        open_column = column - 1;
      }
      depth.push_back(c);
    } else if (c == ']' || c == '}' || c == ')') {
      if (depth.empty() || closing(depth.back()) != c) {
        out.error = std::string("unexpected '") + c + "'";
        out.error_line = line;
        out.error_column = column - 1;
        return out;
      }
      depth.pop_back();
    } else if ((c == ';' || c == '\n') && depth.empty()) {
      flush();
      continue;
    }
    current += c;
  }
  if (in_string || !depth.empty() || out.error) {
    if (!out.error)
      out.error = in_string ? "unterminated string"
                            : std::string("missing '") + closing(depth.back()) + "'";
    out.error_line = open_line;
    out.error_column = open_column;
    return out;
  }
  flush();
  return out;
}

std::optional<std::vector<Word>> split_words(std::string_view text, std::string* error) {
  std::vector<Word> words;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && (blank(text[pos]) || text[pos] == '\n')) ++pos;
    if (pos >= text.size())
      break;
    std::size_t start = pos;
    bool in_string = false;
    int depth = 0;
    std::size_t op = std::string_view::npos;
    for (; pos < text.size(); ++pos) {
      char c = text[pos];
      if (in_string) {
        if (c == '\\')
          ++pos;
        else if (c == '"')
          in_string = false;
        continue;
      }
      if (c == '"') {
        in_string = true;
      } else if (c == '[' || c == '{' || c == '(') {
        ++depth;
      } else if (c == ']' || c == '}' || c == ')') {
        --depth;
      } else if (depth == 0 && (c == '=' || c == '~') && op == std::string_view::npos &&
                 pos > start) {
        op = pos;
      } else if (depth == 0 && (blank(c) || c == '\n')) {
        break;
      }
    }
    std::string_view raw = text.substr(start, pos - start);
    Word word;
    word.offset = start;
    auto decode = [&](std::string_view value, std::string* into) {
      if (value.empty() || value[0] != '"') {
        *into = std::string(value);
        return true;
      }
      std::size_t at = 0;
      std::optional<std::string> decoded = routeros::read_value(value, at, error);
      if (!decoded || at != value.size()) {
        if (error->empty())
          *error = "bad quoted value";
        return false;
      }
      *into = std::move(*decoded);
      word.quoted = true;
      return true;
    };
    std::string_view name = op == std::string_view::npos ? raw : raw.substr(0, op - start);
    bool named = op != std::string_view::npos && name.find('"') == std::string_view::npos &&
                 name.find('[') == std::string_view::npos;
    if (named) {
      word.name = std::string(name) + (text[op] == '~' ? "~" : "");
      std::string value;
      if (!decode(raw.substr(op - start + 1), &value))
        return std::nullopt;
      word.value = std::move(value);
    } else if (!decode(raw, &word.name)) {
      return std::nullopt;
    }
    words.push_back(std::move(word));
  }
  return words;
}

bool is_verb(std::string_view word) {
  static constexpr std::string_view kVerbs[] = {
      "add",   "set",  "remove", "move", "print",          "export", "enable", "disable",
      "unset", "edit", "find",   "get",  "reset-counters", "import", "comment"};
  return std::find(std::begin(kVerbs), std::end(kVerbs), word) != std::end(kVerbs);
}

std::optional<Head> parse_head(const std::vector<Word>& words,
                               const std::vector<std::string>& current) {
  Head head;
  head.path = current;
  std::size_t next = 0;
  if (!words.empty() && !words[0].value && !words[0].quoted && words[0].name.starts_with('/')) {
    head.path.clear();
    std::string_view rest = std::string_view(words[0].name).substr(1);
    while (!rest.empty()) {
      std::size_t slash = rest.find('/');
      std::string_view part = rest.substr(0, slash);
      if (!part.empty()) {
        if (!path_word(part))
          return std::nullopt;
        head.path.emplace_back(part);
      }
      rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    }
    next = 1;
    if (!head.path.empty() && is_verb(head.path.back())) {
      head.verb = head.path.back();
      head.path.pop_back();
      head.first_arg = 1;
      head.verb_offset = words[0].offset;
      return head;
    }
  }
  while (next < words.size() && !words[next].value && !words[next].quoted &&
         path_word(words[next].name) && !is_verb(words[next].name)) {
    head.path.push_back(words[next].name);
    ++next;
  }
  if (next < words.size()) {
    head.verb = words[next].value ? words[next].name + "=" : words[next].name;
    head.verb_offset = words[next].offset;
    head.first_arg = next + 1;
  } else {
    head.first_arg = next;
  }
  return head;
}

std::string path_text(const std::vector<std::string>& path) {
  std::string out = "/";
  for (std::size_t i = 0; i < path.size(); ++i) out += (i ? " " : "") + path[i];
  return out;
}

std::optional<Where> Where::parse(const std::vector<Word>& words, std::size_t first,
                                  std::string* error) {
  Where where;
  for (std::size_t i = first; i < words.size(); ++i) {
    const Word& word = words[i];
    if (!word.value && (word.name == "where" || word.name == "and" || word.name == "&&"))
      continue;
    Condition condition;
    if (word.value) {
      condition.value = *word.value;
      condition.name = word.name;
      condition.op = Condition::Op::Equal;
      if (condition.name.ends_with("~")) {
        condition.op = Condition::Op::Regex;
        condition.name.pop_back();
      } else if (condition.name.ends_with("!")) {
        condition.op = Condition::Op::NotEqual;
        condition.name.pop_back();
      }
    } else if (word.name.starts_with('!') && word.name.size() > 1) {
      condition.name = word.name.substr(1);
      condition.op = Condition::Op::NotFlag;
    } else if (path_word(word.name)) {
      condition.name = word.name;
      condition.op = Condition::Op::Flag;
    } else {
      *error = "expected a condition, found '" + word.name + "'";
      return std::nullopt;
    }
    if (condition.op == Condition::Op::Regex) {
      try {
        std::regex check(condition.value, std::regex::extended);
      } catch (const std::regex_error&) {
        *error = "bad regular expression '" + condition.value + "'";
        return std::nullopt;
      }
    }
    where.conditions_.push_back(std::move(condition));
  }
  return where;
}

bool Where::matches(const Record& record) const {
  for (const Condition& condition : conditions_) {
    auto it = record.find(condition.name);
    bool flag_default =
        condition.name == "disabled" || condition.name == "dynamic" || condition.name == "invalid";
    std::string value = it != record.end() ? it->second : flag_default ? "no" : "";
    if (value == "true")
      value = "yes";
    if (value == "false")
      value = "no";
    std::string want = condition.value == "true"    ? "yes"
                       : condition.value == "false" ? "no"
                                                    : condition.value;
    bool ok = true;
    switch (condition.op) {
      case Condition::Op::Equal:
        ok = value == want;
        break;
      case Condition::Op::NotEqual:
        ok = value != want;
        break;
      case Condition::Op::Regex:
        ok = std::regex_search(value, std::regex(condition.value, std::regex::extended));
        break;
      case Condition::Op::Flag:
        ok = value == "yes";
        break;
      case Condition::Op::NotFlag:
        ok = value != "yes";
        break;
    }
    if (!ok)
      return false;
  }
  return true;
}

std::string inner(std::string_view bracketed) {
  if (bracketed.size() >= 2 && (bracketed.front() == '[' || bracketed.front() == '{')) {
    bracketed.remove_prefix(1);
    bracketed.remove_suffix(1);
  }
  return trim(bracketed);
}

std::string shown(std::string_view value) {
  return emit::quote_value(value);
}

}  // namespace rosgen::fake
