// `git mentor rules try`: run a pattern or a rule on a snippet, files or a commit, and show what
// matched, with its metavariables, and (with --debug) the trees the matcher compares.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli/rule_sources.hpp"

namespace mentor::cli {

struct RulesTryArgs {
  std::string directory;                 // -C
  RuleSources rules;                     // --utils, for the rules of --rule
  std::optional<std::string> pattern;    // --pattern
  std::string language;                  // --language
  std::optional<std::string> rule_file;  // --rule
  std::optional<std::string> rule_text;  // --rule-text
  std::optional<std::string> code;       // --code
  std::vector<std::string> files;        // FILE... ("-": standard input)
  std::optional<std::string> commit;     // --commit
  std::string debug;                     // "", pattern, ast, cst or all
  std::string format = "text";           // text or json
};

// Prints every match (path:line:col, its code, its metavariables) and their count, after the
// --debug trees; in JSON with --format json. Returns 0 when something matched, 1 when nothing
// did. Throws mentor::Error (exit 2) for bad arguments, an unknown language and a rule or
// pattern that does not compile (at its position).
int run_rules_try(const RulesTryArgs& args, Streams& streams);

}  // namespace mentor::cli
