// Drives the X3 rules one statement at a time, turns expectation failures into
// "expected X, found Y" diagnostics, and resynchronises at the next statement. A 'from'
// or 'except' out of place gets a message saying where it goes in that kind of rule.
#include "syntax/parse.hpp"

#include <array>
#include <string_view>

#include "support/utf8.hpp"
#include "syntax/grammar.hpp"

namespace rosgen::syntax {

namespace {

namespace x3 = boost::spirit::x3;
using parser::iterator_type;

constexpr std::array<std::string_view, 6> kStatementWords = {"policy", "include", "set",
                                                             "cap",    "rate",    "signature"};

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// Skips blanks and comments, as the grammar's skipper does.
iterator_type skip_blanks(iterator_type first, iterator_type last) {
  x3::skip_over(first, last, x3::make_context<x3::skipper_tag>(parser::skipper));
  return first;
}

std::string_view word_at(iterator_type first, iterator_type last) {
  iterator_type p = first;
  while (p != last && is_word_char(*p)) ++p;
  return {first, static_cast<std::size_t>(p - first)};
}

// What the user wrote where something else was expected, for "found ..." in messages.
std::string describe_found(iterator_type where, iterator_type last) {
  if (where == last)
    return "end of file";
  std::string_view word = word_at(where, last);
  if (!word.empty())
    return "'" + std::string(support::utf8_prefix(word, 40)) + "'";
  unsigned char c = static_cast<unsigned char>(*where);
  if (c == '"')
    return "a string";
  if (c < 0x20 || c >= 0x7f) {
    static const char kHex[] = "0123456789abcdef";
    return std::string("byte 0x") + kHex[c >> 4] + kHex[c & 0xf];
  }
  return "'" + std::string(1, *where) + "'";
}

bool is_statement_word(std::string_view word) {
  for (std::string_view w : kStatementWords) {
    if (word == w)
      return true;
  }
  return false;
}

// Where to resume after an error at `p`: at `p` itself when it is a statement word that
// starts its line (the previous statement was cut short), else at the next line whose
// first word starts a statement.
iterator_type resync(iterator_type p, iterator_type last, iterator_type base) {
  iterator_type line_start = p;
  while (line_start != base && (line_start[-1] == ' ' || line_start[-1] == '\t')) --line_start;
  if ((line_start == base || line_start[-1] == '\n') && is_statement_word(word_at(p, last))) {
    return p;
  }
  while (p != last) {
    while (p != last && *p != '\n') ++p;
    if (p == last)
      break;
    ++p;
    iterator_type q = p;
    while (q != last && (*q == ' ' || *q == '\t' || *q == '\r')) ++q;
    if (is_statement_word(word_at(q, last)))
      return q;
  }
  return last;
}

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

constexpr const char* kOneSource =
    "a rule takes one 'from' or 'except', and this one already has one";

bool is_source_word(std::string_view word) {
  return word == "from" || word == "except";
}

// Whether the statement text [first, where) already holds a 'from' or 'except' word
// (strings and comments skipped).
bool has_source_word(iterator_type first, iterator_type where, iterator_type last) {
  iterator_type p = first;
  while (true) {
    p = skip_blanks(p, last);
    if (p >= where)
      return false;
    if (*p == '"') {
      ++p;
      while (p < where && *p != '"' && *p != '\n') p += (*p == '\\' && p + 1 < where) ? 2 : 1;
      if (p < where)
        ++p;
      continue;
    }
    std::string_view word = word_at(p, last);
    if (word.empty()) {
      ++p;
      continue;
    }
    if (is_source_word(word))
      return true;
    p += static_cast<std::ptrdiff_t>(word.size());
  }
}

// Where 'from' / 'except' (`source`) belongs in a rule of kind `rule` ("cap", "rate",
// "signature") named `name`: the message for one written elsewhere.
std::string misplaced_source_message(std::string_view rule, std::string_view source,
                                     std::string_view name) {
  std::string word(source);
  std::string rule_name = name.empty() ? "NAME" : std::string(name);
  if (rule == "signature") {
    return "'" + word + "' goes before 'to': signature " + rule_name + " " + word +
           " SET to PORTS within first SIZE { ... } -> VERDICTS";
  }
  if (rule == "rate") {
    return "'" + word + "' goes after 'per host' and before 'to': rate " + rule_name +
           " syn N/min per host " + word + " SET to PORTS -> VERDICTS";
  }
  return "'" + word + "' goes after 'per host' and before 'to': cap " + rule_name +
         " new connections N per host " + word + " SET to PORTS -> VERDICTS";
}

bool is_rule_word(std::string_view word) {
  return word == "cap" || word == "rate" || word == "signature";
}

// The name written after a statement's keyword at `start`, if any.
std::string_view name_after_keyword(iterator_type start, iterator_type last) {
  std::string_view keyword = word_at(start, last);
  iterator_type p = skip_blanks(start + static_cast<std::ptrdiff_t>(keyword.size()), last);
  std::string_view name = word_at(p, last);
  return is_source_word(name) ? std::string_view() : name;
}

template <typename Rule, typename Attr>
bool run(const Rule& rule, iterator_type& first, iterator_type last, parser::ParseState& state,
         Attr& attr) {
  auto const parser = x3::with<parser::parse_state_tag>(std::ref(state))[rule];
  return x3::phrase_parse(first, last, parser, parser::skipper, attr);
}

template <typename Rule, typename Node>
bool parse_statement(const Rule& rule, iterator_type& first, iterator_type last,
                     parser::ParseState& state, File& out) {
  Node node;
  if (!run(rule, first, last, state, node))
    return false;
  out.statements.emplace_back(std::move(node));
  return true;
}

}  // namespace

File parse_policy(const std::shared_ptr<const support::SourceFile>& file,
                  support::DiagnosticEngine& diags) {
  File out;
  const std::string& text = file->text();
  iterator_type base = text.data();
  iterator_type last = base + text.size();
  parser::ParseState state{base};
  auto range_at = [&](iterator_type p, iterator_type end) {
    return support::SourceRange{file, static_cast<std::uint32_t>(p - base),
                                static_cast<std::uint32_t>(end - base)};
  };

  // The last statement parsed, when it was a rule ("cap", "rate", "signature") that ended
  // just before the current position: a 'from' after it was meant to be part of it.
  // A UTF-8 byte-order mark (EF BB BF), which some Windows editors write at the start of
  // a file, is skipped. Offsets still count from the file's first byte, so only columns
  // on line 1 include the mark's three bytes; later lines are unchanged.
  iterator_type body = base;
  if (text.starts_with(kUtf8Bom))
    body += kUtf8Bom.size();
  std::string_view last_rule;
  std::string last_rule_name;
  iterator_type last_rule_start = body;
  iterator_type first = skip_blanks(body, last);
  while (first != last) {
    if (*first == ';') {  // a stray ';' between statements is harmless
      first = skip_blanks(first + 1, last);
      continue;
    }
    std::string_view word = word_at(first, last);
    iterator_type start = first;
    bool ok = false;
    try {
      if (word == "policy") {
        ok = parse_statement<parser::policy_decl_type, PolicyDecl>(parser::policy_decl(), first,
                                                                   last, state, out);
      } else if (word == "include") {
        ok = parse_statement<parser::include_type, Include>(parser::include(), first, last, state,
                                                            out);
      } else if (word == "set") {
        ok = parse_statement<parser::set_decl_type, SetDecl>(parser::set_decl(), first, last, state,
                                                             out);
      } else if (word == "cap") {
        ok = parse_statement<parser::cap_type, Cap>(parser::cap(), first, last, state, out);
      } else if (word == "rate") {
        ok = parse_statement<parser::rate_type, Rate>(parser::rate(), first, last, state, out);
      } else if (word == "signature") {
        ok = parse_statement<parser::signature_type, Signature>(parser::signature(), first, last,
                                                                state, out);
      }
      if (ok) {
        last_rule = is_rule_word(word) ? word : std::string_view();
        last_rule_name = std::string(name_after_keyword(start, last));
        last_rule_start = start;
      } else {
        iterator_type end = first + std::max<std::size_t>(1, word.size());
        if (is_source_word(word) && !last_rule.empty()) {
          // "rate r syn 5/min per host to smtp from lan": the rule parsed without it.
          diags.error(range_at(first, std::min(end, last)),
                      has_source_word(last_rule_start, first, last)
                          ? kOneSource
                          : misplaced_source_message(last_rule, word, last_rule_name));
        } else {
          diags.error(range_at(first, std::min(end, last)),
                      "expected a statement (policy, include, set, cap, rate, signature), "
                      "found " +
                          describe_found(first, last));
        }
        last_rule = {};
        first = resync(start + 1, last, body);  // never stay on the failed word
      }
    } catch (const x3::expectation_failure<iterator_type>& failure) {
      last_rule = {};
      // An unterminated string is reported where its line ends, not at the next token.
      bool unterminated = failure.which().rfind("a closing '\"'", 0) == 0;
      iterator_type where = unterminated ? failure.where() : skip_blanks(failure.where(), last);
      if (unterminated) {
        diags.error(range_at(where, where),
                    "unterminated string: expected a closing '\"' "
                    "before the end of the line");
        first = resync(where, last, body);
        first = skip_blanks(first, last);
        continue;
      }
      std::string_view found = word_at(where, last);
      iterator_type end = where + std::max<std::size_t>(1, found.size());
      if (is_source_word(found) && is_rule_word(word)) {
        // A 'from' or 'except' out of place: say where it goes rather than what the
        // grammar expected at this point.
        diags.error(range_at(where, std::min(end, last)),
                    has_source_word(start, where, last)
                        ? kOneSource
                        : misplaced_source_message(word, found, name_after_keyword(start, last)));
      } else {
        diags.error(range_at(where, std::min(end, last)),
                    "expected " + failure.which() + ", found " + describe_found(where, last));
      }
      first = where > start ? resync(where, last, body) : resync(start + 1, last, body);
    }
    first = skip_blanks(first, last);
  }
  return out;
}

}  // namespace rosgen::syntax
