// Rule declarations of the policy grammar (one rule per statement kind). The parse
// driver (parse.cpp) picks the rule from the statement's first word, so that a syntax
// error in one statement does not hide errors in the next. Normative grammar:
// grammar/policy.ebnf.
#pragma once

#include "syntax/ast.hpp"
#include "syntax/x3_config.hpp"

namespace rosgen::syntax::parser {

struct policy_decl_class;
struct include_class;
struct set_decl_class;
struct cap_class;
struct rate_class;
struct signature_class;

using policy_decl_type = x3::rule<policy_decl_class, PolicyDecl>;
using include_type = x3::rule<include_class, Include>;
using set_decl_type = x3::rule<set_decl_class, SetDecl>;
using cap_type = x3::rule<cap_class, Cap>;
using rate_type = x3::rule<rate_class, Rate>;
using signature_type = x3::rule<signature_class, Signature>;

BOOST_SPIRIT_DECLARE(policy_decl_type, include_type, set_decl_type, cap_type, rate_type,
                     signature_type)

policy_decl_type const& policy_decl();
include_type const& include();
set_decl_type const& set_decl();
cap_type const& cap();
rate_type const& rate();
signature_type const& signature();

}  // namespace rosgen::syntax::parser
