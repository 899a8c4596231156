#include <catch2/catch.hpp>

#include "lang/language.hpp"
#include "review/file_review.hpp"
#include "review/suppression.hpp"
#include "rules/rule_loader.hpp"

using namespace mentor;

namespace {

// Two rules per language, so that a suppression naming one leaves the other alone.
constexpr const char* kRules = R"(id: no-print
language: python
rule:
  pattern: print($$$ARGS)
---
id: no-eval
language: python
rule:
  pattern: eval($$$ARGS)
---
id: no-console-log
language: javascript
rule:
  pattern: console.log($$$ARGS)
)";

struct Fixture {
  std::vector<rules::Rule> loaded = rules::load_rules(kRules, "rules.yaml");
  lang::Parser parser;

  std::vector<review::Finding> run(const char* language, std::string_view source,
                                   std::vector<git::LineRange> added,
                                   review::Scope scope = review::Scope::added) {
    std::vector<const rules::Rule*> rules;
    for (const auto& rule : loaded) {
      if (rule.language == lang::find_language(language))
        rules.push_back(&rule);
    }
    review::FileChange change{"a.src", lang::find_language(language), source, std::nullopt, added};
    return review::review_file(change, rules, scope, parser);
  }
};

}  // namespace

TEST_CASE("suppression comments: the directive's grammar", "[review][suppression]") {
  auto s = review::parse_suppression("# mentor: ignore[py-eval, no-print] config is trusted");
  REQUIRE(s);
  CHECK_FALSE(s->all_rules);
  CHECK(s->ids == std::vector<std::string>{"py-eval", "no-print"});
  CHECK(s->reason == "config is trusted");
  CHECK(s->directive == "mentor: ignore[py-eval, no-print]");

  auto all = review::parse_suppression("// mentor: ignore generated code");
  REQUIRE(all);
  CHECK(all->all_rules);
  CHECK(all->reason == "generated code");

  auto block = review::parse_suppression("/* mentor: ignore[no-console-log] */");
  REQUIRE(block);
  CHECK(block->reason.empty());

  auto ast_grep = review::parse_suppression("// ast-grep-ignore: no-eval,no-print");
  REQUIRE(ast_grep);
  CHECK(ast_grep->ids == std::vector<std::string>{"no-eval", "no-print"});
  auto ast_grep_all = review::parse_suppression("# ast-grep-ignore");
  REQUIRE(ast_grep_all);
  CHECK(ast_grep_all->all_rules);

  CHECK_FALSE(review::parse_suppression("# the mentor: ignored this"));
  CHECK_FALSE(review::parse_suppression("# mentor: ignore[no-print"));
  CHECK_FALSE(review::parse_suppression("# a plain comment"));
}

TEST_CASE("a suppression covers its own line and the next, for the rules it names",
          "[review][suppression]") {
  Fixture fx;
  auto findings = fx.run("python",
                         "print(1)  # mentor: ignore[no-print] demo output\n"
                         "# mentor: ignore[no-print]\n"
                         "print(2)\n"
                         "print(3)\n"
                         "eval(x)  # mentor: ignore[no-print]\n",
                         {{1, 5}});
  REQUIRE(findings.size() == 5);
  CHECK(findings[0].line == 1);
  CHECK(findings[0].suppressed);
  CHECK(findings[0].suppression_reason == "demo output");
  CHECK(findings[1].line == 3);
  CHECK(findings[1].suppressed);
  CHECK(findings[2].line == 4);
  CHECK_FALSE(findings[2].suppressed);  // two lines below the comment
  CHECK(findings[3].rule->id == "no-eval");
  CHECK_FALSE(findings[3].suppressed);                  // the comment names another rule
  CHECK(findings[4].rule->id == "unused-suppression");  // ... so it suppresses nothing
  CHECK(findings[4].line == 5);
}

TEST_CASE("all-rules and ast-grep forms, in JavaScript line and block comments",
          "[review][suppression]") {
  Fixture fx;
  auto findings = fx.run("javascript",
                         "console.log(1); // ast-grep-ignore\n"
                         "/* mentor: ignore */\n"
                         "console.log(2);\n"
                         "// ast-grep-ignore: no-console-log\n"
                         "console.log(3);\n",
                         {{1, 5}});
  REQUIRE(findings.size() == 3);
  for (const auto& f : findings)
    CHECK(f.suppressed);
}

TEST_CASE("an unused suppression on an added line is an info finding", "[review][suppression]") {
  Fixture fx;
  auto findings = fx.run("python",
                         "x = 1  # mentor: ignore[no-print] left over\n"
                         "y = 2  # mentor: ignore[no-pirnt]\n"
                         "z = 3  # mentor: ignore[no-print] old line\n",
                         {{1, 2}});
  REQUIRE(findings.size() == 2);  // line 3 is not added: not the mentee's to answer for
  CHECK(findings[0].rule == &review::unused_suppression_rule());
  CHECK(findings[0].rule->severity == rules::Severity::info);
  CHECK(findings[0].line == 1);
  CHECK(findings[0].column == 10);
  CHECK(findings[0].message == "`mentor: ignore[no-print]` suppresses nothing here");
  CHECK(findings[1].message ==
        "`mentor: ignore[no-pirnt]` suppresses nothing here (no rule no-pirnt applies to this "
        "file)");
}

TEST_CASE("a suppression added above old code that matches is in use", "[review][suppression]") {
  Fixture fx;
  // The comment is new, the print() below it is not: no finding, and no unused suppression.
  auto findings = fx.run("python", "# mentor: ignore[no-print]\nprint(1)\n", {{1, 1}});
  CHECK(findings.empty());
}
