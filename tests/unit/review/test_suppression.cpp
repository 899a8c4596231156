#include <algorithm>
#include <cstring>

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
    std::vector<const rules::Rule*> all;
    for (const auto& rule : loaded) {
      all.push_back(&rule);
      if (rule.language == lang::find_language(language))
        rules.push_back(&rule);
    }
    review::FileChange change{
        "a.src", lang::find_language(language), source, std::nullopt, added, {}, {}};
    return review::review_file(change, rules, scope, parser, all);
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

TEST_CASE("a suppression covers the rules it names, on its line or the line below",
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
        "`mentor: ignore[no-pirnt]` suppresses nothing here: no rule is called 'no-pirnt' (did "
        "you mean 'no-print'?)");
}

TEST_CASE("a suppression added above old code that matches is in use", "[review][suppression]") {
  Fixture fx;
  // The comment is new, the print() below it is not: no finding, and no unused suppression.
  auto findings = fx.run("python", "# mentor: ignore[no-print]\nprint(1)\n", {{1, 1}});
  CHECK(findings.empty());
}

TEST_CASE("suppression comments: words, spacing, empty lists and block closers",
          "[review][suppression]") {
  auto tight = review::parse_suppression("#mentor:ignore[no-print]: demo output");
  REQUIRE(tight);
  CHECK(tight->ids == std::vector<std::string>{"no-print"});
  CHECK(tight->reason == "demo output");  // one leading ':' or '-' is dropped
  CHECK(tight->directive == "mentor:ignore[no-print]");
  CHECK(tight->column == 1);
  CHECK(tight->end_column == 37);

  auto dash = review::parse_suppression("# mentor: ignore[a,, b ] - generated");
  REQUIRE(dash);
  CHECK(dash->ids == std::vector<std::string>{"a", "b"});
  CHECK(dash->reason == "generated");

  auto empty = review::parse_suppression("# mentor: ignore[]");
  REQUIRE(empty);
  CHECK_FALSE(empty->all_rules);  // names no rule: covers nothing
  CHECK(empty->ids.empty());
  auto ast_grep_empty = review::parse_suppression("// ast-grep-ignore:");
  REQUIRE(ast_grep_empty);
  CHECK_FALSE(ast_grep_empty->all_rules);

  auto closed = review::parse_suppression("/* mentor: ignore*/");
  REQUIRE(closed);
  CHECK(closed->all_rules);
  auto closed_ids = review::parse_suppression("/* ast-grep-ignore: no-eval */");
  REQUIRE(closed_ids);
  CHECK(closed_ids->ids == std::vector<std::string>{"no-eval"});
  CHECK(closed_ids->directive == "ast-grep-ignore: no-eval");

  // Prose first, the directive later in the same comment.
  auto later = review::parse_suppression("# type: ignore  # mentor: ignore[no-eval] trusted");
  REQUIRE(later);
  CHECK(later->ids == std::vector<std::string>{"no-eval"});
  CHECK(later->column == 18);

  CHECK_FALSE(review::parse_suppression("# tormentor: ignore[no-print]"));
  CHECK_FALSE(review::parse_suppression("# mentor: ignore-me"));
  CHECK_FALSE(review::parse_suppression("# mentor: please ignore"));
  CHECK_FALSE(review::parse_suppression("// ast-grep-ignored"));
  CHECK_FALSE(review::parse_suppression("// ast-grep-ignore this line"));
  CHECK_FALSE(review::parse_suppression("// my-ast-grep-ignore"));
}

TEST_CASE("a trailing comment covers its own line only, a comment alone the line below",
          "[review][suppression]") {
  Fixture fx;
  auto findings = fx.run("python",
                         "print(1)  # mentor: ignore[no-print] only this one\n"
                         "print(2)\n"
                         "    # mentor: ignore[no-print] indented, alone\n"
                         "    print(3)\n",
                         {{1, 4}});
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].suppressed);
  CHECK(findings[0].suppression_reason == "only this one");
  CHECK_FALSE(findings[1].suppressed);
  CHECK(findings[1].suppression_reason.empty());
  CHECK(findings[2].line == 4);
  CHECK(findings[2].suppressed);
  CHECK(findings[2].suppression_reason == "indented, alone");
}

TEST_CASE("several ids, every rule, and a comment for another rule", "[review][suppression]") {
  Fixture fx;
  auto findings = fx.run("python",
                         "# mentor: ignore[no-print, no-eval] both\n"
                         "print(eval(a))\n"
                         "# mentor: ignore\n"
                         "print(eval(b))\n"
                         "# mentor: ignore[no-eval]\n"
                         "print(eval(c))\n",
                         {{1, 6}});
  REQUIRE(findings.size() == 6);
  for (std::size_t i = 0; i < 4; ++i) {
    INFO(i);
    CHECK(findings[i].suppressed);
  }
  CHECK(findings[0].suppression_reason == "both");
  CHECK(findings[2].suppression_reason.empty());
  // Line 6: no-eval is suppressed, no-print is not.
  CHECK(findings[4].rule->id == "no-print");
  CHECK_FALSE(findings[4].suppressed);
  CHECK(findings[5].rule->id == "no-eval");
  CHECK(findings[5].suppressed);
}

TEST_CASE("a directive outside a comment is not a suppression", "[review][suppression]") {
  Fixture fx;
  auto findings = fx.run("python", "print('# mentor: ignore[no-print]')\n", {{1, 1}});
  REQUIRE(findings.size() == 1);
  CHECK_FALSE(findings[0].suppressed);
}

TEST_CASE("JavaScript: a leading block comment covers its line, a multi-line one the line after",
          "[review][suppression]") {
  Fixture fx;
  auto findings = fx.run("javascript",
                         "/* mentor: ignore[no-console-log] inline */ console.log(1);\n"
                         "console.log(2);\n"
                         "/* mentor: ignore[no-console-log] the reason\n"
                         "   goes on here */\n"
                         "console.log(3);\n"
                         "x(); // mentor: ignore[no-console-log]\n"
                         "console.log(4);\n",
                         {{1, 7}});
  REQUIRE(findings.size() == 5);
  CHECK(findings[0].line == 1);
  CHECK(findings[0].suppressed);
  CHECK(findings[0].suppression_reason == "inline");
  CHECK(findings[1].line == 2);
  CHECK_FALSE(findings[1].suppressed);  // the first comment shares code's line: not "above"
  CHECK(findings[2].line == 5);
  CHECK(findings[2].suppressed);
  CHECK(findings[2].suppression_reason == "the reason");
  // The trailing comment on line 6 covers line 6 only, where nothing matches.
  CHECK(findings[3].line == 6);
  CHECK(findings[3].rule == &review::unused_suppression_rule());
  CHECK(findings[4].line == 7);
  CHECK_FALSE(findings[4].suppressed);
}

TEST_CASE("unused suppressions: why, and never on old lines whatever the scope",
          "[review][suppression]") {
  Fixture fx;
  auto findings = fx.run("python",
                         "x = 1  # mentor: ignore[]\n"
                         "y = 2  # mentor: ignore[no-console-log]\n"
                         "z = 3  # ast-grep-ignore\n"
                         "w = 4  # mentor: ignore[no-print] old\n",
                         {{1, 3}}, review::Scope::file);
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].message == "`mentor: ignore[]` suppresses nothing here: it names no rule");
  CHECK(findings[1].message ==
        "`mentor: ignore[no-console-log]` suppresses nothing here: rule 'no-console-log' does "
        "not apply to this file");
  CHECK(findings[2].message == "`ast-grep-ignore` suppresses nothing here");
  for (const auto& f : findings) {
    CHECK(f.rule->id == "unused-suppression");
    CHECK(f.rule->language == nullptr);
    CHECK_FALSE(f.suppressed);
    CHECK(f.source_line.find(" # ") != std::string::npos);
  }
  CHECK(findings[2].column == 10);  // where the directive starts
  CHECK(findings[2].end_column == 25);
}

TEST_CASE("two comments over one finding: the first reason given wins", "[review][suppression]") {
  Fixture fx;
  auto findings = fx.run("python",
                         "# mentor: ignore[no-print]\n"
                         "print(1)  # mentor: ignore[no-print] the trailing reason\n",
                         {{1, 2}});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].suppressed);
  CHECK(findings[0].suppression_reason == "the trailing reason");
}

TEST_CASE("line comments above and after code in every language with `//`",
          "[review][suppression]") {
  struct Case {
    const char* language;
    const char* kind;
    const char* before;  // up to the body, ending in a newline
    const char* after;
  };
  const Case cases[] = {
      {"c", "call_expression", "void f(void) {\n", "}\n"},
      {"cpp", "call_expression", "void f() {\n", "}\n"},
      {"go", "call_expression", "package p\nfunc f() {\n", "}\n"},
      {"java", "method_invocation", "class A {\nvoid f() {\n", "}\n}\n"},
      {"rust", "call_expression", "fn f() {\n", "}\n"},
      {"typescript", "call_expression", "function f(): void {\n", "}\n"},
      {"tsx", "call_expression", "function f(): void {\n", "}\n"},
  };
  for (const auto& c : cases) {
    INFO(c.language);
    std::string yaml = std::string("id: calls\nlanguage: ") + c.language +
                       "\nmessage: a call\nrule:\n  kind: " + c.kind + "\n";
    std::vector<rules::Rule> loaded = rules::load_rules(yaml, "rules.yaml");
    std::vector<const rules::Rule*> rules{&loaded.at(0)};
    std::string body =
        "  // mentor: ignore[calls] above\n"
        "  g();\n"
        "  g(); // mentor: ignore[calls] trailing\n"
        "  g();\n";
    std::string source = c.before + body + c.after;
    auto first =
        static_cast<std::uint32_t>(std::count(c.before, c.before + std::strlen(c.before), '\n')) +
        1;
    std::vector<git::LineRange> added{{1, first + 4}};
    lang::Parser parser;
    review::FileChange change{
        "a.src", lang::find_language(c.language), source, std::nullopt, added, {}, {}};
    auto findings = review::review_file(change, rules, review::Scope::added, parser);
    REQUIRE(findings.size() == 3);
    CHECK(findings[0].line == first + 1);
    CHECK(findings[0].suppressed);
    CHECK(findings[0].suppression_reason == "above");
    CHECK(findings[1].suppressed);
    CHECK(findings[1].suppression_reason == "trailing");
    CHECK_FALSE(findings[2].suppressed);
  }
}
