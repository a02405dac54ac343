// Golden tests: every policy in examples/ and policies/ compiles to the script stored in
// tests/golden/compile/, byte for byte, twice in a row. ROSGEN_UPDATE_GOLDEN=1 rewrites
// the expectations (review the diff like code).
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "cli/app.hpp"
#include "diff/plan.hpp"
#include "routeros/script_reader.hpp"
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
      if (entry.path().extension() == ".pol")
        out.push_back(std::string(dir) + "/" + entry.path().filename().string());
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

// Diff golden cases: tests/golden/diff/<case>/{desired.pol, running.rsc} and the expected
// human view, JSON, patch script and exit code, run through the real command line.
// Applying the expected patch to running.rsc must leave nothing to diff.
TEST_SUITE("golden") {
  TEST_CASE("golden: diff cases through the command line, and their patches converge") {
    InSourceDir here;
    std::vector<fs::path> cases;
    for (const auto& entry : fs::directory_iterator("tests/golden/diff"))
      cases.push_back(entry.path());
    std::sort(cases.begin(), cases.end());
    CHECK(cases.size() >= 2);
    for (const fs::path& dir : cases) {
      INFO(dir.string());
      std::string desired = (dir / "desired.pol").string();
      std::string running = (dir / "running.rsc").string();
      auto run = [&](std::vector<std::string> extra, int* code) {
        std::vector<std::string> args = {"rosgen", "diff", desired, "--against", running};
        args.insert(args.end(), extra.begin(), extra.end());
        std::vector<const char*> argv;
        for (const auto& a : args) argv.push_back(a.c_str());
        std::ostringstream out, err;
        *code = cli::run(static_cast<int>(argv.size()), argv.data(), {&out, &err, false, false});
        return out.str();
      };
      int code = 0, json_code = 0, script_code = 0;
      std::string human = run({}, &code);
      std::string json = run({"--json"}, &json_code);
      std::string script = run({"--script"}, &script_code);
      CHECK(code == json_code);
      CHECK(code == script_code);
      auto expected_exit = test::expectation(dir / "expected.exit", std::to_string(code) + "\n");
      REQUIRE(expected_exit);
      CHECK(*expected_exit == std::to_string(code) + "\n");
      // A plain pair, not a structured binding: clang 14 cannot capture those in the
      // lambdas doctest's macros make.
      for (const auto& entry : {std::pair{"expected.diff", &human},
                                {"expected.json", &json},
                                {"expected.patch.rsc", &script}}) {
        const char* name = entry.first;
        const std::string* actual = entry.second;
        auto expected = test::expectation(dir / name, *actual);
        REQUIRE_MESSAGE(expected, "missing " << (dir / name).string());
        CHECK(*expected == *actual);
      }
      // The proof: running + patch has nothing left to diff.
      support::DiagnosticEngine diags;
      auto running_file =
          std::make_shared<const support::SourceFile>(running, test::read_text(running));
      auto state = routeros::read_script(running_file, diags).state;
      auto patch_file = std::make_shared<const support::SourceFile>("patch.rsc", script);
      auto patched = routeros::read_script(patch_file, diags, state).state;
      CHECK_FALSE(diags.has_errors());
      support::DiagnosticEngine compile_diags;
      auto compiled = cli::run_pipeline({desired, std::nullopt, {}}, compile_diags);
      REQUIRE(compiled.ruleset);
      CHECK(diff::make_plan(*compiled.ruleset, patched, 7).in_sync());
    }
  }
}
