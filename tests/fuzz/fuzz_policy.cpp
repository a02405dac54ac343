// libFuzzer target: the policy front end and the whole compile pipeline on any bytes.
// Build: cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DROSGEN_FUZZ=ON
// Run:   build-fuzz/fuzz_policy -max_total_time=120 tests/fuzz/corpus-policy
#include <cstddef>
#include <cstdint>
#include <string>

#include "emit/rsc_writer.hpp"
#include "lower/lower.hpp"
#include "lower/order.hpp"
#include "optimise/explain.hpp"
#include "optimise/optimise.hpp"
#include "profile/default_profile.hpp"
#include "sema/check.hpp"
#include "sema/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rosgen::support::DiagnosticEngine diags;
  std::string text(reinterpret_cast<const char*>(data), size);
  auto loaded = rosgen::sema::load_policy_text("fuzz.pol", std::move(text), {}, diags);
  auto policy = rosgen::sema::check(loaded, {std::nullopt, "fuzz"}, diags);
  (void)rosgen::support::render_all(diags);
  if (policy) {
    // As compile runs it: stages ordered and covers chosen by the default profile, then
    // --explain; and the plain lowering (--no-optimise).
    namespace opt = rosgen::optimise;
    auto probability = opt::probability_from(rosgen::profile::default_profile(), *policy);
    rosgen::sema::Policy ordered = opt::order_stages(*policy, probability);
    auto ruleset = rosgen::lower::lower(ordered);
    auto decisions = opt::optimise(ruleset, probability);
    (void)rosgen::emit::emit_rsc(ruleset, {{}, "", {}});
    opt::ExplainInput input{&*policy, &ordered, &decisions, probability, "fuzz", 0, 0};
    (void)opt::explain(input);
    (void)rosgen::emit::emit_rsc(rosgen::lower::lower(*policy), {{}, "", {}});
  }
  return 0;
}
