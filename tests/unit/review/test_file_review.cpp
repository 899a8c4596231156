#include <catch2/catch.hpp>

#include "lang/language.hpp"
#include "review/file_review.hpp"
#include "rules/rule_loader.hpp"

using namespace mentor;

namespace {

struct Fixture {
  std::vector<rules::Rule> loaded = rules::load_rules(R"(id: no-print
language: python
message: "print: $$$ARGS"
rule:
  pattern: print($$$ARGS)
)",
                                                      "test.yaml");
  std::vector<const rules::Rule*> rule_ptrs{&loaded[0]};
  lang::Parser parser;

  std::vector<review::Finding> run(std::string_view new_source,
                                   std::optional<std::string_view> old_source,
                                   std::vector<git::LineRange> added, review::Scope scope) {
    review::FileChange change{
        "a.py", lang::find_language("python"), new_source, old_source, added, {}, {}};
    return review::review_file(change, rule_ptrs, scope, parser);
  }
};

}  // namespace

TEST_CASE("findings are limited to added lines", "[review]") {
  Fixture fx;
  std::string_view source = "print(1)\nprint(2)\nprint(3)\n";
  auto findings = fx.run(source, std::nullopt, {{2, 2}}, review::Scope::added);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].line == 2);
  CHECK(findings[0].column == 1);
  CHECK(findings[0].end_column == 9);
  CHECK(findings[0].message == "print: 2");
  CHECK(findings[0].source_line == "print(2)");
  CHECK(fx.run(source, std::nullopt, {}, review::Scope::added).empty());
  CHECK(fx.run(source, std::nullopt, {}, review::Scope::file).size() == 3);
}

TEST_CASE("introduced drops fingerprints already in the parent", "[review]") {
  Fixture fx;
  std::string_view old_source = "def f():\n    print('x')\n";
  std::string_view new_source = "x = 1\n\n\ndef f():\n        print( 'x' )\n";
  CHECK(fx.run(new_source, old_source, {{1, 5}}, review::Scope::introduced).empty());
  CHECK(fx.run(new_source, old_source, {{1, 5}}, review::Scope::added).size() == 1);
}

TEST_CASE("introduced counts copies", "[review]") {
  Fixture fx;
  std::string_view old_source = "print(1)\n";
  std::string_view new_source = "print(1)\nprint(1)\nprint(1)\n";
  auto findings = fx.run(new_source, old_source, {{2, 3}}, review::Scope::introduced);
  CHECK(findings.size() == 2);
}

TEST_CASE("a node ending at column 0 does not cover that line", "[review]") {
  Fixture fx;
  // The match on line 1 must not be attributed to an addition on line 2.
  std::string_view source = "print(1)\nx = 2\n";
  CHECK(fx.run(source, std::nullopt, {{2, 2}}, review::Scope::added).empty());
}
