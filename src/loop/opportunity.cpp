// The definition of an opportunity (loop/opportunity.hpp).
#include "loop/opportunity.hpp"

#include <algorithm>

#include "loop/commits.hpp"

namespace mentor::loop {

namespace {

bool rules_apply(const Scope& scope, std::string_view path, const RuleApplies& applies) {
  if (!applies || scope.rules.empty())
    return true;
  return std::any_of(scope.rules.begin(), scope.rules.end(),
                     [&](const std::string& rule) { return applies(rule, path).value_or(true); });
}

}  // namespace

bool is_opportunity(const CommitInput& commit, const Scope& scope,
                    const std::function<std::string(std::string_view)>& language_of,
                    const RuleApplies& applies) {
  if (commit.paths.empty() || !language_of) {
    // Only the languages are known (or nothing, for an agnostic scope).
    if (scope.languages.empty())
      return true;
    return std::any_of(commit.languages.begin(), commit.languages.end(),
                       [&](const std::string& l) { return scope.languages.count(l) != 0; });
  }
  return std::any_of(commit.paths.begin(), commit.paths.end(), [&](const std::string& path) {
    if (!scope.languages.empty() && scope.languages.count(language_of(path)) == 0)
      return false;
    return rules_apply(scope, path, applies);
  });
}

}  // namespace mentor::loop
