// The mentors in the summary's reports (summary/render.hpp): each mentor's feedback latency,
// verdicts per session and the findings waiting for a verdict (loop/mentor_load.hpp).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/escape.hpp"
#include "summary/render.hpp"
#include "summary/terminal.hpp"

namespace mentor::summary {

namespace {

using Json = nlohmann::ordered_json;

// What the section's numbers are, said once per report.
constexpr const char* kDefinition =
    "Latency: from a commit's author date to the first verdict on its finding, over the findings "
    "the mentor gave the first verdict on. Waiting: findings with no verdict yet of the mentees "
    "the mentor reviewed (praise and suppressed findings wait for none).";

std::string who(const loop::MentorLoad& m) {
  return m.mentor.empty() ? std::string("(no mentor yet)") : m.mentor;
}

std::string duration(const std::optional<double>& seconds) {
  return seconds ? loop::duration_label(*seconds) : std::string("-");
}

std::string per_session(const loop::MentorLoad& m) {
  if (!m.verdicts_per_session.median)
    return "-";
  return fmt::format("{:g}", *m.verdicts_per_session.median);
}

// Whole days: the age changes once a day, not from one run to the next.
std::int64_t age_days(const loop::MentorLoad& m) {
  return m.oldest_waiting_age / 86400;
}

std::string oldest(const loop::MentorLoad& m) {
  if (!m.oldest_waiting)
    return "-";
  const std::int64_t days = age_days(m);
  const std::string age = days == 0   ? std::string("under a day")
                          : days == 1 ? std::string("1 day")
                                      : fmt::format("{} days", days);
  return fmt::format("{} ({})", age, m.oldest_waiting_commit.substr(0, 12));
}

std::string mentees(const loop::MentorLoad& m) {
  std::string out;
  for (const auto& mentee : m.mentees)
    out += (out.empty() ? "" : ", ") + mentee;
  return out;
}

Json optional_number(const std::optional<double>& value) {
  return value ? Json(*value) : Json(nullptr);
}

}  // namespace

std::string render_mentors_text(const Summary& summary) {
  if (summary.mentors.empty())
    return {};
  std::string out = "\nMentors (" + std::string(kDefinition) + ")\n";
  Table table({"MENTOR", "VERDICTS", "LATENCY MEDIAN", "LATENCY P90", "SESSIONS",
               "VERDICTS/SESSION", "WAITING", "OLDEST WAITING", "MENTEES"},
              "lrrrrrrr");
  for (const auto& m : summary.mentors) {
    table.add({table_cell(who(m)), std::to_string(m.latency.count), duration(m.latency.median),
               duration(m.latency.p90), std::to_string(m.sessions), per_session(m),
               std::to_string(m.waiting), oldest(m), table_cell(mentees(m))});
  }
  return out + '\n' + table.render("  ");
}

std::string render_mentors_markdown(const Summary& summary) {
  if (summary.mentors.empty())
    return {};
  std::string out = "\n### Mentors\n\n" + std::string(kDefinition) + "\n\n";
  out +=
      "| Mentor | First verdicts | Latency (median) | Latency (90th percentile) | Sessions | "
      "Verdicts per session (median) | Waiting | Oldest waiting | Mentees |\n"
      "|---|---:|---:|---:|---:|---:|---:|---|---|\n";
  for (const auto& m : summary.mentors) {
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
                       report::markdown_escape(who(m)), m.latency.count, duration(m.latency.median),
                       duration(m.latency.p90), m.sessions, per_session(m), m.waiting, oldest(m),
                       report::markdown_escape(mentees(m)));
  }
  return out;
}

std::string render_mentors_html(const Summary& summary) {
  if (summary.mentors.empty())
    return {};
  std::string out = "<section id=\"mentors\">\n<h2>Mentors</h2>\n<p>" +
                    report::html_escape(kDefinition) +
                    "</p>\n<table class=\"mentors\">\n<tr><th>Mentor</th><th>First verdicts</th>"
                    "<th>Latency (median)</th><th>Latency (90th percentile)</th><th>Sessions</th>"
                    "<th>Verdicts per session (median)</th><th>Waiting</th><th>Oldest waiting</th>"
                    "<th>Mentees</th></tr>\n";
  for (const auto& m : summary.mentors) {
    out += fmt::format(
        "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
        "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td>"
        "<td>{}</td></tr>\n",
        report::html_escape(who(m)), m.latency.count, duration(m.latency.median),
        duration(m.latency.p90), m.sessions, per_session(m), m.waiting,
        report::html_escape(oldest(m)), report::html_escape(mentees(m)));
  }
  return out + "</table>\n</section>\n";
}

nlohmann::ordered_json mentors_json(const Summary& summary) {
  Json out = Json::array();
  for (const auto& m : summary.mentors) {
    out.push_back(
        Json{{"mentor", m.mentor.empty() ? Json(nullptr) : Json(m.mentor)},
             {"mentees", m.mentees},
             {"first_verdicts", m.latency.count},
             {"latency_median_seconds", optional_number(m.latency.median)},
             {"latency_p90_seconds", optional_number(m.latency.p90)},
             {"sessions", m.sessions},
             {"session_verdicts", m.session_verdicts},
             {"verdicts_per_session_median", optional_number(m.verdicts_per_session.median)},
             {"waiting", m.waiting},
             {"oldest_waiting", m.oldest_waiting ? Json{{"commit", m.oldest_waiting_commit},
                                                        {"date", format_time(*m.oldest_waiting)},
                                                        {"age_days", age_days(m)}}
                                                 : Json(nullptr)}});
  }
  return out;
}

}  // namespace mentor::summary
