// Policy text -> syntax tree. Entry point: parse_policy(). Statement by statement, so
// that one syntax error does not hide the next: after an error the parser resumes at
// the next line that starts a statement.
#pragma once

#include <memory>

#include "support/diagnostics.hpp"
#include "syntax/ast.hpp"

namespace rosgen::syntax {

// Parses a whole file. Syntax errors go to `diags`; the returned File holds every
// statement that parsed.
File parse_policy(const std::shared_ptr<const support::SourceFile>& file,
                  support::DiagnosticEngine& diags);

}  // namespace rosgen::syntax
