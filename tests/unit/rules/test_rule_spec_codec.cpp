// The packed form of rule specs, and the bundled packs loaded through it against their YAML.
#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <set>

#include "lang/language.hpp"
#include "lang/parser.hpp"
#include "rules/rule_engine.hpp"
#include "rules/rule_error.hpp"
#include "rules/rule_loader.hpp"
#include "rules/rule_parser.hpp"
#include "rules/rule_spec_codec.hpp"
#include "util/embedded_file.hpp"

using namespace mentor;

namespace {

std::string packed(const std::string& yaml, const std::string& file = "rules.yaml") {
  return rules::encode_rule_specs(rules::parse_rule_file(yaml, file));
}

void check_same_pos(const SourcePos& a, const SourcePos& b) {
  CHECK(a.file == b.file);
  CHECK(a.line == b.line);
  CHECK(a.column == b.column);
}

// Every field of a compiled rule that reports, records or filters by.
void check_same_rule(const rules::Rule& yaml, const rules::Rule& fast) {
  INFO(yaml.id);
  CHECK(yaml.id == fast.id);
  CHECK(yaml.language == fast.language);
  CHECK(yaml.severity == fast.severity);
  CHECK(yaml.message == fast.message);
  CHECK(yaml.skill == fast.skill);
  CHECK(yaml.lesson == fast.lesson);
  CHECK(yaml.url == fast.url);
  CHECK(yaml.files == fast.files);
  CHECK(yaml.ignores == fast.ignores);
  CHECK(yaml.bad_examples == fast.bad_examples);
  CHECK(yaml.good_examples == fast.good_examples);
  check_same_pos(yaml.origin, fast.origin);
  CHECK((yaml.fixer == nullptr) == (fast.fixer == nullptr));
}

struct Span {
  std::uint32_t start;
  std::uint32_t end;
  std::vector<std::pair<std::string, std::string>> captures;
  std::optional<std::string> fix;  // the replacement
  bool operator==(const Span&) const = default;
};

std::vector<Span> matches(const rules::Rule& rule, lang::Parser& parser, const std::string& code) {
  const rules::Rule* one[] = {&rule};
  lang::Tree tree = parser.parse(*rule.language, code);
  std::vector<Span> out;
  for (const auto& m : rules::match_rules(one, tree, code))
    out.push_back(Span{m.match.start_byte, m.match.end_byte, m.match.captures,
                       m.match.fix ? std::optional(m.match.fix->text) : std::nullopt});
  return out;
}

// The error load_rules (or load_packed_rules, when `fast`) throws for `yaml`.
std::optional<rules::RuleError> load_error(const std::string& yaml, bool fast) {
  try {
    if (fast)
      rules::load_packed_rules(packed(yaml), "rules.yaml");
    else
      rules::load_rules(yaml, "rules.yaml");
  } catch (const rules::RuleError& e) {
    return e;
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("packed specs: the bundled packs are the YAML files parsed by stage one", "[rules]") {
  auto yaml = builtin_rule_files();
  auto packs = builtin_rule_packs();
  REQUIRE(yaml.size() == packs.size());
  REQUIRE(packs.size() >= 90);
  for (std::size_t i = 0; i < yaml.size(); ++i) {
    INFO(yaml[i].path);
    REQUIRE(yaml[i].path == packs[i].path);
    CHECK(packed(std::string(yaml[i].text), std::string(yaml[i].path)) == packs[i].packed);
  }
}

TEST_CASE("packed specs: decoding gives back every field and position", "[rules]") {
  const std::string yaml = R"y(id: py-everything
language: python
severity: error
message: "found $X"
skill: errors
lesson: |
  Line one.
  Line two.
url: https://example.com
files: ["src/**/*.py"]
ignores: vendor/**
rule:
  all:
    - pattern: { context: "x = $X", selector: expression_statement, strictness: smart }
    - inside: { kind: function_definition, stopBy: end, field: body }
    - not: { has: { regex: "^a", stopBy: { kind: call } } }
    - nthChild: { position: 2n+1, ofRule: { kind: identifier }, reverse: true }
    - any: [ { matches: helper }, { kind: "call" } ]
  precedes: { kind: return_statement }
  follows: { pattern: y }
constraints:
  X: { regex: "^[a-z]" }
utils:
  helper: { kind: assignment }
examples:
  bad: ["x = 1"]
  good: ["y = 1"]
---
id: py-query
language: python
query: '(call) @c'
)y";
  auto specs = rules::parse_rule_file(yaml, "pack.yaml");
  std::string bytes = rules::encode_rule_specs(specs);
  auto documents = rules::packed_documents(bytes);
  REQUIRE(documents.size() == 2);
  CHECK(documents[0].language == "python");
  std::vector<rules::RuleFileSpec> decoded;
  for (const auto& document : documents)
    decoded.push_back(rules::decode_rule_spec(document, "pack.yaml"));
  // The encoding holds every field, so equal encodings mean equal specs.
  CHECK(rules::encode_rule_specs(decoded) == bytes);
  const auto& spec = decoded[0];
  check_same_pos(spec.origin, specs[0].origin);
  CHECK(spec.lesson->value == "Line one.\nLine two.\n");
  CHECK(spec.lesson->span.style == rules::ScalarSpan::Style::block);
  CHECK(spec.lesson->at(10).line == specs[0].lesson->at(10).line);
  CHECK(spec.lesson->at(10).column == specs[0].lesson->at(10).column);
  check_same_pos(spec.message->pos(), {"pack.yaml", 4, 10});
  CHECK(spec.ignores.size() == 1);
  CHECK(spec.rule->all->size() == 5);
  CHECK(spec.rule->all->at(3).nth_child->reverse);
  CHECK(spec.rule->all->at(2).not_->has->stop_by.kind == rules::StopBySpec::Kind::rule);
  CHECK(spec.rule->precedes->rule.kind->value == "return_statement");
  CHECK(spec.utils.at(0).name.value == "helper");
  CHECK(decoded[1].query->value == "(call) @c");
  CHECK(decoded[1].query->span.style == rules::ScalarSpan::Style::quoted);
}

TEST_CASE("packed specs: malformed bytes are a logic error, not a crash", "[rules]") {
  std::string bytes = packed("id: a-rule\nlanguage: python\nrule: { kind: call }\n");
  CHECK_THROWS_AS(rules::packed_documents("not packed"), std::logic_error);
  CHECK_THROWS_AS(rules::packed_documents(bytes.substr(0, bytes.size() - 3)), std::logic_error);
  auto documents = rules::packed_documents(bytes);
  REQUIRE(documents.size() == 1);
  documents[0].bytes.remove_suffix(2);
  CHECK_THROWS_AS(rules::decode_rule_spec(documents[0], "x.yaml"), std::logic_error);
}

TEST_CASE("packed specs: every bundled rule loads the same through its pack as through YAML",
          "[rules]") {
  auto yaml = builtin_rule_files();
  auto packs = builtin_rule_packs();
  REQUIRE(yaml.size() == packs.size());
  lang::Parser parser;
  std::size_t compared = 0;
  for (std::size_t i = 0; i < yaml.size(); ++i) {
    std::string name(yaml[i].path);
    INFO(name);
    auto from_yaml = rules::load_rules(yaml[i].text, name);
    auto from_pack = rules::load_packed_rules(packs[i].packed, name);
    REQUIRE(from_yaml.size() == from_pack.size());
    for (std::size_t r = 0; r < from_yaml.size(); ++r) {
      check_same_rule(from_yaml[r], from_pack[r]);
      // The same matcher: the same matches and captures on every example.
      for (const auto* examples : {&from_yaml[r].bad_examples, &from_yaml[r].good_examples}) {
        for (const auto& code : *examples)
          CHECK(matches(from_yaml[r], parser, code) == matches(from_pack[r], parser, code));
      }
      ++compared;
    }
  }
  CHECK(compared >= 90);
}

TEST_CASE("packed specs: a language filter skips other languages' documents unread", "[rules]") {
  const lang::Language* python = lang::find_language("python");
  REQUIRE(python != nullptr);
  std::size_t all = 0;
  std::size_t python_rules = 0;
  rules::LanguageFilter filter;
  filter.only = std::set<const lang::Language*>{python};
  for (const auto& file : builtin_rule_packs()) {
    all += rules::load_packed_rules(file.packed, std::string(file.path)).size();
    for (const auto& rule :
         rules::load_packed_rules(file.packed, std::string(file.path), &filter)) {
      CHECK(rule.language == python);
      ++python_rules;
    }
  }
  CHECK(python_rules > 0);
  CHECK(python_rules + filter.skipped == all);

  // Unread: a document of an unwanted language is not decoded, so even bytes that would not
  // decode are skipped.
  std::string bytes = packed("id: go-rule\nlanguage: go\nrule: { kind: call_expression }\n");
  auto documents = rules::packed_documents(bytes);
  REQUIRE(documents.size() == 1);
  std::string broken = bytes;
  broken.back() = '\x7f';  // the last byte of the document
  rules::LanguageFilter only_python;
  only_python.only = std::set<const lang::Language*>{python};
  CHECK(rules::load_packed_rules(broken, "x.yaml", &only_python).empty());
  CHECK(only_python.skipped == 1);
}

TEST_CASE("packed specs: stage two reports the same errors at the same positions", "[rules]") {
  const char* cases[] = {
      "id: bad-kind\nlanguage: python\nrule:\n  kind: no_such_kind\n",
      "id: bad-pattern\nlanguage: python\nrule:\n  pattern: |\n    def f(:\n",
      "id: bad-regex\nlanguage: python\nrule:\n  regex: \"a(b\"\n",
      "id: bad-severity\nlanguage: python\nseverity: fatal\nrule: { kind: call }\n",
      "id: Bad_Id\nlanguage: python\nrule: { kind: call }\n",
      "id: no-language\nrule: { kind: call }\n",
      "id: bad-util\nlanguage: python\nrule:\n  all:\n    - kind: call\n    - matches: nothing\n",
      "id: bad-nth\nlanguage: python\nrule:\n  nthChild: 'x+'\n",
  };
  for (const char* yaml : cases) {
    INFO(yaml);
    auto slow = load_error(yaml, false);
    auto fast = load_error(yaml, true);
    REQUIRE(slow.has_value());
    REQUIRE(fast.has_value());
    CHECK(slow->kind() == fast->kind());
    CHECK(std::string(slow->what()) == fast->what());
    check_same_pos(slow->pos(), fast->pos());
  }
}
