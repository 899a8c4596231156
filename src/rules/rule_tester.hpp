// Rule tests: a rule's `examples.bad` must match, its `examples.good` must not; a failure says
// why, from the rule's own parts (Matcher::explain).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lang/parser.hpp"
#include "rules/match_explain.hpp"
#include "rules/rule.hpp"

namespace mentor::rules {

// The node of an example a failure is about, and the parts of the rule that held there.
struct ExampleDiagnosis {
  std::uint32_t row = 0;     // 0-based, of the node's start
  std::uint32_t column = 0;  // 0-based, in bytes
  std::string kind;          // the node's kind
  std::string text;          // the node's first line, shortened (untrusted: escape to print)
  MatchExplanation explanation;
};

struct ExampleFailure {
  enum class Kind {
    missing,  // a bad example the rule did not match
    noisy,    // a good example the rule matched
    bad_fix,  // a bad example that the rule's fix leaves broken or still matched (fix_tester.hpp)
  };
  Kind kind;
  std::string snippet;
  // Missing: the closest node, the one of a kind the rule can match where most of the rule's
  // parts hold (the first such in the example). Noisy: the first node the rule matched.
  // nullopt with `note` saying why when there is none (no node of such a kind, a query rule).
  std::optional<ExampleDiagnosis> diagnosis;
  std::string note;
  std::string problem;  // bad_fix: what is wrong with the fixed code
  std::string fixed;    // bad_fix: the example with its fixes applied
};

// Checks one example: `must_match` for a bad one, not for a good one. nullopt when the rule
// behaves as the example says; else the failure with its diagnosis.
std::optional<ExampleFailure> check_example(const Rule& rule, lang::Parser& parser,
                                            const std::string& code, bool must_match);

// Runs the rule over each of its examples (check_example). Returns the failures, bad examples
// first; empty when the rule behaves as its examples say.
std::vector<ExampleFailure> test_rule_examples(const Rule& rule, lang::Parser& parser);

}  // namespace mentor::rules
