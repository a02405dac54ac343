// What `rosgen diff` against one export shares with `diff --all` (fleet.cpp): reading
// the export, the warnings about it and the plan, and what a pending push makes it say.
// Entry points: compare_running(), pending_push_warning() (diff.cpp).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cli/app.hpp"
#include "diff/plan.hpp"
#include "routeros/script_reader.hpp"
#include "support/diagnostics.hpp"

namespace rosgen::cli {

// What `diff` does with an export once it is read (diff.cpp): the export read into
// `running` (its problems in `diags`), warnings about it (a RouterOS major other than the
// policy's, saying `version_hint` as the way out; the router's own configuration; another
// traffic profile), and the plan, or no plan when `diags` holds errors or `compiled` has
// no ruleset.
struct Comparison {
  routeros::ReadResult running;
  std::optional<diff::Plan> plan;
};

Comparison compare_running(
    const PipelineResult& compiled, const std::shared_ptr<const support::SourceFile>& file,
    support::DiagnosticEngine& diags,
    std::string_view version_hint = "use --target or the policy's 'routeros' setting");

// The warning for a router that holds an armed rosgen-push-* scheduler entry (another push
// waits for its confirmation, or is applying): the router will change when it fires, so
// a diff that finds it says so and never reports "in sync" (exit 2). `push_force` is the
// command that confirms it ("rosgen push cafe.pol --host ... --force").
std::string pending_push_warning(std::string_view policy, std::string_view push_force);

}  // namespace rosgen::cli
