// The router `rosgen simulate` runs traffic through, built the way the command builds it,
// for the command and for tests that simulate a policy on a running configuration.
// Entry point: build_router().
#pragma once

#include <optional>
#include <vector>

#include "cli/app.hpp"
#include "routeros/state.hpp"
#include "simulate/engine.hpp"
#include "simulate/report.hpp"
#include "support/diagnostics.hpp"
#include "support/files.hpp"

namespace rosgen::cli {

struct SimulatedRouter {
  routeros::RouterState state;  // the running configuration with the rules on top
  int major = 7;                // RouterOS major version (the policy's, or the files')
  // Clients and interfaces: the policy's, then options.clients / --lan-iface / --wan-iface.
  simulate::SimulateOptions sim;
};

// The running configuration (options.with, read as an export), then the rules on top as
// /import would run them (a policy compiled with options.pipeline and imported, anchors
// and FastTrack guards placed as its script places them; or a .rsc script read on top).
// Problems go to `diags`; returns nullopt only when the policy does not compile (other
// errors, such as a script that stops half-way or no client prefix, are in `diags` with
// a router still returned). `context` (if given) receives the report's facts about the
// rules; `inputs` (if given) the files read. Throws support::IoError when a file cannot
// be read.
std::optional<SimulatedRouter> build_router(const SimulateOptions& options,
                                            support::DiagnosticEngine& diags,
                                            simulate::ReportContext* context = nullptr,
                                            std::vector<support::InputFile>* inputs = nullptr);

}  // namespace rosgen::cli
