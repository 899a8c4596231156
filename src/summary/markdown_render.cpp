// The summary as GitHub-flavoured Markdown: a job summary ($GITHUB_STEP_SUMMARY) or a comment.
#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "report/escape.hpp"
#include "summary/render.hpp"

namespace mentor::summary {

namespace {

std::string md(std::string_view text) {
  return report::markdown_escape(text);
}

std::string row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const auto& cell : cells)
    out += ' ' + cell + " |";
  return out + '\n';
}

std::string trend_cell(Trend trend) {
  switch (trend) {
    case Trend::improving:
      return "improving ↘";
    case Trend::worsening:
      return "**worsening** ↗";
    case Trend::mastered:
      return "mastered ✓";
    case Trend::steady:
      break;
  }
  return "steady →";
}

}  // namespace

namespace {

// A skill's trend, with what it stands on and the rules worsening under it.
std::string skill_trend_cell(const SkillTally& s) {
  std::string out = trend_cell(s.trend) + fmt::format(" ({} commit{})", s.relevant_commits,
                                                      s.relevant_commits == 1 ? "" : "s");
  if (s.trend != Trend::worsening && !s.worsening_rules.empty()) {
    out += "; worsening:";
    for (std::size_t i = 0; i < s.worsening_rules.size(); ++i)
      out += (i == 0 ? " " : ", ") + md(s.worsening_rules[i]);
  }
  return out;
}

// Which lessons work: a row per rule a mentor taught.
std::string lessons_markdown(const Summary& summary) {
  if (summary.lessons.empty())
    return "";
  const unsigned window = summary.settings.lesson_window;
  std::string out = "\n### Lessons\n\n";
  out += lessons_definition(summary) + " Before and after: findings per relevant commit.\n\n";
  out += row({"Rule", "Skill", "Taught", "Followed", "Repeated", "Before", "After", "Sticks?"});
  out += "|---|---|---:|---:|---:|---:|---:|---|\n";
  for (const auto& l : summary.lessons) {
    const std::string label = loop::repeat_label(l, window);
    out += row({md(l.rule), md(skill_label(l.skill)), std::to_string(l.taught),
                std::to_string(l.followed), std::to_string(l.repeated),
                loop::rate_label(l.before_rate), loop::rate_label(l.after_rate),
                l.flagged ? "**the lesson does not stick**: " + label : label});
  }
  return out;
}

}  // namespace

std::string render_markdown(const Summary& summary) {
  std::string out = "## git-mentor summary\n\n";
  std::size_t with_reviews = 0;
  for (const auto& m : summary.mentees)
    with_reviews += m.reviewed > 0 ? 1 : 0;
  out += fmt::format("{} of {} commit{} reviewed, {} mentee{} ({}).\n", summary.reviewed,
                     summary.commits, summary.commits == 1 ? "" : "s", with_reviews,
                     with_reviews == 1 ? "" : "s", md(scope_label(summary)));
  if (summary.reviewed == 0) {
    out += "\nNothing recorded: record findings with `git mentor check --record`.\n";
  }
  // Each mentee's part, then rule health, as blocks: a comment has a size limit, and a block
  // is left out whole rather than cut in the middle of a table.
  std::vector<std::string> mentee_blocks;
  for (const auto& m : summary.mentees) {
    if (m.reviewed == 0)
      continue;
    std::string& block = mentee_blocks.emplace_back();
    block += fmt::format("\n### {}\n\n", md(mentee_label(m)));
    block += fmt::format("{} of {} commit{} reviewed, {} clean, from {} to {}.\n", m.reviewed,
                         m.commits, m.commits == 1 ? "" : "s", m.clean, format_date(m.first_commit),
                         format_date(m.last_commit));
    if (m.rules.empty()) {
      block += "\nNo findings: every reviewed commit is clean.\n";
    } else {
      block += '\n';
      block += row({"Skill", "Findings", "Confirmed", "Commits", "First seen", "Last seen",
                    "Recurring", "Trend"});
      block += "|---|---:|---:|---:|---|---|---|---|\n";
      for (const auto& s : m.skills) {
        block += row({md(skill_label(s.skill)), std::to_string(s.occurrences),
                      std::to_string(s.confirmed), std::to_string(s.commits),
                      format_date(s.first_seen.time), format_date(s.last_seen.time),
                      s.recurring ? "**recurring**" : "", skill_trend_cell(s)});
      }
      block += '\n';
      block += row({"Rule", "Skill", "Findings", "Confirmed", "Commits", "First seen", "Last seen",
                    "Recurring", "Trend", "Latest message"});
      block += "|---|---|---:|---:|---:|---|---|---|---|---|\n";
      for (const auto& r : m.rules) {
        block += row({md(r.rule), md(skill_label(r.skill)), std::to_string(r.occurrences),
                      std::to_string(r.confirmed), std::to_string(r.commits),
                      format_date(r.first_seen.time), format_date(r.last_seen.time),
                      r.recurring ? "**recurring**" : "",
                      trend_cell(r.trend) + fmt::format(" ({} commit{})", r.relevant_commits,
                                                        r.relevant_commits == 1 ? "" : "s"),
                      md(r.message)});
      }
    }
    if (!m.praise.empty()) {
      std::string line;
      for (const auto& p : m.praise)
        line += fmt::format("{}{} ({})", line.empty() ? "" : ", ", md(p.rule), p.occurrences);
      block += "\nGood practice seen: " + line + ".\n";
    }
  }
  std::string health;
  if (!summary.rule_health.empty()) {
    health += "\n### Rule health\n\n";
    health += fmt::format(
        "Flagged for revision: more than {} of the mentors' verdicts dismiss it, with at least {} "
        "verdict{}.\n\n",
        percent(summary.settings.dismissal_threshold), summary.settings.min_verdicts,
        summary.settings.min_verdicts == 1 ? "" : "s");
    health += row({"Rule", "Skill", "Findings", "Confirmed", "Dismissed", "Praised",
                   "Not the mentee's", "Unreviewed", "Dismissal rate", "Revise"});
    health += "|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n";
    for (const auto& h : summary.rule_health) {
      health +=
          row({md(h.rule), md(skill_label(h.skill)), std::to_string(h.findings),
               std::to_string(h.confirmed), std::to_string(h.dismissed), std::to_string(h.praised),
               std::to_string(h.not_the_mentees), std::to_string(h.unreviewed),
               h.dismissal_rate ? percent(*h.dismissal_rate) : "–", h.flagged ? "**revise**" : ""});
    }
    bool heading = false;
    for (const auto& h : summary.rule_health) {
      if (h.dismissal_notes.empty())
        continue;
      if (!heading)
        health += "\nWhy mentors dismissed them:\n\n";
      heading = true;
      for (const auto& note : h.dismissal_notes)
        health += fmt::format("- {}: {}\n", md(h.rule), md(note));
    }
  }
  const std::string lessons = lessons_markdown(summary);
  const std::string goals = render_goals_markdown(summary) + render_mentors_markdown(summary) +
                            render_practice_markdown(summary);
  // Goals, the mentors, practice, rule health and lessons are kept first when space runs out:
  // short, and the mentor acts on them.
  std::size_t budget =
      kMaxMarkdownBytes -
      std::min(kMaxMarkdownBytes, out.size() + goals.size() + health.size() + lessons.size());
  std::size_t left_out = 0;
  for (const auto& block : mentee_blocks) {
    if (left_out == 0 && block.size() <= budget) {
      out += block;
      budget -= block.size();
    } else {
      ++left_out;
    }
  }
  if (left_out > 0) {
    out += fmt::format(
        "\n*{} more mentee{} left out to fit a comment: see `git mentor summary --mentee WHO` "
        "or `--format html`.*\n",
        left_out, left_out == 1 ? "" : "s");
  }
  out += goals;
  out += health.size() <= kMaxMarkdownBytes - std::min(kMaxMarkdownBytes, out.size())
             ? health
             : "\n*Rule health left out to fit a comment: see `git mentor summary`.*\n";
  out += lessons.size() <= kMaxMarkdownBytes - std::min(kMaxMarkdownBytes, out.size())
             ? lessons
             : "\n*Lessons left out to fit a comment: see `git mentor summary`.*\n";
  return out;
}

}  // namespace mentor::summary
