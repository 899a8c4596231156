// Which lessons work: for each rule, whether the mistake recurs once a mentor confirmed it, per
// mentee and across mentees. docs/mentoring.md ("Which lessons work") defines every number.
//
// Pure: it works on the relevant commits the summary counts (loop/occurrence.hpp), so a
// lesson is judged by the same occurrences and opportunities as the trends.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "loop/occurrence.hpp"

namespace mentor::loop {

// A lesson does not stick when at least this many mentees had a relevant commit after it and
// more than half of them repeated the mistake within the window.
inline constexpr std::size_t kLessonMinMentees = 2;

// One mentee's lesson of a rule: the commit of the mentee's first confirmed finding of it (the
// hooks show a lesson but do not record that they did; a mentor's confirmation is recorded).
struct MenteeLesson {
  std::string name;
  std::string email;
  std::string lesson_commit;
  std::int64_t lesson_time = 0;        // its author time
  std::size_t before_commits = 0;      // relevant commits before the lesson's commit
  std::size_t before_occurrences = 0;  // occurrences in them
  std::size_t after_commits = 0;       // relevant commits after it
  std::size_t after_occurrences = 0;
  // The first relevant commit after the lesson with an occurrence, counted from it (1: the
  // next relevant commit); none when it did not recur.
  std::optional<std::size_t> first_repeat;
  bool repeated = false;  // first_repeat within the window
};

// A rule's lessons across mentees.
struct LessonEffect {
  std::string rule;
  std::string skill;  // set by the caller (the rule's health has them)
  std::string severity;
  std::vector<MenteeLesson> mentees;  // those taught, by name then email
  std::size_t taught = 0;             // mentees with a confirmed finding of the rule
  std::size_t followed = 0;           // of which with at least one relevant commit after the lesson
  std::size_t repeated = 0;           // of which repeated it within the window
  // Occurrences per relevant commit, the taught mentees' commits before (after) their lesson
  // together; none without such commits.
  std::optional<double> before_rate;
  std::optional<double> after_rate;
  bool flagged = false;  // the lesson does not stick
};

// One mentee's relevant commits for one rule, oldest first (relevant_commits).
struct LessonSeries {
  std::string name;
  std::string email;
  std::vector<RelevantCommit> commits;
};

// The mentee's lesson: none when no commit of `series` has a confirmed occurrence. `window` is
// the number of relevant commits after the lesson in which a repeat counts.
std::optional<MenteeLesson> mentee_lesson(const LessonSeries& series, unsigned window);

// Every rule's lessons (rule -> the series of each mentee), rules without a taught mentee left
// out; flagged first, then most mentees followed, then by rule.
std::vector<LessonEffect> lesson_effects(
    const std::map<std::string, std::vector<LessonSeries>>& by_rule, unsigned window);

// "5 of 6 mentees repeat it within 10 commits" (followed, repeated and the window).
std::string repeat_label(const LessonEffect& lesson, unsigned window);

// What one mentee did after the lesson: "repeated after 3 commits", "repeated after 12 commits
// (outside the window)", "not repeated in 6 commits", "no relevant commit since".
std::string mentee_repeat_label(const MenteeLesson& mentee, unsigned window);

// A rate for the reports: "0.25", "-" when none.
std::string rate_label(const std::optional<double>& rate);

}  // namespace mentor::loop
