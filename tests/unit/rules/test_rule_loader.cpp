#include <catch2/catch.hpp>

#include <optional>
#include <set>

#include "lang/language.hpp"
#include "rules/rule_error.hpp"
#include "rules/rule_loader.hpp"

using namespace mentor;
using rules::RuleErrorKind;

namespace {

struct Failure {
  RuleErrorKind kind;
  std::string message;
  int line;
  int column;
  std::string file;
};

std::optional<Failure> load_failure(const std::string& yaml) {
  try {
    rules::load_rules(yaml, "rules.yaml");
  } catch (const rules::RuleError& e) {
    return Failure{e.kind(), e.what(), e.pos().line, e.pos().column, e.pos().file};
  }
  return std::nullopt;
}

// The one failure of `yaml`; fails the test if it loads.
Failure failure(const std::string& yaml) {
  auto f = load_failure(yaml);
  INFO(yaml);
  REQUIRE(f.has_value());
  return *f;
}

}  // namespace

TEST_CASE("loader: a complete rule", "[rules]") {
  auto loaded = rules::load_rules(R"y(id: py-print
language: python
severity: error
message: "print($$$ARGS) left in"
skill: readability
lesson: |
  Use logging.
url: https://example.com/print
metadata: { owner: team }
files: ["src/**/*.py"]
ignores: ["src/vendor/**"]
rule:
  pattern: print($$$ARGS)
examples:
  bad: ["print(1)"]
  good: ["log(1)"]
)y",
                                  "rules.yaml");
  REQUIRE(loaded.size() == 1);
  const rules::Rule& rule = loaded[0];
  CHECK(rule.id == "py-print");
  CHECK(rule.language->name == "python");
  CHECK(rule.severity == rules::Severity::error);
  CHECK(rule.message == "print($$$ARGS) left in");
  CHECK(rule.skill == "readability");
  CHECK(rule.lesson == "Use logging.\n");
  CHECK(rule.url == "https://example.com/print");
  CHECK(rule.files == std::vector<std::string>{"src/**/*.py"});
  CHECK(rule.bad_examples == std::vector<std::string>{"print(1)"});
  CHECK(rule.good_examples == std::vector<std::string>{"log(1)"});
  CHECK(rule.origin.file == "rules.yaml");
  CHECK(rule.origin.line == 1);
  CHECK(rule.matcher != nullptr);
  CHECK(rule.applies_to("src/app/main.py"));
  CHECK_FALSE(rule.applies_to("src/vendor/x.py"));
  CHECK_FALSE(rule.applies_to("tools/x.py"));
}

TEST_CASE("loader: several documents, defaults and ast-grep's note", "[rules]") {
  auto loaded = rules::load_rules(R"y(id: one
language: Python
note: the lesson
rule: { kind: call }
---
id: two
language: js
query: "(call_expression) @match"
---
id: three
language: go
severity: off
rule: { kind: call_expression }
---
)y",
                                  "rules.yaml");
  REQUIRE(loaded.size() == 2);
  CHECK(loaded[0].severity == rules::Severity::warning);
  CHECK(loaded[0].lesson == "the lesson");
  CHECK(loaded[0].message == "one");
  CHECK(loaded[1].language->name == "javascript");
  CHECK(loaded[1].origin.line == 6);
}

TEST_CASE("loader: severities", "[rules]") {
  CHECK(rules::severity_from_string("praise") == rules::Severity::praise);
  CHECK_FALSE(rules::severity_from_string("fatal").has_value());
  CHECK(rules::to_string(rules::Severity::hint) == "hint");
  CHECK(rules::blocks(rules::Severity::error, rules::Severity::error));
  CHECK_FALSE(rules::blocks(rules::Severity::warning, rules::Severity::error));
  CHECK(rules::blocks(rules::Severity::warning, rules::Severity::warning));
  CHECK_FALSE(rules::blocks(rules::Severity::praise, rules::Severity::praise));
}

TEST_CASE("loader: interpolate", "[rules]") {
  rules::Match match;
  match.captures = {{"A", "x"}, {"ARGS", "1, 2"}, {"call", "f()"}};
  CHECK(rules::interpolate("$A and $$$ARGS, $call; $B stays, $ 5 and $$$", match) ==
        "x and 1, 2, f(); $B stays, $ 5 and $$$");
  CHECK(rules::interpolate("$A.", match) == "x.");
}

TEST_CASE("loader: YAML syntax error", "[rules]") {
  Failure f = failure("id: x\nlanguage: python\nrule: {pattern: [unclosed\n");
  CHECK(f.kind == RuleErrorKind::yaml_syntax);
  CHECK(f.file == "rules.yaml");
  CHECK(f.line == 4);
  CHECK(f.column == 1);
  CHECK(f.message.find("invalid YAML") != std::string::npos);
}

TEST_CASE("loader: unknown keys with a hint", "[rules]") {
  Failure f = failure("id: py-foo\nlanguage: python\nrule:\n  paterns: print($A)\n");
  CHECK(f.kind == RuleErrorKind::unknown_key);
  CHECK(f.message == "rule 'py-foo': unknown key 'paterns' (did you mean 'pattern'?)");
  CHECK(f.line == 4);
  CHECK(f.column == 3);

  Failure top = failure("language: python\nmesage: hi\nid: py-foo\nrule: {kind: call}\n");
  CHECK(top.message == "rule 'py-foo': unknown key 'mesage' (did you mean 'message'?)");
  CHECK(top.line == 2);
  CHECK(top.column == 1);

  Failure relation =
      failure("id: a\nlanguage: python\nrule:\n  kind: call\n  inside:\n    stopby: end\n");
  CHECK(relation.message == "rule 'a': unknown key 'stopby' (did you mean 'stopBy'?)");
  CHECK(relation.line == 6);
  CHECK(relation.column == 5);

  Failure unsupported = failure("id: a\nlanguage: python\nrule:\n  range: {}\n");
  CHECK(unsupported.message.find("not supported") != std::string::npos);
}

TEST_CASE("loader: missing and conflicting keys", "[rules]") {
  Failure no_id = failure("\nlanguage: python\nrule: {kind: call}\n");
  CHECK(no_id.kind == RuleErrorKind::missing_key);
  CHECK(no_id.line == 2);
  CHECK(no_id.column == 1);

  Failure no_language = failure("id: a\nrule: {kind: call}\n");
  CHECK(no_language.kind == RuleErrorKind::missing_key);
  CHECK(no_language.message == "rule 'a': missing key 'language'");

  Failure no_rule = failure("id: a\nlanguage: python\n");
  CHECK(no_rule.kind == RuleErrorKind::missing_key);

  Failure both = failure("id: a\nlanguage: python\nrule: {kind: call}\nquery: (call) @match\n");
  CHECK(both.kind == RuleErrorKind::conflicting_keys);
  CHECK(both.line == 4);
  CHECK(both.column == 8);

  Failure empty = failure("id: a\nlanguage: python\nrule:\n  inside: {kind: call}\n  not: {}\n");
  CHECK(empty.kind == RuleErrorKind::empty_rule);
  CHECK(empty.line == 5);
  CHECK(empty.column == 8);
}

TEST_CASE("loader: wrong types", "[rules]") {
  Failure f = failure("id: a\nlanguage: python\nmessage: [1, 2]\nrule: {kind: call}\n");
  CHECK(f.kind == RuleErrorKind::wrong_type);
  CHECK(f.message == "rule 'a': 'message' must be a string");
  CHECK(f.line == 3);
  CHECK(f.column == 10);

  Failure rule = failure("id: a\nlanguage: python\nrule: print($A)\n");
  CHECK(rule.kind == RuleErrorKind::wrong_type);
  CHECK(rule.line == 3);
  CHECK(rule.column == 7);

  Failure all = failure("id: a\nlanguage: python\nrule:\n  all: {kind: call}\n");
  CHECK(all.kind == RuleErrorKind::wrong_type);
  CHECK(all.line == 4);
  CHECK(all.column == 8);

  Failure stop = failure("id: a\nlanguage: python\nrule:\n  has: {kind: call, stopBy: far}\n");
  CHECK(stop.kind == RuleErrorKind::wrong_type);
  CHECK(stop.column == 29);

  Failure not_map = failure("- a\n- b\n");
  CHECK(not_map.kind == RuleErrorKind::wrong_type);
}

TEST_CASE("loader: ids must be kebab-case", "[rules]") {
  Failure f = failure("id: Py_Foo\nlanguage: python\nrule: {kind: call}\n");
  CHECK(f.kind == RuleErrorKind::invalid_id);
  CHECK(f.line == 1);
  CHECK(f.column == 5);
  CHECK(load_failure("id: py-foo-2\nlanguage: python\nrule: {kind: call}\n") == std::nullopt);
  CHECK(load_failure("id: py--foo\nlanguage: python\nrule: {kind: call}\n").has_value());
}

TEST_CASE("loader: unknown language and severity", "[rules]") {
  Failure language = failure("id: x\nlanguage: cobol\nmessage: m\nrule:\n  kind: call\n");
  CHECK(language.kind == RuleErrorKind::unknown_language);
  CHECK(language.line == 2);
  CHECK(language.column == 11);
  CHECK(language.message.find("cobol") != std::string::npos);
  Failure close = failure("id: x\nlanguage: pyton\nrule:\n  kind: call\n");
  CHECK(close.message.find("did you mean 'python'") != std::string::npos);

  Failure severity = failure("id: x\nlanguage: python\nseverity: eror\nrule: {kind: call}\n");
  CHECK(severity.kind == RuleErrorKind::unknown_severity);
  CHECK(severity.line == 3);
  CHECK(severity.column == 11);
  CHECK(severity.message.find("did you mean 'error'") != std::string::npos);
}

TEST_CASE("loader: unknown kind and field", "[rules]") {
  Failure kind = failure("id: x\nlanguage: python\nrule:\n  kind: cal\n");
  CHECK(kind.kind == RuleErrorKind::unknown_kind);
  CHECK(kind.line == 4);
  CHECK(kind.column == 9);
  CHECK(kind.message.find("did you mean 'call'") != std::string::npos);

  // A supertype loads where the grammar lists its kinds (ABI 15: python 0.25); an older grammar
  // (java 0.23, ABI 14) does not, and the rule would match nothing.
  CHECK_FALSE(load_failure("id: x\nlanguage: python\nrule:\n  kind: expression\n"));
  Failure supertype = failure("id: x\nlanguage: java\nrule:\n  kind: expression\n");
  CHECK(supertype.kind == RuleErrorKind::unknown_kind);
  CHECK(supertype.message.find("never appears in a tree and this java grammar lists no kinds") !=
        std::string::npos);

  Failure nested =
      failure("id: x\nlanguage: python\nrule:\n  any:\n    - kind: call\n    - kind: nosuch\n");
  CHECK(nested.kind == RuleErrorKind::unknown_kind);
  CHECK(nested.line == 6);
  CHECK(nested.column == 13);

  Failure field = failure(
      "id: x\nlanguage: python\nrule:\n  kind: identifier\n  inside:\n    kind: call\n"
      "    field: functon\n");
  CHECK(field.kind == RuleErrorKind::unknown_field);
  CHECK(field.line == 7);
  CHECK(field.column == 12);
  CHECK(field.message.find("did you mean 'function'") != std::string::npos);

  Failure selector =
      failure("id: x\nlanguage: python\nrule:\n  pattern:\n    context: f(x)\n    selector: cal\n");
  CHECK(selector.kind == RuleErrorKind::unknown_kind);
  CHECK(selector.line == 6);
  CHECK(selector.column == 15);
}

TEST_CASE("loader: invalid patterns point into the pattern", "[rules]") {
  Failure plain = failure("id: x\nlanguage: python\nmessage: m\nrule:\n  pattern: \"def (:\"\n");
  CHECK(plain.kind == RuleErrorKind::invalid_pattern);
  CHECK(plain.line == 5);
  CHECK(plain.column >= 12);

  Failure block = failure(
      "id: x\nlanguage: python\nrule:\n  pattern: |\n    if $A:\n        pass\n    else pass\n");
  CHECK(block.kind == RuleErrorKind::invalid_pattern);
  CHECK(block.line == 7);
  CHECK(block.column >= 5);

  Failure multiple = failure("id: x\nlanguage: python\nrule:\n  pattern: a; b\n");
  CHECK(multiple.kind == RuleErrorKind::invalid_pattern);
  CHECK(multiple.message.find("more than one") != std::string::npos);
  CHECK(multiple.line == 4);
  CHECK(multiple.column == 12);

  Failure strictness = failure(
      "id: x\nlanguage: python\nrule:\n  pattern:\n    context: f($A)\n    strictness: smrt\n");
  CHECK(strictness.message.find("did you mean 'smart'") != std::string::npos);
}

TEST_CASE("loader: invalid queries point into the query", "[rules]") {
  Failure block = failure(
      "id: x\nlanguage: python\nmessage: m\nquery: |\n  (call\n    function: (nosuchkind) @f) "
      "@match\n");
  CHECK(block.kind == RuleErrorKind::invalid_query);
  CHECK(block.message == "rule 'x': invalid query: unknown node kind 'nosuchkind'");
  CHECK(block.line == 6);
  CHECK(block.column == 16);

  Failure quoted = failure("id: x\nlanguage: python\nquery: \"(call nosuch: (identifier)) @m\"\n");
  CHECK(quoted.message.find("unknown field 'nosuch'") != std::string::npos);
  CHECK(quoted.line == 3);
  CHECK(quoted.column == 15);

  Failure plain = failure("id: x\nlanguage: python\nquery: (call) @m)\n");
  CHECK(plain.kind == RuleErrorKind::invalid_query);
  CHECK(plain.line == 3);
  CHECK(plain.column == 17);

  Failure predicate =
      failure("id: x\nlanguage: python\nquery: |\n  ((identifier) @i\n   (#is-odd? @i))\n");
  CHECK(predicate.message.find("unsupported predicate '#is-odd?'") != std::string::npos);
  CHECK(predicate.line == 5);
  CHECK(predicate.column == 5);

  Failure no_capture = failure("id: x\nlanguage: python\nquery: (call)\n");
  CHECK(no_capture.message.find("without captures") != std::string::npos);
}

TEST_CASE("loader: invalid regexes", "[rules]") {
  Failure rule = failure("id: x\nlanguage: python\nrule:\n  regex: \"a(b\"\n");
  CHECK(rule.kind == RuleErrorKind::invalid_regex);
  CHECK(rule.line == 4);
  CHECK(rule.column == 11);

  // Backreferences and lookarounds need a backtracking engine: RE2 rejects them.
  Failure backtracking = failure("id: x\nlanguage: python\nrule:\n  regex: (a)\\1\n");
  CHECK(backtracking.kind == RuleErrorKind::invalid_regex);

  Failure constraint = failure(
      "id: x\nlanguage: python\nrule: {pattern: f($A)}\nconstraints:\n  A: {regex: '(?<=x)y'}\n");
  CHECK(constraint.kind == RuleErrorKind::invalid_regex);
  CHECK(constraint.line == 5);

  Failure query =
      failure("id: x\nlanguage: python\nquery: |\n  ((identifier) @i\n   (#match? @i \"[a-\"))\n");
  CHECK(query.kind == RuleErrorKind::invalid_regex);
  CHECK(query.line == 5);
  CHECK(query.column == 17);
}

TEST_CASE("loader: utility rules", "[rules]") {
  CHECK(load_failure("id: x\nlanguage: python\nutils:\n  is-call: {kind: call}\n"
                     "rule: {matches: is-call}\n") == std::nullopt);
  Failure unknown = failure(
      "id: x\nlanguage: python\nutils:\n  is-call: {kind: call}\nrule: {matches: is-cal}\n");
  CHECK(unknown.kind == RuleErrorKind::unknown_util);
  CHECK(unknown.line == 5);
  CHECK(unknown.column == 17);
  CHECK(unknown.message.find("did you mean 'is-call'") != std::string::npos);

  Failure cycle = failure(
      "id: x\nlanguage: python\nutils:\n  a: {matches: b}\n  b: {any: [{matches: a}]}\n"
      "rule: {matches: a}\n");
  CHECK(cycle.kind == RuleErrorKind::cyclic_util);
  // Through a relation the recursion moves to other nodes and ends: allowed.
  CHECK(load_failure("id: x\nlanguage: python\nutils:\n  in-call: {any: [{kind: call}, "
                     "{inside: {matches: in-call}}]}\nrule: {matches: in-call}\n") == std::nullopt);
  // nthChild's ofRule is tried on the node itself and its siblings: no way out of the cycle.
  Failure nth = failure(
      "id: x\nlanguage: python\nutils:\n  a: {nthChild: {position: 1, ofRule: {matches: a}}}\n"
      "rule: {matches: a}\n");
  CHECK(nth.kind == RuleErrorKind::cyclic_util);
}

TEST_CASE("loader: empty rule object", "[rules]") {
  Failure f = failure("id: x\nlanguage: python\nrule:\n  not:\n    has: {}\n");
  CHECK(f.kind == RuleErrorKind::empty_rule);
}

TEST_CASE("loader: a language filter compiles only the languages it wants", "[rules]") {
  const lang::Language* python = lang::find_language("python");
  const std::string py_rule = "id: py-rule\nlanguage: python\nrule:\n  pattern: print($X)\n";
  // An invalid pattern: an error whenever this rule is compiled.
  const std::string broken_js = "id: js-broken\nlanguage: javascript\nrule:\n  pattern: 'a ==='\n";

  SECTION("a file of another language is skipped, and counted") {
    rules::LanguageFilter filter;
    filter.only = std::set<const lang::Language*>{python};
    CHECK(rules::load_rules(broken_js, "js.yaml", &filter).empty());
    CHECK(filter.skipped == 1);
    CHECK(load_failure(broken_js).has_value());  // without the filter it is an error
  }
  SECTION("documents of a mixed file are filtered one by one") {
    rules::LanguageFilter filter;
    filter.only = std::set<const lang::Language*>{python};
    auto loaded = rules::load_rules(py_rule + "---\n" + broken_js, "mixed.yaml", &filter);
    REQUIRE(loaded.size() == 1);
    CHECK(loaded[0].id == "py-rule");
    CHECK(filter.skipped == 1);
  }
  SECTION("quoted values, comments and CRLF are read; other layouts are parsed") {
    rules::LanguageFilter filter;
    filter.only = std::set<const lang::Language*>{python};
    std::string quoted =
        "# a JavaScript rule\r\nid: js-broken\r\nlanguage: \"javascript\"  # quoted\r\n"
        "rule:\r\n  pattern: 'a ==='\r\n";
    CHECK(rules::load_rules(quoted, "quoted.yaml", &filter).empty());
    std::string flow = "{id: js-broken, language: javascript, rule: {pattern: 'a ==='}}\n";
    CHECK(rules::load_rules(flow, "flow.yaml", &filter).empty());
    CHECK(filter.skipped == 2);
  }
  SECTION("an unknown language is still an error") {
    rules::LanguageFilter filter;
    filter.only = std::set<const lang::Language*>{python};
    CHECK_THROWS_AS(rules::load_rules("id: x-rule\nlanguage: klingon\nrule:\n  kind: call\n",
                                      "x.yaml", &filter),
                    rules::RuleError);
  }
  SECTION("without a set every language is wanted") {
    rules::LanguageFilter filter;
    CHECK(rules::load_rules(py_rule, "py.yaml", &filter).size() == 1);
    CHECK_THROWS_AS(rules::load_rules(broken_js, "js.yaml", &filter), rules::RuleError);
  }
}

TEST_CASE("loader: nthChild positions and their errors", "[rules]") {
  for (const char* ok : {"3", "'2n+1'", "-n + 3", "N", "'-2n-1'", "' 12 n + 2 '",
                         "{position: 2, reverse: true}", "{position: 1, ofRule: {kind: call}}"}) {
    INFO(ok);
    CHECK_NOTHROW(rules::load_rules(
        std::string("id: a\nlanguage: python\nrule:\n  nthChild: ") + ok + "\n", "r.yaml"));
  }
  Failure character = failure("id: a\nlanguage: python\nrule:\n  nthChild: 2x+1\n");
  CHECK(character.kind == RuleErrorKind::invalid_nth_child);
  CHECK(character.message.find("'2x+1'") != std::string::npos);
  CHECK(character.line == 4);
  CHECK(character.column == 14);  // the 'x'
  for (const char* bad : {"3 - n", "n++", "3 + 5", "3n +", "n + 3n", "nN", "+", "''"}) {
    INFO(bad);
    CHECK(
        failure(std::string("id: a\nlanguage: python\nrule:\n  nthChild: '") + bad + "'\n").kind ==
        RuleErrorKind::invalid_nth_child);
  }
  Failure no_position = failure("id: a\nlanguage: python\nrule:\n  nthChild: {reverse: true}\n");
  CHECK(no_position.kind == RuleErrorKind::missing_key);
  Failure key = failure("id: a\nlanguage: python\nrule:\n  nthChild: {position: 1, of_rule: {}}\n");
  CHECK(key.message.find("did you mean 'ofRule'") != std::string::npos);
  Failure reverse =
      failure("id: a\nlanguage: python\nrule:\n  nthChild: {position: 1, reverse: maybe}\n");
  CHECK(reverse.kind == RuleErrorKind::wrong_type);
  Failure of_rule =
      failure("id: a\nlanguage: python\nrule:\n  nthChild: {position: 1, ofRule: {kind: nope}}\n");
  CHECK(of_rule.kind == RuleErrorKind::unknown_kind);
}

TEST_CASE("loader: a key written twice is refused with both positions", "[rules]") {
  Failure f = failure(
      "id: twice\nlanguage: javascript\nrule:\n  kind: call_expression\n  has: {kind: "
      "identifier}\n  has: {kind: arguments}\n");
  CHECK(f.kind == RuleErrorKind::duplicate_key);
  CHECK(f.line == 6);
  CHECK(f.column == 3);
  CHECK(f.message == "rule 'twice': duplicate key 'has' (first written at line 5, column 3)");

  Failure top = failure("id: twice\nlanguage: python\nid: again\nrule: {kind: call}\n");
  CHECK(top.kind == RuleErrorKind::duplicate_key);
  CHECK(top.line == 3);
}

TEST_CASE("loader: a constraint on a metavariable no pattern binds", "[rules]") {
  Failure f = failure(
      "id: undefined\nlanguage: javascript\nrule: {pattern: foo($ARG)}\n"
      "constraints:\n  ARGS: {regex: x}\n");
  CHECK(f.kind == RuleErrorKind::undefined_meta_var);
  CHECK(f.line == 5);
  CHECK(f.column == 3);
  CHECK(f.message.find("undefined metavariable 'ARGS' in 'constraints'") != std::string::npos);
  CHECK(f.message.find("did you mean 'ARG'?") != std::string::npos);

  // Bound under `not`, in a local utility, by another constraint or by `$$$`: accepted, as in
  // ast-grep. `$_` binds nothing.
  CHECK_FALSE(
      load_failure("id: ok\nlanguage: javascript\nrule:\n  all:\n    - pattern: foo($A)\n"
                   "    - not: {pattern: foo($B)}\nconstraints:\n  B: {regex: x}\n"));
  CHECK_FALSE(
      load_failure("id: ok\nlanguage: javascript\nutils:\n  call: {pattern: foo($C)}\n"
                   "rule: {matches: call}\nconstraints:\n  C: {regex: x}\n"));
  CHECK_FALSE(
      load_failure("id: ok\nlanguage: javascript\nrule: {pattern: foo($$$ARGS)}\n"
                   "constraints:\n  ARGS: {regex: x}\n"));
  CHECK(failure("id: bad\nlanguage: javascript\nrule: {pattern: foo($_)}\n"
                "constraints:\n  _: {regex: x}\n")
            .kind == RuleErrorKind::undefined_meta_var);
}

TEST_CASE("loader: a Python pattern with a keyword as a name is not one node", "[rules]") {
  Failure f = failure("id: except-pass\nlanguage: python\nrule:\n  pattern: \"except: pass\"\n");
  CHECK(f.kind == RuleErrorKind::invalid_pattern);
  CHECK(f.line == 4);
  CHECK(f.column == 13);
  // The grammar reserves its keywords: `except` cannot stand as a name.
  CHECK(f.message.find("syntax error at 'except: pass'") != std::string::npos);
  // Soft keywords are names; keywords inside a context are keywords.
  CHECK_FALSE(load_failure("id: ok\nlanguage: python\nrule: {pattern: print($A)}\n"));
  CHECK_FALSE(load_failure("id: ok\nlanguage: python\nrule: {pattern: match($A)}\n"));
  CHECK_FALSE(load_failure(
      "id: ok\nlanguage: python\nrule:\n  pattern:\n    context: \"try:\\n  x\\nexcept: pass\"\n"
      "    selector: except_clause\n"));
}
