// The repository a command works on, with its configuration and rules.
#pragma once

#include <string>
#include <vector>

#include "cli/config.hpp"
#include "cli/rule_sources.hpp"
#include "git/repository.hpp"
#include "lang/language.hpp"
#include "review/rule_set.hpp"

namespace mentor::cli {

struct Workspace {
  git::Repository repo;
  Config config;
  lang::LanguageMap languages;  // the built-in extension table with the config's `languages:`
};

// Opens the repository containing `directory` and parses its .git-mentor.yaml (when present).
// Throws mentor::Error when there is no repository or the configuration is invalid (an unknown
// language in `languages:` included).
Workspace open_workspace(const std::string& directory);

// Loads the configured rule sources (`rules:` and `utils:`) plus `extra` (--rules and --utils,
// relative to `directory`) into `set`; see LoadOptions.
void load_workspace_rules(const Workspace& workspace, const std::string& directory,
                          const RuleSources& extra, review::RuleSet& set,
                          const LoadOptions& options = {});

}  // namespace mentor::cli
