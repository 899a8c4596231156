// Practice in the summary's reports (summary/render.hpp): attempts at exercises cut from each
// mentee's recurring mistakes, per skill.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/escape.hpp"
#include "summary/render.hpp"
#include "util/encoding.hpp"

namespace mentor::summary {

namespace {

using Json = nlohmann::ordered_json;

std::string mentee_of(const loop::PracticeTally& t) {
  return t.name + " <" + t.email + ">";
}

// "3 attempts at 2 exercises, 1 passed (1 exercise), praise 1"
std::string counts(const loop::PracticeTally& t) {
  std::string out =
      fmt::format("{} attempt{} at {} exercise{}, {} passed", t.attempts,
                  t.attempts == 1 ? "" : "s", t.exercises, t.exercises == 1 ? "" : "s", t.passed);
  if (t.passed > 0 && t.exercises > 1)
    out += fmt::format(" ({} of the exercises)", t.passed_exercises);
  if (t.praise > 0)
    out += fmt::format(", praise {}", t.praise);
  return out;
}

}  // namespace

nlohmann::ordered_json practice_json(const Summary& summary) {
  Json out = Json::array();
  for (const auto& t : summary.practice) {
    out.push_back(Json{{"mentee", t.email},
                       {"name", t.name},
                       {"skill", t.skill},
                       {"attempts", t.attempts},
                       {"passed", t.passed},
                       {"exercises", t.exercises},
                       {"passed_exercises", t.passed_exercises},
                       {"praise", t.praise}});
  }
  return out;
}

std::string render_practice_text(const Summary& summary) {
  if (summary.practice.empty())
    return {};
  std::string out = "\nPractice (exercises from recurring mistakes: git mentor practice)\n";
  for (const auto& t : summary.practice) {
    out += fmt::format("  {}: {}: {}\n", util::terminal_safe(mentee_of(t)),
                       util::terminal_safe(skill_label(t.skill)), counts(t));
  }
  return out;
}

std::string render_practice_markdown(const Summary& summary) {
  if (summary.practice.empty())
    return {};
  std::string out =
      "\n### Practice\n\n| Mentee | Skill | Attempts | Passed | Exercises | Praise |\n"
      "|---|---|---|---|---|---|\n";
  for (const auto& t : summary.practice) {
    out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", report::markdown_escape(mentee_of(t)),
                       report::markdown_escape(skill_label(t.skill)), t.attempts, t.passed,
                       t.exercises, t.praise);
  }
  return out;
}

std::string render_practice_html(const Summary& summary) {
  if (summary.practice.empty())
    return {};
  std::string out =
      "<section id=\"practice\">\n<h2>Practice</h2>\n<table class=\"practice\">\n<tr>"
      "<th>Mentee</th><th>Skill</th><th>Attempts</th><th>Passed</th><th>Exercises</th>"
      "<th>Praise</th></tr>\n";
  for (const auto& t : summary.practice) {
    out += fmt::format(
        "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
        "<td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
        report::html_escape(mentee_of(t)), report::html_escape(skill_label(t.skill)), t.attempts,
        t.passed, t.exercises, t.praise);
  }
  out += "</table>\n</section>\n";
  return out;
}

}  // namespace mentor::summary
