// Rule tests: a rule's `examples.bad` must match, its `examples.good` must not.
#pragma once

#include <string>
#include <vector>

#include "lang/parser.hpp"
#include "rules/rule.hpp"

namespace mentor::rules {

struct ExampleFailure {
  enum class Kind {
    missing,  // a bad example the rule did not match
    noisy,    // a good example the rule matched
    bad_fix,  // a bad example that the rule's fix leaves broken or still matched (fix_tester.hpp)
  };
  Kind kind;
  std::string snippet;
  std::string problem;  // bad_fix: what is wrong with the fixed code
  std::string fixed;    // bad_fix: the example with its fixes applied
};

// Runs the rule over each of its examples. Returns the failures, bad examples first; empty when
// the rule behaves as its examples say.
std::vector<ExampleFailure> test_rule_examples(const Rule& rule, lang::Parser& parser);

}  // namespace mentor::rules
