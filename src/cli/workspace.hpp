// The repository a command works on, with its configuration and rules.
#pragma once

#include <string>
#include <vector>

#include "cli/config.hpp"
#include "git/repository.hpp"
#include "review/rule_set.hpp"

namespace mentor::cli {

struct Workspace {
  git::Repository repo;
  Config config;
};

// Opens the repository containing `directory` and parses its .git-mentor.yaml (when present).
// Throws mentor::Error when there is no repository or the configuration is invalid.
Workspace open_workspace(const std::string& directory);

// Loads the configured rule sources plus `extra` (--rules, relative to `directory`) into `set`.
void load_workspace_rules(const Workspace& workspace, const std::string& directory,
                          const std::vector<std::string>& extra, review::RuleSet& set);

}  // namespace mentor::cli
