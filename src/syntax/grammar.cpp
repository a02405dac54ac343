// Instantiates the policy grammar's rules for the parser's iterator and context types.
// This is the only translation unit that compiles the X3 rule definitions.
#include "syntax/grammar_def.hpp"

namespace rosgen::syntax::parser {

BOOST_SPIRIT_INSTANTIATE(policy_decl_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(include_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(set_decl_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(cap_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(rate_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(signature_type, iterator_type, context_type)

policy_decl_type const& policy_decl() {
  return policy_decl_rule;
}

include_type const& include() {
  return include_rule;
}

set_decl_type const& set_decl() {
  return set_decl_rule;
}

cap_type const& cap() {
  return cap_rule;
}

rate_type const& rate() {
  return rate_rule;
}

signature_type const& signature() {
  return signature_rule;
}

}  // namespace rosgen::syntax::parser
