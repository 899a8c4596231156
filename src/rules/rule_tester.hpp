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
  };
  Kind kind;
  std::string snippet;
};

// Runs the rule over each of its examples. Returns the failures, bad examples first; empty when
// the rule behaves as its examples say.
std::vector<ExampleFailure> test_rule_examples(const Rule& rule, lang::Parser& parser);

}  // namespace mentor::rules
