// Rule file errors.
#include "rules/rule_error.hpp"

namespace mentor::rules {

RuleError rule_error(RuleErrorKind kind, std::string_view rule_id, const std::string& detail,
                     SourcePos pos) {
  std::string message = rule_id.empty() ? detail : "rule '" + std::string(rule_id) + "': " + detail;
  return RuleError(kind, message, std::move(pos));
}

}  // namespace mentor::rules
