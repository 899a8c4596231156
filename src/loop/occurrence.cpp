// The relevant commits of a mentee for a rule or a skill (loop/occurrence.hpp).
#include "loop/occurrence.hpp"

#include "review/file_review.hpp"

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

Weighed weigh(const record::RecordedFinding& finding, const Input& input,
              const Settings& settings) {
  Weighed w;
  if (input.verdicts)
    w.verdict = input.verdicts(finding);
  const auto& v = w.verdict.verdict;
  const bool confirmed = v == record::Verdict::confirmed;
  const bool rejected = v == record::Verdict::dismissed || v == record::Verdict::praised;
  if (finding.severity == "praise") {
    w.praise = v != record::Verdict::dismissed;
    return w;
  }
  // A suppression comment that suppresses nothing is tidiness, not a skill of the mentee's.
  const bool tool_rule = finding.rule == review::unused_suppression_rule().id;
  w.mistake = !rejected && !tool_rule && (!finding.suppressed || confirmed);
  if (w.mistake)
    w.weight = severity_weight(finding.severity) * (confirmed ? settings.confirmed_weight : 1.0);
  return w;
}

std::map<std::string, std::set<std::string>> rule_languages(const Input& input) {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& commit : input.commits) {
    for (const auto& finding : commit.findings) {
      std::string language = input.language_of ? input.language_of(finding.path) : std::string();
      std::set<std::string>& languages = out[finding.rule];
      if (!language.empty())
        languages.insert(std::move(language));
    }
  }
  return out;
}

Scope skill_scope(const std::vector<std::string>& rules,
                  const std::map<std::string, std::set<std::string>>& languages) {
  Scope scope{{}, rules};
  bool agnostic = false;
  for (const auto& rule : rules) {
    auto found = languages.find(rule);
    if (found == languages.end() || found->second.empty()) {
      agnostic = true;
      continue;
    }
    scope.languages.insert(found->second.begin(), found->second.end());
  }
  if (agnostic)
    scope.languages.clear();
  return scope;
}

}  // namespace mentor::loop
