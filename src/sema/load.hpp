// Reads a policy file and, recursively, the files it includes; parses each one.
// Entry point: load_policy(). Include search order: the including file's directory,
// then each --include-dir, then the library directory (policies/).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "support/diagnostics.hpp"
#include "syntax/ast.hpp"

namespace rosgen::sema {

struct LoadedStatement {
  std::shared_ptr<const support::SourceFile> file;
  syntax::Statement statement;
  bool from_include = false;
};

struct LoadedPolicy {
  std::vector<std::shared_ptr<const support::SourceFile>> files;  // main file first
  std::vector<LoadedStatement> statements;  // includes expanded in place (each file once)
};

struct LoadOptions {
  std::vector<std::string> include_dirs;
  std::string library_dir;  // empty: none
};

// The library directory compiled into rosgen (the source tree's policies/), unless the
// environment variable ROSGEN_LIBRARY_DIR names another.
std::string default_library_dir();

// Reads `path` and its includes. Unreadable files, include cycles and syntax errors
// become diagnostics; whatever could be read is returned.
LoadedPolicy load_policy(const std::string& path, const LoadOptions& options,
                         support::DiagnosticEngine& diags);

// The same for text already in memory (tests, benchmarks); includes resolve against
// the options' directories and the current directory.
LoadedPolicy load_policy_text(const std::string& name, std::string text, const LoadOptions& options,
                              support::DiagnosticEngine& diags);

}  // namespace rosgen::sema
