// Loaded syntax -> checked policy: resolves set and rule names, converts and
// range-checks every value, validates verdict combinations and settings, and lints
// (connection caps without a new-connection gate, unused sets, and the signature lints
// of lint.hpp).
// Entry point: check().
#pragma once

#include <optional>
#include <string>

#include "sema/load.hpp"
#include "sema/model.hpp"
#include "support/diagnostics.hpp"

namespace rosgen::sema {

struct CheckOptions {
  std::optional<int> target;  // --target: overrides the policy's 'routeros' setting
  std::string fallback_name;  // policy name when the file has no policy block
};

// Returns the checked policy, or nullopt when any error was reported.
std::optional<Policy> check(const LoadedPolicy& loaded, const CheckOptions& options,
                            support::DiagnosticEngine& diags);

// A policy name derived from a file name: "examples/Cafe Net.pol" -> "cafe-net".
std::string policy_name_from_path(const std::string& path);

// Number of case forms of a nocase literal: 2^(ASCII letters), saturating.
std::uint64_t case_variant_count(const std::string& bytes);

}  // namespace rosgen::sema
