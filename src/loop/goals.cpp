// Goals' states from the record (loop/goals.hpp; docs/mentoring.md, "Goals").
#include "loop/goals.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <set>

#include <fmt/format.h>

#include "rules/rule.hpp"
#include "util/dates.hpp"

namespace mentor::loop {

namespace {

// error 0 ... praise 4; an unknown name weighs as a warning (as severity_weight does).
int severity_rank(std::string_view name) {
  return static_cast<int>(rules::severity_from_string(name).value_or(rules::Severity::warning));
}

bool of_goal(const record::Goal& goal, const record::RecordedFinding& finding) {
  return goal.rule.empty() ? finding.skill == goal.skill : finding.rule == goal.rule;
}

}  // namespace

std::string_view goal_state_name(GoalState state) {
  switch (state) {
    case GoalState::open:
      return "open";
    case GoalState::met:
      return "met";
    case GoalState::missed:
      return "missed";
    case GoalState::closed:
      return "closed";
  }
  return "open";
}

std::string goal_progress_label(const GoalProgress& p) {
  return fmt::format("{} of {} clean relevant commit{}", p.clean, p.target,
                     p.target == 1 ? "" : "s");
}

std::string goal_state_label(const GoalProgress& p) {
  switch (p.state) {
    case GoalState::open:
      if (p.window_over)
        return "open, waiting for reviews";
      return fmt::format("open, {} day{} left", p.days_left, p.days_left == 1 ? "" : "s");
    case GoalState::closed:
      return fmt::format("closed (was {})", goal_state_name(p.state_at_close));
    default:
      return std::string(goal_state_name(p.state));
  }
}

std::string goal_subject_label(const GoalProgress& p) {
  std::string subject = p.goal.skill;
  if (!p.goal.rule.empty())
    subject += fmt::format(" (rule {})", p.goal.rule);
  return subject + fmt::format(", {} or above", p.goal.severity);
}

std::optional<std::int64_t> parse_stored_time(std::string_view text) {
  if (text.size() < 19)
    return std::nullopt;
  std::string seconds(text.substr(0, 19));
  return util::parse_date(seconds + "Z", 0);
}

Scope goal_scope(const record::Goal& goal, const Input& input,
                 std::span<const ConfiguredRule> configured) {
  Scope scope;
  std::set<std::string> rules;
  std::set<std::string> known;  // rules whose language is known
  for (const auto& rule : configured) {
    if (goal.rule.empty() ? rule.skill == goal.skill : rule.id == goal.rule) {
      rules.insert(rule.id);
      if (!rule.language.empty()) {
        scope.languages.insert(rule.language);
        known.insert(rule.id);
      }
    }
  }
  for (const auto& commit : input.commits) {
    for (const auto& finding : commit.findings) {
      if (!of_goal(goal, finding))
        continue;
      rules.insert(finding.rule);
      std::string language = input.language_of ? input.language_of(finding.path) : std::string();
      if (!language.empty()) {
        scope.languages.insert(std::move(language));
        known.insert(finding.rule);
      }
    }
  }
  if (!goal.rule.empty())
    rules.insert(goal.rule);
  // As for a summary's skill: one rule of no known language makes the scope every file.
  if (known.size() < rules.size())
    scope.languages.clear();
  scope.rules.assign(rules.begin(), rules.end());
  return scope;
}

bool counts_against(const record::Goal& goal, const record::RecordedFinding& finding,
                    const FindingVerdict& verdict) {
  if (!of_goal(goal, finding) || finding.severity == "praise")
    return false;
  if (severity_rank(finding.severity) > severity_rank(goal.severity))
    return false;  // below the threshold
  const auto& v = verdict.verdict;
  if (v == record::Verdict::confirmed)
    return true;
  if (v == record::Verdict::dismissed || v == record::Verdict::praised)
    return false;
  return !finding.suppressed;
}

GoalProgress evaluate_goal(const record::Goal& goal, const Input& input, const Scope& scope,
                           const std::function<bool(const CommitInput&)>& is_mentees,
                           std::int64_t now) {
  GoalProgress p;
  p.goal = goal;
  p.from = parse_stored_time(goal.from).value_or(0);
  p.until = parse_stored_time(goal.until).value_or(std::numeric_limits<std::int64_t>::max());
  // A closed goal is judged as it stood when it was closed.
  std::int64_t cutoff = now;
  if (goal.closed) {
    if (auto closed = parse_stored_time(*goal.closed))
      cutoff = std::min(cutoff, *closed);
  }

  const auto& commits = input.commits;
  std::vector<std::size_t> order;
  for (std::size_t c = 0; c < commits.size(); ++c) {
    const CommitInput& commit = commits[c];
    if (commit.time >= p.from && commit.time <= p.until && commit.time <= cutoff &&
        (!is_mentees || is_mentees(commit)))
      order.push_back(c);
  }
  // Author-date order; the input order (oldest first) breaks ties.
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return commits[a].time < commits[b].time; });

  bool reached = false;  // `within` relevant commits seen
  for (std::size_t c : order) {
    if (goal.within && p.relevant >= *goal.within) {
      reached = true;
      break;
    }
    const CommitInput& commit = commits[c];
    if (!commit.reviewed && commit.findings.empty()) {
      p.not_reviewed.push_back(commit.id);
      continue;
    }
    bool touched = false;
    bool clean = true;
    for (const auto& finding : commit.findings) {
      if (!of_goal(goal, finding))
        continue;
      touched = true;
      FindingVerdict verdict = input.verdicts ? input.verdicts(finding) : FindingVerdict{};
      if (counts_against(goal, finding, verdict))
        clean = false;
    }
    if (!touched && !is_opportunity(commit, scope, input.language_of, input.rule_applies))
      continue;
    ++p.relevant;
    if (clean)
      ++p.clean;
    else
      p.missed_in.push_back(commit.id);
  }
  if (goal.within && p.relevant >= *goal.within)
    reached = true;
  p.window_over = reached || cutoff > p.until;
  p.target = goal.within ? static_cast<std::size_t>(*goal.within) : p.relevant;

  GoalState state = GoalState::open;
  if (!p.missed_in.empty())
    state = GoalState::missed;
  else if (p.window_over && p.not_reviewed.empty())
    state = GoalState::met;
  if (goal.closed && !p.window_over) {
    p.state = GoalState::closed;
    p.state_at_close = state;
  } else {
    p.state = state;
  }
  if (p.state == GoalState::open && now < p.until)
    p.days_left = (p.until - now + 86399) / 86400;
  return p;
}

}  // namespace mentor::loop
