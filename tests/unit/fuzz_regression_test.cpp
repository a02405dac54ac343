// Every finding of the fuzzers is kept and replayed here. The diff fuzzer's
// (tests/fuzz/fuzz_diff.cpp) are in tests/fuzz/corpus-diff, replayed with its oracle: the
// patch for examples/cafe.pol and examples/hotspot.pol, applied to the export, leaves
// nothing to do. The simulator fuzzer's scenarios (tests/fuzz/corpus-simulate) must read
// without an exception.
#include <doctest/doctest.h>

#include <algorithm>

#include "capture/scenario.hpp"
#include "cli/app.hpp"
#include "diff/plan.hpp"
#include "routeros/script_reader.hpp"
#include "test_util.hpp"

using namespace rosgen;
namespace fs = std::filesystem;

TEST_SUITE("fuzz regressions") {
  TEST_CASE("fuzz: every diff finding converges for both example policies") {
    std::vector<ir::Ruleset> desired;
    for (const char* path : {"/examples/cafe.pol", "/examples/hotspot.pol"}) {
      support::DiagnosticEngine diags;
      auto result = cli::run_pipeline({test::source_dir() + path, std::nullopt, {}}, diags);
      REQUIRE(result.ruleset);
      desired.push_back(std::move(*result.ruleset));
    }
    std::vector<fs::path> cases;
    for (const auto& entry :
         fs::directory_iterator(fs::path(test::source_dir()) / "tests/fuzz/corpus-diff")) {
      cases.push_back(entry.path());
    }
    std::sort(cases.begin(), cases.end());
    CHECK(!cases.empty());
    for (const fs::path& path : cases) {
      INFO(path.filename().string());
      support::DiagnosticEngine diags;
      auto file = std::make_shared<const support::SourceFile>("fuzz.rsc", test::read_text(path));
      auto running = routeros::read_script(file, diags);
      int major = running.routeros_major().value_or(7);
      for (const ir::Ruleset& ruleset : desired) {
        INFO(ruleset.policy);
        auto plan = diff::make_plan(ruleset, running.state, major);
        std::string patch = diff::render_script(plan, {"fuzz.rsc", {}, {}, false});
        support::DiagnosticEngine patch_diags;
        auto patch_file = std::make_shared<const support::SourceFile>("patch.rsc", patch);
        auto patched = routeros::read_script(patch_file, patch_diags, running.state);
        CHECK(diff::make_plan(ruleset, patched.state, major).in_sync());
      }
    }
  }

  TEST_CASE("fuzz: every simulate seed and finding reads without an exception") {
    // tests/fuzz/corpus-simulate, as fuzz_simulate reads it: an even first byte means a
    // scenario (the rest is JSON), an odd one a stream of frames (not replayed here: the
    // decoder has its own damaged-frame tests).
    std::size_t scenarios = 0;
    for (const auto& entry :
         fs::directory_iterator(fs::path(test::source_dir()) / "tests/fuzz/corpus-simulate")) {
      std::string bytes = test::read_text(entry.path());
      if (bytes.empty() || static_cast<unsigned char>(bytes[0]) % 2 != 0)
        continue;
      INFO(entry.path().string());
      support::DiagnosticEngine diags;
      CHECK_NOTHROW((void)capture::parse_scenario("fuzz.json", bytes.substr(1), diags));
      ++scenarios;
    }
    CHECK(scenarios >= 2);  // the example scenario and the number-overflow finding
  }
}
