// Recorded findings follow rewritten commits: git's notes.rewriteRef set up for both record refs
// (docs/storage.md, "When commits are rewritten").
#pragma once

#include <string>
#include <vector>

#include "git/repository.hpp"
#include "record/findings_record.hpp"

namespace mentor::record {

struct RewriteSetup {
  std::vector<std::string> added;  // refs added to notes.rewriteRef in the local config
  // Why notes will not follow some rewrites here (rewriting turned off, GIT_NOTES_REWRITE_REF),
  // each with how to change it. Nothing is written to change them.
  std::vector<std::string> problems;
};

// Adds each record ref (refs/notes/mentor, refs/notes/mentor-reviews) that exists and that no
// notes.rewriteRef value covers (at any config level; a value may be a glob such as
// refs/notes/*) to notes.rewriteRef in the repository's local config, so that `git rebase` and
// `git commit --amend` copy its notes to the new commits. A ref that does not exist yet is left
// for later: git warns on every rebase about a configured notes ref that does not exist.
// Never removes or changes a value. When another process holds the config lock it tries again a
// few times, then reports a problem instead of failing. Throws mentor::Error when the config
// cannot be read or written.
RewriteSetup configure_rewrites(const git::Repository& repo);

// The warning that says `setup`'s problems, in one line (without "git-mentor: warning: "); empty
// when it has none.
std::string rewrite_warning(const RewriteSetup& setup);

// configure_rewrites, then its problems as one warning, at most once per process and repository
// (recording runs it after every batch). Never throws: a config it cannot write is a warning too.
void follow_rewrites(const git::Repository& repo, const Warn& warn);

}  // namespace mentor::record
