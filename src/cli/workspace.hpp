// The repository a command works on, with its configuration and rules.
#pragma once

#include <string>
#include <vector>

#include "cli/config.hpp"
#include "git/repository.hpp"
#include "lang/language.hpp"
#include "review/rule_set.hpp"
#include "rules/rule_loader.hpp"

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

// Loads the configured rule sources plus `extra` (--rules, relative to `directory`) into `set`;
// with `filter`, only the rules of the languages it wants.
void load_workspace_rules(const Workspace& workspace, const std::string& directory,
                          const std::vector<std::string>& extra, review::RuleSet& set,
                          rules::LanguageFilter* filter = nullptr);

}  // namespace mentor::cli
