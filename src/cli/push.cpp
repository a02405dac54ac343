// `rosgen push POLICY --host H`: compiles the policy and puts it on the router with
// push::run() (push/push.hpp). Progress lines go to stderr when it is a terminal; the plan
// (human: whole with --dry-run, else its first lines) or the result (--json, schema
// rosgen-push/1, also when the router cannot be reached or read) goes to stdout. Exit
// codes: 0 applied or in sync, 2 --dry-run with changes, 1 policy errors or a push that
// was refused, failed or rolled back, 3 the router cannot be reached or read (nothing
// changed), 64 usage (app.cpp).
#include "push/push.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <nlohmann/json.hpp>

#include "cli/app.hpp"
#include "cli/diff_warnings.hpp"
#include "cli/fleet.hpp"
#include "cli/interrupt.hpp"
#include "cli/ssh_options.hpp"
#include "diff/plan.hpp"
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
  // null when the router was not read (interrupted before its answer)
  doc["routeros"] = result.planned ? nlohmann::ordered_json(result.routeros_version) : nullptr;
  // Whether the router differs from before the push; null: rosgen cannot know.
  doc["changed"] = result.changed ? nlohmann::ordered_json(*result.changed) : nullptr;
  // A push's rollback is still armed (push::Result); null: the router was not read.
  doc["pending"] = result.planned ? nlohmann::ordered_json(result.pending) : nullptr;
  nlohmann::ordered_json changes;  // null: no plan was made
  if (result.planned) {
    fleet::Changes counts = changes_of(result.plan.summary);
    changes = {{"add", counts.add},
               {"change", counts.change},
               {"move", counts.move},
               {"remove", counts.remove}};
  }
  doc["changes"] = changes;
  doc["round_trips"] = result.round_trips;
  doc["steps"] = result.steps;
  doc["details"] = result.details;
  // Router text may hold bytes that are not UTF-8: replace them rather than fail.
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// The status for a person: "in sync", "dry run", "rolled back", ...
std::string status_text(push::Status status) {
  std::string text = push::status_name(status);
  std::replace(text.begin(), text.end(), '_', ' ');
  return text;
}

// The lines of a plan a push shows: a longer plan shows its first changes a line each
// (diff::render_human_brief(); `rosgen diff` shows them all).
constexpr std::size_t kPlanLinesShown = 20;

int exit_code(const push::Result& result) {
  switch (result.status) {
    case push::Status::InSync:
    case push::Status::Applied:
      return kOk;
    case push::Status::DryRun:
      return kDifferences;
    case push::Status::Refused:
    case push::Status::RolledBack:
    case push::Status::Mixed:
    case push::Status::Failed:
      return kPolicyErrors;
    case push::Status::Interrupted:
      return kInterrupted;
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
  request.interrupt = interrupt_flag();
  return request;
}

// One router's push in a fleet run: its result as a fleet line, each push status under its
// own name (refused, mixed and interrupted are failures). In sync and dry run keep only
// the notice of a pending push from their message (the line shows the counts); a dry run
// in sync with this policy's push pending is a dry run (push::Status::DryRun). RouterOS's
// errors go into the result's details.
fleet::RouterResult push_router(const PushOptions& options, const fleet::Router& router,
                                const PipelineResult& compiled) {
  push::Request request = request_for(options, router.ssh, *compiled.ruleset);
  request.diff_command = diff_command(pipeline_for(options.pipeline, router), router.ssh);
  request.push_command = command_line("push", pipeline_for(options.pipeline, router), router.ssh);
  push::Result result = push::run(request);
  fleet::RouterResult out;
  switch (result.status) {
    case push::Status::InSync:
      out.status = fleet::Status::InSync;
      break;
    case push::Status::DryRun:
      out.status = fleet::Status::DryRun;
      break;
    case push::Status::Applied:
      out.status = fleet::Status::Applied;
      break;
    case push::Status::Refused:
      out.status = fleet::Status::Refused;
      break;
    case push::Status::RolledBack:
      out.status = fleet::Status::RolledBack;
      break;
    case push::Status::Mixed:
      out.status = fleet::Status::Mixed;
      break;
    case push::Status::Failed:
      out.status = fleet::Status::Failed;
      break;
    case push::Status::Interrupted:
      out.status = fleet::Status::Interrupted;
      break;
  }
  if (result.status == push::Status::InSync || result.status == push::Status::DryRun ||
      result.status == push::Status::Applied) {
    // The line shows the counts: only the notice (a pending push, what --force removed).
    // A dry run in sync (this policy's push pending) has no counts to lead its line.
    bool nothing = result.status == push::Status::DryRun && result.plan.in_sync();
    out.message = (nothing ? "nothing to change now. " : "") + result.notice;
  } else {
    out.message = result.message;
  }
  if (result.planned)
    out.changes = changes_of(result.plan.summary);
  out.details = result.details;
  return out;
}

}  // namespace

int run_push_all(const PushOptions& options, const Environment& env) {
  InterruptOnSignals interrupts;  // every router's push stops at its next check point
  return run_fleet(
      "push", options.fleet, options.pipeline, options.json,
      [&](const fleet::Router& router, const PipelineResult& compiled) {
        return push_router(options, router, compiled);
      },
      env, interrupt_flag());
}

int run_push(const PushOptions& options, const Environment& env) {
  support::DiagnosticEngine diags;
  PipelineResult compiled;
  try {
    compiled = run_pipeline(options.pipeline, diags);
  } catch (const support::IoError& e) {  // the policy cannot be read (exit 3, app.cpp)
    if (options.json)
      write_out(env, unreached_json("rosgen-push/1", options.ssh, options.pipeline.path, e));
    throw;
  }
  write_err(env, support::render_all(diags, {env.color}));
  if (diags.has_errors() || !compiled.ruleset) {
    if (options.json) {  // a CI parser still gets a document; the errors are on stderr
      write_out(env, unreached_json("rosgen-push/1", options.ssh, options.pipeline.path,
                                    support::Error("the policy has errors (on standard error); "
                                                   "nothing was sent")));
    }
    return kPolicyErrors;
  }

  const std::string& policy = compiled.ruleset->policy;
  transport::Options ssh = with_notices(options.ssh, env);
  push::Request request = request_for(options, ssh, *compiled.ruleset);
  request.diff_command = diff_command(options.pipeline, options.ssh);
  request.push_command = command_line("push", options.pipeline, options.ssh);
  if (::isatty(STDERR_FILENO) == 1)
    request.progress = [&env](const std::string& line) {
      write_err(env, "rosgen: " + line + "\n");
    };
  if (!options.json) {
    // What is about to change, before anything is written (its first lines: `rosgen diff`
    // shows them all).
    request.on_plan = [&](const diff::Plan& plan) {
      diff::RenderContext context{transport::endpoint_of(ssh) + " (export)", {}, {}, env.color_out};
      write_out(env, diff::render_human_brief(plan, context, kPlanLinesShown,
                                              request.diff_command + " shows them all"));
    };
  }
  push::Result result;
  try {
    InterruptOnSignals interrupts;
    result = push::run(request);
  } catch (const support::Error& e) {
    // A transport::Error or live::ReadError: nothing was changed (exit 3, app.cpp).
    if (options.json)
      write_out(env, unreached_json("rosgen-push/1", ssh, policy, e));
    throw;
  }

  if (options.json) {
    write_out(env, json_result(result, policy));
    return exit_code(result);
  }
  if (options.dry_run && !result.plan.in_sync()) {
    diff::RenderContext context{result.endpoint + " (export)", {}, {}, env.color_out};
    write_out(env, diff::render_human(result.plan, context));
  }
  std::string text =
      result.endpoint + ": " + status_text(result.status) + ": " + result.message + "\n";
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
