#include <catch2/catch.hpp>

#include "unit/rules/rule_test_support.hpp"

using namespace mentor;
using test::capture;
using test::run_rules;
using Texts = std::vector<std::string>;

namespace {

Texts query_texts(std::string_view language, const std::string& query, std::string_view source) {
  std::string yaml = "id: q\nlanguage: " + std::string(language) + "\nquery: |\n";
  std::size_t start = 0;
  while (start < query.size()) {
    std::size_t end = query.find('\n', start);
    if (end == std::string::npos)
      end = query.size();
    yaml += "  " + query.substr(start, end - start) + "\n";
    start = end + 1;
  }
  Texts out;
  for (const auto& found : run_rules(yaml, source))
    out.push_back(found.text);
  return out;
}

const char* kSource = "print(a)\nlog(b)\nprint(c)\nwarn(d)\nfoo_bar(e)\n";

}  // namespace

TEST_CASE("query: @match is the reported span, other captures are kept", "[rules]") {
  auto found = run_rules(
      "id: q\nlanguage: python\nquery: |\n  (call function: (identifier) @fn arguments: (_) @args) "
      "@match\n",
      "print(a)\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "print(a)");
  CHECK(capture(found[0], "fn") == "print");
  CHECK(capture(found[0], "args") == "(a)");

  // Without @match the widest capture is reported.
  CHECK(query_texts("python", "(call function: (identifier) @fn) @call", "f(x)\n") ==
        Texts{"f(x)"});
  CHECK(query_texts("python", "(call function: (identifier) @fn)", "f(x)\n") == Texts{"f"});
}

TEST_CASE("query: #eq? and #not-eq?", "[rules]") {
  CHECK(query_texts("python", "((call function: (identifier) @f) @match (#eq? @f \"print\"))",
                    kSource) == Texts{"print(a)", "print(c)"});
  CHECK(query_texts("python", "((call function: (identifier) @f) @match (#not-eq? @f \"print\"))",
                    kSource) == Texts{"log(b)", "warn(d)", "foo_bar(e)"});
  CHECK(query_texts("python",
                    "((comparison_operator (identifier) @a (identifier) @b) @match (#eq? @a @b))",
                    "x == x\nx == y\n") == Texts{"x == x"});
}

TEST_CASE("query: #match? and #not-match? use RE2 partial matching", "[rules]") {
  CHECK(query_texts("python", "((call function: (identifier) @f) @match (#match? @f \"_\"))",
                    kSource) == Texts{"foo_bar(e)"});
  CHECK(query_texts("python",
                    "((call function: (identifier) @f) @match (#match? @f \"^(log|warn)$\"))",
                    kSource) == Texts{"log(b)", "warn(d)"});
  CHECK(query_texts("python", "((call function: (identifier) @f) @match (#not-match? @f \"^p\"))",
                    kSource) == Texts{"log(b)", "warn(d)", "foo_bar(e)"});
}

TEST_CASE("query: #any-of?", "[rules]") {
  CHECK(query_texts("python",
                    "((call function: (identifier) @f) @match (#any-of? @f \"log\" \"warn\"))",
                    kSource) == Texts{"log(b)", "warn(d)"});
  CHECK(query_texts("python",
                    "((call function: (identifier) @f) @match (#not-any-of? @f \"log\" \"warn\" "
                    "\"print\"))",
                    kSource) == Texts{"foo_bar(e)"});
}

TEST_CASE("query: several patterns and directives", "[rules]") {
  CHECK(query_texts("python",
                    "((call function: (identifier) @f) @match (#eq? @f \"log\") (#set! tag x))\n"
                    "((call function: (identifier) @f) @match (#eq? @f \"warn\"))",
                    kSource) == Texts{"log(b)", "warn(d)"});
}

TEST_CASE("query: predicates see each match's own captures", "[rules]") {
  std::string query = "((argument_list (identifier) @arg) @match (#match? @arg \"^bb$\"))";
  CHECK(query_texts("python", query, "f(a, b)\ng(a, bb)\n") == Texts{"(a, bb)"});
}

TEST_CASE("query: constraints apply to captures", "[rules]") {
  auto found = run_rules(
      "id: q\nlanguage: python\nquery: \"(call function: (identifier) @F) @match\"\n"
      "constraints:\n  F: {regex: '^w'}\n",
      kSource);
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "warn(d)");
}

TEST_CASE("query: javascript", "[rules]") {
  CHECK(query_texts("javascript",
                    "((call_expression function: (member_expression object: (identifier) @o "
                    "property: (property_identifier) @p)) @match (#eq? @o \"console\"))",
                    "console.log(1); other.log(2); console.warn(3);") ==
        Texts{"console.log(1)", "console.warn(3)"});
}
