// What the findings record says about a mentee's earlier mistakes, for review::withhold_fixes.
#pragma once

#include <set>
#include <string>

#include "git/repository.hpp"
#include "record/findings_record.hpp"
#include "review/fix_gate.hpp"

namespace mentor::record {

// Counts the recorded findings (refs/notes/mentor) by rule and author, leaving out suppressed
// ones and those of `excluded` commits (the commits being reviewed now, which the run counts
// itself). Every other recorded commit counts as earlier. Reads every note once.
review::PriorFindings prior_findings(const git::Repository& repo,
                                     const std::set<std::string>& excluded, const Warn& warn);

}  // namespace mentor::record
