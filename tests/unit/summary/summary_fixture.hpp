// Plain inputs for the summary's computation: commits with findings and verdicts, no repository.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "summary/summary.hpp"

namespace mentor::test {

// Builds a summary::Input commit by commit; verdicts are keyed by (commit, finding id).
class SummaryInput {
 public:
  // A reviewed commit by `email`, `day` days after 2024-01-01, touching `languages`.
  summary::CommitInput& commit(const std::string& email, int day,
                               std::vector<std::string> languages = {"python"}) {
    summary::CommitInput& c = input_.commits.emplace_back();
    c.id = hex_id(input_.commits.size());
    c.author_name = name_of(email);
    c.author_email = email;
    c.time = 1704067200 + static_cast<std::int64_t>(day) * 86400;
    c.reviewed = true;
    c.languages = std::move(languages);
    return c;
  }

  // Adds a finding of `rule` to the last commit; returns its id.
  std::string finding(const std::string& rule, const std::string& skill = "error-handling",
                      const std::string& path = "app.py", const std::string& severity = "warning",
                      const std::string& message = "a message") {
    summary::CommitInput& c = input_.commits.back();
    record::RecordedFinding& f = c.findings.emplace_back();
    f.id = "f" + std::to_string(++findings_);
    f.rule = rule;
    f.skill = skill;
    f.path = path;
    f.severity = severity;
    f.message = message;
    f.commit = c.id;
    f.line = 1;
    f.col = 1;
    return f.id;
  }

  void verdict(const std::string& finding_id, record::Verdict verdict,
               std::vector<summary::MentorNote> notes = {}) {
    verdicts_[finding_id] = {verdict, false, std::move(notes)};
  }

  summary::Input input() const {
    summary::Input out = input_;
    auto verdicts = verdicts_;
    out.verdicts = [verdicts](const record::RecordedFinding& f) {
      auto it = verdicts.find(f.id);
      return it == verdicts.end() ? summary::FindingVerdict{} : it->second;
    };
    out.language_of = [](std::string_view path) -> std::string {
      if (path.ends_with(".py"))
        return "python";
      if (path.ends_with(".js"))
        return "javascript";
      return "";
    };
    return out;
  }

  summary::Summary summarize(const summary::Settings& settings = {}) const {
    return summary::summarize(input(), settings);
  }

  summary::CommitInput& last() { return input_.commits.back(); }

 private:
  static std::string hex_id(std::size_t n) {
    std::string digits = std::to_string(n);
    return std::string(40 - digits.size(), 'a') + digits;
  }
  static std::string name_of(const std::string& email) { return email.substr(0, email.find('@')); }

  summary::Input input_;
  std::map<std::string, summary::FindingVerdict> verdicts_;
  int findings_ = 0;
};

inline const summary::RuleTally* rule_of(const summary::MenteeSummary& m, const std::string& id) {
  for (const auto& r : m.rules) {
    if (r.rule == id)
      return &r;
  }
  return nullptr;
}

inline const summary::SkillTally* skill_of(const summary::MenteeSummary& m,
                                           const std::string& skill) {
  for (const auto& s : m.skills) {
    if (s.skill == skill)
      return &s;
  }
  return nullptr;
}

inline const summary::RuleHealth* health_of(const summary::Summary& s, const std::string& id) {
  for (const auto& h : s.rule_health) {
    if (h.rule == id)
      return &h;
  }
  return nullptr;
}

}  // namespace mentor::test
