// `rosgen check`: the whole pipeline without output; diagnostics and a one-line summary.
#include <string>

#include "cli/app.hpp"
#include "support/utf8.hpp"

namespace rosgen::cli {

int run_check(const CheckOptions& options, const Environment& env) {
  support::DiagnosticEngine diags;
  PipelineResult result = run_pipeline(options.pipeline, diags);
  write_err(env, support::render_all(diags, {env.color}));
  if (!result.script)
    return kPolicyErrors;
  write_out(env, support::escape_controls(options.pipeline.path) +
                     ": ok: " + std::to_string(result.rules) +
                     (result.rules == 1 ? " rule, " : " rules, ") + std::to_string(result.items) +
                     " RouterOS items for RouterOS " + std::to_string(result.routeros) + "\n");
  return kOk;
}

}  // namespace rosgen::cli
