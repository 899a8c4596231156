// Loads rules from YAML text: first into structs mirroring the YAML, then compiled and validated.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.hpp"

namespace mentor::rules {

// Parses every YAML document in `yaml_text` (separated by `---`) into compiled rules.
// `file_name` is used only in error positions. Throws mentor::Error with file:line:col and the
// rule id for: YAML syntax errors, unknown keys (with a "did you mean" hint), missing required
// keys, unknown language, unknown severity, unknown node kind, an invalid pattern or query, an
// invalid regex.
std::vector<Rule> load_rules(std::string_view yaml_text, const std::string& file_name);

}  // namespace mentor::rules
