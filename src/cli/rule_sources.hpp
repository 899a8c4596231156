// Finds and reads the rule files a run uses; the only place rules are read from disk.
#pragma once

#include <string>
#include <vector>

#include "git/repository.hpp"
#include "review/rule_set.hpp"
#include "rules/rule_loader.hpp"
#include "rules/rule_test_file.hpp"

namespace mentor::cli {

// How rules are loaded. ast-grep test files (see rules/rule_test_file.hpp) found among the rule
// files are never loaded as rules: they are collected in `tests` when given, else skipped.
struct LoadOptions {
  rules::LanguageFilter* filter = nullptr;  // compile only these languages' rules
  std::vector<rules::RuleTestCase>* tests = nullptr;
};

// The word in a rules list that stands for the bundled packs.
inline constexpr std::string_view kBuiltinRules = "builtin";

// Loads every rule source into `set`. Each entry is `builtin`, a file, a directory (every *.yaml
// and *.yml below it) or a glob. `config_entries` come from .git-mentor.yaml and are relative to
// the repository root (read from HEAD's tree in a bare repository, files only); `cli_entries`
// come from --rules and are relative to `cli_base` (the directory the command runs in). With no
// entry at all the bundled packs are used. Throws mentor::Error for a missing source or any rule
// error.
void load_rule_sources(const git::Repository& repo, const std::vector<std::string>& config_entries,
                       const std::vector<std::string>& cli_entries, const std::string& cli_base,
                       review::RuleSet& set, const LoadOptions& options = {});

// Loads rule files named by `entries` (files, directories, globs or `builtin`), relative to
// `base`, without a repository. Throws mentor::Error for a missing source or any rule error.
void load_rule_files(const std::string& base, const std::vector<std::string>& entries,
                     review::RuleSet& set, const LoadOptions& options = {});

// Loads the bundled packs into `set`.
void load_builtin_rules(review::RuleSet& set, const LoadOptions& options = {});

}  // namespace mentor::cli
