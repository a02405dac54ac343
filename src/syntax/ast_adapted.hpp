// Boost.Fusion adaptation of the syntax tree, so that X3 can fill it. Global scope, as
// Fusion requires. Included only by grammar_def.hpp.
#pragma once

#include <boost/fusion/include/adapt_struct.hpp>

#include "syntax/ast.hpp"

BOOST_FUSION_ADAPT_STRUCT(rosgen::syntax::ValueList, protocol, items)
BOOST_FUSION_ADAPT_STRUCT(rosgen::syntax::Source, mode, addresses)
BOOST_FUSION_ADAPT_STRUCT(rosgen::syntax::Verdict, kind, argument)
BOOST_FUSION_ADAPT_STRUCT(rosgen::syntax::Literal, nocase, body)
BOOST_FUSION_ADAPT_STRUCT(rosgen::syntax::Stage, anchor, alternatives)
BOOST_FUSION_ADAPT_STRUCT(rosgen::syntax::Setting, key, items)
BOOST_FUSION_ADAPT_STRUCT(rosgen::syntax::PolicyDecl, keyword, name, settings)
BOOST_FUSION_ADAPT_STRUCT(rosgen::syntax::Include, keyword, path)
BOOST_FUSION_ADAPT_STRUCT(rosgen::syntax::SetDecl, name, body)
BOOST_FUSION_ADAPT_STRUCT(rosgen::syntax::Cap, name, new_only, count, scope, source, target,
                          verdicts)
BOOST_FUSION_ADAPT_STRUCT(rosgen::syntax::Rate, name, rate, burst, scope, source, target, back_end,
                          verdicts)
BOOST_FUSION_ADAPT_STRUCT(rosgen::syntax::Signature, name, source, target, window, mode, stages,
                          verdicts)
