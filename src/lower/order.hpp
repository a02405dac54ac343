// Ordering passes on the checked policy, run before lowering. Entry point: order().
// In-one-packet signatures: stages sorted by cost/(1-p) (likelihood.hpp), ties kept in
// author order. In-sequence signatures keep author order: it is their meaning.
// Rules keep author order (first match wins); the optimiser reorders lowered rules that
// provably commute (optimise/commute.hpp).
#pragma once

#include "sema/model.hpp"

namespace rosgen::lower {

sema::Policy order(sema::Policy policy);

}  // namespace rosgen::lower
