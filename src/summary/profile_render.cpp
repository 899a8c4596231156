// The needs assessment as a table for the terminal and as JSON; docs/mentoring.md ("Assessment:
// where to start") shows both and lists the JSON fields, which are stable.
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "loop/profile.hpp"
#include "summary/render.hpp"
#include "summary/terminal.hpp"

namespace mentor::summary {

namespace {

using Json = nlohmann::ordered_json;

// "12.5", or "-" when there is no rate.
std::string per_100_label(std::optional<double> rate) {
  return rate ? fmt::format("{:.1f}", *rate) : std::string("-");
}

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// "12.5 per 100 (5 mistakes in 4 of 40 commits that could have had them)"
std::string rate_sentence(const loop::SkillRate& rate) {
  return fmt::format("{} per 100 ({} in {} of {} that could have had one)",
                     per_100_label(rate.per_100()), plural(rate.occurrences, "mistake"),
                     rate.commits, plural(rate.opportunities, "commit"));
}

const loop::SkillProfile* find_skill(const loop::Profile& profile, const std::string& skill) {
  for (const auto& p : profile.skills) {
    if (p.skill == skill)
      return &p;
  }
  return nullptr;
}

Json rate_json(const loop::SkillRate& rate) {
  const auto per_100 = rate.per_100();
  return Json{{"occurrences", rate.occurrences},
              {"commits", rate.commits},
              {"opportunities", rate.opportunities},
              {"per_100", per_100 ? Json(*per_100) : Json(nullptr)}};
}

Json period_json(std::size_t commits, std::int64_t from, std::int64_t to) {
  return Json{{"commits", commits},
              {"from", commits > 0 ? Json(format_time(from)) : Json(nullptr)},
              {"to", commits > 0 ? Json(format_time(to)) : Json(nullptr)}};
}

}  // namespace

std::string render_profile_text(const loop::Profile& profile, std::string_view mentee,
                                std::string_view scope) {
  std::string out = fmt::format(
      "git-mentor profile of {} over {}: {} of {} reviewed; the team: {}, {} of {} reviewed\n",
      table_cell(mentee), table_cell(scope), profile.reviewed, plural(profile.commits, "commit"),
      plural(profile.team_authors, "other author"), profile.team_reviewed,
      plural(profile.team_commits, "commit"));
  if (profile.reviewed == 0) {
    out +=
        "Nothing recorded for this mentee: review with `git mentor profile` without --no-review "
        "(or `git mentor check --record`, or fetch the record with `git mentor sync`).\n";
    return out;
  }
  std::string authors;
  for (const auto& author : profile.authors)
    authors += (authors.empty() ? "" : ", ") + table_cell(author);
  out += fmt::format("  {}: {}\n", profile.authors.size() == 1 ? "author" : "authors", authors);
  if (profile.earlier_commits > 0) {
    out += fmt::format("  earlier: {} from {} to {}; later: {} from {} to {}\n",
                       plural(profile.earlier_commits, "commit"), format_date(profile.first_commit),
                       format_date(profile.earlier_to), plural(profile.later_commits, "commit"),
                       format_date(profile.later_from), format_date(profile.last_commit));
  }
  if (profile.skills.empty()) {
    out += "\nNo mistakes recorded in the selection, by the mentee or the team.\n";
    return out;
  }
  out += "\nMistakes per 100 commits that could have had them:\n\n";
  Table table(
      {"SKILL", "MENTEE", "MISTAKES", "COMMITS", "OF", "TEAM", "VS TEAM", "EARLIER", "LATER", ""},
      "lrrrrrrrr");
  for (const auto& p : profile.skills) {
    table.add({table_cell(skill_label(p.skill)), per_100_label(p.mentee.per_100()),
               std::to_string(p.mentee.occurrences), std::to_string(p.mentee.commits),
               std::to_string(p.mentee.opportunities), per_100_label(p.team.per_100()),
               p.ratio ? fmt::format("{:.1f}x", *p.ratio) : std::string("-"),
               per_100_label(p.earlier.per_100()), per_100_label(p.later.per_100()),
               p.suggested ? "FOCUS" : ""});
  }
  out += table.render("  ");
  if (profile.suggestions.empty()) {
    out += fmt::format(
        "\nNo skill to focus on: none is a mistake of the mentee's in at least {} commits at a "
        "rate more than {}% above the team's.\n",
        profile.settings.recurring,
        static_cast<long>(std::lround(profile.settings.trend_margin * 100)));
    return out;
  }
  out += "\nWhere to start:\n";
  for (std::size_t i = 0; i < profile.suggestions.size(); ++i) {
    const loop::SkillProfile* p = find_skill(profile, profile.suggestions[i]);
    if (p == nullptr)
      continue;
    out += fmt::format("\n  {}. {}: {}\n", i + 1, table_cell(skill_label(p->skill)),
                       rate_sentence(p->mentee));
    if (p->team.opportunities > 0) {
      out += fmt::format("     the team: {}{}\n", rate_sentence(p->team),
                         p->ratio ? fmt::format("; the mentee's is {:.1f}x", *p->ratio) : "");
    } else {
      out += "     the team: no commit that could have had one\n";
    }
    for (const auto& e : p->examples) {
      out += fmt::format("     {} {}:{} {}: {}\n", e.commit.substr(0, 12), table_cell(e.path),
                         e.line, table_cell(e.rule), table_cell(e.message));
    }
  }
  return out;
}

std::string render_profile_json(const loop::Profile& profile, std::string_view mentee,
                                const std::vector<std::string>& ranges,
                                std::optional<std::int64_t> since, std::string_view tool_version) {
  Json root;
  root["version"] = 1;
  root["tool_version"] = std::string(tool_version);
  root["mentee"] = std::string(mentee);
  root["ranges"] = ranges;
  root["since"] = since ? Json(format_time(*since)) : Json(nullptr);
  root["settings"] = Json{{"recurring", profile.settings.recurring},
                          {"trend_margin", profile.settings.trend_margin},
                          {"rate_floor", loop::kRateFloor},
                          {"max_suggestions", loop::kMaxSuggestions}};
  root["authors"] = profile.authors;
  root["commits"] = profile.commits;
  root["reviewed"] = profile.reviewed;
  root["team"] = Json{{"authors", profile.team_authors},
                      {"commits", profile.team_commits},
                      {"reviewed", profile.team_reviewed}};
  root["periods"] = Json{
      {"earlier", period_json(profile.earlier_commits, profile.first_commit, profile.earlier_to)},
      {"later", period_json(profile.later_commits, profile.later_from, profile.last_commit)}};
  Json skills = Json::array();
  for (const auto& p : profile.skills) {
    Json skill;
    skill["skill"] = p.skill;
    skill["rules"] = p.rules;
    skill["mentee"] = rate_json(p.mentee);
    skill["team"] = rate_json(p.team);
    skill["earlier"] = rate_json(p.earlier);
    skill["later"] = rate_json(p.later);
    skill["weight"] = p.weight;
    skill["ratio"] = p.ratio ? Json(*p.ratio) : Json(nullptr);
    skill["suggested"] = p.suggested;
    Json examples = Json::array();
    for (const auto& e : p.examples) {
      examples.push_back(Json{{"commit", e.commit},
                              {"date", format_time(e.time)},
                              {"path", e.path},
                              {"line", e.line},
                              {"rule", e.rule},
                              {"severity", e.severity},
                              {"message", e.message}});
    }
    skill["examples"] = std::move(examples);
    skills.push_back(std::move(skill));
  }
  root["skills"] = std::move(skills);
  root["suggestions"] = profile.suggestions;
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';
}

}  // namespace mentor::summary
