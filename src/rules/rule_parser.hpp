// Stage one of rule loading: YAML text -> RuleFileSpec structs (shape and types only).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rules/rule_spec.hpp"

namespace mentor::rules {

// Parses every non-empty YAML document of `yaml_text` (separated by `---`). Throws RuleError
// (yaml_syntax, unknown_key, wrong_type, conflicting_keys) with a position in `file_name`.
// Values are not validated beyond their YAML type: that is compile_rule's job.
std::vector<RuleFileSpec> parse_rule_file(std::string_view yaml_text, const std::string& file_name);

// The same for a utility rule file, whose documents may have only id, language, rule,
// constraints and utils: any other key is an unknown_key error.
std::vector<RuleFileSpec> parse_util_file(std::string_view yaml_text, const std::string& file_name);

}  // namespace mentor::rules
