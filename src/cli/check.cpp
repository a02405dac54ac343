// `rosgen check`: the whole pipeline without output; diagnostics and a one-line summary.
#include <ostream>

#include "cli/app.hpp"

namespace rosgen::cli {

int run_check(const CheckOptions& options, const Environment& env) {
  support::DiagnosticEngine diags;
  PipelineResult result = run_pipeline(options.pipeline, diags);
  *env.err << support::render_all(diags, {env.color});
  if (!result.script)
    return kPolicyErrors;
  *env.out << options.pipeline.path << ": ok: " << result.rules
           << (result.rules == 1 ? " rule, " : " rules, ") << result.items
           << " RouterOS items for RouterOS " << result.routeros << "\n";
  return kOk;
}

}  // namespace rosgen::cli
