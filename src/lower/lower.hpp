// Lowers a checked (and ordered) policy to RouterOS items. Entry point: lower().
//
// Shape of the output, per hooked built-in chain (forward, input):
//   filter/mangle <builtin>: one anchor jump to rosgen-<policy>-fwd|in, gated on clients
//   filter rosgen-<p>-fwd:  quarantine drop, then per rule in author order: caps,
//                           jumps to SYN-rate chains, verdicts on signature marks
//   mangle rosgen-<p>-fwd:  signature gates (cheap: protocol, ports, packet size,
//                           connection-bytes) jumping to rosgen-<p>-sig-<name>, queue marks
// Signature chains mark packets (in one packet) or connections (in sequence) stage by
// stage; the last stage marks the connection rosgen-<p>-<name>, which the filter acts on.
// These are the names before the last pass, version.hpp, appends a content hash to every
// chain below the entry chains and to every layer7 protocol.
#pragma once

#include "ir/ir.hpp"
#include "sema/model.hpp"

namespace rosgen::lower {

ir::Ruleset lower(const sema::Policy& policy);

}  // namespace rosgen::lower
