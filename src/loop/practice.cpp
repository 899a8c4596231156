// Choosing exercises from the record and counting practice (loop/practice.hpp).
#include "loop/practice.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "loop/occurrence.hpp"

namespace mentor::loop {

std::vector<PracticeChoice> choose_exercises(const Input& input, const Settings& settings,
                                             const PracticeFilter& filter) {
  struct PerRule {
    std::set<std::string> commits;
    PracticeChoice newest;
    std::size_t order = 0;  // the newest choice's commit index
  };
  std::map<std::string, PerRule> rules;
  for (std::size_t i = 0; i < input.commits.size(); ++i) {
    const CommitInput& commit = input.commits[i];
    for (const auto& finding : commit.findings) {
      if (!filter.rule.empty() && finding.rule != filter.rule)
        continue;
      if (!filter.skill.empty() && finding.skill != filter.skill)
        continue;
      if (!weigh(finding, input, settings).mistake)
        continue;
      PerRule& r = rules[finding.rule];
      r.commits.insert(commit.id);
      if (finding.suppressed)
        continue;
      const bool newer = r.newest.commit == nullptr || commit.time > r.newest.commit->time ||
                         (commit.time == r.newest.commit->time && i >= r.order);
      if (newer) {
        r.newest.finding = &finding;
        r.newest.commit = &commit;
        r.order = i;
      }
    }
  }
  std::vector<std::pair<std::size_t, PracticeChoice>> chosen;
  for (auto& [id, r] : rules) {
    if (r.newest.finding == nullptr || r.commits.size() < std::max(settings.recurring, 1U))
      continue;
    r.newest.commits = r.commits.size();
    chosen.emplace_back(r.order, r.newest);
  }
  std::stable_sort(chosen.begin(), chosen.end(), [](const auto& a, const auto& b) {
    return std::make_tuple(a.second.commit->time, a.first) >
           std::make_tuple(b.second.commit->time, b.first);
  });
  std::vector<PracticeChoice> out;
  for (const auto& [order, choice] : chosen) {
    if (out.size() >= filter.count)
      break;
    out.push_back(choice);
  }
  return out;
}

std::vector<PracticeTally> tally_practice(const std::vector<record::PracticeAttempt>& attempts,
                                          const Input& input) {
  std::map<std::string, const CommitInput*> by_id;
  for (const auto& commit : input.commits)
    by_id.emplace(commit.id, &commit);
  std::map<std::tuple<std::string, std::string>, PracticeTally> tallies;
  std::map<std::tuple<std::string, std::string>, std::set<std::string>> exercises;
  std::map<std::tuple<std::string, std::string>, std::set<std::string>> passed;
  for (const auto& a : attempts) {
    auto commit = by_id.find(a.commit);
    if (commit == by_id.end())
      continue;
    auto key = std::make_tuple(commit->second->author_email, a.skill);
    PracticeTally& t = tallies[key];
    t.name = commit->second->author_name;
    t.email = commit->second->author_email;
    t.skill = a.skill;
    ++t.attempts;
    exercises[key].insert(a.exercise);
    if (a.passed) {
      ++t.passed;
      t.praise += a.praise;
      passed[key].insert(a.exercise);
    }
  }
  std::vector<PracticeTally> out;
  for (auto& [key, t] : tallies) {
    t.exercises = exercises[key].size();
    t.passed_exercises = passed[key].size();
    out.push_back(std::move(t));
  }
  return out;
}

std::map<std::string, std::vector<std::string>> practice_lines(
    const std::vector<record::PracticeAttempt>& attempts) {
  struct Exercise {
    std::string rule;
    std::size_t attempts = 0;
    std::size_t passed = 0;
  };
  // By commit, then exercise (in order of first attempt).
  std::map<std::string, std::vector<std::pair<std::string, Exercise>>> by_commit;
  for (const auto& a : attempts) {
    auto& list = by_commit[a.commit];
    auto it = std::find_if(list.begin(), list.end(),
                           [&](const auto& entry) { return entry.first == a.exercise; });
    if (it == list.end()) {
      list.emplace_back(a.exercise, Exercise{a.rule});
      it = list.end() - 1;
    }
    ++it->second.attempts;
    if (a.passed)
      ++it->second.passed;
  }
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& [commit, list] : by_commit) {
    for (const auto& [id, e] : list) {
      out[commit].push_back(fmt::format("practised: {} {} ({} attempt{}) [exercise {}]", e.rule,
                                        e.passed > 0 ? "passed" : "not passed yet", e.attempts,
                                        e.attempts == 1 ? "" : "s", id));
    }
  }
  return out;
}

}  // namespace mentor::loop
