// The summary as one self-contained HTML page: inline CSS, an inline SVG chart per mentee, no
// scripts, nothing loaded from elsewhere (its Content-Security-Policy forbids it).
#include <fmt/format.h>

#include "report/escape.hpp"
#include "summary/render.hpp"

namespace mentor::summary {

namespace {

constexpr const char* kStyle = R"(
body { font-family: sans-serif; color: #222; margin: 2em auto; max-width: 1100px; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.3em; margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
h3 { font-size: 1.05em; margin-top: 1.4em; }
p.scope, p.facts, footer { color: #555; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.88em; }
th, td { border: 1px solid #ddd; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.d, td code { white-space: nowrap; }
td.message { min-width: 11em; max-width: 28em; overflow-wrap: anywhere; }
code { font-family: monospace; }
.trend { display: inline-block; padding: 0 0.5em; border-radius: 0.8em; font-size: 0.9em; }
.trend-improving { background: #dff3e4; color: #14532d; }
.trend-mastered { background: #c9ecd5; color: #0b3d1f; font-weight: bold; }
.trend-steady { background: #eceff3; color: #333; }
.trend-worsening { background: #fde2e1; color: #7f1d1d; font-weight: bold; }
.trend-worsening.minor { background: #fdf3d8; color: #6b4f00; font-weight: normal; }
.evidence { color: #666; font-size: 0.85em; white-space: nowrap; }
.hidden-worsening { color: #7f1d1d; font-size: 0.85em; margin-top: 0.2em; }
.places { font-size: 0.88em; }
.places div:target { background: #fff7c2; }
.places ul { margin: 0.2em 0 0.6em; }
.recurring { color: #7f1d1d; font-weight: bold; }
tr.flagged td { background: #fff4e5; }
.flag { color: #9a3412; font-weight: bold; }
figure { margin: 0.5em 0; }
figcaption { color: #555; font-size: 0.9em; }
svg.chart { max-width: 100%; height: auto; border: 1px solid #eee; }
)";

std::string h(std::string_view text) {
  return report::html_escape(text);
}

// A trend, with the evidence it stands on; a worsening of minor findings only (info, hint) is
// not painted as an alarm.
std::string trend_span(const Tally& t, bool minor = false) {
  return fmt::format(
      "<span class=\"trend trend-{0}{1}\">{0}</span> <span class=\"evidence\">{2}"
      "</span>",
      trend_name(t.trend), minor ? " minor" : "", h(evidence_label(t)));
}

std::string tally_cells(const Tally& t, std::string trend) {
  return fmt::format(
      "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"d\">{}</td>"
      "<td class=\"d\">{}</td>"
      "<td>{}</td><td>{}</td>",
      t.occurrences, t.confirmed, t.commits, format_date(t.first_seen.time),
      format_date(t.last_seen.time),
      t.recurring ? "<span class=\"recurring\">recurring</span>" : "", trend);
}

std::string skill_trend(const SkillTally& s) {
  std::string out = trend_span(s);
  if (s.trend != Trend::worsening && !s.worsening_rules.empty()) {
    out += "<div class=\"hidden-worsening\">worsening under it:";
    for (std::size_t i = 0; i < s.worsening_rules.size(); ++i)
      out += (i == 0 ? " <code>" : ", <code>") + h(s.worsening_rules[i]) + "</code>";
    out += "</div>";
  }
  return out;
}

// Which lessons work: a row per rule a mentor taught, with each taught mentee.
std::string lessons_html(const Summary& summary) {
  if (summary.lessons.empty())
    return "";
  const unsigned window = summary.settings.lesson_window;
  std::string out = "<section id=\"lessons\">\n<h2>Lessons</h2>\n";
  out += "<p>" + h(lessons_definition(summary)) +
         " Before and after: findings per relevant commit, the taught mentees together.</p>\n";
  out +=
      "<table class=\"lessons\">\n<tr><th>Rule</th><th>Skill</th><th>Taught</th>"
      "<th>Followed</th><th>Repeated</th><th>Before</th><th>After</th><th>Sticks?</th>"
      "<th>Each mentee</th></tr>\n";
  for (const auto& l : summary.lessons) {
    std::string mentees;
    for (const auto& m : l.mentees) {
      mentees += fmt::format(
          "<div>{}: taught {} <code>{}</code>, before {} in {}, after {} in {}; {}</div>",
          h(m.email.empty() ? m.name : m.email), format_date(m.lesson_time),
          h(m.lesson_commit.substr(0, 12)), m.before_occurrences, m.before_commits,
          m.after_occurrences, m.after_commits, h(loop::mentee_repeat_label(m, window)));
    }
    const std::string label = h(loop::repeat_label(l, window));
    out += fmt::format(
        "<tr{}><td><code>{}</code></td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
        "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td>"
        "<td class=\"message\">{}</td></tr>\n",
        l.flagged ? " class=\"flagged\"" : "", h(l.rule), h(skill_label(l.skill)), l.taught,
        l.followed, l.repeated, loop::rate_label(l.before_rate), loop::rate_label(l.after_rate),
        l.flagged ? "<span class=\"flag\">the lesson does not stick</span>: " + label : label,
        mentees);
  }
  return out + "</table>\n</section>\n";
}

}  // namespace

std::string render_html(const Summary& summary, std::string_view tool_version) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      "'unsafe-inline'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>git-mentor summary</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n<h1>git-mentor summary</h1>\n";
  std::size_t with_reviews = 0;
  for (const auto& m : summary.mentees)
    with_reviews += m.reviewed > 0 ? 1 : 0;
  out += fmt::format("<p class=\"scope\">{} of {} commit{} reviewed, {} mentee{} ({}).</p>\n",
                     summary.reviewed, summary.commits, summary.commits == 1 ? "" : "s",
                     with_reviews, with_reviews == 1 ? "" : "s", h(scope_label(summary)));
  if (summary.reviewed == 0) {
    out +=
        "<p>Nothing recorded: record findings with <code>git mentor check --record</code>.</p>\n";
  }
  std::size_t index = 0;
  for (const auto& m : summary.mentees) {
    if (m.reviewed == 0)
      continue;
    ++index;
    out += fmt::format("<section class=\"mentee\" id=\"mentee-{}\">\n<h2>{}</h2>\n", index,
                       h(mentee_label(m)));
    out +=
        fmt::format("<p class=\"facts\">{} of {} commit{} reviewed, {} clean, from {} to {}.</p>\n",
                    m.reviewed, m.commits, m.commits == 1 ? "" : "s", m.clean,
                    format_date(m.first_commit), format_date(m.last_commit));
    out += "<figure>\n" + render_chart_svg(m) +
           "<figcaption>Findings per skill over the mentee's reviewed commits, oldest to newest "
           "(dismissed findings left out).</figcaption>\n</figure>\n";
    if (!m.rules.empty()) {
      out +=
          "<h3>Skills</h3>\n<table class=\"skills\">\n<tr><th>Skill</th><th>Findings</th>"
          "<th>Confirmed</th><th>Commits</th><th>First seen</th><th>Last seen</th>"
          "<th>Recurring</th><th>Trend</th></tr>\n";
      for (const auto& s : m.skills)
        out += "<tr><td>" + h(skill_label(s.skill)) + "</td>" + tally_cells(s, skill_trend(s)) +
               "</tr>\n";
      out += "</table>\n";
      out +=
          "<h3>Rules</h3>\n<table class=\"rules\">\n<tr><th>Rule</th><th>Skill</th>"
          "<th>Findings</th><th>Confirmed</th><th>Commits</th><th>First seen</th>"
          "<th>Last seen</th><th>Recurring</th><th>Trend</th><th>Latest message</th></tr>\n";
      for (std::size_t k = 0; k < m.rules.size(); ++k) {
        const RuleTally& r = m.rules[k];
        const bool minor = severity_weight(r.severity) < 1.0;
        out += fmt::format("<tr><td><a href=\"#m{}-r{}\"><code>{}</code></a></td><td>{}</td>",
                           index, k + 1, h(r.rule), h(skill_label(r.skill))) +
               tally_cells(r, trend_span(r, minor)) + "<td class=\"message\">" + h(r.message) +
               "</td></tr>\n";
      }
      out += "</table>\n";
      // Where each rule's findings are: the rows above link here.
      out += "<div class=\"places\">\n";
      for (std::size_t k = 0; k < m.rules.size(); ++k) {
        const RuleTally& r = m.rules[k];
        out += fmt::format("<div id=\"m{}-r{}\"><code>{}</code> ({}):<ul>", index, k + 1, h(r.rule),
                           h(r.severity));
        for (const auto& p : r.places) {
          out += fmt::format("<li><code>{}</code> {} <code>{}:{}</code></li>",
                             p.commit.substr(0, 12), format_date(p.time), h(p.path), p.line);
        }
        out += "</ul></div>\n";
      }
      out += "</div>\n";
    }
    if (!m.praise.empty()) {
      out += "<p>Good practice seen: ";
      for (std::size_t i = 0; i < m.praise.size(); ++i) {
        out += fmt::format("{}<code>{}</code> ({})", i == 0 ? "" : ", ", h(m.praise[i].rule),
                           m.praise[i].occurrences);
      }
      out += ".</p>\n";
    }
    out += "</section>\n";
  }
  out += render_goals_html(summary);
  out += render_mentors_html(summary);
  out += render_practice_html(summary);
  if (!summary.rule_health.empty()) {
    out += "<section id=\"rule-health\">\n<h2>Rule health</h2>\n";
    out += fmt::format(
        "<p>Flagged for revision: more than {} of the mentors' verdicts dismiss it, with at least "
        "{} verdict{}.</p>\n",
        percent(summary.settings.dismissal_threshold), summary.settings.min_verdicts,
        summary.settings.min_verdicts == 1 ? "" : "s");
    out +=
        "<table class=\"rule-health\">\n<tr><th>Rule</th><th>Skill</th><th>Findings</th>"
        "<th>Confirmed</th><th>Dismissed</th><th>Praised</th><th>Not the mentee's</th>"
        "<th>Unreviewed</th><th>Dismissal rate</th><th>Revise</th><th>Why mentors dismissed "
        "it</th></tr>\n";
    for (const auto& r : summary.rule_health) {
      std::string notes;
      for (const auto& note : r.dismissal_notes)
        notes += "<div>" + h(note) + "</div>";
      out += fmt::format(
          "<tr{}><td><code>{}</code></td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
          "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
          "<td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"message\">{}</td>"
          "</tr>\n",
          r.flagged ? " class=\"flagged\"" : "", h(r.rule), h(skill_label(r.skill)), r.findings,
          r.confirmed, r.dismissed, r.praised, r.not_the_mentees, r.unreviewed,
          r.dismissal_rate ? percent(*r.dismissal_rate) : "–",
          r.flagged ? "<span class=\"flag\">revise</span>" : "", notes);
    }
    out += "</table>\n</section>\n";
  }
  out += lessons_html(summary);
  const Settings& s = summary.settings;
  out += fmt::format(
      "<footer><p>git-mentor {}. Recurring: in at least {} commits. Mastered: at least {} "
      "findings, then none in the next {} commits where the mistake could have been made. Trends "
      "weigh findings by severity (error 2, warning 1, info 0.5, hint 0.25), reviewed or not; "
      "dismissed findings are left out.</p></footer>\n</body>\n</html>\n",
      h(tool_version), s.recurring, s.mastered_min_occurrences, s.mastered_after);
  return out;
}

}  // namespace mentor::summary
