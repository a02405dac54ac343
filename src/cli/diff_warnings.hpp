// Warnings `rosgen diff` gives about the router's own configuration, and about a script
// compiled with another traffic profile (diff_warnings.cpp). Entry points:
// warn_running_configuration(), warn_profile_mismatch().
#pragma once

#include <memory>
#include <string>

#include "emit/rsc_writer.hpp"
#include "ir/ir.hpp"
#include "routeros/state.hpp"
#include "support/diagnostics.hpp"

namespace rosgen::cli {

// Warns (in `diags`, without a location: the export's items are named by comment or
// number) where `running`, the router's configuration read from `against`, keeps
// `ruleset` from working: FastTrack on without a FastTrack guard (the policy hooks no
// forward chain); operator filter rules below the fasttrack-connection rule that the
// guard's accepted packets skip (anything but accept/log/passthrough that can see
// established packets); with 'anchor bottom', an 'accept established' rule above an
// anchor; operator mark-connection rules (without connection-mark=no-mark) whose
// protocol and dst-port overlap traffic rosgen marks; operator mangle rules with
// layer7-protocol= that meet a connection before an 'at start' signature's check (in
// prerouting, above the anchor in its hook chain, or in a chain of the operator's own)
// on overlapping protocol and dst-port. Sources: reference §5.1 (FastTrack), §1.1 (one
// connection mark per connection), §1.6 (layer7: first pattern that matches wins).
void warn_running_configuration(const ir::Ruleset& ruleset, const routeros::RouterState& running,
                                const std::string& against, support::DiagnosticEngine& diags);

// Warns (at the header line) when `against` is a script rosgen wrote whose header names
// another traffic profile than `used`, the one this diff compiles with (compared by
// SHA-256; --no-optimise is no profile): the optimiser orders stages and rules and
// chooses covers by the profile, so the plan would show changes that are only the
// profile's. Says nothing when the file names no profile: a router's export, or a
// script of a rosgen that did not write the line.
void warn_profile_mismatch(const std::shared_ptr<const support::SourceFile>& against,
                           const emit::ProfileName& used, support::DiagnosticEngine& diags);

}  // namespace rosgen::cli
