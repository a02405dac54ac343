// Test helpers for the export reader: read text or a shared export and keep the result,
// the rendered diagnostics and whether there were errors.
#pragma once

#include <memory>
#include <string>

#include "routeros/script_reader.hpp"
#include "support/diagnostics.hpp"
#include "test_util.hpp"

namespace rosgen::test {

struct Read {
  routeros::ReadResult result;
  std::string diagnostics;
  bool errors = false;
};

// Reads `text` as an export named `name`.
inline Read read(const std::string& text, const std::string& name = "x.rsc") {
  support::DiagnosticEngine diags;
  auto file = std::make_shared<const support::SourceFile>(name, text);
  Read out{routeros::read_script(file, diags), support::render_all(diags), diags.has_errors()};
  return out;
}

// Reads ../shared/data/rsc/<name>.
inline Read read_data(const std::string& name) {
  return read(read_text(shared_data_dir() + "/rsc/" + name), name);
}

}  // namespace rosgen::test
