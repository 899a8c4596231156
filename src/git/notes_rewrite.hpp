// git's notes rewriting: whether `git rebase` and `git commit --amend` copy the notes of a notes
// ref to the commits they write (notes.rewriteRef, notes.rewrite.<command> and the
// GIT_NOTES_REWRITE_REF environment override; see git-config(1)).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "git/repository.hpp"

namespace mentor::git {

// The notes-rewriting configuration as git would apply it in this repository and environment.
struct RewriteSettings {
  std::vector<std::string> config_refs;  // notes.rewriteRef values, every config level
  std::optional<std::string> env_refs;   // GIT_NOTES_REWRITE_REF when set (replaces config_refs)
  bool rebase = true;                    // notes.rewrite.rebase
  bool amend = true;                     // notes.rewrite.amend
};

// Reads the settings (all config levels, and the environment). Throws mentor::Error when the
// configuration cannot be read.
RewriteSettings read_rewrite_settings(const Repository& repo);

// Whether one notes.rewriteRef value (or one ':'-separated entry of GIT_NOTES_REWRITE_REF) names
// `ref`, as git matches it: a value with a glob character (`*`, `?`, `[`, `\`) is a pattern
// over full ref names ("refs/" is put in front when missing; `*` also matches '/'), any other
// value must be the ref's full name.
bool rewrite_value_covers(std::string_view value, std::string_view ref);

// Whether a list of values (config values, or GIT_NOTES_REWRITE_REF split on ':') covers `ref`.
bool rewrite_values_cover(const std::vector<std::string>& values, std::string_view ref);
std::vector<std::string> split_env_refs(std::string_view env);

// Adds `ref` as one more value of notes.rewriteRef in the repository's local config (.git/config
// of the main work tree), keeping every other value. Returns false when the config file is
// locked by another writer; throws mentor::Error on other failures.
bool add_rewrite_ref(const Repository& repo, const std::string& ref);

// Whether reference `name` exists.
bool reference_exists(const Repository& repo, const std::string& name);

}  // namespace mentor::git
