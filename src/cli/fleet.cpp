// `--all`: a command on every router of the inventory (rosgen.toml) instead of one.
// run_fleet() is the part every fleet command shares (inventory, shard, one compile per
// distinct policy, the runner, the output); run_diff_all() plugs diff's job into it, and
// `push --all` plugs in its own (fleet.hpp, FleetJob).
#include "cli/fleet.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "cli/diff.hpp"
#include "cli/ssh_options.hpp"
#include "fleet/report.hpp"
#include "push/snapshot.hpp"
#include "support/errors.hpp"

namespace rosgen::cli {

namespace {

// What makes two routers' compiled policies the same.
using CompileKey = std::tuple<std::string, std::optional<int>, std::optional<bool>>;

CompileKey compile_key(const fleet::Router& router) {
  return {router.policy, router.target, router.anchor_top};
}

// A policy compiled for the routers that share its key: the result, or why those routers
// fail without being contacted.
struct CompiledPolicy {
  std::optional<PipelineResult> result;  // with a ruleset
  std::string failure;
};

// Compiles each distinct key of `routers` once, in inventory order, with its diagnostics
// on env.err as they come.
std::map<CompileKey, CompiledPolicy> compile_policies(const std::vector<fleet::Router>& routers,
                                                      const PipelineOptions& pipeline,
                                                      const Environment& env) {
  std::map<CompileKey, CompiledPolicy> compiled;
  for (const fleet::Router& router : routers) {
    CompileKey key = compile_key(router);
    if (compiled.contains(key))
      continue;
    CompiledPolicy& entry = compiled[key];
    PipelineOptions options = pipeline_for(pipeline, router);
    SiteOverrides overrides;
    overrides.anchor_top = router.anchor_top;
    support::DiagnosticEngine diags;
    std::optional<PipelineResult> result;
    try {
      result = run_pipeline(options, diags, overrides);
    } catch (const support::IoError& e) {  // the policy (or --profile) cannot be read
      entry.failure = e.what();
    }
    write_err(env, support::render_all(diags, {env.color}));
    if (result && result->ruleset && !diags.has_errors())
      entry.result = std::move(result);
    else if (result)
      entry.failure = "the policy '" + router.policy + "' has errors (on standard error)";
  }
  return compiled;
}

// A diagnostic on one line: "file:line:col: message", or the message without a location.
std::string one_line(const support::Diagnostic& diagnostic) {
  const support::SourceRange& range = diagnostic.range;
  if (range.file == nullptr)
    return diagnostic.message;
  support::SourceFile::LineCol at = range.file->line_col(range.begin);
  return range.file->name() + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
         ": " + diagnostic.message;
}

// The inventory, or nullopt when it has errors (on env.err; the first in `first_error`).
std::optional<fleet::Inventory> read_inventory(const FleetOptions& options,
                                               const Environment& env, std::string& first_error) {
  std::string path = options.inventory.empty() ? fleet::kDefaultInventory : options.inventory;
  support::DiagnosticEngine diags;
  std::optional<fleet::Inventory> inventory;
  try {
    inventory = fleet::load_inventory(path, diags);
  } catch (const support::IoError& e) {
    if (!options.inventory.empty())
      throw;
    throw support::IoError(std::string(e.what()) +
                           " (--all reads the routers from rosgen.toml in the working "
                           "directory; name another file with --inventory FILE)");
  }
  write_err(env, support::render_all(diags, {env.color}));
  for (const support::Diagnostic& d : diags.diagnostics()) {
    if (d.severity == support::Severity::Error) {
      first_error = one_line(d);
      break;
    }
  }
  return inventory;
}

// diff's job: read the router, plan against its export, report the counts. A router where
// a push of this policy is pending (its armed rosgen-push-<policy> entry) differs, whatever
// the plan: it will change when that entry fires.
fleet::RouterResult diff_router(const fleet::Router& router, const PipelineResult& compiled,
                                const PipelineOptions& pipeline) {
  transport::Session session(router.ssh);
  push::LiveRead read = push::read_live(session, compiled.ruleset->policy);
  support::DiagnosticEngine diags;
  Comparison compared = compare_running(compiled, read.file, diags,
                                        "set 'routeros' for this router in the inventory");
  fleet::RouterResult result;
  std::string error;
  for (const support::Diagnostic& d : diags.diagnostics()) {
    if (d.severity == support::Severity::Warning)
      result.warnings.push_back(one_line(d));
    else if (d.severity == support::Severity::Error && error.empty())
      error = one_line(d);
  }
  if (!compared.plan) {
    result.status = fleet::Status::Failed;
    result.message = "the router's export cannot be read" + (error.empty() ? "" : ": " + error);
    return result;
  }
  const diff::Plan& plan = *compared.plan;
  result.status =
      plan.in_sync() && read.armed_policy == 0 ? fleet::Status::InSync : fleet::Status::Differs;
  if (read.armed_policy > 0) {
    result.message = pending_push_warning(
        compiled.ruleset->policy,
        command_line("push", pipeline_for(pipeline, router), router.ssh) + " --force");
  }
  result.changes = changes_of(plan.summary);
  return result;
}

}  // namespace

fleet::Changes changes_of(const diff::Summary& summary) {
  return {summary.count(diff::Op::Add), summary.count(diff::Op::Change),
          summary.count(diff::Op::Move), summary.count(diff::Op::Remove)};
}

PipelineOptions pipeline_for(const PipelineOptions& pipeline, const fleet::Router& router) {
  PipelineOptions options = pipeline;
  options.path = router.policy;
  options.target = router.target;
  return options;
}

int run_fleet(std::string_view command, const FleetOptions& options,
              const PipelineOptions& pipeline, bool json, const FleetJob& job,
              const Environment& env, const std::atomic<bool>* interrupt) {
  // Without an inventory, --json still prints a document (render_error_json()).
  fleet::RunContext unread{std::string(command),
                           options.inventory.empty() ? fleet::kDefaultInventory
                                                     : options.inventory,
                           0, options.shard};
  std::optional<fleet::Inventory> inventory;
  std::string first_error;
  try {
    inventory = read_inventory(options, env, first_error);
  } catch (const support::IoError& e) {
    if (json)
      write_out(env, fleet::render_error_json(unread, e.what(), kEnvironment));
    throw;
  }
  if (!inventory) {
    if (json) {
      write_out(env, fleet::render_error_json(
                         unread, "the inventory has errors (on standard error; the first: " +
                                     first_error + ")",
                         kPolicyErrors));
    }
    return kPolicyErrors;
  }
  std::vector<fleet::Router> routers =
      options.shard ? fleet::select_shard(inventory->routers, *options.shard) : inventory->routers;
  std::map<CompileKey, CompiledPolicy> compiled = compile_policies(routers, pipeline, env);
  fleet::Job run_one = [&](const fleet::Router& router) {
    const CompiledPolicy& policy = compiled.at(compile_key(router));
    if (!policy.result)
      return fleet::RouterResult{fleet::Status::Failed, policy.failure, std::nullopt, {}, {}};
    // --all has no --accept-new-host-key (parallel runs would race on known_hosts): a
    // refused key names the single-router command that records it.
    fleet::Router reached = router;
    reached.ssh.record_key_command =
        diff_command(pipeline_for(pipeline, router), router.ssh) + " --accept-new-host-key";
    return job(reached, *policy.result);
  };
  std::size_t width = fleet::name_width(routers);
  fleet::Progress progress = [&](std::size_t index, const fleet::RouterResult& result) {
    std::string line = fleet::result_line(routers[index], result, width);
    json ? write_err(env, line) : write_out(env, line);
  };
  fleet::Report report =
      fleet::run(routers, run_one, {options.parallel, options.canary, interrupt}, progress);
  fleet::RunContext context{std::string(command), inventory->path, inventory->routers.size(),
                            options.shard};
  if (json) {
    write_out(env, fleet::render_json(routers, report, context));
  } else {
    write_out(env, (routers.empty() ? "" : "\n") + fleet::summary_text(routers, report, context));
  }
  return report.exit_code();
}

int run_diff_all(const DiffOptions& options, const Environment& env) {
  return run_fleet(
      "diff", options.fleet, options.pipeline, options.json,
      [&](const fleet::Router& router, const PipelineResult& compiled) {
        return diff_router(router, compiled, options.pipeline);
      },
      env);
}

}  // namespace rosgen::cli
