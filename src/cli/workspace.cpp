// Opening the repository a command works on.
#include "cli/workspace.hpp"

#include <filesystem>

#include "cli/rule_sources.hpp"

namespace mentor::cli {

Workspace open_workspace(const std::string& directory) {
  Workspace workspace{git::Repository::discover(directory), {}};
  if (auto text = workspace.repo.read_root_file(std::string(kConfigFile))) {
    workspace.config = parse_config(*text, std::string(kConfigFile));
  }
  return workspace;
}

void load_workspace_rules(const Workspace& workspace, const std::string& directory,
                          const std::vector<std::string>& extra, review::RuleSet& set) {
  load_rule_sources(workspace.repo, workspace.config.rules, extra,
                    std::filesystem::absolute(directory).string(), set);
}

}  // namespace mentor::cli
