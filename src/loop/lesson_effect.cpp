// Which lessons work (loop/lesson_effect.hpp); docs/mentoring.md ("Which lessons work").
#include "loop/lesson_effect.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "loop/commits.hpp"

namespace mentor::loop {

std::optional<MenteeLesson> mentee_lesson(const LessonSeries& series, unsigned window) {
  const auto& commits = series.commits;
  const auto lesson = std::find_if(commits.begin(), commits.end(),
                                   [](const RelevantCommit& c) { return c.confirmed > 0; });
  if (lesson == commits.end())
    return std::nullopt;
  MenteeLesson out;
  out.name = series.name;
  out.email = series.email;
  out.lesson_commit = lesson->commit->id;
  out.lesson_time = lesson->commit->time;
  for (auto it = commits.begin(); it != lesson; ++it) {
    ++out.before_commits;
    out.before_occurrences += it->occurrences;
  }
  for (auto it = lesson + 1; it != commits.end(); ++it) {
    ++out.after_commits;
    out.after_occurrences += it->occurrences;
    if (it->occurrences > 0 && !out.first_repeat)
      out.first_repeat = out.after_commits;
  }
  out.repeated = out.first_repeat && *out.first_repeat <= window;
  return out;
}

std::vector<LessonEffect> lesson_effects(
    const std::map<std::string, std::vector<LessonSeries>>& by_rule, unsigned window) {
  std::vector<LessonEffect> out;
  for (const auto& [rule, mentees] : by_rule) {
    LessonEffect effect;
    effect.rule = rule;
    std::size_t before_commits = 0;
    std::size_t before_occurrences = 0;
    std::size_t after_commits = 0;
    std::size_t after_occurrences = 0;
    for (const auto& series : mentees) {
      std::optional<MenteeLesson> lesson = mentee_lesson(series, window);
      if (!lesson)
        continue;
      ++effect.taught;
      if (lesson->after_commits > 0)
        ++effect.followed;
      if (lesson->repeated)
        ++effect.repeated;
      before_commits += lesson->before_commits;
      before_occurrences += lesson->before_occurrences;
      after_commits += lesson->after_commits;
      after_occurrences += lesson->after_occurrences;
      effect.mentees.push_back(std::move(*lesson));
    }
    if (effect.taught == 0)
      continue;
    if (before_commits > 0)
      effect.before_rate =
          static_cast<double>(before_occurrences) / static_cast<double>(before_commits);
    if (after_commits > 0)
      effect.after_rate =
          static_cast<double>(after_occurrences) / static_cast<double>(after_commits);
    effect.flagged = effect.followed >= kLessonMinMentees && effect.repeated * 2 > effect.followed;
    std::stable_sort(effect.mentees.begin(), effect.mentees.end(),
                     [](const MenteeLesson& a, const MenteeLesson& b) {
                       return std::tie(a.name, a.email) < std::tie(b.name, b.email);
                     });
    out.push_back(std::move(effect));
  }
  std::stable_sort(out.begin(), out.end(), [](const LessonEffect& a, const LessonEffect& b) {
    return std::make_tuple(!a.flagged, -static_cast<double>(a.followed), a.rule) <
           std::make_tuple(!b.flagged, -static_cast<double>(b.followed), b.rule);
  });
  return out;
}

std::string repeat_label(const LessonEffect& lesson, unsigned window) {
  return fmt::format("{} of {} mentee{} repeat{} it within {} commit{}", lesson.repeated,
                     lesson.followed, lesson.followed == 1 ? "" : "s",
                     lesson.followed == 1 ? "s" : "", window, window == 1 ? "" : "s");
}

std::string mentee_repeat_label(const MenteeLesson& mentee, unsigned window) {
  auto commits = [](std::size_t n) { return fmt::format("{} commit{}", n, n == 1 ? "" : "s"); };
  if (mentee.first_repeat) {
    return fmt::format("repeated after {}{}", commits(*mentee.first_repeat),
                       *mentee.first_repeat <= window ? "" : " (outside the window)");
  }
  if (mentee.after_commits == 0)
    return "no relevant commit since";
  return "not repeated in " + commits(mentee.after_commits);
}

std::string rate_label(const std::optional<double>& rate) {
  return rate ? fmt::format("{:.2f}", *rate) : std::string("-");
}

}  // namespace mentor::loop
