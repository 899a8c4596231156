#include <catch2/catch.hpp>

#include "rules/rule_error.hpp"
#include "unit/rules/rule_test_support.hpp"

using namespace mentor;
using test::capture;
using test::matches;
using test::run_rules;
using Texts = std::vector<std::string>;

namespace {

std::vector<test::Found> find(std::string_view language, const std::string& pattern,
                              std::string_view source) {
  std::string yaml =
      "id: p\nlanguage: " + std::string(language) + "\nrule:\n  pattern: '" + pattern + "'\n";
  return run_rules(yaml, source);
}

Texts texts(std::string_view language, const std::string& pattern, std::string_view source) {
  Texts out;
  for (const auto& f : find(language, pattern, source))
    out.push_back(f.text);
  return out;
}

}  // namespace

TEST_CASE("pattern: python metavariables", "[rules]") {
  auto found = find("python", "print($A)", "print(x)\nprint(a + b)\nprint()\nprint(1, 2)\n");
  REQUIRE(found.size() == 2);
  CHECK(found[0].text == "print(x)");
  CHECK(capture(found[0], "A") == "x");
  CHECK(capture(found[1], "A") == "a + b");
  CHECK(found[1].match.start_row == 1);
  CHECK(found[1].match.start_column == 0);
  CHECK(found[1].match.end_column == 12);
}

TEST_CASE("pattern: $$$ matches zero or more nodes", "[rules]") {
  auto found = find("python", "print($$$ARGS)", "print()\nprint(1)\nprint(1, 'two', x)\n");
  REQUIRE(found.size() == 3);
  CHECK(capture(found[0], "ARGS").empty());
  CHECK(capture(found[1], "ARGS") == "1");
  CHECK(capture(found[2], "ARGS") == "1, 'two', x");

  CHECK(texts("python", "f($A, $$$REST)", "f(1)\nf(1, 2)\nf(1, 2, 3)\n") ==
        Texts{"f(1, 2)", "f(1, 2, 3)"});
  auto last = find("python", "f($$$FIRST, last)", "f(a, b, last)\nf(last)\nf(a, other)\n");
  REQUIRE(last.size() == 2);
  CHECK(capture(last[0], "FIRST") == "a, b");
  CHECK(capture(last[1], "FIRST").empty());
  CHECK(texts("python", "f($$$)", "f()\nf(1, 2)\n").size() == 2);
}

TEST_CASE("pattern: a repeated metavariable must match the same code", "[rules]") {
  CHECK(texts("python", "$A == $A", "x == x\nx == y\nf(1) == f( 1 )\n") ==
        Texts{"x == x", "f(1) == f( 1 )"});
  CHECK(texts("python", "$A = $A", "a = a\na = b\n") == Texts{"a = a"});
}

TEST_CASE("pattern: wildcards $_ and unnamed $$A", "[rules]") {
  CHECK(texts("python", "$_ == $_", "x == y\n") == Texts{"x == y"});
  auto found = find("python", "print($_)", "print(1)\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].captures.empty());
}

TEST_CASE("pattern: literal parts must match exactly", "[rules]") {
  CHECK(texts("python", "print(1)", "print(1)\nprint(2)\nprint( 1 )\n") ==
        Texts{"print(1)", "print( 1 )"});
  CHECK(texts("python", "$X.append($Y)", "a.append(1)\na.extend(1)\n") == Texts{"a.append(1)"});
}

TEST_CASE("pattern: python statements and nesting", "[rules]") {
  std::string source =
      "try:\n    run()\nexcept:\n    pass\n\ndef f():\n    try:\n        g()\n"
      "    except ValueError:\n        pass\n";
  std::string yaml = R"y(id: p
language: python
rule:
  pattern: |
    try:
        $$$BODY
    except:
        $$$HANDLER
)y";
  auto bare = run_rules(yaml, source);
  REQUIRE(bare.size() == 1);
  CHECK(bare[0].match.start_row == 0);
  CHECK(capture(bare[0], "BODY") == "run()");

  CHECK(texts("python", "def $F($$$P): $$$B", "def f(a, b):\n    return a\n\nx = 1\n").size() == 1);
}

TEST_CASE("pattern: comments in the target are skipped", "[rules]") {
  CHECK(texts("javascript", "foo($A, $B)", "foo(a, /* note */ b)\n") ==
        Texts{"foo(a, /* note */ b)"});
}

TEST_CASE("pattern: javascript", "[rules]") {
  auto found = find("javascript", "console.log($$$ARGS)",
                    "console.log('a', b);\nconsole.error(x);\nfunction f() { console.log(); }\n");
  REQUIRE(found.size() == 2);
  CHECK(found[0].text == "console.log('a', b)");
  CHECK(capture(found[0], "ARGS") == "'a', b");
  CHECK(found[1].text == "console.log()");

  // `$` is an identifier character in JavaScript: no expando, and `$x` is still code.
  CHECK(texts("javascript", "$A === $A", "x === x; x === y;") == Texts{"x === x"});
  CHECK(texts("javascript", "$(\"#id\")", "$(\"#id\"); $(\"#other\");") == Texts{"$(\"#id\")"});
  CHECK(texts("javascript", "var $N = $V", "var a = 1; let b = 2;") == Texts{"var a = 1;"});
}

TEST_CASE("pattern: go and c use the expando character", "[rules]") {
  auto go =
      find("go", "fmt.Println($$$A)",
           "package main\nfunc main() {\n\tfmt.Println(\"hi\", x)\n\tfmt.Printf(\"%d\", 1)\n}\n");
  REQUIRE(go.size() == 1);
  CHECK(capture(go[0], "A") == "\"hi\", x");

  // In C a call without `;` parses as a macro type; with it the pattern is the statement.
  auto c =
      find("c", "printf($$$ARGS);", "int main(void) {\n  printf(\"%d\\n\", x);\n  puts(s);\n}\n");
  REQUIRE(c.size() == 1);
  CHECK(c[0].text == "printf(\"%d\\n\", x);");
  CHECK(capture(c[0], "ARGS") == "\"%d\\n\", x");

  CHECK(texts("rust", "$A.unwrap()", "fn main() { let x = y.unwrap(); z.expect(\"m\"); }") ==
        Texts{"y.unwrap()"});
}

TEST_CASE("pattern: contextual pattern with a selector", "[rules]") {
  std::string yaml = R"y(id: p
language: javascript
rule:
  pattern:
    context: "class A { $F = $V }"
    selector: field_definition
)y";
  auto found = run_rules(yaml, "class B { x = 1; y = 2 }\nlet z = 3;\n");
  REQUIRE(found.size() == 2);
  CHECK(capture(found[0], "F") == "x");
  CHECK(capture(found[1], "V") == "2");
}

TEST_CASE("pattern: a bare metavariable matches any named node", "[rules]") {
  std::string yaml = R"y(id: p
language: python
rule:
  all:
    - pattern: $X
    - kind: integer
)y";
  auto found = run_rules(yaml, "a = 1 + 22\n");
  REQUIRE(found.size() == 2);
  CHECK(capture(found[1], "X") == "22");
}

TEST_CASE("pattern: strictness ast skips trailing unnamed nodes as ast-grep does", "[rules]") {
  auto strict = [](const std::string& strictness, const std::string& context) {
    return "id: p\nlanguage: javascript\nrule:\n  pattern:\n    context: '" + context +
           "'\n    strictness: " + strictness + "\n";
  };
  std::string source = "[1, 2];\n[1, 2,];\n[1, 2 /* c */];\nf(1);\nf(1,);\nf(1, 2);\n";
  auto texts_of = [&](const std::string& yaml) {
    Texts out;
    for (const auto& f : run_rules(yaml, source))
      out.push_back(f.text);
    return out;
  };
  CHECK(texts_of(strict("ast", "[1, 2]")) == Texts{"[1, 2]", "[1, 2,]"});
  CHECK(texts_of(strict("ast", "f(1)")) == Texts{"f(1)", "f(1,)"});
  CHECK(texts_of(strict("cst", "[1, 2]")) == Texts{"[1, 2]"});
  CHECK(texts_of(strict("smart", "[1, 2]")) == Texts{"[1, 2]", "[1, 2,]", "[1, 2 /* c */]"});
}

TEST_CASE("pattern: syntax errors ast-grep accepts", "[rules]") {
  // A metavariable where C wants a statement with `;` parses as an ERROR that is just the
  // metavariable: it stays a metavariable.
  auto loops = find("c", "while ($C) { $$$BODY }",
                    "int f(int n) {\n  while (n > 0) { n--; g(n); }\n  while (n) { }\n}\n");
  REQUIRE(loops.size() == 2);
  CHECK(capture(loops[0], "BODY") == "n--; g(n);");
  CHECK(capture(loops[1], "C") == "n");

  // A Rust method call without `;` is an ERROR wrapping the call: the call is the pattern.
  CHECK(texts("rust", "$RECV.$METHOD()", "fn f() { let n = v.len(); w.push(1); x.y.z(); }") ==
        Texts{"v.len()", "x.y.z()"});

  // Other syntax errors are still rejected when the rule loads.
  CHECK_THROWS_AS(find("c", "while ($C) { $A = }", "int x;\n"), rules::RuleError);
  CHECK_THROWS_AS(find("rust", "x.(", "fn f() {}\n"), rules::RuleError);
}
