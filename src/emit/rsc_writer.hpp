// IR -> RouterOS script text. Entry point: emit_rsc(). One "add" line per item under its
// menu header, properties in alphabetical order (as RouterOS exports print them), owned
// chains first and anchors last, so that an import never leaves a jump to a half-built
// chain. The output is a pure function of its inputs (byte-identical every run).
#pragma once

#include <string>
#include <vector>

#include "ir/ir.hpp"

namespace rosgen::emit {

struct ScriptHeader {
  std::vector<std::string> sources;  // main policy file first
  std::string digest;                // sha256 over the sources
};

std::string emit_rsc(const ir::Ruleset& ruleset, const ScriptHeader& header);

}  // namespace rosgen::emit
