// The summary as JSON; docs/mentoring.md ("The JSON report") lists the fields. Field names are
// stable: a change that would make a reader misread them raises `version`.
#include <nlohmann/json.hpp>

#include "summary/render.hpp"

namespace mentor::summary {

namespace {

using Json = nlohmann::ordered_json;

Json seen_json(const Seen& seen) {
  return Json{{"commit", seen.commit}, {"date", format_time(seen.time)}};
}

void tally_json(Json& json, const Tally& t) {
  json["occurrences"] = t.occurrences;
  json["confirmed"] = t.confirmed;
  json["weight"] = t.weight;
  json["commits"] = t.commits;
  json["first_seen"] = seen_json(t.first_seen);
  json["last_seen"] = seen_json(t.last_seen);
  json["recurring"] = t.recurring;
  json["trend"] = std::string(trend_name(t.trend));
  json["relevant_commits"] = t.relevant_commits;
  json["clean_since_last"] = t.clean_since_last;
  json["evidence"] = t.evidence;
  json["earlier_rate"] = t.earlier_rate;
  json["later_rate"] = t.later_rate;
  json["languages"] = t.languages;
}

// Which lessons work: one object per rule a mentor taught.
Json lessons_json(const Summary& summary) {
  Json out = Json::array();
  for (const auto& l : summary.lessons) {
    Json mentees = Json::array();
    for (const auto& m : l.mentees) {
      mentees.push_back(
          Json{{"name", m.name},
               {"email", m.email},
               {"lesson", Json{{"commit", m.lesson_commit}, {"date", format_time(m.lesson_time)}}},
               {"before_commits", m.before_commits},
               {"before_occurrences", m.before_occurrences},
               {"after_commits", m.after_commits},
               {"after_occurrences", m.after_occurrences},
               {"first_repeat", m.first_repeat ? Json(*m.first_repeat) : Json(nullptr)},
               {"repeated", m.repeated}});
    }
    out.push_back(Json{{"rule", l.rule},
                       {"skill", l.skill},
                       {"severity", l.severity},
                       {"taught", l.taught},
                       {"followed", l.followed},
                       {"repeated", l.repeated},
                       {"before_rate", l.before_rate ? Json(*l.before_rate) : Json(nullptr)},
                       {"after_rate", l.after_rate ? Json(*l.after_rate) : Json(nullptr)},
                       {"flagged", l.flagged},
                       {"mentees", std::move(mentees)}});
  }
  return out;
}

}  // namespace

std::string render_json(const Summary& summary, std::string_view tool_version) {
  const Settings& s = summary.settings;
  Json root;
  root["version"] = 1;
  root["tool_version"] = std::string(tool_version);
  root["ranges"] = summary.ranges;
  root["repositories"] = summary.repositories;
  root["mentee"] = summary.mentee.empty() ? Json(nullptr) : Json(summary.mentee);
  root["since"] = summary.since ? Json(format_time(*summary.since)) : Json(nullptr);
  root["settings"] = Json{{"recurring", s.recurring},
                          {"mastered_after", s.mastered_after},
                          {"mastered_min_occurrences", s.mastered_min_occurrences},
                          {"dismissal_threshold", s.dismissal_threshold},
                          {"min_verdicts", s.min_verdicts},
                          {"confirmed_weight", s.confirmed_weight},
                          {"trend_margin", s.trend_margin},
                          {"trend_min_weight", s.trend_min_weight},
                          {"chart_points", s.chart_points},
                          {"lesson_window", s.lesson_window}};
  root["commits"] = summary.commits;
  root["reviewed"] = summary.reviewed;
  Json mentees = Json::array();
  for (const auto& m : summary.mentees) {
    Json mentee;
    mentee["name"] = m.name;
    mentee["email"] = m.email;
    mentee["commits"] = m.commits;
    mentee["reviewed"] = m.reviewed;
    mentee["clean"] = m.clean;
    mentee["first_commit"] = m.reviewed > 0 ? Json(format_time(m.first_commit)) : Json(nullptr);
    mentee["last_commit"] = m.reviewed > 0 ? Json(format_time(m.last_commit)) : Json(nullptr);
    Json skills = Json::array();
    for (const auto& t : m.skills) {
      Json skill;
      skill["skill"] = t.skill;
      tally_json(skill, t);
      skill["rules"] = t.rules;
      skill["worsening_rules"] = t.worsening_rules;
      skills.push_back(std::move(skill));
    }
    mentee["skills"] = std::move(skills);
    Json rules = Json::array();
    for (const auto& t : m.rules) {
      Json rule;
      rule["rule"] = t.rule;
      rule["skill"] = t.skill;
      rule["severity"] = t.severity;
      rule["message"] = t.message;
      tally_json(rule, t);
      rules.push_back(std::move(rule));
    }
    mentee["rules"] = std::move(rules);
    Json praise = Json::array();
    for (const auto& p : m.praise)
      praise.push_back(Json{{"rule", p.rule}, {"skill", p.skill}, {"occurrences", p.occurrences}});
    mentee["praise"] = std::move(praise);
    Json timeline = Json::array();
    for (const auto& b : m.timeline) {
      Json findings = Json::object();
      for (const auto& [skill, n] : b.findings)
        findings[skill] = n;
      timeline.push_back(Json{{"from", format_time(b.from)},
                              {"to", format_time(b.to)},
                              {"commits", b.commits},
                              {"findings", std::move(findings)}});
    }
    mentee["timeline"] = std::move(timeline);
    mentees.push_back(std::move(mentee));
  }
  root["mentees"] = std::move(mentees);
  Json health = Json::array();
  for (const auto& h : summary.rule_health) {
    health.push_back(
        Json{{"rule", h.rule},
             {"skill", h.skill},
             {"severity", h.severity},
             {"findings", h.findings},
             {"confirmed", h.confirmed},
             {"dismissed", h.dismissed},
             {"praised", h.praised},
             {"not_the_mentees", h.not_the_mentees},
             {"unreviewed", h.unreviewed},
             {"suppressed", h.suppressed},
             {"dismissal_rate", h.dismissal_rate ? Json(*h.dismissal_rate) : Json(nullptr)},
             {"flagged", h.flagged},
             {"dismissal_notes", h.dismissal_notes}});
  }
  root["rule_health"] = std::move(health);
  root["lessons"] = lessons_json(summary);
  root["goals"] = goals_json(summary);
  root["mentors"] = mentors_json(summary);
  root["practice"] = practice_json(summary);
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';
}

}  // namespace mentor::summary
