// Lints over the checked policy that look at several rules at once. Entry point:
// lint_overlapping_signatures_of().
#pragma once

#include <vector>

#include "sema/model.hpp"
#include "support/diagnostics.hpp"

namespace rosgen::sema {

struct SignatureAt {
  const Signature* signature = nullptr;
  support::SourceRange name;  // where the signature is named, for the warning
};

// Warns once for each signature that watches a port an earlier one watches too: a
// connection carries one connection mark, so one can overwrite the other's progress.
void lint_overlapping_signatures_of(const std::vector<SignatureAt>& signatures,
                                    support::DiagnosticEngine& diags);

}  // namespace rosgen::sema
