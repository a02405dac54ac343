// Definitions of the policy grammar's rules. Every leaf is a Token rule whose semantic
// action records the lexeme and its byte offsets; every rule has a human name, because
// that name becomes the "expected ..." of a syntax error. '>' commits once a construct
// is identified. Normative grammar: grammar/policy.ebnf.
#pragma once

#include <boost/spirit/home/x3.hpp>

#include "syntax/ast.hpp"
#include "syntax/ast_adapted.hpp"
#include "syntax/grammar.hpp"

namespace rosgen::syntax::parser {

using x3::char_;
using x3::lexeme;
using x3::lit;
using x3::raw;

// Stores the matched text and its offsets into the rule's Token.
struct set_token_f {
  template <typename Context>
  void operator()(Context& ctx) const {
    const auto& range = x3::_attr(ctx);
    const ParseState& state = x3::get<parse_state_tag>(ctx).get();
    Token& token = x3::_val(ctx);
    token.text.assign(range.begin(), range.end());
    token.begin = static_cast<std::uint32_t>(range.begin() - state.base);
    token.end = static_cast<std::uint32_t>(range.end() - state.base);
  }
};

inline constexpr set_token_f set_token{};

// Characters that continue a word; a '-' only when it does not start "->".
inline auto const word_char = alnum_char | char_('_') | (char_('-') >> !lit('>'));

inline auto kw(char const* word) {
  return lexeme[lit(word) >> !word_char];
}

template <typename ID>
auto token_rule(char const* name, auto const& expr) {
  return x3::rule<ID, Token>{name} = raw[lexeme[expr]][set_token];
}

template <typename ID>
auto keyword_rule(char const* name, auto const& expr) {
  return x3::rule<ID>{name} = expr;
}

// ---- tokens -----------------------------------------------------------------------
auto const reserved = kw("connections") | kw("new") | kw("per") | kw("to") | kw("from") |
                      kw("except") | kw("syn") | kw("burst") | kw("using") | kw("within") |
                      kw("first") | kw("tcp") | kw("udp");

// Words that start a statement end whatever list came before them.
auto const statement_word =
    kw("policy") | kw("include") | kw("set") | kw("cap") | kw("rate") | kw("signature");

auto const name =
    token_rule<struct name_class>("a name", !reserved >> (alpha_char | char_('_')) >> *word_char);
auto const count = token_rule<struct count_class>("a number", +digit_char >> !word_char);
// A keyword is never a value: "to tcp within first 2KiB" is every tcp port, then a window.
auto const value = token_rule<struct value_class>(
    "a value", !statement_word >> !reserved >> (alnum_char | char_("/_.")) >>
                   *(alnum_char | char_("_./:") | (char_('-') >> !lit('>'))));
auto const number_value =
    token_rule<struct number_value_class>("a value", digit_char >> *(alnum_char | char_("_./:")));
auto const string_end = keyword_rule<struct string_end_class>(
    "a closing '\"' (a string ends on the line it starts)", lit('"'));
auto const string = token_rule<struct string_class>(
    "a string in double quotes",
    lit('"') > *((lit('\\') >> ~char_('\n')) | ~char_("\"\\\n")) > string_end);
auto const hex = token_rule<struct hex_class>("hex bytes", lit("0x") >> *alnum_char);
auto const protocol =
    token_rule<struct protocol_class>("a protocol", (lit("tcp") | lit("udp")) >> !word_char);
auto const scope = token_rule<struct scope_class>(
    "'host' or a prefix length such as '/24'",
    (lit("host") >> !word_char) | (lit('/') >> +digit_char >> !word_char));
auto const rate_value = token_rule<struct rate_value_class>(
    "a rate such as '5/min'", +digit_char >> lit('/') >> +alpha_char >> !word_char);
auto const verdict_kind = token_rule<struct verdict_kind_class>(
    "a verdict (drop, reject, tarpit, log, quarantine, throttle)",
    (lit("drop") | lit("reject") | lit("tarpit") | lit("log") | lit("quarantine") |
     lit("throttle")) >>
        !word_char);
auto const back_end = token_rule<struct back_end_class>(
    "a back end ('dst-limit' or 'queue')", (lit("dst-limit") | lit("queue")) >> !word_char);
auto const source_mode = token_rule<struct source_mode_class>(
    "'from' or 'except'", (lit("from") | lit("except")) >> !word_char);
auto const setting_key = token_rule<struct setting_key_class>(
    "a setting (routeros, clients, uplink, hook, anchor, variant-budget) or '}'",
    alpha_char >> *word_char);
auto const setting_word = token_rule<struct setting_word_class>(
    "a value", !statement_word >> +(alnum_char | char_("_./:") | (char_('-') >> !lit('>'))));
auto const policy_kw = token_rule<struct policy_kw_class>("'policy'", lit("policy") >> !word_char);
auto const include_kw =
    token_rule<struct include_kw_class>("'include'", lit("include") >> !word_char);

// The mode token spans the whole phrase ("in one packet" / "in sequence").
auto const mode = x3::rule<struct mode_class, Token>{"'in one packet:' or 'in sequence:'"} =
    raw[kw("in") >> ((kw("one") >> kw("packet")) | kw("sequence"))][set_token];

auto const arrow = keyword_rule<struct arrow_class>("'->' and a verdict", lit("->"));
auto const colon = keyword_rule<struct colon_class>("':'", lit(':'));
auto const comma_or_end = keyword_rule<struct semi_class>("';' or '}'", lit(';') | &lit('}'));
auto const open_brace = keyword_rule<struct open_brace_class>("'{'", lit('{'));
auto const close_brace = keyword_rule<struct close_brace_class>("'}'", lit('}'));
auto const close_literals = keyword_rule<struct close_literals_class>(
    "'|' and an alternative, ',' and a literal, or '}'", lit('}'));
auto const start_kw = keyword_rule<struct start_kw_class>("'start' (after 'at')", kw("start"));
auto const equals = keyword_rule<struct equals_class>("'='", lit('='));
auto const connections_kw =
    keyword_rule<struct connections_kw_class>("'connections'", kw("connections"));
auto const per_kw = keyword_rule<struct per_kw_class>("'per'", kw("per"));
auto const to_kw = keyword_rule<struct to_kw_class>("'to' and a port list", kw("to"));
auto const syn_kw = keyword_rule<struct syn_kw_class>("'syn'", kw("syn"));
auto const first_kw = keyword_rule<struct first_kw_class>("'first'", kw("first"));

// ---- composites -------------------------------------------------------------------
// After a ',' another value must follow ("tcp 25," is an error, not a shorter list).
auto const values = x3::rule<struct values_class, std::vector<Token>>{
    "a list of values"} = value >> *(lit(',') > value);
// "tcp" alone means every tcp port; otherwise values follow.
auto const protocol_list = x3::rule<struct protocol_list_class, ValueList>{"a list of values"} =
    x3::repeat(1)[protocol] >> -values;
auto const plain_list = x3::rule<struct plain_list_class, ValueList>{"a list of values"} =
    x3::attr(std::vector<Token>()) >> values;
auto const value_list = x3::rule<struct value_list_class, ValueList>{"a list of values"} =
    protocol_list | plain_list;
auto const source = x3::rule<struct source_class, Source>{"'from' or 'except'"} =
    source_mode > value_list;
auto const verdict = x3::rule<struct verdict_class, Verdict>{
    "a verdict"} = verdict_kind >> -(string | number_value);
auto const verdicts = x3::rule<struct verdicts_class, std::vector<Verdict>>{
    "a verdict (drop, reject, tarpit, log, quarantine, throttle)"} = verdict % ',';
auto const literal_body = x3::rule<struct literal_body_class, Token>{
    "a literal (a string in double quotes or hex bytes such as 0x0d0a)"} = string | hex;
auto const literal = x3::rule<struct literal_class, Literal>{"a literal"} =
    x3::matches[kw("nocase")] >> literal_body;
// "at start", one token for the whole phrase (sema points at it).
auto const anchor = x3::rule<struct anchor_class, Token>{"'at start'"} =
    raw[lexeme[lit("at") >> !word_char] > start_kw][set_token];
auto const alternatives =
    x3::rule<struct alternatives_class, std::vector<Literal>>{
        "a literal (a string in double quotes or hex bytes such as 0x0d0a)"} = literal >>
                                                                               *(lit('|') >
                                                                                 literal);
auto const stage = x3::rule<struct stage_class, Stage>{"a literal"} = -anchor >> alternatives;
auto const stages =
    x3::rule<struct stages_class, std::vector<Stage>>{
        "a literal (a string in double quotes or hex bytes such as 0x0d0a)"} = stage >>
                                                                               *(lit(',') > stage);
auto const setting_item = x3::rule<struct setting_item_class, std::vector<Token>>{"a value"} =
    +setting_word;
// Optional clauses are rules of their own, so that X3 can append them to a 0..1 vector.
auto const to_clause = x3::rule<struct to_clause_class, ValueList>{"'to' and a port list"} =
    kw("to") > value_list;
auto const burst_clause = x3::rule<struct burst_clause_class, Token>{"'burst'"} =
    kw("burst") > count;
auto const using_clause = x3::rule<struct using_clause_class, Token>{"'using'"} =
    kw("using") > back_end;
auto const window_clause = x3::rule<struct window_clause_class, Token>{"'within first'"} =
    kw("within") > first_kw > value;
auto const verdict_clause =
    x3::rule<struct verdict_clause_class, std::vector<Verdict>>{"'->' and a verdict"} =
        lit("->") > verdicts;
auto const setting = x3::rule<struct setting_class, Setting>{"a setting"} = setting_key >
                                                                            (setting_item % ',');

// ---- statements -------------------------------------------------------------------
policy_decl_type const policy_decl_rule = "a policy block";
include_type const include_rule = "an include";
set_decl_type const set_decl_rule = "a set";
cap_type const cap_rule = "a cap rule";
rate_type const rate_rule = "a rate rule";
signature_type const signature_rule = "a signature";

auto const policy_decl_rule_def = policy_kw > name > open_brace >
                                  *(setting > comma_or_end) > close_brace;
auto const include_rule_def = include_kw > string;
auto const set_decl_rule_def = kw("set") > name > equals > value_list;
auto const cap_rule_def = kw("cap") > name > x3::matches[kw("new")] > connections_kw > count >
                          per_kw > scope > -source > -to_clause > arrow > verdicts;
auto const rate_rule_def = kw("rate") > name > syn_kw > rate_value > -burst_clause > per_kw >
                           scope > -source > to_kw > value_list > -using_clause > -verdict_clause;
auto const signature_rule_def = kw("signature") > name > -source > to_kw > value_list >
                                -window_clause > open_brace > mode > colon > stages >
                                close_literals > arrow > verdicts;

BOOST_SPIRIT_DEFINE(policy_decl_rule, include_rule, set_decl_rule, cap_rule, rate_rule,
                    signature_rule)

}  // namespace rosgen::syntax::parser
