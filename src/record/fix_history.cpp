// Counting a mentee's recorded mistakes.
#include "record/fix_history.hpp"

namespace mentor::record {

review::PriorFindings prior_findings(const git::Repository& repo,
                                     const std::set<std::string>& excluded, const Warn& warn) {
  review::PriorFindings counts;
  for (const auto& [commit, record] : read_records(repo, {}, warn)) {
    if (excluded.contains(commit))
      continue;
    for (const auto& finding : record.findings) {
      if (!finding.suppressed)
        ++counts[{finding.rule, finding.author}];
    }
  }
  return counts;
}

}  // namespace mentor::record
