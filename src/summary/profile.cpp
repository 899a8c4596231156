// The needs assessment's computation: docs/mentoring.md ("Assessment: where to start") is its
// specification.
#include "summary/profile.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

namespace mentor::summary {

std::optional<double> SkillRate::per_100() const {
  if (opportunities == 0)
    return std::nullopt;
  return 100.0 * static_cast<double>(occurrences) / static_cast<double>(opportunities);
}

namespace {

// A mistake counted, in a commit of the selection.
struct Mistake {
  std::size_t commit = 0;  // index into input.commits
  const record::RecordedFinding* finding = nullptr;
  double weight = 0;
};

// Counts `mistakes` (of one skill) over `commits` (indices into input.commits): a commit is an
// opportunity for `scope`, or had a mistake.
SkillRate count_rate(const std::vector<std::size_t>& commits, const std::set<std::size_t>& with,
                     const std::map<std::size_t, std::size_t>& occurrences, const Scope& scope,
                     const Input& input) {
  SkillRate rate;
  for (std::size_t c : commits) {
    const bool had = with.contains(c);
    if (had) {
      ++rate.commits;
      rate.occurrences += occurrences.at(c);
    }
    if (had || is_opportunity(input.commits[c], scope, input.language_of, input.rule_applies))
      ++rate.opportunities;
  }
  return rate;
}

std::string person_key(const CommitInput& commit) {
  if (commit.author_email.empty())
    return "\n" + commit.author_name;
  std::string key = commit.author_email;
  for (char& c : key)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

std::string person_label(const CommitInput& commit) {
  if (commit.author_email.empty())
    return commit.author_name;
  return commit.author_name + " <" + commit.author_email + ">";
}

// The mentee's rate against the team's (the ratio), or against kRateFloor when the team had no
// opportunity of the skill.
double relative_rate(const SkillProfile& p) {
  if (p.ratio)
    return *p.ratio;
  return std::max(p.mentee.per_100().value_or(0), kRateFloor) / kRateFloor;
}

bool is_reviewed(const CommitInput& commit) {
  return commit.reviewed || !commit.findings.empty();
}

}  // namespace

Profile profile(const Input& input, const std::function<bool(const CommitInput&)>& is_mentee,
                const Settings& settings) {
  Profile out;
  out.settings = settings;
  const auto& commits = input.commits;

  // Time order; the input order (topological) breaks ties, as in the summary.
  std::vector<std::size_t> order(commits.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return commits[a].time < commits[b].time; });

  std::vector<std::size_t> mentee;  // reviewed, in time order
  std::vector<std::size_t> team;
  std::vector<bool> of_mentee(commits.size(), false);
  std::map<std::string, std::string> mentee_authors;  // key -> the newest label
  std::set<std::string> team_authors;
  for (std::size_t c : order) {
    const CommitInput& commit = commits[c];
    if (is_mentee(commit)) {
      of_mentee[c] = true;
      ++out.commits;
      mentee_authors[person_key(commit)] = person_label(commit);
      if (is_reviewed(commit))
        mentee.push_back(c);
    } else {
      ++out.team_commits;
      team_authors.insert(person_key(commit));
      if (is_reviewed(commit))
        team.push_back(c);
    }
  }
  for (auto& [key, label] : mentee_authors)
    out.authors.push_back(std::move(label));
  out.reviewed = mentee.size();
  out.team_reviewed = team.size();
  out.team_authors = team_authors.size();
  out.earlier_commits = mentee.size() / 2;
  out.later_commits = mentee.size() - out.earlier_commits;
  const std::vector<std::size_t> earlier(
      mentee.begin(), mentee.begin() + static_cast<std::ptrdiff_t>(out.earlier_commits));
  const std::vector<std::size_t> later(
      mentee.begin() + static_cast<std::ptrdiff_t>(out.earlier_commits), mentee.end());
  if (!mentee.empty()) {
    out.first_commit = commits[mentee.front()].time;
    if (!earlier.empty())
      out.earlier_to = commits[earlier.back()].time;
    out.later_from = commits[later.front()].time;
    out.last_commit = commits[mentee.back()].time;
  }

  // Every mistake of a reviewed commit, by skill and rule.
  struct SkillMistakes {
    std::set<std::string> rules;
    std::vector<Mistake> mistakes;  // in the order of `order`
  };
  std::map<std::string, SkillMistakes> by_skill;
  for (std::size_t c : order) {
    if (!is_reviewed(commits[c]))
      continue;
    for (const auto& finding : commits[c].findings) {
      const Weighed w = weigh(finding, input, settings);
      if (!w.mistake)
        continue;
      SkillMistakes& s = by_skill[finding.skill];
      s.rules.insert(finding.rule);
      s.mistakes.push_back({c, &finding, w.weight});
    }
  }

  const std::map<std::string, std::set<std::string>> languages = rule_languages(input);
  for (const auto& [skill, found] : by_skill) {
    SkillProfile p;
    p.skill = skill;
    p.rules.assign(found.rules.begin(), found.rules.end());
    const Scope scope = skill_scope(p.rules, languages);
    std::set<std::size_t> with;
    std::map<std::size_t, std::size_t> occurrences;
    for (const auto& m : found.mistakes) {
      with.insert(m.commit);
      ++occurrences[m.commit];
      if (of_mentee[m.commit])
        p.weight += m.weight;
    }
    p.mentee = count_rate(mentee, with, occurrences, scope, input);
    p.team = count_rate(team, with, occurrences, scope, input);
    p.earlier = count_rate(earlier, with, occurrences, scope, input);
    p.later = count_rate(later, with, occurrences, scope, input);
    const auto mentee_rate = p.mentee.per_100();
    const auto team_rate = p.team.per_100();
    if (mentee_rate && team_rate)
      p.ratio = std::max(*mentee_rate, kRateFloor) / std::max(*team_rate, kRateFloor);
    p.suggested = p.mentee.commits >= settings.recurring &&
                  relative_rate(p) > 1.0 + settings.trend_margin + 1e-9;
    // The newest mistakes of the mentee's, one per commit.
    std::set<std::size_t> shown;
    for (auto it = found.mistakes.rbegin();
         it != found.mistakes.rend() && p.examples.size() < kMaxExamples; ++it) {
      if (!of_mentee[it->commit] || !shown.insert(it->commit).second)
        continue;
      const CommitInput& commit = commits[it->commit];
      p.examples.push_back({commit.id, commit.time, it->finding->path, it->finding->line,
                            it->finding->rule, it->finding->severity, it->finding->message});
    }
    out.skills.push_back(std::move(p));
  }

  std::stable_sort(out.skills.begin(), out.skills.end(),
                   [](const SkillProfile& a, const SkillProfile& b) {
                     return std::make_tuple(-a.mentee.per_100().value_or(-1), -a.weight, a.skill) <
                            std::make_tuple(-b.mentee.per_100().value_or(-1), -b.weight, b.skill);
                   });
  std::vector<const SkillProfile*> candidates;
  for (const auto& p : out.skills) {
    if (p.suggested)
      candidates.push_back(&p);
  }
  std::stable_sort(
      candidates.begin(), candidates.end(), [&](const SkillProfile* a, const SkillProfile* b) {
        return std::make_tuple(-relative_rate(*a), -a->mentee.per_100().value_or(0), -a->weight,
                               a->skill) < std::make_tuple(-relative_rate(*b),
                                                           -b->mentee.per_100().value_or(0),
                                                           -b->weight, b->skill);
      });
  if (candidates.size() > kMaxSuggestions)
    candidates.resize(kMaxSuggestions);
  for (const SkillProfile* p : candidates)
    out.suggestions.push_back(p->skill);
  // Only the suggested ones stay marked.
  for (auto& p : out.skills) {
    p.suggested =
        std::find(out.suggestions.begin(), out.suggestions.end(), p.skill) != out.suggestions.end();
  }
  return out;
}

}  // namespace mentor::summary
