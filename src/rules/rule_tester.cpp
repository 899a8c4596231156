// Rule tests.
#include "rules/rule_tester.hpp"

#include "rules/fix_tester.hpp"
#include "rules/rule_engine.hpp"

namespace mentor::rules {

namespace {

bool matches_example(const Rule& rule, lang::Parser& parser, const std::string& code) {
  lang::Tree tree = parser.parse(*rule.language, code);
  const Rule* one[] = {&rule};
  return !match_rules(one, tree, code).empty();
}

}  // namespace

std::vector<ExampleFailure> test_rule_examples(const Rule& rule, lang::Parser& parser) {
  std::vector<ExampleFailure> failures;
  for (const auto& code : rule.bad_examples) {
    if (!matches_example(rule, parser, code))
      failures.push_back({ExampleFailure::Kind::missing, code, {}, {}});
  }
  for (auto& fix : test_rule_fixes(rule, parser)) {
    failures.push_back({ExampleFailure::Kind::bad_fix, std::move(fix.snippet),
                        std::move(fix.problem), std::move(fix.fixed)});
  }
  for (const auto& code : rule.good_examples) {
    if (matches_example(rule, parser, code))
      failures.push_back({ExampleFailure::Kind::noisy, code, {}, {}});
  }
  return failures;
}

}  // namespace mentor::rules
