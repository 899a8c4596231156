// Rule tests of a rule's fix: applied to each bad example, it must leave code that parses and
// that the rule no longer matches where it was changed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lang/parser.hpp"
#include "rules/rule.hpp"

namespace mentor::rules {

// `code` with the fixes of `matches` applied, in order, as ast-grep applies them: a fix that
// overlaps one applied before it is left out. `changed` receives the ranges of the result that
// replacements wrote (sorted); may be null.
std::string apply_fixes(std::string_view code, const std::vector<Match>& matches,
                        std::vector<std::pair<std::uint32_t, std::uint32_t>>* changed = nullptr);

struct FixFailure {
  std::string snippet;  // the bad example
  std::string fixed;    // it with the fixes applied
  std::string problem;  // what is wrong with `fixed`
};

// For a rule with a fix: each bad example the rule matches, fixed, must be its text in
// `examples.fixed` when it has one, parse without error nodes and not be matched again at code a
// fix wrote. Empty without a fix.
std::vector<FixFailure> test_rule_fixes(const Rule& rule, lang::Parser& parser);

}  // namespace mentor::rules
