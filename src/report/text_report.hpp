// Compiler-style text output of a review.
#pragma once

#include <ostream>
#include <span>

#include "review/reviewer.hpp"

namespace mentor::report {

struct TextOptions {
  bool color = false;  // ANSI colours (the CLI decides: a terminal and no NO_COLOR)
  bool quiet = false;  // findings only: no commit headers, no closing tally
};

// Writes each finding as `path:line:col: severity: message [rule-id]`, then the source line and
// a caret under the reported span, then, for a finding with a fix, "suggested fix:" and its
// diff (write_fix_diff); findings are grouped under a one-line header per commit.
// Ends with a tally such as "3 findings (1 error, 2 warnings) in 2 of 5 commits".
void write_text(std::ostream& out, std::span<const review::CommitReview> reviews,
                const TextOptions& options);

}  // namespace mentor::report
