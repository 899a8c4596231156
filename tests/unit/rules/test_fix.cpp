// A rule's fix: parsing and load errors, transforms, the rewrite with ast-grep's indentation, the
// fix range with expandStart / expandEnd, the packed form and the fix check of `rules test`.
#include <catch2/catch.hpp>

#include <optional>

#include "lang/parser.hpp"
#include "rule_test_support.hpp"
#include "rules/fix.hpp"
#include "rules/fix_tester.hpp"
#include "rules/rule_error.hpp"
#include "rules/rule_loader.hpp"
#include "rules/rule_parser.hpp"
#include "rules/rule_spec_codec.hpp"
#include "rules/rule_tester.hpp"

using namespace mentor;
using rules::RuleErrorKind;

namespace {

struct Failure {
  RuleErrorKind kind;
  std::string message;
  int line;
  int column;
};

Failure failure(const std::string& yaml) {
  INFO(yaml);
  try {
    rules::load_rules(yaml, "rules.yaml");
  } catch (const rules::RuleError& e) {
    return Failure{e.kind(), e.what(), e.pos().line, e.pos().column};
  }
  FAIL("the rule loaded");
  return {};
}

// The fixes of the one rule of `yaml` over `source`: (replaced text, replacement).
std::vector<std::pair<std::string, std::string>> fixes(const std::string& yaml,
                                                       std::string_view source) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& found : test::run_rules(yaml, source)) {
    REQUIRE(found.match.fix.has_value());
    const rules::FixEdit& edit = *found.match.fix;
    out.emplace_back(std::string(source.substr(edit.start_byte, edit.end_byte - edit.start_byte)),
                     edit.text);
  }
  return out;
}

using Fixes = std::vector<std::pair<std::string, std::string>>;

}  // namespace

TEST_CASE("fix: a template with $A, $$A and $$$A takes the matched code", "[rules][fix]") {
  std::string yaml = R"y(
id: py-none
language: python
rule:
  pattern: $X == None
fix: $X is None
)y";
  CHECK(fixes(yaml, "if user.name == None:\n    pass\n") ==
        Fixes{{"user.name == None", "user.name is None"}});
  std::string doubled = yaml;
  doubled.replace(doubled.find("fix: $X"), 7, "fix: $$X");
  CHECK(fixes(doubled, "if a == None:\n    pass\n") == Fixes{{"a == None", "a is None"}});

  std::string calls = R"y(
id: js-log
language: javascript
rule:
  pattern: console.log($$$ARGS)
fix: logger.debug($$$ARGS) // $$$ARGS $ $a
)y";
  CHECK(fixes(calls, "console.log(a, b);") ==
        Fixes{{"console.log(a, b)", "logger.debug(a, b) // a, b $ $a"}});
  // An empty sequence inserts nothing.
  CHECK(fixes(calls, "console.log();") == Fixes{{"console.log()", "logger.debug() //  $ $a"}});
}

TEST_CASE("fix: multi-line captures are re-indented as ast-grep does", "[rules][fix]") {
  std::string yaml = R"y(
id: py-emit
language: python
rule:
  pattern: emit_row($$$ARGS)
fix: |-
  write_row(
      $$$ARGS
  )
)y";
  std::string source =
      "def report(rows):\n"
      "    for row in rows:\n"
      "        emit_row(\n"
      "            row.name,\n"
      "            row.count,\n"
      "        )\n";
  auto found = fixes(yaml, source);
  REQUIRE(found.size() == 1);
  // The values ast-grep 0.51.1 gives (the differential test compares them too).
  CHECK(found[0].second == "write_row(\n            row.name,\n            row.count,\n        )");

  CHECK(rules::indent_at("  a = b", 6) == 2);
  CHECK(rules::indent_at("x\n    y", 7) == 4);
  CHECK(rules::indent_at("x\n\ty", 3) == 0);
  CHECK(rules::reindent("a\n    b\n      c", 4, 2) == "a\n  b\n    c");
  CHECK(rules::reindent("a\nb", 0, 3) == "a\n   b");
  CHECK(rules::reindent("a\n b", 2, 0) == "a\n b");  // lines without the indentation stay
}

TEST_CASE("fix: expandEnd and expandStart widen the replaced range to a matching sibling",
          "[rules][fix]") {
  std::string yaml = R"y(
id: js-debug
language: javascript
rule:
  kind: pair
  has:
    field: key
    regex: ^debug$
fix:
  template: ''
  expandEnd:
    regex: ^,$
)y";
  CHECK(fixes(yaml, "const s = {\n  debug: true,\n  verbose: false,\n};\n") ==
        Fixes{{"debug: true,", ""}});
  // No comma after the last pair: the range stays the match.
  CHECK(fixes(yaml, "const s = {a: 1, debug: true};") == Fixes{{"debug: true", ""}});

  std::string start = R"y(
id: js-debug
language: javascript
rule:
  kind: pair
  has:
    field: key
    regex: ^debug$
fix:
  template: ''
  expandStart:
    regex: ^,$
)y";
  CHECK(fixes(start, "const s = {a: 1, debug: true};") == Fixes{{", debug: true", ""}});
}

TEST_CASE("fix: transforms substring, replace and convert, in both forms", "[rules][fix]") {
  std::string yaml = R"y(
id: js-getter
language: javascript
rule:
  pattern: $FN($ARG)
constraints:
  FN:
    regex: ^get[A-Z]
transform:
  SNAKE: convert($SHORT, toCase=snakeCase)
  FETCH:
    replace:
      source: $FN
      replace: ^get(\w+)$
      by: fetch$1
  SHORT: substring($FN, startChar=3)
  TAIL:
    substring: {source: $FN, startChar: -5, endChar: -1}
fix: $FETCH($ARG) /* $SHORT $SNAKE $TAIL */
)y";
  CHECK(fixes(yaml, "getUserProfile(id);") ==
        Fixes{{"getUserProfile(id)", "fetchUserProfile(id) /* UserProfile user_profile ofil */"}});

  CHECK(rules::substring_chars("héllo", 1, -1) == "éll");
  CHECK(rules::substring_chars("abc", 5, std::nullopt).empty());
  CHECK(rules::substring_chars("abc", -10, 2) == "ab");
  RE2 digit("\\d");
  CHECK(rules::replace_all("a1b22", digit, "<$0>") == "a<1>b<2><2>");
  RE2 named("(?P<word>[a-z]+)");
  CHECK(rules::replace_all("ab cd", named, "${word}_$$") == "ab_$ cd_$");
  RE2 empty("x*");
  CHECK(rules::replace_all("ab", empty, "-") == "-a-b-");

  using rules::StringCase;
  auto convert = [](std::string_view s, StringCase c) {
    return rules::convert_case(s, c, std::nullopt);
  };
  CHECK(convert("camelsLiveInTheDesert", StringCase::snake) == "camels_live_in_the_desert");
  CHECK(convert("camelsLiveInTheDesert", StringCase::kebab) == "camels-live-in-the-desert");
  CHECK(convert("kebab-is-a-delicious-food", StringCase::pascal) == "KebabIsADeliciousFood");
  CHECK(convert("snakes_live_in_forests", StringCase::camel) == "snakesLiveInForests");
  CHECK(convert("XMLHttpRequest", StringCase::snake) == "xml_http_request");
  CHECK(convert("whatHTML", StringCase::kebab) == "what-html");
  CHECK(convert("aBc", StringCase::capitalize) == "ABc");
  // Non-ASCII letters neither split words nor change case, and are never cut (ast-grep would
  // give a-béc).
  CHECK(convert("ABéc", StringCase::kebab) == "abéc");
  CHECK(convert("aBc", StringCase::upper) == "ABC");
  CHECK(rules::convert_case("user_accountName", StringCase::snake,
                            std::vector{rules::Separator::underscore}) == "user_accountname");
  CHECK(rules::convert_case("user_accountName", StringCase::kebab,
                            std::vector{rules::Separator::case_change}) == "user_account-name");
}

TEST_CASE("fix: load errors name the place", "[rules][fix]") {
  std::string head = "id: py-x\nlanguage: python\nrule:\n  pattern: $A == None\n";

  Failure key = failure(head + "fix:\n  template: $A\n  expandEnds: {regex: ','}\n");
  CHECK(key.kind == RuleErrorKind::unknown_key);
  CHECK(key.message.find("did you mean 'expandEnd'") != std::string::npos);
  CHECK(key.line == 7);
  CHECK(key.column == 3);

  Failure undefined = failure(head + "fix: $A is $B\n");
  CHECK(undefined.kind == RuleErrorKind::undefined_meta_var);
  CHECK(undefined.line == 5);
  CHECK(undefined.column == 12);

  Failure source = failure(head + "transform:\n  N:\n    substring: {source: $Z}\n");
  CHECK(source.kind == RuleErrorKind::undefined_meta_var);
  CHECK(source.line == 7);

  Failure regex =
      failure(head + "transform:\n  N:\n    replace: {source: $A, replace: '(', by: x}\n");
  CHECK(regex.kind == RuleErrorKind::invalid_regex);
  CHECK(regex.line == 7);

  Failure to_case = failure(head + "transform:\n  N: convert($A, toCase=camel)\n");
  CHECK(to_case.kind == RuleErrorKind::invalid_transform);
  CHECK(to_case.message.find("camelCase") != std::string::npos);
  CHECK(to_case.line == 6);
  CHECK(to_case.column == 25);

  Failure cycle = failure(
      head + "transform:\n  P: substring($Q, startChar=1)\n  Q: substring($P, startChar=1)\n");
  CHECK(cycle.kind == RuleErrorKind::invalid_transform);
  CHECK(cycle.message.find("depends on itself") != std::string::npos);

  Failure number = failure(head + "transform:\n  N:\n    substring: {source: $A, startChar: x}\n");
  CHECK(number.kind == RuleErrorKind::invalid_transform);

  Failure missing = failure(head + "transform:\n  N:\n    replace: {source: $A, by: x}\n");
  CHECK(missing.kind == RuleErrorKind::missing_key);

  Failure rewrite = failure(head + "transform:\n  N:\n    rewrite: {source: $A}\n");
  CHECK(rewrite.kind == RuleErrorKind::unknown_key);
  CHECK(rewrite.message.find("not supported") != std::string::npos);

  Failure shadow = failure(head + "transform:\n  A: substring($A, startChar=1)\n");
  CHECK(shadow.kind == RuleErrorKind::invalid_transform);

  Failure query = failure("id: py-q\nlanguage: python\nquery: '(call) @c'\nfix: x\n");
  CHECK(query.kind == RuleErrorKind::conflicting_keys);

  Failure field = failure(head + "fix:\n  template: x\n  expandEnd: {regex: ',', field: body}\n");
  CHECK(field.kind == RuleErrorKind::wrong_type);
}

TEST_CASE("fix: the packed form keeps fix and transform", "[rules][fix]") {
  std::string yaml = R"y(
id: js-getter
language: javascript
rule:
  pattern: $FN($ARG)
transform:
  S: substring($FN, startChar=3)
  K:
    convert: {source: $FN, toCase: kebabCase, separatedBy: [caseChange]}
fix:
  template: $S($ARG)
  expandEnd: {regex: ';', stopBy: end}
)y";
  auto specs = rules::parse_rule_file(yaml, "pack.yaml");
  std::string bytes = rules::encode_rule_specs(specs);
  auto documents = rules::packed_documents(bytes);
  REQUIRE(documents.size() == 1);
  rules::RuleFileSpec decoded = rules::decode_rule_spec(documents[0], "pack.yaml");
  std::vector<rules::RuleFileSpec> again;
  again.push_back(std::move(decoded));
  CHECK(rules::encode_rule_specs(again) == bytes);
  const rules::RuleFileSpec& spec = again[0];
  REQUIRE(spec.fix.has_value());
  CHECK(spec.fix->template_text.value == "$S($ARG)");
  REQUIRE(spec.fix->expand_end != nullptr);
  CHECK(spec.fix->expand_end->stop_by.kind == rules::StopBySpec::Kind::end);
  REQUIRE(spec.transforms.size() == 2);
  CHECK(spec.transforms[0].start_char->value == "3");
  CHECK(spec.transforms[1].separated_by.at(0).value == "caseChange");
}

TEST_CASE("fix: rules test applies the fix to each bad example", "[rules][fix]") {
  lang::Parser parser;
  auto rule_of = [](const std::string& fix) {
    std::string yaml = "id: py-none\nlanguage: python\nrule:\n  pattern: $X == None\nfix: " + fix +
                       "\nexamples:\n  bad:\n    - \"if a == None:\\n    pass\\n\"\n";
    auto loaded = rules::load_rules(yaml, "rules.yaml");
    REQUIRE(loaded.size() == 1);
    return loaded.front();
  };
  CHECK(rules::test_rule_examples(rule_of("$X is None"), parser).empty());

  auto still = rules::test_rule_examples(rule_of("'$X == None'"), parser);
  REQUIRE(still.size() == 1);
  CHECK(still[0].kind == rules::ExampleFailure::Kind::bad_fix);
  CHECK(still[0].problem == "the rule still matches the fixed code");

  auto broken = rules::test_rule_examples(rule_of("'$X is is None'"), parser);
  REQUIRE(broken.size() == 1);
  CHECK(broken[0].problem == "the fixed code does not parse");
  CHECK(broken[0].fixed == "if a is is None:\n    pass\n");
}

TEST_CASE("fix: examples.fixed gives the text each bad example must become", "[rules][fix]") {
  lang::Parser parser;
  auto rule_of = [](const std::string& fix, const std::string& fixed) {
    std::string yaml = "id: py-none\nlanguage: python\nrule:\n  pattern: $X == None\nfix: " + fix +
                       "\nexamples:\n  bad:\n    - \"if a == None:\\n    pass\\n\"\n"
                       "  fixed:\n    - " +
                       fixed + "\n";
    auto loaded = rules::load_rules(yaml, "rules.yaml");
    REQUIRE(loaded.size() == 1);
    return loaded.front();
  };
  CHECK(rules::test_rule_examples(rule_of("$X is None", "\"if a is None:\\n    pass\\n\""), parser)
            .empty());
  // Parses and no longer matches, but is not the text asked for.
  auto other = rules::test_rule_examples(
      rule_of("$X is not None", "\"if a is None:\\n    pass\\n\""), parser);
  REQUIRE(other.size() == 1);
  CHECK(other[0].problem == "the fixed code is not the text of 'examples.fixed'");
  CHECK(other[0].fixed == "if a is not None:\n    pass\n");

  Failure count = failure(
      "id: py-none\nlanguage: python\nrule:\n  pattern: $X == None\nfix: $X is None\n"
      "examples:\n  bad: [a == None, b == None]\n  fixed: [a is None]\n");
  CHECK(count.kind == RuleErrorKind::wrong_type);
  CHECK(count.line == 8);
  Failure no_fix = failure(
      "id: py-none\nlanguage: python\nrule:\n  pattern: $X == None\n"
      "examples:\n  bad: [a == None]\n  fixed: [a is None]\n");
  CHECK(no_fix.kind == RuleErrorKind::conflicting_keys);
}
