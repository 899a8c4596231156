// Cutting exercises out of files (review/exercise_cut.hpp) with real grammars and rules.
#include <catch2/catch.hpp>

#include "lang/parser.hpp"
#include "review/exercise_cut.hpp"
#include "rules/rule_loader.hpp"

namespace mentor::test {

namespace {

rules::Rule load_one(const std::string& yaml) {
  std::vector<rules::Rule> loaded = rules::load_rules(yaml, "test.yaml");
  REQUIRE(loaded.size() == 1);
  return std::move(loaded.front());
}

const char* kOpenRule = R"(id: open-without-with
language: python
message: open() outside with
rule:
  pattern: open($$$ARGS)
  not:
    inside:
      kind: with_item
      stopBy: end
)";

}  // namespace

TEST_CASE("a Python method is cut out with its decorator, dedented", "[practice][cut]") {
  rules::Rule rule = load_one(kOpenRule);
  lang::Parser parser;
  const std::string source =
      "import os\n\n\nclass Store:\n    def __init__(self):\n        self.x = 1\n\n"
      "    @staticmethod\n    def load(path):\n        f = open(path)\n        return f.read()\n\n"
      "    def other(self):\n        return 2\n";
  review::CutResult result = review::cut_exercise(rule, parser, source, 10);
  REQUIRE(result.cut);
  CHECK(result.cut->code ==
        "@staticmethod\ndef load(path):\n    f = open(path)\n    return f.read()\n");
  CHECK(result.cut->first_line == 8);
  CHECK(result.cut->match_line == 3);
}

TEST_CASE("the match nearest the recorded line is the one cut around", "[practice][cut]") {
  rules::Rule rule = load_one(kOpenRule);
  lang::Parser parser;
  const std::string source =
      "def first():\n    return open('a')\n\n\ndef second():\n    return open('b')\n";
  review::CutResult result = review::cut_exercise(rule, parser, source, 6);
  REQUIRE(result.cut);
  CHECK(result.cut->code == "def second():\n    return open('b')\n");
}

TEST_CASE("a match at the top level is not cut", "[practice][cut]") {
  rules::Rule rule = load_one(kOpenRule);
  lang::Parser parser;
  review::CutResult result = review::cut_exercise(rule, parser, "x = 1\nf = open('a')\n", 2);
  CHECK_FALSE(result.cut);
  CHECK(result.why_not == "the match on line 2 is at the top level, in no function");
  // A multi-line top-level block is cut whole.
  result = review::cut_exercise(rule, parser, "for name in names:\n    f = open(name)\n", 2);
  REQUIRE(result.cut);
  CHECK(result.cut->code == "for name in names:\n    f = open(name)\n");
}

TEST_CASE("a function that does not parse on its own, or no match, is not cut", "[practice][cut]") {
  rules::Rule rule = load_one(kOpenRule);
  lang::Parser parser;
  review::CutResult result =
      review::cut_exercise(rule, parser, "def f(:\n    return open('a')\n", 2);
  CHECK_FALSE(result.cut);
  result = review::cut_exercise(rule, parser, "def f():\n    return 1\n", 2);
  CHECK_FALSE(result.cut);
  CHECK(result.why_not == "the rule does not match the file at that commit");
}

TEST_CASE("a function longer than the cap is not cut", "[practice][cut]") {
  rules::Rule rule = load_one(kOpenRule);
  lang::Parser parser;
  std::string source = "def long():\n    f = open('a')\n";
  for (std::uint32_t i = 0; i < review::kMaxCutLines; ++i)
    source += "    x = " + std::to_string(i) + "\n";
  review::CutResult result = review::cut_exercise(rule, parser, source, 2);
  CHECK_FALSE(result.cut);
  CHECK(result.why_not == "its function is longer than 200 lines");
}

TEST_CASE("Go, JavaScript and Java functions are cut to parse as a file", "[practice][cut]") {
  lang::Parser parser;
  SECTION("a Go method gets a package line") {
    rules::Rule rule =
        load_one("id: go-sleep\nlanguage: go\nmessage: sleep\nrule:\n  pattern: time.Sleep($D)\n");
    const std::string source =
        "package app\n\nimport \"time\"\n\ntype S struct{}\n\nfunc (s *S) Wait() {\n"
        "\ttime.Sleep(10)\n}\n\nfunc other() {}\n";
    review::CutResult result = review::cut_exercise(rule, parser, source, 8);
    REQUIRE(result.cut);
    CHECK(result.cut->code == "package exercise\n\nfunc (s *S) Wait() {\n\ttime.Sleep(10)\n}\n");
    CHECK(result.cut->match_line == 4);
  }
  SECTION("a JavaScript arrow function keeps its declaration; a method gets a class") {
    rules::Rule rule = load_one(
        "id: js-log\nlanguage: javascript\nmessage: log\nrule:\n  pattern: console.log($$$A)\n");
    const std::string source =
        "const x = 1;\nconst show = (a) => {\n  console.log(a);\n};\n"
        "class View {\n  render() {\n    console.log('r');\n  }\n}\n";
    review::CutResult result = review::cut_exercise(rule, parser, source, 3);
    REQUIRE(result.cut);
    CHECK(result.cut->code == "const show = (a) => {\n  console.log(a);\n};\n");
    result = review::cut_exercise(rule, parser, source, 7);
    REQUIRE(result.cut);
    CHECK(result.cut->code == "class Exercise {\n  render() {\n    console.log('r');\n  }\n}\n");
    CHECK(result.cut->match_line == 3);
  }
  SECTION("a Java method is wrapped in a class") {
    rules::Rule rule = load_one(
        "id: java-out\nlanguage: java\nmessage: out\nrule:\n  pattern: System.out.println($A)\n");
    const std::string source =
        "class App {\n    int n;\n\n    void run() {\n        System.out.println(n);\n    }\n}\n";
    review::CutResult result = review::cut_exercise(rule, parser, source, 5);
    REQUIRE(result.cut);
    CHECK(result.cut->code ==
          "class Exercise {\n    void run() {\n        System.out.println(n);\n    }\n}\n");
  }
}

TEST_CASE("syntax errors are found with their position", "[practice][cut]") {
  lang::Parser parser;
  const lang::Language& python = *lang::find_language("python");
  std::uint32_t row = 0;
  std::uint32_t column = 0;
  CHECK_FALSE(review::has_syntax_error(parser.parse(python, "def f():\n    return 1\n")));
  CHECK(review::has_syntax_error(parser.parse(python, "def f():\n    return (1\n"), &row, &column));
  CHECK(row >= 1);
  CHECK(review::extension_of(python) == "py");
}

}  // namespace mentor::test
