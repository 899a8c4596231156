// Stage two of rule loading: a parsed RuleFileSpec -> a validated, compiled Rule.
#pragma once

#include <optional>

#include "rules/rule.hpp"
#include "rules/rule_spec.hpp"

namespace mentor::rules {

// Validates and compiles `spec`. Throws RuleError (missing_key, invalid_id, unknown_language,
// unknown_severity, unknown_kind, unknown_field, invalid_pattern, invalid_query, invalid_regex,
// unknown_util, cyclic_util, empty_rule, conflicting_keys). Returns nullopt for a rule that
// ast-grep style `severity: off` switches off.
std::optional<Rule> compile_rule(const RuleFileSpec& spec);

}  // namespace mentor::rules
