// The named ways a rule file can be wrong; each is a mentor::Error with the file position.
#pragma once

#include <string>
#include <string_view>

#include "util/error.hpp"

namespace mentor::rules {

enum class RuleErrorKind {
  yaml_syntax,       // the text is not YAML
  unknown_key,       // a key the schema does not have (message carries a "did you mean")
  missing_key,       // id, language, or one of rule/query
  conflicting_keys,  // rule and query together
  wrong_type,        // e.g. a list where a string is expected
  invalid_id,        // not kebab-case
  unknown_language,
  unknown_severity,
  unknown_kind,   // `kind:` or a pattern selector names no node kind of the language
  unknown_field,  // `field:` names no field of the language
  invalid_pattern,
  invalid_query,
  invalid_regex,
  invalid_nth_child,   // an `nthChild` position that is neither a number nor An+B
  unknown_util,        // `matches:` names no utility rule
  cyclic_util,         // utility rules that match each other in a cycle
  duplicate_util,      // two utility rule files define the same id for the same language
  empty_rule,          // a rule object without any matcher
  undefined_meta_var,  // a constraint on a metavariable that no pattern of the rule binds
  duplicate_key,       // a key written twice in one YAML mapping
  invalid_transform,   // a `transform:` value of the wrong form, or transforms using each other
                       // in a cycle
  invalid_fix_after,   // `fixAfter` that is not a whole number from 1 to 1000, or without `fix`
};

// Thrown by load_rules. what() is "rule 'ID': detail" (or just the detail before the id is
// known); pos() is where in the file the problem is.
class RuleError : public Error {
 public:
  RuleError(RuleErrorKind kind, const std::string& message, SourcePos pos)
      : Error(message, std::move(pos)), kind_(kind) {}

  RuleErrorKind kind() const { return kind_; }

 private:
  RuleErrorKind kind_;
};

// Builds the RuleError for the rule `rule_id` ("" when it is not known yet).
RuleError rule_error(RuleErrorKind kind, std::string_view rule_id, const std::string& detail,
                     SourcePos pos);

}  // namespace mentor::rules
