// ast-grep's rule test files, so an existing ast-grep rule runs with its tests unchanged:
//
//   id: no-console-log
//   valid:            # must not match
//     - logger.info(x)
//   invalid:          # must match
//     - console.log(x)
//
// Several documents may share a file (separated by `---`). Snapshot keys are ignored.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace mentor::rules {

struct RuleTestCase {
  std::string id;                    // the rule it tests
  std::vector<std::string> valid;    // must not match
  std::vector<std::string> invalid;  // must match
  SourcePos origin;                  // the document's first line
};

// Whether `yaml_text` is a test file rather than a rule file, judged from its top-level keys
// without parsing it: some document has `valid:` or `invalid:`, none has `rule:`, `query:` or
// `language:`.
bool is_rule_test_file(std::string_view yaml_text);

// The test cases of a test file. Throws mentor::Error (file:line:col) for YAML syntax errors, a
// document without `id`, or `valid` / `invalid` that are not lists of strings.
std::vector<RuleTestCase> parse_rule_test_file(std::string_view yaml_text,
                                               const std::string& file_name);

}  // namespace mentor::rules
