// Why a rule does or does not match at one node: the diagnosis `rules test` prints for a failing
// example. Kept apart from matching itself, which never computes it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "util/error.hpp"

namespace mentor::rules {

// One part of a rule as its author wrote it: a key of a rule object (`pattern`, `kind`,
// `regex`, `nthChild`, `inside`, `has`, `precedes`, `follows`, `any`, `not`, `matches: ID`) or
// a constraint (`constraints: NAME`), with where the rule file writes it.
struct RulePart {
  std::string what;
  SourcePos pos;
};

// The parts of a rule evaluated at one node, in ast-grep's order: those of the top-level rule
// object and of the `all` lists and multi-key objects nested directly in it (flattened), then
// the constraints on the metavariables bound. A part that fails does not stop the ones after
// it, so that `held` counts how much of the rule the node satisfies.
struct MatchExplanation {
  std::vector<RulePart> held;
  std::optional<RulePart> failed;  // the first part that did not hold; nullopt: the rule matches
  std::size_t failures = 0;        // how many parts did not hold
};

}  // namespace mentor::rules
