// `git mentor rules list|explain|test|new`: look at, test and start the rules a repository uses.
#pragma once

#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli/rule_sources.hpp"

namespace mentor::cli {

struct RulesArgs {
  std::string directory;           // -C
  RuleSources rules;               // --rules and --utils, added to the configured sources
  std::string id;                  // explain, new
  std::vector<std::string> paths;  // test: rule files or directories instead of the configured
  std::string language;            // list: only rules of this language; new: the rule's
  std::string skill;               // list: only rules training this skill; new: the rule's
  std::string severity;            // list: only rules of this severity
  bool strict = false;             // test: a rule without examples fails the run
  std::string dir;                 // new: where to write the rule file
};

// Prints id, language, severity, skill and source of every loaded rule matching the filters
// (--language, --skill, --severity). Returns 0. Throws mentor::Error for an unknown language or
// severity.
int run_rules_list(const RulesArgs& args, Streams& streams);
// Prints the rule's message, skill and lesson, then its bad and good examples. Throws
// mentor::Error for an unknown id.
int run_rules_explain(const RulesArgs& args, Streams& streams);
// Runs every rule's examples; prints each failure as Missing or Noisy with its snippet and why
// (the closest or the matched node and the rule's parts there), each rule without examples as
// Untested, then the tally. Returns 1 when any example fails (or, with --strict, a rule is
// untested), else 0.
int run_rules_test(const RulesArgs& args, Streams& streams);
// Writes DIR/ID.yaml, a rule to fill in (and DIR/rule.schema.json when DIR has none), and says
// what it wrote. Throws mentor::Error for an invalid id or language, or when DIR/ID.yaml exists.
int run_rules_new(const RulesArgs& args, Streams& streams);

}  // namespace mentor::cli
