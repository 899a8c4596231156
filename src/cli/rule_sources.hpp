// Finds and reads the rule files a run uses; the only place rules are read from disk.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "git/repository.hpp"
#include "review/rule_set.hpp"
#include "rules/rule_loader.hpp"
#include "rules/rule_test_file.hpp"

namespace mentor::cli {

// How rules are loaded. ast-grep test files (see rules/rule_test_file.hpp) found among the rule
// files are never loaded as rules: they are collected in `tests` when given, else skipped.
// With `bundled_only`, the filter applies to the bundled packs alone and every other rule and
// utility is compiled, so that a broken one is still reported.
struct LoadOptions {
  rules::LanguageFilter* filter = nullptr;  // compile only these languages' rules and utilities
  std::vector<rules::RuleTestCase>* tests = nullptr;
  bool bundled_only = false;
};

// The largest rule file (or utility rule file, or sgconfig.yml) read; a larger one is refused.
inline constexpr std::uint64_t kMaxRuleFileBytes = 1024 * 1024;

// The word in a rules list that stands for the bundled packs.
inline constexpr std::string_view kBuiltinRules = "builtin";

// Rule sources as written: `rules` are files, directories (every *.yaml and *.yml below them),
// globs or `builtin`; `utils` are the same (without `builtin`) for shared utility rule files
// (ast-grep's `utilDirs`), which every rule of their language may use with `matches: ID`.
// A file that is a utility rule file is never loaded as a rule, even inside a rules directory.
// A rules directory holding an ast-grep sgconfig.yml stands for that project: its `ruleDirs`
// are rules, its `utilDirs` utility rule files and its `testConfigs` test directories.
struct RuleSources {
  RuleSources() = default;
  // Rules only, as commands that take only --rules have them.
  RuleSources(std::vector<std::string> rule_entries)  // NOLINT(google-explicit-constructor)
      : rules(std::move(rule_entries)) {}

  std::vector<std::string> rules;  // --rules, `rules:`
  std::vector<std::string> utils;  // --utils, `utils:`
};

// Loads every rule source into `set`. `config` comes from .git-mentor.yaml and is relative to the
// repository root (read from HEAD's tree in a bare repository: files, and directories for rules);
// it is not trusted: every file it leads to, symbolic links resolved (sgconfig.yml's directories
// included), must be inside the work tree and outside .git, else mentor::Error. `cli` comes from
// --rules / --utils and is relative to `cli_base` (the directory the command runs in); it may
// name any file. Either way only regular files of at most kMaxRuleFileBytes are read. With no
// rule entry at all the bundled packs are used. Throws mentor::Error for a missing source or any
// rule or utility rule error.
void load_rule_sources(const git::Repository& repo, const RuleSources& config,
                       const RuleSources& cli, const std::string& cli_base, review::RuleSet& set,
                       const LoadOptions& options = {});

// Loads the rule files of `sources`, relative to `base`, without a repository (and without the
// bundled packs unless named). Throws mentor::Error for a missing source or any rule error.
void load_rule_files(const std::string& base, const RuleSources& sources, review::RuleSet& set,
                     const LoadOptions& options = {});

// Loads the bundled packs into `set`.
void load_builtin_rules(review::RuleSet& set, const LoadOptions& options = {});

// A skill or a rule id a command was given must be among the configured rules: else
// mentor::Error "COMMAND: no configured rule trains skill 'S'" (or "no configured rule 'ID'"),
// with "did you mean" and where the skills are listed.
void require_configured_skill(const review::RuleSet& rules, const std::string& skill,
                              std::string_view command);
const rules::Rule& require_configured_rule(const review::RuleSet& rules, const std::string& id,
                                           std::string_view command);

}  // namespace mentor::cli
