// Golden tests: every policy in examples/ and policies/ compiles to the script stored in
// tests/golden/compile/, byte for byte, twice in a row. ROSGEN_UPDATE_GOLDEN=1 rewrites
// the expectations (review the diff like code).
#include <doctest/doctest.h>

#include <algorithm>

#include "cli/app.hpp"
#include "test_util.hpp"

using namespace rosgen;
namespace fs = std::filesystem;

namespace {

// Runs from the source tree so that paths in headers and diagnostics are relative.
struct InSourceDir {
  fs::path saved = fs::current_path();
  InSourceDir() { fs::current_path(test::source_dir()); }
  ~InSourceDir() { fs::current_path(saved); }
};

std::vector<std::string> policy_files() {
  std::vector<std::string> out;
  for (const char* dir : {"examples", "policies"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(test::source_dir()) / dir)) {
      if (entry.path().extension() == ".pol") out.push_back(std::string(dir) + "/" + entry.path().filename().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void check_golden(const std::string& path, std::optional<int> target, const std::string& suffix) {
  support::DiagnosticEngine diags;
  cli::PipelineResult result = cli::run_pipeline({path, target, {}}, diags);
  std::string stderr_text = support::render_all(diags);
  REQUIRE_MESSAGE(result.script, stderr_text);
  support::DiagnosticEngine again_diags;
  cli::PipelineResult again = cli::run_pipeline({path, target, {}}, again_diags);
  CHECK_MESSAGE(*again.script == *result.script, "output differs between two runs");

  fs::path base = fs::path("tests/golden/compile") / fs::path(path).parent_path() /
                  (fs::path(path).stem().string() + suffix);
  auto expected = test::expectation(base.string() + ".rsc", *result.script);
  REQUIRE_MESSAGE(expected, "missing " << base << ".rsc (run with ROSGEN_UPDATE_GOLDEN=1)");
  CHECK(*expected == *result.script);
  auto expected_err = test::expectation(base.string() + ".err", stderr_text);
  REQUIRE_MESSAGE(expected_err, "missing " << base << ".err");
  CHECK(*expected_err == stderr_text);
}

}  // namespace

TEST_SUITE("golden") {
  TEST_CASE("golden: every example and library policy compiles to its stored script") {
    InSourceDir here;
    auto files = policy_files();
    CHECK(files.size() >= 5);
    for (const std::string& path : files) {
      INFO(path);
      check_golden(path, std::nullopt, "");
    }
  }

  TEST_CASE("golden: the cafe for RouterOS 6") {
    InSourceDir here;
    check_golden("examples/cafe.pol", 6, ".v6");
  }
}
