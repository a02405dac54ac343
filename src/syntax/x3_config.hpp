// Iterator, skipper and context types shared by the grammar's declaration, definition
// and instantiation (they must agree exactly, or the rules will not link).
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <functional>
#include <type_traits>

namespace rosgen::syntax::parser {

namespace x3 = boost::spirit::x3;

using iterator_type = const char*;

// What token actions need to turn iterators into byte offsets.
struct ParseState {
  iterator_type base = nullptr;
};
struct parse_state_tag;

// Character classes as plain byte sets and ranges. X3's ctype-based classes (x3::space,
// x3::alnum, ...) assert on bytes >= 0x80 under the 'standard' encoding, and a policy
// file may contain any byte: these compare bytes and never classify through ctype.
inline auto const blank_char = x3::char_(" \t\r\n\v\f");
inline auto const digit_char = x3::char_('0', '9');
inline auto const alpha_char = x3::char_('a', 'z') | x3::char_('A', 'Z');
inline auto const alnum_char = alpha_char | digit_char;

// Blanks, newlines and '#' comments to the end of the line.
inline auto const skipper =
    blank_char | (x3::lit('#') >> *(x3::char_ - x3::eol) >> (x3::eol | x3::eoi));
using skipper_type = std::remove_const_t<decltype(skipper)>;

using phrase_context_type = x3::phrase_parse_context<skipper_type>::type;
using context_type =
    x3::context<parse_state_tag, std::reference_wrapper<ParseState>, phrase_context_type>;

}  // namespace rosgen::syntax::parser
