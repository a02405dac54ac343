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

// What the queue back end of a SYN rate really does (lowering writes it, the checker warns
// about it): a PCQ sub-stream per client host sent at `rate_bps`, with `limit_kib` KiB of
// buffer (RouterOS sizes pcq-limit in whole KiB, reference §2.1).
struct SynQueue {
  static constexpr std::uint32_t kSynBytes = 60;  // 20 IP + 20 TCP + 20 options (Linux)
  std::uint64_t rate_bps = 0;                     // count x 60 B x 8 / period, rounded up
  std::uint64_t limit_kib = 0;                    // burst x 60 B, rounded up to whole KiB
  std::uint64_t holds_syns = 0;                   // SYNs of 60 B the buffer holds
  double seconds_per_syn = 0;                     // time to send one queued SYN at rate_bps
};

SynQueue syn_queue(const Rate& rate);

// Number of case forms of a nocase literal: 2^(ASCII letters), saturating.
std::uint64_t case_variant_count(const std::string& bytes);

// Content rules a literal lowers to: its case forms when nocase, else 1. Saturating.
std::uint64_t case_forms(const Literal& literal);

// Content rules a stage lowers to: the case forms of all its alternatives. Saturating.
std::uint64_t case_forms(const Stage& stage);

// Bytes of the shortest alternative of `stage`: what a packet matching it holds at least.
std::size_t shortest_alternative(const Stage& stage);

}  // namespace rosgen::sema
