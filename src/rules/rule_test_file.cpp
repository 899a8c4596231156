// ast-grep rule test files.
#include "rules/rule_test_file.hpp"

#include <yaml-cpp/yaml.h>

#include "util/yaml_load.hpp"

namespace mentor::rules {

namespace {

SourcePos pos_of(const YAML::Node& node, const std::string& file) {
  return {file, node.Mark().line + 1, node.Mark().column + 1};
}

std::vector<std::string> snippets(const YAML::Node& node, const char* key,
                                  const std::string& file) {
  std::vector<std::string> out;
  const YAML::Node list = node[key];
  if (!list)
    return out;
  if (!list.IsSequence())
    throw Error(std::string(key) + " must be a list of code snippets", pos_of(list, file));
  for (const auto& item : list) {
    if (!item.IsScalar())
      throw Error(std::string(key) + " must be a list of code snippets", pos_of(item, file));
    out.push_back(item.Scalar());
  }
  return out;
}

}  // namespace

bool is_rule_test_file(std::string_view text) {
  bool tests = false;
  while (!text.empty()) {
    std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (line.starts_with("rule:") || line.starts_with("query:") || line.starts_with("language:"))
      return false;
    tests = tests || line.starts_with("valid:") || line.starts_with("invalid:");
  }
  return tests;
}

std::vector<RuleTestCase> parse_rule_test_file(std::string_view yaml_text,
                                               const std::string& file_name) {
  std::vector<YAML::Node> documents = util::load_yaml_documents(yaml_text, file_name);
  std::vector<RuleTestCase> cases;
  for (const auto& document : documents) {
    if (document.IsNull())
      continue;
    if (!document.IsMap())
      throw Error("a rule test must be a mapping with id, valid and invalid",
                  pos_of(document, file_name));
    const YAML::Node id = document["id"];
    if (!id || !id.IsScalar())
      throw Error("a rule test needs the id of the rule it tests", pos_of(document, file_name));
    RuleTestCase test;
    test.id = id.Scalar();
    test.valid = snippets(document, "valid", file_name);
    test.invalid = snippets(document, "invalid", file_name);
    test.origin = pos_of(document, file_name);
    test.origin.column = 0;
    cases.push_back(std::move(test));
  }
  return cases;
}

}  // namespace mentor::rules
