// libFuzzer target: the RouterOS export/script reader, the diff planner and the /import
// model on any bytes.
// Build: cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DROSGEN_FUZZ=ON
// Run:   build-fuzz/fuzz_export -max_total_time=120 tests/fuzz/corpus-export
#include <cstddef>
#include <cstdint>
#include <string>

#include "diff/plan.hpp"
#include "routeros/script_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rosgen::support::DiagnosticEngine diags;
  std::string text(reinterpret_cast<const char*>(data), size);
  auto file = std::make_shared<const rosgen::support::SourceFile>("fuzz.rsc", std::move(text));
  auto result = rosgen::routeros::read_script(file, diags);
  (void)rosgen::support::render_all(diags);
  rosgen::ir::Ruleset desired;
  desired.policy = "p";
  auto plan = rosgen::diff::make_plan(desired, result.state, result.routeros_major().value_or(7));
  (void)rosgen::diff::render_script(plan, {"fuzz.rsc", {}, {}, false});
  // The same bytes run as /import on a router with FastTrack on (the model's refusals,
  // placement blocks, the dynamic counter rule), and read twice in import mode.
  rosgen::routeros::ReadOptions import;
  import.import = true;
  rosgen::routeros::RouterState router;
  router.items(rosgen::ir::Menu::Filter).push_back(rosgen::routeros::fasttrack_counter_rule());
  auto once = rosgen::routeros::read_script(file, diags, router, import);
  (void)rosgen::routeros::read_script(file, diags, once.state, import);
  return 0;
}
