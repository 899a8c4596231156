// Practice from one's own mistakes: which recorded findings become exercises, and how many
// attempts at them each mentee made per skill (docs/mentoring.md, "Practice").
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "loop/commits.hpp"
#include "loop/settings.hpp"
#include "record/findings_record.hpp"
#include "record/reviews_record.hpp"

namespace mentor::loop {

// Which findings to practise on.
struct PracticeFilter {
  std::string skill;      // only this skill's rules ("" = any)
  std::string rule;       // only this rule ("" = any)
  std::size_t count = 3;  // at most this many exercises, one per rule
};

// A finding chosen for an exercise: the newest occurrence of a recurring mistake.
struct PracticeChoice {
  const record::RecordedFinding* finding = nullptr;  // owned by the Input
  const CommitInput* commit = nullptr;
  std::size_t commits = 0;  // the mentee's commits with a mistake of the rule
};

// The exercises to cut from `input` (one mentee's commits): for each rule whose mistakes
// (weigh(): confirmed or unreviewed, not dismissed, praised or a praise rule's) are in at least
// settings.recurring commits, its newest such finding that is not suppressed; rules ordered by
// that finding's commit, newest first (input order breaks ties); filtered, at most filter.count.
std::vector<PracticeChoice> choose_exercises(const Input& input, const Settings& settings,
                                             const PracticeFilter& filter);

// One mentee's practice of one skill.
struct PracticeTally {
  std::string name;  // the mentee, as the commits the exercises came from name them
  std::string email;
  std::string skill;
  std::size_t attempts = 0;
  std::size_t passed = 0;
  std::size_t exercises = 0;         // distinct exercises attempted
  std::size_t passed_exercises = 0;  // distinct exercises with a passing attempt
  std::uint64_t praise = 0;          // praise rules' matches in passing attempts
};

// The attempts of `attempts` whose exercise came from one of `input`'s commits, counted per
// mentee (that commit's author) and skill; by email, then skill.
std::vector<PracticeTally> tally_practice(const std::vector<record::PracticeAttempt>& attempts,
                                          const Input& input);

// What `git mentor log` shows beside a commit exercises came from: one line per exercise, e.g.
// "practised: py-open-without-with passed (2 attempts)", by commit. Not terminal-safe yet.
std::map<std::string, std::vector<std::string>> practice_lines(
    const std::vector<record::PracticeAttempt>& attempts);

}  // namespace mentor::loop
