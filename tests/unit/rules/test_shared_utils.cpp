// Shared utility rules (ast-grep's global utils, `utilDirs`): loading, validation and matching.
#include <catch2/catch.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lang/language.hpp"
#include "lang/parser.hpp"
#include "rules/rule_engine.hpp"
#include "rules/rule_error.hpp"
#include "rules/rule_loader.hpp"

using namespace mentor;
using rules::RuleErrorKind;

namespace {

using Texts = std::vector<std::string>;

struct Failure {
  RuleErrorKind kind;
  std::string message;
  std::string file;
  int line;
  int column;
};

// The error loading `files` as utility rule files (and then `rule_yaml` as a rule file, when
// given) throws, or nullopt.
std::optional<Failure> failure_of(const std::vector<rules::UtilFile>& files,
                                  const std::string& rule_yaml = "") {
  try {
    rules::SharedUtils shared = rules::load_shared_utils(files);
    if (!rule_yaml.empty())
      rules::load_rules(rule_yaml, "rule.yaml", nullptr, &shared);
  } catch (const rules::RuleError& e) {
    return Failure{e.kind(), e.what(), e.pos().file, e.pos().line, e.pos().column};
  }
  return std::nullopt;
}

Failure failure(const std::vector<rules::UtilFile>& files, const std::string& rule_yaml = "") {
  auto found = failure_of(files, rule_yaml);
  REQUIRE(found.has_value());
  return *found;
}

// The texts the rules of `rule_yaml` match in `source`, the utilities of `files` shared.
Texts matched(const std::vector<rules::UtilFile>& files, const std::string& rule_yaml,
              std::string_view source) {
  std::vector<rules::Rule> loaded;
  {
    // The rules keep what they use of the utilities alive: they outlive this object.
    rules::SharedUtils shared = rules::load_shared_utils(files);
    loaded = rules::load_rules(rule_yaml, "rule.yaml", nullptr, &shared);
  }
  REQUIRE_FALSE(loaded.empty());
  std::vector<const rules::Rule*> pointers;
  for (const auto& rule : loaded)
    pointers.push_back(&rule);
  lang::Parser parser;
  lang::Tree tree = parser.parse(*loaded.front().language, source);
  Texts out;
  for (const auto& found : rules::match_rules(pointers, tree, source)) {
    out.emplace_back(
        source.substr(found.match.start_byte, found.match.end_byte - found.match.start_byte));
  }
  return out;
}

const rules::UtilFile kIsPrint{"id: is-print\nlanguage: python\nrule:\n  pattern: print($X)\n",
                               "utils/is-print.yml"};

}  // namespace

TEST_CASE("shared utils: a rule uses one with matches, and its captures", "[rules][utils]") {
  std::vector<rules::UtilFile> files{kIsPrint};
  rules::SharedUtils shared = rules::load_shared_utils(files);
  CHECK(shared.size() == 1);
  const std::string rule =
      "id: no-print\nlanguage: python\nmessage: 'print($X)'\nrule:\n  matches: is-print\n";
  auto loaded = rules::load_rules(rule, "rule.yaml", nullptr, &shared);
  REQUIRE(loaded.size() == 1);

  std::vector<const rules::Rule*> pointers{&loaded[0]};
  lang::Parser parser;
  std::string source = "log(1)\nprint(2)\nprint(a, b)\n";
  lang::Tree tree = parser.parse(*loaded[0].language, source);
  auto found = rules::match_rules(pointers, tree, source);
  REQUIRE(found.size() == 1);
  CHECK(found[0].match.start_row == 1);
  // The utility's metavariable is the rule's, for the message too.
  CHECK(rules::interpolate(loaded[0].message, found[0].match) == "print(2)");
}

TEST_CASE("shared utils: without them the same rule names an unknown utility", "[rules][utils]") {
  Failure f = failure({}, "id: no-print\nlanguage: python\nrule:\n  matches: is-print\n");
  CHECK(f.kind == RuleErrorKind::unknown_util);
  CHECK(f.file == "rule.yaml");
  CHECK(f.line == 4);
  CHECK(f.column == 12);
  CHECK(f.message == "rule 'no-print': 'matches' names no utility rule 'is-print'");

  // A shared one of a close name is suggested.
  Failure typo = failure({kIsPrint}, "id: no-print\nlanguage: python\nrule: {matches: is-prnt}\n");
  CHECK(typo.kind == RuleErrorKind::unknown_util);
  CHECK(typo.message.find("(did you mean 'is-print'?)") != std::string::npos);
}

TEST_CASE("shared utils: only rules of the same language see them", "[rules][utils]") {
  Failure f =
      failure({kIsPrint}, "id: js-print\nlanguage: javascript\nrule: {matches: is-print}\n");
  CHECK(f.kind == RuleErrorKind::unknown_util);
  // The same id may name a utility in each language.
  std::vector<rules::UtilFile> both{
      kIsPrint,
      {"id: is-print\nlanguage: javascript\nrule: {pattern: console.log($X)}\n", "utils/js.yml"}};
  CHECK(matched(both, "id: js-print\nlanguage: javascript\nrule: {matches: is-print}\n",
                "print(1);\nconsole.log(2);\n") == Texts{"console.log(2)"});
  CHECK(matched(both, "id: py-print\nlanguage: python\nrule: {matches: is-print}\n",
                "print(1)\nconsole.log(2)\n") == Texts{"print(1)"});
}

TEST_CASE("shared utils: a rule's own utility of the same id takes precedence", "[rules][utils]") {
  const std::string rule = R"y(id: lengths
language: python
utils:
  is-print:
    pattern: len($X)
rule:
  matches: is-print
)y";
  CHECK(matched({kIsPrint}, rule, "print(1)\nlen(2)\n") == Texts{"len(2)"});
}

TEST_CASE("shared utils: utilities use each other across files, in any order", "[rules][utils]") {
  std::vector<rules::UtilFile> files{
      {"id: print-in-function\nlanguage: python\nrule:\n  all:\n    - matches: is-print\n"
       "    - matches: in-function\n",
       "utils/a.yml"},
      {"id: in-function\nlanguage: python\nrule:\n  inside: {kind: function_definition, stopBy: "
       "end}\n",
       "utils/b.yml"},
      kIsPrint};
  // A rule's own utility may build on a shared one.
  const std::string rule = R"y(id: r
language: python
utils:
  printing: {matches: print-in-function}
rule: {matches: printing}
)y";
  CHECK(matched(files, rule, "print(1)\ndef f():\n    print(2)\n") == Texts{"print(2)"});
}

TEST_CASE("shared utils: their own utils and constraints", "[rules][utils]") {
  // ast-grep: a global utility may have its own local `utils`, seen only in its file, and its
  // own `constraints`, checked where it matches.
  rules::UtilFile util{R"y(id: small-print
language: python
utils:
  printing: {pattern: print($N)}
rule: {matches: printing}
constraints:
  N: {regex: '^[0-9]$'}
)y",
                       "utils/small.yml"};
  CHECK(matched({util}, "id: r\nlanguage: python\nrule: {matches: small-print}\n",
                "print(1)\nprint(22)\nprint(x)\n") == Texts{"print(1)"});

  // The local `printing` is not shared.
  Failure f = failure({util}, "id: r\nlanguage: python\nrule: {matches: printing}\n");
  CHECK(f.kind == RuleErrorKind::unknown_util);
}

TEST_CASE("shared utils: recursion through a relation is allowed", "[rules][utils]") {
  // ast-grep's recursive utility: a number, or parentheses around one.
  rules::UtilFile util{R"y(id: is-number
language: javascript
rule:
  any:
    - kind: number
    - kind: parenthesized_expression
      has: {matches: is-number}
)y",
                       "utils/is-number.yml"};
  CHECK(matched({util},
                "id: r\nlanguage: javascript\nrule:\n  kind: parenthesized_expression\n"
                "  matches: is-number\n",
                "x = ((1));\ny = (a);\n") == Texts{"((1))", "(1)"});
}

TEST_CASE("shared utils: cycles are errors, also across files", "[rules][utils]") {
  Failure f = failure(
      {{"id: a-util\nlanguage: python\nrule:\n  any:\n    - matches: b-util\n", "utils/a.yml"},
       {"id: b-util\nlanguage: python\nrule:\n  not: {matches: a-util}\n", "utils/b.yml"}});
  CHECK(f.kind == RuleErrorKind::cyclic_util);
  // Reported where the reference that closes the cycle is written, for its utility.
  if (f.file == "utils/b.yml") {
    CHECK(f.message ==
          "utility rule 'b-util': it matches itself through 'matches': 'b-util' -> 'a-util' -> "
          "'b-util'");
    CHECK(f.line == 4);
    CHECK(f.column == 18);
  } else {
    CHECK(f.file == "utils/a.yml");
    CHECK(f.message ==
          "utility rule 'a-util': it matches itself through 'matches': 'a-util' -> 'b-util' -> "
          "'a-util'");
    CHECK(f.line == 5);
    CHECK(f.column == 16);
  }

  // Through a utility's own local utility, and through its constraints.
  Failure local =
      failure({{"id: a-util\nlanguage: python\nutils:\n  inner: {matches: a-util}\n"
                "rule: {matches: inner}\n",
                "utils/a.yml"}});
  CHECK(local.kind == RuleErrorKind::cyclic_util);
  Failure constraint =
      failure({{"id: a-util\nlanguage: python\nrule: {pattern: f($X)}\n"
                "constraints:\n  X: {matches: a-util}\n",
                "utils/a.yml"}});
  CHECK(constraint.kind == RuleErrorKind::cyclic_util);
  CHECK(constraint.line == 5);
  CHECK(constraint.column == 16);
}

TEST_CASE("shared utils: a duplicate id for one language names both files", "[rules][utils]") {
  Failure f = failure({kIsPrint,
                       {"id: other\nlanguage: python\nrule: {kind: call}\n---\nid: is-print\n"
                        "language: python\nrule: {kind: call}\n",
                        "utils/more.yml"}});
  CHECK(f.kind == RuleErrorKind::duplicate_util);
  CHECK(f.file == "utils/more.yml");
  CHECK(f.line == 5);
  CHECK(f.column == 5);
  CHECK(f.message ==
        "utility rule 'is-print': a utility rule of this id for python is already defined in "
        "utils/is-print.yml:1");
}

TEST_CASE("shared utils: validated like rules, with their own keys", "[rules][utils]") {
  // A key of a rule that reports findings.
  Failure message =
      failure({{"id: is-print\nlanguage: python\nmessage: hi\nrule: {kind: call}\n", "u.yml"}});
  CHECK(message.kind == RuleErrorKind::unknown_key);
  CHECK(message.file == "u.yml");
  CHECK(message.line == 3);
  CHECK(message.column == 1);
  CHECK(message.message.find("utility rule 'is-print': key 'message' has no place in a utility "
                             "rule file") == 0);
  Failure severity =
      failure({{"id: x\nlanguage: python\nseverity: error\nrule: {kind: call}\n", "u.yml"}});
  CHECK(severity.kind == RuleErrorKind::unknown_key);

  // A misspelt key gets a hint.
  Failure typo = failure({{"id: x\nlanguage: python\nrul: {kind: call}\n", "u.yml"}});
  CHECK(typo.kind == RuleErrorKind::unknown_key);
  CHECK(typo.message == "utility rule 'x': unknown key 'rul' (did you mean 'rule'?)");

  Failure no_rule = failure({{"id: x\nlanguage: python\n", "u.yml"}});
  CHECK(no_rule.kind == RuleErrorKind::missing_key);
  CHECK(no_rule.message == "utility rule 'x': missing key 'rule'");
  Failure no_id = failure({{"language: python\nrule: {kind: call}\n", "u.yml"}});
  CHECK(no_id.kind == RuleErrorKind::missing_key);
  Failure no_language = failure({{"id: x\nrule: {kind: call}\n", "u.yml"}});
  CHECK(no_language.kind == RuleErrorKind::missing_key);
  Failure language = failure({{"id: x\nlanguage: pyton\nrule: {kind: call}\n", "u.yml"}});
  CHECK(language.kind == RuleErrorKind::unknown_language);
  CHECK(language.message.find("did you mean 'python'") != std::string::npos);

  // Errors inside the rule object point into the file, naming the utility.
  Failure kind =
      failure({{"id: x\nlanguage: python\nrule:\n  any:\n    - kind: cal\n", "utils/x.yml"}});
  CHECK(kind.kind == RuleErrorKind::unknown_kind);
  CHECK(kind.file == "utils/x.yml");
  CHECK(kind.line == 5);
  CHECK(kind.column == 13);
  CHECK(kind.message.find("utility rule 'x': unknown node kind 'cal'") == 0);

  Failure yaml = failure({{"id: x\nrule: {kind: [call\n", "u.yml"}});
  CHECK(yaml.kind == RuleErrorKind::yaml_syntax);

  // ast-grep's utilities with parameters are not supported.
  Failure parameters =
      failure({{"id: wrap(BODY)\nlanguage: python\nrule: {kind: call}\n", "u.yml"}});
  CHECK(parameters.kind == RuleErrorKind::invalid_id);
  CHECK(parameters.column == 9);

  // ast-grep's language names load too.
  CHECK_FALSE(failure_of({{"id: x\nlanguage: Python\nrule: {kind: call}\n", "u.yml"}}).has_value());
}

TEST_CASE("shared utils: a language filter compiles only the languages it wants",
          "[rules][utils]") {
  const lang::Language* python = lang::find_language("python");
  // An invalid pattern: an error whenever this utility is compiled.
  rules::UtilFile broken_js{"id: js-broken\nlanguage: javascript\nrule:\n  pattern: 'a ==='\n",
                            "utils/js.yml"};
  rules::LanguageFilter filter;
  filter.only = std::set<const lang::Language*>{python};

  rules::SharedUtils shared = rules::load_shared_utils({kIsPrint, broken_js}, &filter);
  CHECK(shared.size() == 1);
  CHECK(shared.languages() == std::vector<const lang::Language*>{python});
  CHECK(filter.skipped == 0);  // rules are counted, utilities are not

  // Documents of a mixed file are filtered one by one.
  rules::UtilFile mixed{kIsPrint.text + "---\n" + broken_js.text, "utils/mixed.yml"};
  CHECK(rules::load_shared_utils({mixed}, &filter).size() == 1);

  // Without the filter the JavaScript utility is compiled, and fails.
  Failure f = failure({kIsPrint, broken_js});
  CHECK(f.kind == RuleErrorKind::invalid_pattern);
  CHECK(f.file == "utils/js.yml");
}
