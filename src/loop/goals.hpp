// Goals' states, computed from the record and never stored (docs/mentoring.md, "Goals"). Pure:
// the caller reads the commits (loop::Input) and says which are the mentee's.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "loop/commits.hpp"
#include "loop/goal_progress.hpp"
#include "record/reviews_record.hpp"

namespace mentor::loop {

// A configured rule, as far as goals are concerned: which skill it trains, in which language.
struct ConfiguredRule {
  std::string id;
  std::string skill;
  std::string language;  // "" when unknown
};

// What a goal is about: its rule, or every rule of its skill (the configured ones and those of
// recorded findings of the skill in `input`), in the languages of those rules and of their
// recorded findings; as for a summary's skill, a rule of no known language makes it every file.
Scope goal_scope(const record::Goal& goal, const Input& input,
                 std::span<const ConfiguredRule> configured);

// Whether `finding` is one that keeps a commit from being clean for `goal`: of the goal's rule
// (or skill), at or above its severity, and counted: confirmed, or without a verdict and not
// suppressed (dismissed, praised and suppressed findings do not count).
bool counts_against(const record::Goal& goal, const record::RecordedFinding& finding,
                    const FindingVerdict& verdict);

// The state of `goal` at time `now` (seconds since the epoch) over `input`'s commits for which
// `is_mentees` holds. A relevant commit is a reviewed one in the window that is an opportunity
// for `scope` (loop::is_opportunity) or holds a finding of the goal's rule or skill; with
// `within`, the window ends at the within-th relevant commit. Commits with neither a `reviewed`
// line nor findings are not known to be clean: they are listed in `not_reviewed` and keep the goal
// open (a goal can be missed meanwhile, not met). A closed goal is evaluated at its closing time.
GoalProgress evaluate_goal(const record::Goal& goal, const Input& input, const Scope& scope,
                           const std::function<bool(const CommitInput&)>& is_mentees,
                           std::int64_t now);

// A stored time ("2026-11-23T11:09:24.123Z", "2026-12-20T23:59:59Z") in seconds; nullopt when
// it is not one.
std::optional<std::int64_t> parse_stored_time(std::string_view text);

}  // namespace mentor::loop
