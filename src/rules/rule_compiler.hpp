// Stage two of rule loading: a parsed RuleFileSpec -> a validated, compiled Rule.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "rules/rule.hpp"
#include "rules/rule_spec.hpp"
#include "rules/shared_utils.hpp"

namespace mentor::rules {

// Whether `id` is a valid rule id: kebab-case (lowercase letters, digits and single dashes,
// neither first nor last).
bool is_kebab_case(std::string_view id);

// Validates and compiles `spec`. `matches` names the rule's own `utils` first, then the shared
// utilities of its language in `shared`. Throws RuleError (missing_key, invalid_id,
// unknown_language, unknown_severity, unknown_kind, unknown_field, invalid_pattern,
// invalid_query, invalid_regex, unknown_util, cyclic_util, empty_rule, conflicting_keys).
// Returns nullopt for a rule that ast-grep style `severity: off` switches off.
std::optional<Rule> compile_rule(const RuleFileSpec& spec, const SharedUtils* shared = nullptr);

// Validates and compiles shared utility rules: the documents of utility rule files (parsed by
// parse_util_file), of any languages. Each needs `id`, `language` and `rule`; its `matches` names
// its own `utils` first, then the shared utilities of its language. Throws RuleError
// (missing_key, invalid_id, unknown_language, duplicate_util, cyclic_util and the errors of a
// rule object; a duplicate is reported at the later definition, naming the earlier one's file).
SharedUtils compile_shared_utils(const std::vector<RuleFileSpec>& specs);

}  // namespace mentor::rules
