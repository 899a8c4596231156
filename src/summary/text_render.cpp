// The summary as tables for the terminal.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "summary/render.hpp"
#include "summary/terminal.hpp"
#include "util/encoding.hpp"

namespace mentor::summary {

std::string skill_label(std::string_view skill) {
  return skill.empty() ? std::string("(no skill)") : std::string(skill);
}

std::string lessons_definition(const Summary& summary) {
  const unsigned window = summary.settings.lesson_window;
  return fmt::format(
      "A lesson is a mentee's first confirmed finding of the rule. It does not stick when at "
      "least {} mentees have commits since and more than half repeat it within {} relevant "
      "commit{}.",
      loop::kLessonMinMentees, window, window == 1 ? "" : "s");
}

std::string percent(double rate) {
  return fmt::format("{}%", static_cast<long>(std::lround(rate * 100)));
}

std::string evidence_label(const Tally& tally) {
  return fmt::format("{} finding{} in {} commit{}", tally.occurrences,
                     tally.occurrences == 1 ? "" : "s", tally.relevant_commits,
                     tally.relevant_commits == 1 ? "" : "s");
}

std::string skill_trend_label(const SkillTally& skill) {
  std::string out(trend_name(skill.trend));
  if (skill.trend != Trend::worsening && !skill.worsening_rules.empty()) {
    out += "; worsening: ";
    for (std::size_t i = 0; i < skill.worsening_rules.size(); ++i)
      out += (i == 0 ? "" : ", ") + skill.worsening_rules[i];
  }
  return out;
}

std::string mentee_label(const MenteeSummary& mentee) {
  if (mentee.email.empty())
    return mentee.name;
  return mentee.name + " <" + mentee.email + ">";
}

std::string scope_label(const Summary& summary) {
  std::string out;
  if (summary.ranges.empty()) {
    out = "HEAD's history";
  } else {
    for (const auto& range : summary.ranges)
      out += (out.empty() ? "" : " ") + range;
  }
  if (!summary.mentee.empty())
    out += " by " + summary.mentee;
  if (summary.since)
    out += " since " + format_time(*summary.since);
  for (std::size_t i = 0; i < summary.repositories.size(); ++i)
    out += (i == 0 ? " in " : ", ") + summary.repositories[i];
  return out;
}

namespace {

// A table cell from repository text: terminal-safe, and a tab as one space so columns line up.
std::string safe(std::string_view text) {
  return table_cell(text);
}

std::string count(std::size_t n) {
  return std::to_string(n);
}

std::string commits_label(std::size_t n) {
  return fmt::format("{} commit{}", n, n == 1 ? "" : "s");
}

// Which lessons work: a row per rule a mentor taught, then each taught mentee.
std::string lessons_text(const Summary& summary) {
  if (summary.lessons.empty())
    return "";
  const unsigned window = summary.settings.lesson_window;
  std::string out = fmt::format(
      "\nLessons (a lesson: a mentee's first confirmed finding of the rule; flagged: at least {} "
      "mentees with commits since, more than half repeat it within {} relevant commit{})\n",
      loop::kLessonMinMentees, window, window == 1 ? "" : "s");
  Table rules({"RULE", "TAUGHT", "FOLLOWED", "REPEATED", "BEFORE", "AFTER", ""}, "lrrrrr");
  Table mentees({"RULE", "MENTEE", "LESSON", "BEFORE", "AFTER", "SINCE"}, "lll");
  auto in = [](std::size_t occurrences, std::size_t commits) {
    return fmt::format("{} in {}", occurrences, commits_label(commits));
  };
  for (const auto& l : summary.lessons) {
    const std::string label = loop::repeat_label(l, window);
    rules.add({safe(l.rule), count(l.taught), count(l.followed), count(l.repeated),
               loop::rate_label(l.before_rate), loop::rate_label(l.after_rate),
               l.flagged ? "the lesson does not stick: " + label : label});
    for (const auto& m : l.mentees) {
      mentees.add({safe(l.rule), safe(m.email.empty() ? m.name : m.email),
                   format_date(m.lesson_time) + " " + m.lesson_commit.substr(0, 12),
                   in(m.before_occurrences, m.before_commits),
                   in(m.after_occurrences, m.after_commits), loop::mentee_repeat_label(m, window)});
    }
  }
  return out + '\n' + rules.render("  ") + '\n' + mentees.render("  ");
}

}  // namespace

std::string render_text(const Summary& summary) {
  std::string out;
  std::size_t with_reviews = 0;
  for (const auto& m : summary.mentees)
    with_reviews += m.reviewed > 0 ? 1 : 0;
  out += fmt::format("git-mentor summary of {}: {} of {} commit{} reviewed, {} mentee{}\n",
                     safe(scope_label(summary)), summary.reviewed, summary.commits,
                     summary.commits == 1 ? "" : "s", with_reviews, with_reviews == 1 ? "" : "s");
  if (summary.reviewed == 0) {
    out +=
        "Nothing recorded: record findings with `git mentor check --record` (or fetch them with "
        "`git mentor sync`).\n";
  }
  for (const auto& m : summary.mentees) {
    if (m.reviewed == 0)
      continue;
    out += fmt::format("\n{}\n", safe(mentee_label(m)));
    out += fmt::format("  {} of {} commit{} reviewed, {} clean, {} to {}\n", m.reviewed, m.commits,
                       m.commits == 1 ? "" : "s", m.clean, format_date(m.first_commit),
                       format_date(m.last_commit));
    if (m.rules.empty()) {
      out += "  no findings: every reviewed commit is clean\n";
    } else {
      Table skills({"SKILL", "FINDINGS", "CONFIRMED", "COMMITS", "FIRST SEEN", "LAST SEEN",
                    "RECURRING", "TREND", "OVER"},
                   "lrrr");
      for (const auto& s : m.skills) {
        skills.add({safe(skill_label(s.skill)), count(s.occurrences), count(s.confirmed),
                    count(s.commits), format_date(s.first_seen.time), format_date(s.last_seen.time),
                    s.recurring ? "yes" : "no", safe(skill_trend_label(s)),
                    commits_label(s.relevant_commits)});
      }
      out += '\n' + skills.render("  ");
      Table rules({"RULE", "SKILL", "SEVERITY", "FINDINGS", "CONFIRMED", "COMMITS", "FIRST SEEN",
                   "LAST SEEN", "RECURRING", "TREND", "OVER"},
                  "lllrrr");
      for (const auto& r : m.rules) {
        rules.add({safe(r.rule), safe(skill_label(r.skill)), safe(r.severity), count(r.occurrences),
                   count(r.confirmed), count(r.commits), format_date(r.first_seen.time),
                   format_date(r.last_seen.time), r.recurring ? "yes" : "no",
                   std::string(trend_name(r.trend)), commits_label(r.relevant_commits)});
      }
      out += '\n' + rules.render("  ");
    }
    if (!m.praise.empty()) {
      std::string line;
      for (const auto& p : m.praise)
        line += fmt::format("{}{} ({})", line.empty() ? "" : ", ", safe(p.rule), p.occurrences);
      out += "\n  good practice seen: " + line + '\n';
    }
  }
  out += render_goals_text(summary);
  out += render_mentors_text(summary);
  out += render_practice_text(summary);
  if (!summary.rule_health.empty()) {
    out += fmt::format(
        "\nRule health (flagged: more than {} of the verdicts dismiss it, with at least {} "
        "verdict{})\n",
        percent(summary.settings.dismissal_threshold), summary.settings.min_verdicts,
        summary.settings.min_verdicts == 1 ? "" : "s");
    Table health({"RULE", "FINDINGS", "CONFIRMED", "DISMISSED", "PRAISED", "NOT MENTEE'S",
                  "UNREVIEWED", "DISMISSAL RATE", ""},
                 "lrrrrrrr");
    for (const auto& h : summary.rule_health) {
      health.add({safe(h.rule), count(h.findings), count(h.confirmed), count(h.dismissed),
                  count(h.praised), count(h.not_the_mentees), count(h.unreviewed),
                  h.dismissal_rate ? percent(*h.dismissal_rate) : "-", h.flagged ? "REVISE" : ""});
    }
    out += '\n' + health.render("  ");
    bool heading = false;
    for (const auto& h : summary.rule_health) {
      if (h.dismissal_notes.empty())
        continue;
      if (!heading)
        out += "\n  Why mentors dismissed them:\n";
      heading = true;
      for (const auto& note : h.dismissal_notes)
        out += fmt::format("    {}: {}\n", safe(h.rule), safe(note));
    }
  }
  out += lessons_text(summary);
  return out;
}

}  // namespace mentor::summary
