// One mentee's occurrences of a mistake and the commits they are counted
// over (the relevant commits), shared by the tallies (summary.cpp) and lesson effectiveness
// (lesson_effect.cpp) so that both count the same way (docs/mentoring.md, "Trends").
#pragma once

#include <cstddef>
#include <vector>

#include "loop/opportunity.hpp"
#include "record/findings_record.hpp"

namespace mentor::loop {

struct CommitInput;
struct Input;

// One occurrence (a finding counted as a mistake) in one reviewed commit of a mentee.
struct Occurrence {
  std::size_t commit = 0;  // index into the mentee's reviewed commits
  const record::RecordedFinding* finding = nullptr;
  double weight = 0;  // severity weight, times confirmed_weight when confirmed
  bool confirmed = false;
};

// A relevant commit of a mentee for a rule or a skill: an opportunity, or a commit with an
// occurrence.
struct RelevantCommit {
  const CommitInput* commit = nullptr;  // owned by the Input
  std::size_t occurrences = 0;          // of the rule (or skill) in it
  std::size_t confirmed = 0;            // of which a mentor confirmed
  double severity = 0;                  // their severity weight, verdicts aside
};

// The relevant commits among `reviewed` (the mentee's reviewed commits, in time order) for
// `occurrences` (of `reviewed`, in commit order) and the opportunities of `scope`, oldest first.
std::vector<RelevantCommit> relevant_commits(const std::vector<Occurrence>& occurrences,
                                             const std::vector<const CommitInput*>& reviewed,
                                             const Scope& scope, const Input& input);

}  // namespace mentor::loop
