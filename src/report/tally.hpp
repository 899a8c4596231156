// The closing line of a report: how many findings, of which severities, in how many commits.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "review/reviewer.hpp"

namespace mentor::report {

// "1 finding", "2 findings".
std::string plural(std::size_t n, std::string_view word);

struct Tally {
  std::array<std::size_t, 5> by_severity{};  // indexed by rules::Severity; suppressed apart
  std::size_t suppressed = 0;
  std::size_t total = 0;
  std::size_t commits_with_findings = 0;
  std::size_t commits = 0;

  // "3 findings (1 error, 1 warning, 1 suppressed) in 2 of 5 commits"
  std::string text() const;
};

Tally count(std::span<const review::CommitReview> reviews);

}  // namespace mentor::report
