// Rule loading: parse the YAML (stage one), then compile each document (stage two).
#include "rules/rule_loader.hpp"

#include "rules/rule_compiler.hpp"
#include "rules/rule_parser.hpp"

namespace mentor::rules {

std::vector<Rule> load_rules(std::string_view yaml_text, const std::string& file_name) {
  std::vector<Rule> rules;
  for (const auto& spec : parse_rule_file(yaml_text, file_name)) {
    if (auto rule = compile_rule(spec))
      rules.push_back(std::move(*rule));
  }
  return rules;
}

}  // namespace mentor::rules
