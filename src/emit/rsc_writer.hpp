// IR -> RouterOS script text. Entry point: emit_rsc(). One "add" line per item under its
// menu header, properties in alphabetical order (as RouterOS exports print them), owned
// chains first and anchors last, so that an import never leaves a jump to a half-built
// chain. The output is a pure function of its inputs (byte-identical every run).
#pragma once

#include <string>
#include <vector>

#include "ir/ir.hpp"
#include "routeros/state.hpp"

namespace rosgen::emit {

struct ScriptHeader {
  std::vector<std::string> sources;  // main policy file first
  std::string digest;                // sha256 over the sources
};

std::string emit_rsc(const ir::Ruleset& ruleset, const ScriptHeader& header);

// A router state as a canonical compact export: a section header per non-empty menu,
// one add line per item in list order, remarks as '#' lines above their item.
std::string write_export(const routeros::RouterState& state);

// "name=value" as a script writes it; user text (comment, content, log-prefix) is always
// quoted, everything else only when it must be.
std::string property_text(const ir::Property& property);

}  // namespace rosgen::emit
