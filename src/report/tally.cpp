// The closing line of a report.
#include "report/tally.hpp"

#include <fmt/format.h>

namespace mentor::report {

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

Tally count(std::span<const review::CommitReview> reviews) {
  Tally tally;
  tally.commits = reviews.size();
  for (const auto& review : reviews) {
    if (!review.findings.empty())
      ++tally.commits_with_findings;
    for (const auto& f : review.findings) {
      ++tally.total;
      if (f.suppressed)
        ++tally.suppressed;
      else
        ++tally.by_severity[static_cast<std::size_t>(f.rule->severity)];
    }
  }
  return tally;
}

std::string Tally::text() const {
  static constexpr std::array<std::string_view, 5> kNames = {"error", "warning", "info", "hint",
                                                             "praise"};
  std::string parts;
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (by_severity[i] == 0)
      continue;
    if (!parts.empty())
      parts += ", ";
    // "info" and "praise" are not counted in the plural
    parts += i == 2 || i == 4 ? fmt::format("{} {}", by_severity[i], kNames[i])
                              : plural(by_severity[i], kNames[i]);
  }
  if (suppressed != 0)
    parts += fmt::format("{}{} suppressed", parts.empty() ? "" : ", ", suppressed);
  return fmt::format("{}{} in {} of {}", plural(total, "finding"),
                     parts.empty() ? "" : " (" + parts + ")", commits_with_findings,
                     plural(commits, "commit"));
}

}  // namespace mentor::report
