// Reads a policy file and, recursively, the files it includes; parses each one.
// Entry point: load_policy(). Include search order: the including file's directory,
// (symlinks resolved), then each --include-dir, then the library directory (policies/). Also owns
// how the script header names each source (LoadedSource::header_name), so that the same policy
// compiles to the same bytes whatever the working directory or the spelling of the path.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "support/diagnostics.hpp"
#include "support/files.hpp"
#include "syntax/ast.hpp"

namespace rosgen::sema {

struct LoadedStatement {
  std::shared_ptr<const support::SourceFile> file;
  syntax::Statement statement;
  bool from_include = false;
};

// What the script header and the output checks need to know about one loaded file.
struct LoadedSource {
  // Independent of the working directory, of how the path was typed and of where the
  // checkout lives (symlinks resolved first): the main policy by its file name
  // ("cafe.pol", also when reached through a link named otherwise); a file found in the
  // library directory as "library:<path in the library>" ("library:smtp-bots.pol"); any
  // other file by its path from the main policy's directory ("inc/x.pol", "../lib/x.pol").
  std::string header_name;
  support::FileIdentity identity;  // zero for text given in memory
};

struct LoadedPolicy {
  std::vector<std::shared_ptr<const support::SourceFile>> files;  // main file first
  std::vector<LoadedSource> sources;        // parallel to files
  std::vector<LoadedStatement> statements;  // includes expanded in place (each file once)
};

struct LoadOptions {
  std::vector<std::string> include_dirs;
  std::string library_dir;  // empty: none
};

// The library directory compiled into rosgen (the source tree's policies/), unless the
// environment variable ROSGEN_LIBRARY_DIR names another.
std::string default_library_dir();

// Reads `path` and its includes. Unreadable files (also files that are not regular
// files, or larger than support::kMaxInputBytes), include cycles and syntax errors
// become diagnostics; whatever could be read is returned. An included file whose first
// statement does not parse is reported once, at the include, without quoting it ("does
// not look like a policy file"), and nothing from it is used. Throws support::IoError
// when memory runs out while reading.
LoadedPolicy load_policy(const std::string& path, const LoadOptions& options,
                         support::DiagnosticEngine& diags);

// The same for text already in memory (the CLI reads the main file itself; tests,
// benchmarks); includes resolve against the directory of `name`, the options'
// directories and the library. `identity` is the main file's, when it was read from one.
LoadedPolicy load_policy_text(const std::string& name, std::string text, const LoadOptions& options,
                              support::DiagnosticEngine& diags,
                              support::FileIdentity identity = {});

}  // namespace rosgen::sema
