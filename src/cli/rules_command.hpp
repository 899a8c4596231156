// `git mentor rules list|explain|test`: look at and test the rules a repository uses.
#pragma once

#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli/rule_sources.hpp"

namespace mentor::cli {

struct RulesArgs {
  std::string directory;           // -C
  RuleSources rules;               // --rules and --utils, added to the configured sources
  std::string id;                  // explain
  std::vector<std::string> paths;  // test: rule files or directories instead of the configured
};

// Prints id, language, severity, skill and source of every loaded rule. Returns 0.
int run_rules_list(const RulesArgs& args, Streams& streams);
// Prints the rule's message, skill and lesson. Throws mentor::Error for an unknown id.
int run_rules_explain(const RulesArgs& args, Streams& streams);
// Runs every rule's examples; prints each failure as Missing or Noisy with its snippet. Returns
// 1 when any example fails, else 0.
int run_rules_test(const RulesArgs& args, Streams& streams);

}  // namespace mentor::cli
