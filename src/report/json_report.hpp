// Machine-readable output of a review.
#pragma once

#include <ostream>
#include <span>

#include "review/reviewer.hpp"

namespace mentor::report {

// Writes one JSON array with an object per finding: rule, severity, message, path, line,
// column, end_line, end_column, commit, author, fingerprint, skill. Bytes that are not valid
// UTF-8 are replaced by U+FFFD so the output is always valid JSON.
void write_json(std::ostream& out, std::span<const review::CommitReview> reviews);

}  // namespace mentor::report
