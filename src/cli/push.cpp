// `rosgen push POLICY --host H`: compiles the policy and puts it on the router with
// push::run() (push/push.hpp). Progress lines go to stderr when it is a terminal; the plan
// (human) or the result (--json, schema rosgen-push/1) goes to stdout. Exit codes: 0
// applied or in sync, 2 --dry-run with changes, 1 policy errors or a push that was
// refused, failed or rolled back, 3 the router cannot be reached or read (nothing
// changed), 64 usage (app.cpp).
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli/app.hpp"
#include "cli/fleet.hpp"
#include "cli/diff_warnings.hpp"
#include "diff/plan.hpp"
#include "push/push.hpp"
#include "support/errors.hpp"

namespace rosgen::cli {

namespace {

std::string json_result(const push::Result& result, const std::string& policy) {
  nlohmann::ordered_json doc;
  doc["schema"] = "rosgen-push/1";
  doc["router"] = result.endpoint;
  doc["policy"] = policy;
  doc["status"] = push::status_name(result.status);
  doc["message"] = result.message;
  doc["routeros"] = result.routeros_version;
  nlohmann::ordered_json changes;
  changes["add"] = result.plan.summary.count(diff::Op::Add);
  changes["change"] = result.plan.summary.count(diff::Op::Change);
  changes["move"] = result.plan.summary.count(diff::Op::Move);
  changes["remove"] = result.plan.summary.count(diff::Op::Remove);
  doc["changes"] = changes;
  doc["round_trips"] = result.round_trips;
  doc["steps"] = result.steps;
  doc["details"] = result.details;
  // Router text may hold bytes that are not UTF-8: replace them rather than fail.
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

int exit_code(const push::Result& result) {
  switch (result.status) {
    case push::Status::InSync:
    case push::Status::Applied: return kOk;
    case push::Status::DryRun: return kDifferences;
    case push::Status::Refused:
    case push::Status::RolledBack:
    case push::Status::Failed: return kPolicyErrors;
  }
  return kPolicyErrors;
}

// The push of `desired` to the router `ssh` reaches, with the command's options.
push::Request request_for(const PushOptions& options, const transport::Options& ssh,
                          const ir::Ruleset& desired) {
  push::Request request;
  request.ssh = ssh;
  request.desired = &desired;
  request.dry_run = options.dry_run;
  request.force = options.force;
  request.confirm_timeout = std::chrono::seconds(options.confirm_timeout);
  request.apply_limit = std::chrono::seconds(options.apply_timeout);
  return request;
}

// One router's push in a fleet run: its result as a fleet line. --dry-run with changes
// is "differs" (nothing was checked on the router); a refused push is a failure.
fleet::RouterResult push_router(const PushOptions& options, const fleet::Router& router,
                                const PipelineResult& compiled) {
  push::Request request = request_for(options, router.ssh, *compiled.ruleset);
  push::Result result = push::run(request);
  fleet::RouterResult out;
  switch (result.status) {
    case push::Status::InSync: out.status = fleet::Status::InSync; break;
    case push::Status::DryRun: out.status = fleet::Status::Differs; break;
    case push::Status::Applied: out.status = fleet::Status::Applied; break;
    case push::Status::RolledBack: out.status = fleet::Status::RolledBack; break;
    case push::Status::Refused:
    case push::Status::Failed: out.status = fleet::Status::Failed; break;
  }
  if (result.status != push::Status::InSync && result.status != push::Status::Applied)
    out.message = result.message;
  const diff::Summary& summary = result.plan.summary;
  out.changes = {summary.count(diff::Op::Add), summary.count(diff::Op::Change),
                 summary.count(diff::Op::Move), summary.count(diff::Op::Remove)};
  return out;
}

}  // namespace

int run_push_all(const PushOptions& options, const Environment& env) {
  return run_fleet("push", options.fleet, options.pipeline, options.json,
                   [&](const fleet::Router& router, const PipelineResult& compiled) {
                     return push_router(options, router, compiled);
                   },
                   env);
}

int run_push(const PushOptions& options, const Environment& env) {
  support::DiagnosticEngine diags;
  PipelineResult compiled = run_pipeline(options.pipeline, diags);
  write_err(env, support::render_all(diags, {env.color}));
  if (diags.has_errors() || !compiled.ruleset)
    return kPolicyErrors;

  push::Request request = request_for(options, options.ssh, *compiled.ruleset);
  if (::isatty(STDERR_FILENO) == 1)
    request.progress = [&env](const std::string& line) { write_err(env, "rosgen: " + line + "\n"); };
  // A transport::Error or live::ReadError here means nothing was changed (exit 3, app.cpp).
  push::Result result = push::run(request);

  const std::string& policy = compiled.ruleset->policy;
  if (options.json) {
    write_out(env, json_result(result, policy));
    return exit_code(result);
  }
  diff::RenderContext context{result.endpoint + " (export)", {}, {}, env.color_out};
  if (!result.plan.in_sync())
    write_out(env, diff::render_human(result.plan, context));
  std::string text = result.endpoint + ": " + push::status_name(result.status) + ": " +
                     result.message + "\n";
  for (const std::string& detail : result.details) text += "  " + detail + "\n";
  if (result.status == push::Status::Applied || result.status == push::Status::InSync ||
      result.status == push::Status::DryRun) {
    write_out(env, text);
  } else {
    write_err(env, "rosgen: error: " + text);
  }
  return exit_code(result);
}

}  // namespace rosgen::cli
