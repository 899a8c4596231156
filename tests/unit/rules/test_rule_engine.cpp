#include <catch2/catch.hpp>

#include <thread>

#include "unit/rules/rule_test_support.hpp"

using namespace mentor;
using test::capture;
using test::matches;
using test::run_rules;
using Texts = std::vector<std::string>;

TEST_CASE("engine: kind and regex", "[rules]") {
  CHECK(matches("python", "  kind: integer\n", "x = 1 + 22\n") == Texts{"1", "22"});
  CHECK(matches("python", "  kind: identifier\n  regex: ^te?mp\n", "tmp = temp + total\n") ==
        Texts{"tmp", "temp"});
  CHECK(matches("python", "  regex: ^print\\(\n  kind: call\n", "print(1)\nx.print(2)\n") ==
        Texts{"print(1)"});
}

TEST_CASE("engine: a supertype kind matches every kind the grammar lists under it", "[rules]") {
  // Python's `expression` and, through it, `primary_expression` (ABI 15 grammars list them).
  CHECK(matches("python", "  kind: expression\n  regex: ^[^x]\n", "x = 1 + f(y)\n") ==
        Texts{"1", "1 + f(y)", "f", "f(y)", "y"});
  CHECK(matches("python", "  kind: primary_expression\n  inside: {kind: call, stopBy: end}\n",
                "x = 1 + f(y)\n") == Texts{"f", "y"});
}

TEST_CASE("engine: all, any, not", "[rules]") {
  std::string rule = R"y(  all:
    - kind: call
    - any:
        - pattern: print($A)
        - pattern: log($A)
    - not:
        pattern: $F(1)
)y";
  CHECK(matches("python", rule, "print(1)\nprint(2)\nlog(3)\nwarn(4)\n") ==
        Texts{"print(2)", "log(3)"});
}

TEST_CASE("engine: inside with stopBy", "[rules]") {
  std::string source = "def f():\n    print(1)\n    if x:\n        print(2)\nprint(3)\n";
  CHECK(matches("python",
                "  pattern: print($A)\n  inside:\n    kind: function_definition\n    stopBy: end\n",
                source) == Texts{"print(1)", "print(2)"});
  // neighbor (the default) looks at the parent only: print(...) sits in an expression_statement.
  CHECK(
      matches("python", "  pattern: print($A)\n  inside:\n    kind: expression_statement\n", source)
          .size() == 3);
  CHECK(
      matches("python", "  pattern: print($A)\n  inside:\n    kind: function_definition\n", source)
          .empty());
  // A stop rule ends the search at the first if statement (inclusive).
  CHECK(matches("python",
                "  pattern: print($A)\n  inside:\n    kind: function_definition\n"
                "    stopBy: {kind: if_statement}\n",
                source) == Texts{"print(1)"});
}

TEST_CASE("engine: inside and has with field", "[rules]") {
  std::string source = "f(g(x))\nh(y)\n";
  CHECK(matches("python", "  kind: identifier\n  inside:\n    kind: call\n    field: function\n",
                source) == Texts{"f", "g", "h"});
  CHECK(matches("python",
                "  kind: call\n  has:\n    kind: argument_list\n    field: arguments\n"
                "    has: {kind: call}\n",
                source) == Texts{"f(g(x))"});
}

TEST_CASE("engine: has with stopBy", "[rules]") {
  std::string source = "def f():\n    return 1\n\ndef g():\n    def h():\n        return 2\n";
  CHECK(matches("python",
                "  kind: function_definition\n  has:\n    kind: return_statement\n"
                "    stopBy: end\n",
                source)
            .size() == 3);
  CHECK(matches("python",
                "  kind: function_definition\n  has:\n    kind: return_statement\n"
                "    stopBy: {kind: function_definition}\n",
                source)
            .size() == 2);
  CHECK(
      matches("python", "  kind: function_definition\n  has:\n    kind: block\n", source).size() ==
      3);
}

TEST_CASE("engine: precedes and follows", "[rules]") {
  std::string source = "let a = 1;\nlet b = 2;\nlet c = 3;\n";
  CHECK(matches("javascript", "  kind: lexical_declaration\n  follows:\n    pattern: let a = 1\n",
                source) == Texts{"let b = 2;"});
  CHECK(matches("javascript",
                "  kind: lexical_declaration\n  follows:\n    pattern: let a = 1\n"
                "    stopBy: end\n",
                source) == Texts{"let b = 2;", "let c = 3;"});
  CHECK(matches("javascript", "  kind: lexical_declaration\n  precedes:\n    pattern: let c = 3\n",
                source) == Texts{"let b = 2;"});
  CHECK(matches("javascript",
                "  kind: lexical_declaration\n  precedes:\n    pattern: let c = 3\n"
                "    stopBy: {pattern: let b = 2}\n",
                source) == Texts{"let b = 2;"});
}

TEST_CASE("engine: relational captures feed the message", "[rules]") {
  auto found = run_rules(R"y(id: r
language: python
message: "$F calls $G"
rule:
  pattern: $G($$$)
  inside:
    pattern: def $F($$$P):$$$B
    stopBy: end
)y",
                         "def outer():\n    inner()\n");
  REQUIRE(found.size() == 1);
  CHECK(capture(found[0], "F") == "outer");
  CHECK(capture(found[0], "G") == "inner");
}

TEST_CASE("engine: constraints", "[rules]") {
  std::string yaml = R"y(id: r
language: python
rule:
  pattern: print($$$ARGS)
constraints:
  ARGS: { regex: "^f\"" }
)y";
  auto found = run_rules(yaml, "print(f\"x{y}\")\nprint(\"plain\")\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "print(f\"x{y}\")");

  std::string single = R"y(id: r
language: python
rule:
  pattern: $F($A)
constraints:
  F: { regex: "^(print|log)$" }
  A: { kind: integer }
)y";
  Texts texts;
  for (const auto& f : run_rules(single, "print(1)\nlog(x)\nwarn(2)\nlog(3)\n"))
    texts.push_back(f.text);
  CHECK(texts == Texts{"print(1)", "log(3)"});
}

TEST_CASE("engine: utility rules through matches", "[rules]") {
  std::string yaml = R"y(id: r
language: python
utils:
  is-print:
    pattern: print($$$)
  in-function:
    inside: {kind: function_definition, stopBy: end}
rule:
  all:
    - matches: is-print
    - matches: in-function
)y";
  Texts texts;
  for (const auto& f : run_rules(yaml, "print(1)\ndef f():\n    print(2)\n"))
    texts.push_back(f.text);
  CHECK(texts == Texts{"print(2)"});
}

TEST_CASE("engine: several rules at once, sorted and without duplicates", "[rules]") {
  std::string yaml = R"y(id: calls
language: python
rule: {kind: call}
---
id: prints
language: python
rule:
  any:
    - pattern: print($A)
    - pattern: print($$$)
---
id: query
language: python
query: "(call) @match (call) @match"
)y";
  std::vector<rules::Rule> loaded = rules::load_rules(yaml, "t.yaml");
  std::vector<const rules::Rule*> pointers{&loaded[0], &loaded[1], &loaded[2]};
  std::string source = "x = print(f(1))\n";
  lang::Parser parser;
  lang::Tree tree = parser.parse(*loaded[0].language, source);
  auto found = rules::match_rules(pointers, tree, source);
  REQUIRE(found.size() == 5);
  CHECK(found[0].rule == 0);
  CHECK(found[0].match.start_byte == 4);
  CHECK(found[1].rule == 1);
  CHECK(found[2].rule == 2);
  CHECK(found[3].match.start_byte == 10);
  CHECK(found[3].rule == 0);
  CHECK(found[4].rule == 2);
}

TEST_CASE("engine: examples of the rules match as documented", "[rules]") {
  std::vector<rules::Rule> loaded = rules::load_rules(R"y(id: py-bare-except
language: python
rule:
  kind: except_clause
  not:
    has:
      any:
        - kind: identifier
        - kind: attribute
        - kind: tuple
        - kind: as_pattern
examples:
  bad:  ["try:\n  x()\nexcept:\n  pass\n"]
  good: ["try:\n  x()\nexcept ValueError:\n  pass\n"]
)y",
                                                      "t.yaml");
  const rules::Rule& rule = loaded.at(0);
  std::vector<const rules::Rule*> pointers{&rule};
  lang::Parser parser;
  for (const auto& bad : rule.bad_examples) {
    lang::Tree tree = parser.parse(*rule.language, bad);
    CHECK(rules::match_rules(pointers, tree, bad).size() == 1);
  }
  for (const auto& good : rule.good_examples) {
    lang::Tree tree = parser.parse(*rule.language, good);
    CHECK(rules::match_rules(pointers, tree, good).empty());
  }
}

TEST_CASE("engine: one compiled rule is shared by threads", "[rules]") {
  std::vector<rules::Rule> loaded = rules::load_rules(
      "id: r\nlanguage: python\nrule: {pattern: print($A)}\n---\nid: q\nlanguage: python\n"
      "query: '((call function: (identifier) @f) @match (#eq? @f \"print\"))'\n",
      "t.yaml");
  std::vector<const rules::Rule*> pointers{&loaded[0], &loaded[1]};
  std::string source;
  for (int i = 0; i < 200; ++i)
    source += "print(" + std::to_string(i) + ")\n";
  std::vector<std::size_t> counts(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < counts.size(); ++t) {
    threads.emplace_back([&, t] {
      lang::Parser parser;
      for (int round = 0; round < 5; ++round) {
        lang::Tree tree = parser.parse(*loaded[0].language, source);
        counts[t] += rules::match_rules(pointers, tree, source).size();
      }
    });
  }
  for (auto& thread : threads)
    thread.join();
  for (std::size_t count : counts)
    CHECK(count == 5 * 400);
}

TEST_CASE("engine: matching limited to byte ranges", "[rules]") {
  // One pattern rule and one query rule; only matches intersecting the ranges are returned, and
  // the result equals the whole-file result filtered to those ranges.
  std::vector<rules::Rule> loaded = rules::load_rules(R"(id: p
language: python
rule:
  pattern: print($A)
---
id: q
language: python
query: |
  (call function: (identifier) @f (#eq? @f "len")) @match
)",
                                                      "test.yaml");
  std::vector<const rules::Rule*> pointers{&loaded[0], &loaded[1]};
  std::string source = "print(1)\nlen(a)\nprint(2)\nlen(b)\nx = [print(3),\n  len(c)]\n";
  lang::Parser parser;
  lang::Tree tree = parser.parse(*loaded[0].language, source);
  auto texts = [&](std::span<const rules::ByteRange> within) {
    std::vector<std::string> out;
    for (const auto& m : rules::match_rules(pointers, tree, source, within)) {
      out.push_back(source.substr(m.match.start_byte, m.match.end_byte - m.match.start_byte));
    }
    return out;
  };
  CHECK(texts({}).size() == 6);
  const rules::ByteRange line3[] = {{16, 25}};  // "print(2)\n"
  CHECK(texts(line3) == std::vector<std::string>{"print(2)"});
  const rules::ByteRange lines2and4[] = {{9, 16}, {25, 32}};
  CHECK(texts(lines2and4) == std::vector<std::string>{"len(a)", "len(b)"});
  // A range inside a multi-line statement still finds the nodes that cross it.
  const rules::ByteRange line6[] = {{47, 57}};
  CHECK(texts(line6) == std::vector<std::string>{"len(c)"});
  const rules::ByteRange nothing[] = {{1000, 1001}};
  CHECK(texts(nothing).empty());
}

TEST_CASE("engine: nthChild counts named siblings from 1", "[rules]") {
  std::string source = "x = [10, 20, 30, 40, 50]\n";
  CHECK(matches("python", "  kind: integer\n  nthChild: 2\n", source) == Texts{"20"});
  CHECK(matches("python", "  kind: integer\n  nthChild: '2n+1'\n", source) ==
        Texts{"10", "30", "50"});
  CHECK(matches("python", "  kind: integer\n  nthChild: -n + 2\n", source) == Texts{"10", "20"});
  CHECK(matches("python", "  kind: integer\n  nthChild: 2n\n", source) == Texts{"20", "40"});
  CHECK(matches("python", "  kind: integer\n  nthChild: n+4\n", source) == Texts{"40", "50"});
  CHECK(matches("python", "  kind: integer\n  nthChild: {position: 1, reverse: true}\n", source) ==
        Texts{"50"});
  // The brackets and commas are not counted; the module (no parent) never matches.
  CHECK(matches("python", "  kind: list\n  nthChild: 1\n", source).empty());
  CHECK(matches("python", "  kind: module\n  nthChild: 1\n", source).empty());
}

TEST_CASE("engine: nthChild with ofRule counts only the siblings matching it", "[rules]") {
  std::string source = "f(a, 1, b, 2, c)\n";
  CHECK(matches("python", "  nthChild:\n    position: 2\n    ofRule: {kind: identifier}\n",
                source) == Texts{"b"});
  CHECK(matches("python",
                "  nthChild:\n    position: 1\n    ofRule: {kind: integer}\n    reverse: true\n",
                source) == Texts{"2"});
  // A node the ofRule rejects has no position.
  CHECK(matches("python",
                "  kind: integer\n  nthChild:\n    position: 1\n    ofRule: {kind: identifier}\n",
                source)
            .empty());
  // ast-grep's README example: the first argument of a call.
  CHECK(matches("javascript", "  kind: number\n  nthChild: 1\n  inside: {kind: arguments}\n",
                "f(1, 2); g(3);\n") == Texts{"1", "3"});
}

TEST_CASE("engine: nthChild ofRule tries each sibling on its own", "[rules]") {
  // Bindings made on one sibling do not constrain the next (p.q does not fix $X for r.s)...
  auto found = run_rules(R"y(id: r
language: javascript
rule:
  nthChild:
    position: 2
    ofRule: {pattern: $X.$Y}
)y",
                         "g(p.q, r.s, t.u);\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "r.s");
  CHECK(capture(found[0], "X") == "r");  // ...and the node's own bindings are kept.

  // Bindings made before nthChild do constrain the siblings: r.q and r.s match $X.$Y with X = r.
  found = run_rules(R"y(id: r
language: javascript
rule:
  pattern: $X.s
  nthChild:
    position: 2
    ofRule: {pattern: $X.$Y}
)y",
                    "g(r.q, p.s, r.s);\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "r.s");
  CHECK(capture(found[0], "Y") == "s");
}

TEST_CASE("engine: a repeated metavariable on leaves of different kinds compares text", "[rules]") {
  // `xs` is an identifier on the left and an expression leaf in the call's arguments.
  CHECK(matches("go", "  pattern: |\n    $S = append($S, $$$V)\n",
                "package p\nfunc f() {\n\txs = append(xs, 1)\n\tys = append(xs, 2)\n}\n") ==
        Texts{"xs = append(xs, 1)"});
  // `kind` is an identifier and a property_identifier.
  CHECK(matches("typescript", "  pattern: const $P = $A.$P\n",
                "const kind = o.kind;\nconst name = o.label;\n") == Texts{"const kind = o.kind;"});
}
