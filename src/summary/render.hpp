// The summary's reports: a table for the terminal, Markdown (a GitHub job summary or PR
// comment), JSON (docs/mentoring.md lists its fields) and one self-contained HTML file with an
// SVG chart per mentee. Everything from the repository is escaped for the format (escape.hpp).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "loop/profile.hpp"
#include "summary/summary.hpp"

namespace mentor::summary {

std::string render_text(const Summary& summary);
// At most kMaxMarkdownBytes, to fit a pull request comment (GitHub takes 65,536 characters):
// mentees that do not fit are left out whole, and a last line says how many.
inline constexpr std::size_t kMaxMarkdownBytes = 60000;
std::string render_markdown(const Summary& summary);
// `tool_version` is written as `tool_version`.
std::string render_json(const Summary& summary, std::string_view tool_version);
std::string render_html(const Summary& summary, std::string_view tool_version);

// The chart of one mentee: findings per skill (lines) over the mentee's reviewed commits in
// time order (one point per TimelineBucket). An <svg> element, drawn without scripts or fonts
// from elsewhere; names are escaped.
std::string render_chart_svg(const MenteeSummary& mentee);

// Shared by the renderers.
std::string skill_label(std::string_view skill);        // "(no skill)" for the empty skill
std::string percent(double rate);                       // "67%"
std::string mentee_label(const MenteeSummary& mentee);  // "Name <email>"
// What a trend stands on: "4 findings in 9 commits".
std::string evidence_label(const Tally& tally);
// A skill's trend with the rules that worsen under it: "improving; worsening: a, b".
std::string skill_trend_label(const SkillTally& skill);
// What a lesson is and when it does not stick, with the summary's window (one sentence each).
std::string lessons_definition(const Summary& summary);
// "HEAD's history", "main..feature", with " by WHO" and " since DATE" when given, and " in A, B"
// when repositories were named.
std::string scope_label(const Summary& summary);

// Goals (summary.goals): a section of each report, empty when there are none; and one goal as
// JSON, as the summary's `goals[]` and `git mentor goal list --format json` print it.
std::string render_goals_text(const Summary& summary);
std::string render_goals_markdown(const Summary& summary);
std::string render_goals_html(const Summary& summary);
nlohmann::ordered_json goal_json(const loop::GoalProgress& progress);
nlohmann::ordered_json goals_json(const Summary& summary);

// The mentors (summary.mentors): a section of each report, empty when there are none.
std::string render_mentors_text(const Summary& summary);
std::string render_mentors_markdown(const Summary& summary);
std::string render_mentors_html(const Summary& summary);
nlohmann::ordered_json mentors_json(const Summary& summary);
// Practice (summary.practice): a section of each report, empty when there is none; as JSON, the
// summary's `practice[]`.
std::string render_practice_text(const Summary& summary);
std::string render_practice_markdown(const Summary& summary);
std::string render_practice_html(const Summary& summary);
nlohmann::ordered_json practice_json(const Summary& summary);

// `git mentor profile` (loop/profile.hpp):
// The profile as a table for the terminal with the suggestions and their evidence; repository
// text through util::terminal_safe. `mentee` and `scope` are what was asked for (the pattern and
// the range as words, e.g. "HEAD's history since 2024-01-01").
std::string render_profile_text(const loop::Profile& profile, std::string_view mentee,
                                std::string_view scope);
// As JSON (docs/mentoring.md lists the fields; they are stable).
std::string render_profile_json(const loop::Profile& profile, std::string_view mentee,
                                const std::vector<std::string>& ranges,
                                std::optional<std::int64_t> since, std::string_view tool_version);

}  // namespace mentor::summary
