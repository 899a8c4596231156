// match_rules_detailed: the matches of match_rules, with the nodes of every metavariable.
#include <catch2/catch.hpp>

#include "rules/match_details.hpp"
#include "unit/rules/rule_test_support.hpp"

namespace mentor::test {

namespace {

struct Both {
  std::vector<rules::RuleMatch> plain;
  std::vector<rules::DetailedMatch> detailed;
};

Both run_both(const std::string& yaml, std::string_view source) {
  static std::vector<rules::Rule> loaded;  // kept alive for the matches' rule indexes
  loaded = rules::load_rules(yaml, "test.yaml");
  std::vector<const rules::Rule*> pointers;
  for (const auto& rule : loaded)
    pointers.push_back(&rule);
  lang::Parser parser;
  lang::Tree tree = parser.parse(*loaded.front().language, source);
  return {rules::match_rules(pointers, tree, source),
          rules::match_rules_detailed(pointers, tree, source)};
}

}  // namespace

TEST_CASE("detailed matches are match_rules' matches, with their metavariables' nodes",
          "[rules][match_details]") {
  std::string yaml = R"y(id: calls
language: javascript
rule:
  pattern: foo($A, $$$REST)
---
id: any-call
language: javascript
rule:
  kind: call_expression
---
id: query
language: javascript
query: "(call_expression function: (identifier) @name)"
)y";
  std::string source = "foo(a, b, c);\nbar(foo(x));\nfoo(y, z);\n";
  Both both = run_both(yaml, source);
  REQUIRE(both.plain.size() == both.detailed.size());
  for (std::size_t i = 0; i < both.plain.size(); ++i) {
    INFO(i);
    CHECK(both.plain[i].rule == both.detailed[i].rule);
    CHECK(both.plain[i].match.start_byte == both.detailed[i].match.start_byte);
    CHECK(both.plain[i].match.end_byte == both.detailed[i].match.end_byte);
    CHECK(both.plain[i].match.captures == both.detailed[i].match.captures);
  }
  REQUIRE(both.detailed.size() > 2);
  const rules::DetailedMatch& first = both.detailed[1];  // after the query's `foo`
  CHECK(first.rule == 0);
  CHECK(first.match.end_byte == 12);
  REQUIRE(first.variables.size() == 2);
  CHECK(first.variables[0].name == "A");
  CHECK_FALSE(first.variables[0].multi);
  REQUIRE(first.variables[0].nodes.size() == 1);
  CHECK(first.variables[0].nodes[0].text == "a");
  REQUIRE(first.variables[0].nodes[0].range);
  CHECK(first.variables[0].nodes[0].range->start_column == 4);
  const rules::MetaVariable& rest = first.variables[1];
  CHECK(rest.name == "REST");
  CHECK(rest.multi);
  std::vector<std::string> texts;
  std::vector<bool> named;
  for (const auto& node : rest.nodes) {
    texts.push_back(node.text);
    named.push_back(node.named);
  }
  CHECK(texts == std::vector<std::string>{"b", ",", "c"});
  CHECK(named == std::vector<bool>{true, false, true});
  // The query's capture is known by its text.
  bool query_seen = false;
  for (const auto& found : both.detailed) {
    if (found.rule != 2)
      continue;
    query_seen = true;
    REQUIRE(found.variables.size() == 1);
    CHECK(found.variables[0].name == "name");
    CHECK_FALSE(found.variables[0].nodes[0].range);
  }
  CHECK(query_seen);
}

}  // namespace mentor::test
