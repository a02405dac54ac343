// `rosgen diff FILE --against EXPORT` and `rosgen diff FILE --host H`: what a push would
// change in the items this policy owns, as a terraform-like view, JSON, or a .rsc patch.
// With --host the export is read from the router over SSH in one command that changes
// nothing (live/read.hpp), named "host:port (export)" in messages; the plan and its
// renderings are the same. The same exec also asks whether this policy's scheduler entry
// rosgen-push-<policy> is armed (push/snapshot.hpp, read_live()): a push pending on the
// router means it will change when its entry fires, so the diff warns and exits 2 even
// when the plan is empty (--json: "pending": true). Exit 0 in sync, 2 differences (or a pending
// push), 1 errors (in the policy or the export), 3 I/O (the export file, or the router,
// cannot be read: connection, host key, login, a refused or dropped command; with --json
// a rosgen-diff/1 document says which), 64 usage (app.cpp). compare_running() is what
// this and `diff --all` (fleet.cpp) share: an export read, warned about, and planned
// against.
#include "cli/diff.hpp"

#include <algorithm>
#include <ostream>

#include "cli/diff_warnings.hpp"
#include "cli/ssh_options.hpp"
#include "diff/plan.hpp"
#include "push/snapshot.hpp"
#include "routeros/script_reader.hpp"
#include "routeros/state.hpp"
#include "support/errors.hpp"
#include "support/files.hpp"

namespace rosgen::cli {

Comparison compare_running(const PipelineResult& compiled,
                           const std::shared_ptr<const support::SourceFile>& file,
                           support::DiagnosticEngine& diags, std::string_view version_hint) {
  Comparison result{routeros::read_script(file, diags), std::nullopt};
  const routeros::ReadResult& running = result.running;
  const std::string& source = file->name();
  if (compiled.ruleset && running.routeros_major() &&
      *running.routeros_major() != compiled.ruleset->routeros) {
    diags.warning({}, "'" + source + "' comes from RouterOS " + *running.routeros_version +
                          " but the policy is compiled for RouterOS " +
                          std::to_string(compiled.ruleset->routeros) + " (" +
                          std::string(version_hint) + ")");
  }
  if (compiled.ruleset) {
    warn_running_configuration(*compiled.ruleset, running.state, source, diags);
    warn_profile_mismatch(file, compiled.profile_name, diags);
  }
  if (diags.has_errors() || !compiled.ruleset)
    return result;
  int major = running.routeros_major().value_or(compiled.ruleset->routeros);
  result.plan = diff::make_plan(*compiled.ruleset, running.state, major);
  return result;
}

std::string pending_push_warning(std::string_view policy, std::string_view push_force) {
  return "a rosgen push of this policy is pending on this router (its scheduler entry "
         "rosgen-push-" + std::string(policy) +
         " is armed): when its confirm timeout ends it restores the rules it replaced, so "
         "this comparison may not last; wait for it, or confirm it with `" +
         std::string(push_force) + "`";
}

namespace {

// `rendered` to standard output, or to the -o file.
void write_rendered(const DiffOptions& options, const std::string& rendered,
                    const std::vector<support::InputFile>& inputs, const Environment& env) {
  if (options.output.empty() || options.output == "-") {
    write_out(env, rendered);
  } else {
    support::write_output_file(options.output, rendered, inputs);
  }
}

// The export of the router options.ssh reaches and its push state, read over SSH in one
// exec. A transport::Error or live::ReadError (exit 3, app.cpp) stops the run here, with
// --json after a document that says why.
push::LiveRead read_router(const DiffOptions& options, const std::string& policy,
                           const std::vector<support::InputFile>& inputs, const Environment& env) {
  transport::Options ssh = with_notices(options.ssh, env);
  try {
    transport::Session session(ssh);
    return push::read_live(session, policy);
  } catch (const support::Error& e) {
    if (options.json)
      write_rendered(options, unreached_json("rosgen-diff/1", ssh, policy, e), inputs, env);
    throw;
  }
}

}  // namespace

int run_diff(const DiffOptions& options, const Environment& env) {
  support::DiagnosticEngine diags;
  PipelineResult compiled;
  try {
    compiled = run_pipeline(options.pipeline, diags);
  } catch (const support::IoError& e) {  // the policy cannot be read (exit 3, app.cpp)
    if (options.json && !options.ssh.host.empty()) {  // --host: a document, as when unreached
      write_rendered(options,
                     unreached_json("rosgen-diff/1", options.ssh, options.pipeline.path, e), {},
                     env);
    }
    throw;
  }
  std::vector<support::InputFile> inputs = compiled.inputs;
  std::shared_ptr<const support::SourceFile> file;
  std::optional<bool> pending;  // with --host: another push is pending on the router
  if (options.ssh.host.empty()) {
    // An I/O error (exit 3): the run stops here, like for a missing policy.
    file = support::open_source_file(options.against, &inputs);
  } else {
    if (diags.has_errors() || !compiled.ruleset) {  // no need to reach the router
      write_err(env, support::render_all(diags, {env.color}));
      if (options.json) {  // a CI parser still gets a document; the errors are on stderr
        write_rendered(options,
                       unreached_json("rosgen-diff/1", options.ssh, options.pipeline.path,
                                      support::Error("the policy has errors (on standard "
                                                     "error); the router was not read")),
                       inputs, env);
      }
      return kPolicyErrors;
    }
    push::LiveRead read = read_router(options, compiled.ruleset->policy, inputs, env);
    file = read.file;
    pending = read.armed_policy > 0;  // another policy's rollback leaves this one's items
  }
  Comparison compared = compare_running(compiled, file, diags);
  if (pending.value_or(false)) {
    std::string force = command_line("push", options.pipeline, options.ssh) + " --force";
    diags.warning({}, pending_push_warning(compiled.ruleset->policy, force));
  }
  write_err(env, support::render_all(diags, {env.color}));
  if (!compared.plan)
    return kPolicyErrors;

  const routeros::ReadResult& running = compared.running;
  const diff::Plan& plan = *compared.plan;
  const std::string& source = file->name();
  diff::RenderContext context{
      source, running.opaque_by_menu(), {}, env.color_out && options.output.empty()};
  constexpr std::size_t kLinesShown = 5;
  for (const routeros::OpaqueStatement& statement : running.opaque) {
    auto& lines = context.opaque_lines[statement.menu];
    if (lines.size() < kLinesShown && (lines.empty() || lines.back() != statement.line)) {
      lines.push_back(statement.line);
    }
  }
  std::string rendered = options.json     ? diff::render_json(plan, context, pending)
                         : options.script ? diff::render_script(plan, context)
                                          : diff::render_human(plan, context);
  write_rendered(options, rendered, inputs, env);
  return plan.in_sync() && !pending.value_or(false) ? kOk : kDifferences;
}

}  // namespace rosgen::cli
