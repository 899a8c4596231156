// Rule tests with their diagnosis: check_example and the parts Matcher::explain reports.
#include <catch2/catch.hpp>

#include "rules/rule_loader.hpp"
#include "rules/rule_tester.hpp"

using namespace mentor;

namespace {

// The failure of the only rule of `yaml` on `code`, which must fail.
rules::ExampleFailure failure_of(const std::string& yaml, const std::string& code,
                                 bool must_match) {
  std::vector<rules::Rule> loaded = rules::load_rules(yaml, "t.yaml");
  REQUIRE(loaded.size() == 1);
  lang::Parser parser;
  auto failure = rules::check_example(loaded.front(), parser, code, must_match);
  REQUIRE(failure.has_value());
  return *failure;
}

std::vector<std::string> whats(const std::vector<rules::RulePart>& parts) {
  std::vector<std::string> out;
  for (const auto& part : parts)
    out.push_back(part.what + "@" + std::to_string(part.pos.line) + ":" +
                  std::to_string(part.pos.column));
  return out;
}

}  // namespace

TEST_CASE("rule tester: nested all lists and multi-key objects are flattened into their parts",
          "[rules][tester]") {
  auto failure = failure_of(R"(id: t
language: javascript
rule:
  all:
    - kind: call_expression
    - any:
        - regex: ^foo
        - regex: ^bar
      nthChild: 1
    - has: {kind: arguments}
)",
                            "x(baz(1))\n", true);
  REQUIRE(failure.diagnosis);
  const auto& explanation = failure.diagnosis->explanation;
  CHECK(failure.diagnosis->text == "x(baz(1))");  // as close as baz(1), and first
  CHECK(whats(explanation.held) ==
        std::vector<std::string>{"kind@5:13", "nthChild@9:17", "has@10:12"});
  REQUIRE(explanation.failed);
  CHECK(whats({*explanation.failed}) == std::vector<std::string>{"any (none of its 2 rules)@7:11"});
  CHECK(explanation.failures == 1);
}

TEST_CASE("rule tester: matches and a regex constraint on a $$$ sequence are parts",
          "[rules][tester]") {
  auto failure = failure_of(R"(id: t
language: python
utils:
  is-call: {kind: call}
rule:
  matches: is-call
  pattern: f($$$A)
constraints:
  A: {regex: '^1'}
)",
                            "f(2, 3)\n", true);
  REQUIRE(failure.diagnosis);
  const auto& explanation = failure.diagnosis->explanation;
  CHECK(whats(explanation.held) ==
        std::vector<std::string>{"pattern@7:12", "matches: is-call@6:12"});
  REQUIRE(explanation.failed);
  CHECK(explanation.failed->what == "constraints: A");
  CHECK(explanation.failed->pos.line == 9);
}

TEST_CASE("rule tester: a Noisy example is explained at the node matched, a query not at all",
          "[rules][tester]") {
  auto noisy = failure_of("id: t\nlanguage: python\nrule: {pattern: print($X)}\n",
                          "a = 1\nprint(a)\n", false);
  REQUIRE(noisy.diagnosis);
  CHECK(noisy.diagnosis->row == 1);
  CHECK(noisy.diagnosis->column == 0);
  CHECK(!noisy.diagnosis->explanation.failed);
  CHECK(whats(noisy.diagnosis->explanation.held) == std::vector<std::string>{"pattern@3:17"});

  auto query = failure_of("id: t\nlanguage: python\nquery: (call) @c\n", "a = 1\n", true);
  CHECK(!query.diagnosis);
  CHECK(query.note == "a query rule: no explanation of its parts");
}

TEST_CASE("rule tester: a long node is shown by its first line, shortened", "[rules][tester]") {
  std::string code = "f(" + std::string(200, 'a') + ",\n  b)\n";
  auto failure = failure_of("id: t\nlanguage: python\nrule: {pattern: g($$$)}\n", code, true);
  REQUIRE(failure.diagnosis);
  CHECK(failure.diagnosis->kind == "call");
  CHECK(failure.diagnosis->text.size() <= 63);
  CHECK(failure.diagnosis->text.ends_with("..."));
}
