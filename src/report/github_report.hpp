// GitHub Actions output of a review: one workflow command per finding, which GitHub shows as an
// annotation on the file and line (in the job summary and the pull request's diff).
#pragma once

#include <ostream>
#include <span>
#include <string>
#include <string_view>

#include "review/reviewer.hpp"

namespace mentor::report {

// Writes, for each finding that is not suppressed,
//   ::error file=PATH,line=L,endLine=L2,col=C,endColumn=C2,title=RULE-ID::MESSAGE
// with `warning` for warnings and `notice` for info, hint and praise. col and endColumn are
// UTF-16 code units (as GitHub's editor counts), and only given when the finding starts and ends
// on one line, as GitHub's annotations require. MESSAGE is the finding's message, then, after a
// blank line, the first paragraph of the rule's lesson. Identical annotations (one finding seen
// in several commits of the range) are written once.
// Suppressed findings are not annotated: the mentee already answered them in the code, and
// GitHub shows at most 10 annotations of each level per step. A last plain line (shown in the
// log, not as an annotation) tallies the findings, suppressed ones included.
void write_github(std::ostream& out, std::span<const review::CommitReview> reviews);

// `text` as the data of a workflow command (after `::`), by GitHub's rules: % \r \n become %25
// %0D %0A (so a line break shows in the annotation and can never end the command line); then
// util::terminal_safe shows every other control character and invalid UTF-8 visibly, as in the
// text output.
std::string github_escape_data(std::string_view text);

// `text` as a property value of a workflow command: as data, plus : and , become %3A and %2C.
std::string github_escape_property(std::string_view text);

}  // namespace mentor::report
