// Opening the repository a command works on.
#include "cli/workspace.hpp"

#include <filesystem>

#include "cli/rule_sources.hpp"
#include "util/error.hpp"

namespace mentor::cli {

namespace {

lang::LanguageMap language_map(const Config& config) {
  lang::LanguageMap map;
  for (std::size_t i = 0; i < config.languages.size(); ++i) {
    const auto& [extension, name] = config.languages[i];
    const lang::Language* language = lang::find_language(name);
    if (language == nullptr)
      throw Error("unknown language '" + name + "'", config.language_positions[i]);
    map.set(extension, language);
  }
  return map;
}

}  // namespace

Workspace open_workspace(const std::string& directory) {
  Workspace workspace{git::Repository::discover(directory), {}, {}};
  if (auto text = workspace.repo.read_root_file(std::string(kConfigFile), kMaxConfigBytes,
                                                "configuration file")) {
    workspace.config = parse_config(*text, std::string(kConfigFile));
  }
  workspace.languages = language_map(workspace.config);
  return workspace;
}

void load_workspace_rules(const Workspace& workspace, const std::string& directory,
                          const RuleSources& extra, review::RuleSet& set,
                          const LoadOptions& options) {
  RuleSources configured;
  configured.rules = workspace.config.rules;
  configured.utils = workspace.config.utils;
  load_rule_sources(workspace.repo, configured, extra,
                    std::filesystem::absolute(directory).string(), set, options);
}

}  // namespace mentor::cli
