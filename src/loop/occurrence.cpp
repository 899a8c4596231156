// The relevant commits of a mentee for a rule or a skill (loop/occurrence.hpp).
#include "loop/occurrence.hpp"

#include "loop/commits.hpp"

namespace mentor::loop {

std::vector<RelevantCommit> relevant_commits(const std::vector<Occurrence>& occurrences,
                                             const std::vector<const CommitInput*>& reviewed,
                                             const Scope& scope, const Input& input) {
  std::vector<RelevantCommit> per_commit(reviewed.size());
  for (const auto& o : occurrences) {
    RelevantCommit& r = per_commit[o.commit];
    ++r.occurrences;
    if (o.confirmed)
      ++r.confirmed;
    r.severity += severity_weight(o.finding->severity);
  }
  std::vector<RelevantCommit> out;
  for (std::size_t i = 0; i < reviewed.size(); ++i) {
    RelevantCommit& r = per_commit[i];
    r.commit = reviewed[i];
    if (r.occurrences > 0 ||
        is_opportunity(*reviewed[i], scope, input.language_of, input.rule_applies))
      out.push_back(r);
  }
  return out;
}

}  // namespace mentor::loop
