// The needs assessment's computation: docs/mentoring.md ("Assessment: where to start") is its
// specification.
#include "loop/profile.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

#include "loop/occurrence.hpp"

namespace mentor::loop {

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

// Some of the selection's reviewed commits, in time order.
class Group {
 public:
  explicit Group(std::size_t selected) : position_(selected, kNone) {}

  void add(std::size_t index, const CommitInput& commit) {
    position_[index] = commits_.size();
    commits_.push_back(&commit);
  }
  const std::vector<const CommitInput*>& commits() const { return commits_; }

  // The rate of `mistakes` (of one skill, anyone's) in these commits: counted over their
  // relevant commits for `scope` (loop::relevant_commits, as the summary's tallies).
  SkillRate rate(const std::vector<Mistake>& mistakes, const Scope& scope,
                 const Input& input) const {
    std::vector<loop::Occurrence> occurrences;
    for (const auto& m : mistakes) {
      if (position_[m.commit] != kNone)
        occurrences.push_back({position_[m.commit], m.finding, m.weight, false});
    }
    SkillRate rate;
    for (const loop::RelevantCommit& r :
         loop::relevant_commits(occurrences, commits_, scope, input)) {
      ++rate.opportunities;
      rate.occurrences += r.occurrences;
      rate.commits += r.occurrences > 0 ? 1 : 0;
    }
    return rate;
  }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<const CommitInput*> commits_;
  std::vector<std::size_t> position_;  // input index -> index into commits_, or kNone
};

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
  std::vector<bool> of_mentee(commits.size(), false);
  Group team(commits.size());
  std::map<std::string, std::string> mentee_authors;  // key -> the newest label
  std::set<std::string> team_authors;
  for (std::size_t c : order) {
    const CommitInput& commit = commits[c];
    if (is_mentee(commit)) {
      of_mentee[c] = true;
      ++out.commits;
      mentee_authors[author_key(commit)] = person_label(commit);
      if (is_reviewed(commit))
        mentee.push_back(c);
    } else {
      ++out.team_commits;
      team_authors.insert(author_key(commit));
      if (is_reviewed(commit))
        team.add(c, commit);
    }
  }
  for (auto& [key, label] : mentee_authors)
    out.authors.push_back(std::move(label));
  out.reviewed = mentee.size();
  out.team_reviewed = team.commits().size();
  out.team_authors = team_authors.size();
  out.earlier_commits = mentee.size() / 2;
  out.later_commits = mentee.size() - out.earlier_commits;
  Group all(commits.size());
  Group earlier(commits.size());
  Group later(commits.size());
  for (std::size_t i = 0; i < mentee.size(); ++i) {
    all.add(mentee[i], commits[mentee[i]]);
    (i < out.earlier_commits ? earlier : later).add(mentee[i], commits[mentee[i]]);
  }
  if (!mentee.empty()) {
    out.first_commit = commits[mentee.front()].time;
    if (!earlier.commits().empty())
      out.earlier_to = earlier.commits().back()->time;
    out.later_from = later.commits().front()->time;
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
    for (const auto& m : found.mistakes) {
      if (of_mentee[m.commit])
        p.weight += m.weight;
    }
    p.mentee = all.rate(found.mistakes, scope, input);
    p.team = team.rate(found.mistakes, scope, input);
    p.earlier = earlier.rate(found.mistakes, scope, input);
    p.later = later.rate(found.mistakes, scope, input);
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

}  // namespace mentor::loop
