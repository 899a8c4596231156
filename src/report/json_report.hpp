// Machine-readable output of a review.
#pragma once

#include <ostream>
#include <span>

#include "review/reviewer.hpp"

namespace mentor::report {

// Writes one JSON array with an object per finding: rule, severity, message, path, line,
// column, end_line, end_column, commit, author, fingerprint, skill, suppressed (and
// suppression_reason), fixed_later when true, and for a finding with a suggested fix an object
// fix {replacement, start_byte, end_byte, line, column, end_line, end_column}: the bytes
// [start_byte, end_byte) of the reviewed version become `replacement` (byte columns). Bytes that
// are not valid UTF-8 are replaced by U+FFFD so the output is always valid JSON.
void write_json(std::ostream& out, std::span<const review::CommitReview> reviews);

}  // namespace mentor::report
