// Stage ordering for in-one-packet signatures.
#include "lower/order.hpp"

#include <algorithm>

#include "lower/likelihood.hpp"

namespace rosgen::lower {

sema::Policy order(sema::Policy policy) {
  for (sema::Rule& rule : policy.rules) {
    auto* signature = std::get_if<sema::Signature>(&rule);
    if (signature == nullptr || signature->conjunction != sema::Conjunction::OnePacket)
      continue;
    std::stable_sort(signature->stages.begin(), signature->stages.end(),
                     [](const sema::Stage& a, const sema::Stage& b) {
                       return stage_order_key(a) < stage_order_key(b);
                     });
  }
  return policy;
}

}  // namespace rosgen::lower
