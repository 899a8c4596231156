// One mentee's occurrences of a mistake and the commits they are counted
// over (the relevant commits), shared by the tallies (summary.cpp) and lesson effectiveness
// (lesson_effect.cpp) so that both count the same way (docs/mentoring.md, "Trends").
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "loop/commits.hpp"
#include "loop/opportunity.hpp"
#include "loop/settings.hpp"
#include "record/findings_record.hpp"

namespace mentor::loop {

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

// How one finding counts, for every computation over the record (docs/mentoring.md, "Reading a
// summary"): a mistake unless dismissed or praised (a dismissal as not the mentee's code
// included), suppressed (unless confirmed) or the tool's own rule; a praise rule's finding is
// praise, never a mistake.
struct Weighed {
  FindingVerdict verdict;
  bool mistake = false;  // counted as an occurrence of a mistake
  bool praise = false;   // a praise rule's finding, not dismissed
  double weight = 0;     // severity weight, times confirmed_weight when confirmed
};
Weighed weigh(const record::RecordedFinding& finding, const Input& input, const Settings& settings);

// The languages of each rule's findings in `input`, by rule id (empty: none is known).
std::map<std::string, std::set<std::string>> rule_languages(const Input& input);

// The scope of a skill (or of one rule) made of `rules`: the languages of their findings, by
// `languages` (rule_languages); any language when one of them has none known.
Scope skill_scope(const std::vector<std::string>& rules,
                  const std::map<std::string, std::set<std::string>>& languages);

}  // namespace mentor::loop
