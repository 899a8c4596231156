// Goals in the summary's reports (summary/render.hpp), and a goal as JSON (also `goal list`).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/escape.hpp"
#include "summary/render.hpp"
#include "util/encoding.hpp"

namespace mentor::summary {

namespace {

using Json = nlohmann::ordered_json;

std::string window_label(const loop::GoalProgress& p) {
  std::string out = format_date(p.from) + " to " + format_date(p.until);
  if (p.goal.within)
    out += fmt::format(", first {} relevant commits", *p.goal.within);
  return out;
}

// What the progress line adds after "n of N clean relevant commits".
std::string details(const loop::GoalProgress& p) {
  std::string out;
  if (!p.missed_in.empty()) {
    out += fmt::format("; not clean: {}", p.missed_in.front().substr(0, 12));
    if (p.missed_in.size() > 1)
      out += fmt::format(" and {} more", p.missed_in.size() - 1);
  }
  if (!p.not_reviewed.empty()) {
    out += fmt::format("; {} commit{} not reviewed yet: git mentor check --record",
                       p.not_reviewed.size(), p.not_reviewed.size() == 1 ? "" : "s");
  }
  return out;
}

std::string state_class(loop::GoalState state) {
  switch (state) {
    case loop::GoalState::met:
      return "trend-mastered";
    case loop::GoalState::missed:
      return "trend-worsening";
    default:
      return "trend-steady";
  }
}

}  // namespace

nlohmann::ordered_json goal_json(const loop::GoalProgress& p) {
  const record::Goal& g = p.goal;
  Json json{{"id", g.id},
            {"mentee", g.mentee},
            {"skill", g.skill},
            {"rule", g.rule.empty() ? Json(nullptr) : Json(g.rule)},
            {"severity", g.severity},
            {"from", format_time(p.from)},
            {"until", format_time(p.until)},
            {"within", g.within ? Json(*g.within) : Json(nullptr)},
            {"state", std::string(loop::goal_state_name(p.state))},
            {"state_at_close", p.state == loop::GoalState::closed
                                   ? Json(std::string(loop::goal_state_name(p.state_at_close)))
                                   : Json(nullptr)},
            {"window_over", p.window_over},
            {"relevant", p.relevant},
            {"clean", p.clean},
            {"target", p.target},
            {"days_left", p.days_left},
            {"missed_in", p.missed_in},
            {"not_reviewed", p.not_reviewed},
            {"mentor", g.mentor},
            {"time", g.time}};
  if (util::is_utf8(g.note))
    json["note"] = g.note;
  else
    json["note_base64"] = util::base64_encode(g.note);
  json["closed"] = g.closed ? Json{{"time", *g.closed},
                                   {"mentor", g.closed_by},
                                   {"note", report::valid_utf8(g.close_note)}}
                            : Json(nullptr);
  return json;
}

nlohmann::ordered_json goals_json(const Summary& summary) {
  Json goals = Json::array();
  for (const auto& p : summary.goals)
    goals.push_back(goal_json(p));
  return goals;
}

std::string render_goals_text(const Summary& summary) {
  if (summary.goals.empty())
    return {};
  std::string out = "\nGoals\n";
  for (const auto& p : summary.goals) {
    out += fmt::format("  {} {}: {} ({}): {}\n", p.goal.id.substr(0, 8),
                       util::terminal_safe(p.goal.mentee),
                       util::terminal_safe(loop::goal_subject_label(p)), window_label(p),
                       loop::goal_state_label(p));
    out += fmt::format("    {}{}\n", loop::goal_progress_label(p), details(p));
  }
  return out;
}

std::string render_goals_markdown(const Summary& summary) {
  if (summary.goals.empty())
    return {};
  std::string out = "\n### Goals\n\n| Goal | Mentee | Skill | Window | State | Progress |\n";
  out += "|---|---|---|---|---|---|\n";
  for (const auto& p : summary.goals) {
    std::string state = loop::goal_state_label(p);
    if (p.state == loop::GoalState::met || p.state == loop::GoalState::missed)
      state = "**" + state + "**";
    out += fmt::format("| `{}` | {} | {} | {} | {} | {}{} |\n", p.goal.id.substr(0, 8),
                       report::markdown_escape(p.goal.mentee),
                       report::markdown_escape(loop::goal_subject_label(p)), window_label(p), state,
                       loop::goal_progress_label(p), report::markdown_escape(details(p)));
  }
  return out;
}

std::string render_goals_html(const Summary& summary) {
  if (summary.goals.empty())
    return {};
  std::string out =
      "<section id=\"goals\">\n<h2>Goals</h2>\n<table class=\"goals\">\n<tr><th>Goal</th>"
      "<th>Mentee</th><th>Skill</th><th>Window</th><th>State</th><th>Progress</th>"
      "<th>Note</th></tr>\n";
  for (const auto& p : summary.goals) {
    out += fmt::format(
        "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td class=\"d\">{}</td>"
        "<td><span class=\"trend {}\">{}</span></td><td>{}{}</td><td class=\"message\">{}</td>"
        "</tr>\n",
        report::html_escape(p.goal.id.substr(0, 8)), report::html_escape(p.goal.mentee),
        report::html_escape(loop::goal_subject_label(p)), report::html_escape(window_label(p)),
        state_class(p.state), report::html_escape(loop::goal_state_label(p)),
        report::html_escape(loop::goal_progress_label(p)), report::html_escape(details(p)),
        report::html_escape(p.goal.note));
  }
  out += "</table>\n</section>\n";
  return out;
}

}  // namespace mentor::summary
