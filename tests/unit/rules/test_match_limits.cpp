// Matching over deep and wide trees: relational searches remembered per file, iterative walks,
// and the limits that stop the rest (rules/match_limits.hpp).
#include <catch2/catch.hpp>

#include <chrono>

#include "rules/match_limits.hpp"
#include "unit/rules/rule_test_support.hpp"

using namespace mentor;
using test::capture;
using test::run_rules;

namespace {

std::string nested(std::string_view open, std::string_view middle, std::string_view close,
                   std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i)
    out += open;
  out += middle;
  for (std::size_t i = 0; i < n; ++i)
    out += close;
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("limits: has and inside with stopBy end find every match of a deep tree",
          "[rules][limits]") {
  constexpr std::size_t kDepth = 10'000;
  std::string source = "class A { m() { return " + nested("(", "'s' + 1", ")", kDepth) + "; } }\n";
  auto start = std::chrono::steady_clock::now();
  auto found = run_rules(R"(id: has-string
language: javascript
rule:
  kind: parenthesized_expression
  has: {kind: string, stopBy: end}
---
id: in-class
language: javascript
rule:
  kind: parenthesized_expression
  inside: {kind: class_body, stopBy: end}
---
id: in-method-field
language: javascript
rule:
  kind: parenthesized_expression
  inside: {kind: method_definition, field: body, stopBy: end}
)",
                         source);
  CHECK(seconds_since(start) < 10);  // remembered searches: linear; it was quadratic
  // Each parenthesis matches the three rules.
  CHECK(found.size() == 3 * kDepth);
}

TEST_CASE("limits: a remembered search still binds the metavariables of its match",
          "[rules][limits]") {
  // `has` binds $S from the string below; every level reports the same binding.
  auto found = run_rules(R"(id: has-call
language: javascript
rule:
  kind: parenthesized_expression
  has: {pattern: f($S), stopBy: end}
)",
                         "x = " + nested("(", "f('deep') + 1", ")", 200) + ";\n");
  REQUIRE(found.size() == 200);
  for (const auto& f : found)
    CHECK(capture(f, "S") == "'deep'");
}

TEST_CASE("limits: a relation that compares a bound metavariable is not remembered wrongly",
          "[rules][limits]") {
  // From `b = 2;` the search for use(b) fails along the whole chain; remembered for `a = 1;`,
  // that failure would hide use(a).
  auto found = run_rules(R"(id: used-later
language: javascript
rule:
  kind: expression_statement
  has: {pattern: $A = $B}
  precedes:
    stopBy: end
    has: {pattern: use($A)}
)",
                         "b = 2;\na = 1;\nuse(a);\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "a = 1;");
}

TEST_CASE("limits: a repeated metavariable compares deep code without recursion",
          "[rules][limits]") {
  std::string deep = nested("(", "1", ")", 20'000);
  auto found = run_rules(R"(id: same-sides
language: javascript
rule:
  pattern: $A == $A
)",
                         "x = " + deep + " == " + deep + ";\n");
  CHECK(found.size() == 1);
}

TEST_CASE("limits: a utility reaching itself through a relation stops at the nesting bound",
          "[rules][limits]") {
  std::string yaml = R"(id: chain
language: javascript
rule:
  kind: expression_statement
  has: {matches: down}
utils:
  down:
    any:
      - kind: number
      - all: [{kind: parenthesized_expression}, {has: {matches: down}}]
      - all: [{kind: assignment_expression}, {has: {matches: down, field: right}}]
)";
  // Shallow: found through every level.
  CHECK(run_rules(yaml, "x = " + nested("(", "1", ")", 50) + ";\n").size() == 1);
  // Deeper than the bound: an error, not a stack overflow.
  CHECK_THROWS_AS(run_rules(yaml, "x = " + nested("(", "1", ")", 5'000) + ";\n"),
                  rules::MatchLimitExceeded);
}

TEST_CASE("limits: a captured metavariable's text is bounded", "[rules][limits]") {
  std::string long_name(1'000, 'a');
  auto found = run_rules(R"(id: call
language: javascript
rule:
  pattern: f($X)
)",
                         "f(" + long_name + ");\n");
  REQUIRE(found.size() == 1);
  CHECK(capture(found[0], "X") == std::string(120, 'a') + "...");
}

TEST_CASE("limits: a pattern nested too deeply is refused", "[rules][limits]") {
  std::string yaml = "id: deep\nlanguage: javascript\nrule:\n  pattern: \"" +
                     nested("(", "1", ")", 1'000) + "\"\n";
  CHECK_THROWS_WITH(rules::load_rules(yaml, "deep.yaml"),
                    Catch::Contains("its syntax tree nests deeper than 100 levels"));
}

TEST_CASE("limits: a long chain of utilities is checked for cycles without recursion",
          "[rules][limits]") {
  std::string yaml = "id: chain\nlanguage: javascript\nrule:\n  matches: u0\nutils:\n";
  constexpr int kUtils = 20'000;
  for (int i = 0; i < kUtils; ++i)
    yaml += "  u" + std::to_string(i) + ": {matches: u" + std::to_string(i + 1) + "}\n";
  yaml += "  u" + std::to_string(kUtils) + ": {matches: u0}\n";
  CHECK_THROWS_WITH(rules::load_rules(yaml, "chain.yaml"),
                    Catch::Contains("matches itself through 'matches'"));
}
