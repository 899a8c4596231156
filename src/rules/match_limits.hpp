// The bounds on matching rules over one file, and the error that says one was reached.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "util/error.hpp"

namespace mentor::rules {

// Steps (rule evaluations, pattern node comparisons, nodes visited by relations, children
// listed) one match_rules call may take. Reviewing a 1 MiB file of ordinary code with every
// bundled rule of its language takes well under a tenth of it; reaching it takes a few seconds.
inline constexpr std::uint64_t kMatchStepBudget = 200'000'000;

// How deeply rule evaluation may nest at run time: rule objects inside rule objects, utility
// rules through `matches`, and a utility that reaches itself again through a relation (which
// nests once per level of the syntax tree).
inline constexpr std::size_t kMaxMatchDepth = 256;

// Results of relational searches (`has`/`inside`/`precedes`/`follows` that go beyond the
// neighbour) remembered per file, so that deep or wide trees are searched in linear time. Past
// it, searches are no longer remembered and the step budget bounds the work.
inline constexpr std::size_t kMaxRememberedSearches = 4'000'000;

// Thrown when matching one file would exceed kMatchStepBudget or kMaxMatchDepth: the review
// skips that file (see review::review_change_set); elsewhere it is an error like any other.
class MatchLimitExceeded : public Error {
 public:
  explicit MatchLimitExceeded(const std::string& message) : Error(message) {}
};

}  // namespace mentor::rules
