// libFuzzer target: diff fuzzed exports against real, non-empty policies (examples/cafe.pol
// and examples/hotspot.pol), so that canonical values, comparison and planning are
// fuzzed, in all three renderings; then the patch is applied to the export and the diff
// must be empty (the planner's promise). Seeded with ../shared/data/rsc and the golden
// files (tests/fuzz/run-diff-fuzz.sh).
// Build: cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DROSGEN_FUZZ=ON
// Run:   tests/fuzz/run-diff-fuzz.sh build-fuzz 600
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "diff/plan.hpp"
#include "routeros/script_reader.hpp"

namespace {

const std::vector<rosgen::ir::Ruleset>& desired() {
  static const std::vector<rosgen::ir::Ruleset> rulesets = [] {
    std::vector<rosgen::ir::Ruleset> out;
    // Each policy for the RouterOS version it names (cafe 7, hotspot 6): both sets of
    // canonical forms, at half the cost of every pairing.
    for (const char* path : {"/examples/cafe.pol", "/examples/hotspot.pol"}) {
      for (std::optional<int> target : {std::optional<int>{}}) {
        rosgen::support::DiagnosticEngine diags;
        auto result = rosgen::cli::run_pipeline({ROSGEN_SOURCE_DIR + std::string(path), target, {}},
                                                diags);
        if (!result.ruleset) {
          std::fprintf(stderr, "fuzz_diff: %s does not compile\n", path);
          std::abort();
        }
        out.push_back(std::move(*result.ruleset));
      }
    }
    return out;
  }();
  return rulesets;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto file = std::make_shared<const rosgen::support::SourceFile>("fuzz.rsc", std::move(text));
  rosgen::support::DiagnosticEngine diags;
  auto running = rosgen::routeros::read_script(file, diags);
  int major = running.routeros_major().value_or(7);
  rosgen::diff::RenderContext context{"fuzz.rsc", running.opaque_by_menu(), {}, false};
  for (const rosgen::ir::Ruleset& ruleset : desired()) {
    auto plan = rosgen::diff::make_plan(ruleset, running.state, major);
    (void)rosgen::diff::render_human(plan, context);
    (void)rosgen::diff::render_json(plan, context);
    std::string patch = rosgen::diff::render_script(plan, context);
    // The patch, applied to what the export says, must leave nothing to change.
    rosgen::support::DiagnosticEngine patch_diags;
    auto patch_file = std::make_shared<const rosgen::support::SourceFile>("patch.rsc", patch);
    auto patched = rosgen::routeros::read_script(patch_file, patch_diags, running.state);
    auto again = rosgen::diff::make_plan(ruleset, patched.state, major);
    if (!again.in_sync()) {
      std::fprintf(stderr, "fuzz_diff: the patch for '%s' does not converge:\n%s\n",
                   ruleset.policy.c_str(), rosgen::diff::render_human(again, context).c_str());
      std::abort();
    }
  }
  return 0;
}
