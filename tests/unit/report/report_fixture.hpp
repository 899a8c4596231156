// Findings and reviews built by hand, for the renderers' unit tests.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "lang/language.hpp"
#include "review/reviewer.hpp"
#include "rules/rule.hpp"

namespace mentor::test {

inline rules::Rule make_rule(std::string id, rules::Severity severity, std::string message = "m",
                             std::string skill = "readability", std::string lesson = "",
                             std::string url = "") {
  rules::Rule rule;
  rule.id = std::move(id);
  rule.language = lang::find_language("python");
  rule.severity = severity;
  rule.message = std::move(message);
  rule.skill = std::move(skill);
  rule.lesson = std::move(lesson);
  rule.url = std::move(url);
  return rule;
}

// A finding of `rule` on one line: bytes [column, end_column) of `source_line`.
inline review::Finding make_finding(const rules::Rule& rule, std::string path, std::uint32_t line,
                                    std::uint32_t column, std::uint32_t end_column,
                                    std::string source_line, std::string message = "") {
  review::Finding f;
  f.rule = &rule;
  f.message = message.empty() ? rule.message : std::move(message);
  f.path = std::move(path);
  f.line = line;
  f.column = column;
  f.end_line = line;
  f.end_column = end_column;
  f.commit = std::string(40, 'a');
  f.author = "Mentee Example <mentee@example.com>";
  f.fingerprint = "0123456789abcdef";
  f.source_line = std::move(source_line);
  return f;
}

inline review::CommitReview make_review(std::vector<review::Finding> findings,
                                        std::string id = std::string(40, 'a'),
                                        std::string summary = "Add a feature") {
  review::CommitReview review;
  review.commit.id = std::move(id);
  review.commit.author_name = "Mentee Example";
  review.commit.author_email = "mentee@example.com";
  review.commit.summary = std::move(summary);
  for (auto& f : findings)
    f.commit = review.commit.id;
  review.findings = std::move(findings);
  return review;
}

}  // namespace mentor::test
