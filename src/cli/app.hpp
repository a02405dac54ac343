// The rosgen command line: builds the CLI11 app, runs the chosen command, and maps every
// outcome to an exit code (0 ok, 1 the policy has errors, 2 usage, 3 environment such
// as an unwritable output file). Entry point: run(); main() only calls it.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "emit/rsc_writer.hpp"
#include "ir/ir.hpp"
#include "support/diagnostics.hpp"

namespace rosgen::cli {

enum ExitCode { kOk = 0, kPolicyErrors = 1, kUsage = 2, kEnvironment = 3 };

struct Environment {
  std::ostream* out = nullptr;  // stdout: the script, summaries
  std::ostream* err = nullptr;  // stderr: diagnostics
  bool color = false;           // colour diagnostics (stderr is a TTY and NO_COLOR unset)
  bool color_out = false;       // colour reports on stdout (stdout is a TTY, NO_COLOR unset)
};

int run(int argc, const char* const* argv, const Environment& env);

// What compile and check share: load, check, order, lower, emit.
struct PipelineOptions {
  std::string path;
  std::optional<int> target;
  std::vector<std::string> include_dirs;
};

struct PipelineResult {
  std::optional<std::string> script;  // set when there were no errors
  std::optional<ir::Ruleset> ruleset;
  std::size_t rules = 0;
  std::size_t items = 0;
  int routeros = 7;
};

// Problems in the policy (and its includes) go to `diags`; throws support::IoError when
// the policy file itself cannot be read.
PipelineResult run_pipeline(const PipelineOptions& options, support::DiagnosticEngine& diags);

// Sets up the "compile" and "check" subcommands (compile.cpp, check.cpp).
struct CompileOptions {
  PipelineOptions pipeline;
  std::string output;  // empty: stdout
};

struct CheckOptions {
  PipelineOptions pipeline;
};

struct DiffOptions {
  PipelineOptions pipeline;
  std::string against;  // an export (.rsc) of the router
  bool json = false;
  bool script = false;
  std::string output;  // empty: stdout
};

int run_compile(const CompileOptions& options, const Environment& env);
int run_diff(const DiffOptions& options, const Environment& env);
int run_check(const CheckOptions& options, const Environment& env);

}  // namespace rosgen::cli
