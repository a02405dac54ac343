// The broken-policy corpus: each tests/diagnostics/*.pol must fail `check` with exactly
// the diagnostics in the matching .err file (files under tests/diagnostics/inc/ are only
// included by the cases). ROSGEN_UPDATE_GOLDEN=1 rewrites the .err files.
#include <doctest/doctest.h>

#include <algorithm>

#include "cli/app.hpp"
#include "test_util.hpp"

using namespace rosgen;
namespace fs = std::filesystem;

TEST_SUITE("diagnostics corpus") {
  TEST_CASE("corpus: every broken policy fails with its exact diagnostics") {
    fs::path saved = fs::current_path();
    fs::current_path(test::source_dir());
    std::vector<std::string> cases;
    for (const auto& entry : fs::directory_iterator("tests/diagnostics")) {
      if (entry.path().extension() == ".pol")
        cases.push_back(entry.path().string());
    }
    std::sort(cases.begin(), cases.end());
    CHECK(cases.size() >= 30);
    for (const std::string& path : cases) {
      INFO(path);
      support::DiagnosticEngine diags;
      cli::PipelineResult result = cli::run_pipeline({path, std::nullopt, {}}, diags);
      CHECK_FALSE(result.script);
      CHECK(diags.has_errors());
      std::string actual = support::render_all(diags);
      fs::path err = fs::path(path).replace_extension(".err");
      auto expected = test::expectation(err, actual);
      REQUIRE_MESSAGE(expected, "missing " << err.string());
      CHECK(*expected == actual);
    }
    fs::current_path(saved);
  }
}
