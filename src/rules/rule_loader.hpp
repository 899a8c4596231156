// Loads rules from YAML text: first into structs mirroring the YAML, then compiled and validated.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.hpp"
#include "rules/shared_utils.hpp"

namespace mentor::rules {

// Which languages' rules a run compiles, for the hooks, which must answer at once. A rule of
// another language is neither compiled nor validated; a file whose every document declares such a
// language on a plain top-level `language:` line is not even parsed. A rule whose language is
// unknown is always compiled, to report the error.
struct LanguageFilter {
  std::optional<std::set<const lang::Language*>> only;  // nullopt = every language
  std::size_t skipped = 0;  // rules left out so far (shared utilities are not counted)

  bool wants(const lang::Language* language) const {
    return !only || language == nullptr || only->contains(language);
  }
};

// Parses every YAML document in `yaml_text` (separated by `---`) into compiled rules.
// `file_name` is used only in error positions. Throws mentor::Error with file:line:col and the
// rule id for: YAML syntax errors, unknown keys (with a "did you mean" hint), missing required
// keys, unknown language, unknown severity, unknown node kind, an invalid pattern or query, an
// invalid regex.
// With `filter`, rules of languages it does not want are left out (and counted in it).
// `matches:` names the rule's own `utils` first, then the utilities of its language in `shared`.
std::vector<Rule> load_rules(std::string_view yaml_text, const std::string& file_name,
                             LanguageFilter* filter = nullptr, const SharedUtils* shared = nullptr);

// The same rules as load_rules gives for a rule file's YAML, from `packed`: what
// encode_rule_specs (rules/rule_spec_codec.hpp) made of that file's parse_rule_file at build time.
// Stage two is load_rules' own, with the same errors; a document of a language `filter` does not
// want is skipped without being decoded. Throws std::logic_error when `packed` is malformed.
std::vector<Rule> load_packed_rules(std::string_view packed, const std::string& file_name,
                                    LanguageFilter* filter = nullptr,
                                    const SharedUtils* shared = nullptr);

// The text of one utility rule file and the name used in its error positions.
struct UtilFile {
  std::string text;
  std::string name;
};

// Loads shared utility rules (ast-grep's global utility rules, `utilDirs`): every YAML document
// of `files` holds `id`, `language` and `rule`, and may hold `constraints` and its own `utils`.
// Throws RuleError, with "utility rule 'ID'" in the message, for what load_rules reports of a
// rule, a key a utility cannot have (`message`, `severity`...) and an id defined twice for one
// language (duplicate_util, at the second definition, naming the first one's file). With
// `filter`, utilities of languages it does not want are neither compiled nor validated, and a
// file whose every document declares such a language is not parsed.
SharedUtils load_shared_utils(const std::vector<UtilFile>& files,
                              const LanguageFilter* filter = nullptr);

}  // namespace mentor::rules
