// `git mentor fix`: apply the rules' suggested fixes to the working tree.
#pragma once

#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli/rule_sources.hpp"

namespace mentor::cli {

struct FixArgs {
  std::string directory;           // -C
  std::vector<std::string> paths;  // relative to `directory`; empty: the whole working tree
  RuleSources rules;               // --rules and --utils
  bool yes = false;                // apply without asking
  bool dry_run = false;            // show, apply nothing
  std::string color = "auto";
};

// Reviews what the working tree changes against HEAD (review::review_worktree), and for each
// finding with a fix (not suppressed) shows its diff and applies it to the file in the working
// tree: where the file still holds the fix's original bytes, without overlapping another fix,
// each file rewritten at once (write_file_atomically). Commits, the index and the notes are never
// touched. On a terminal it asks for each fix (y/n/a/q); with --yes it applies all; with
// --dry-run, or without a terminal and without --yes, it only shows them.
// Returns 0 when every fix shown was applied or there was none (or --dry-run), 1 when fixes
// were left unapplied because nothing could ask (no terminal, no --yes), skipped, or declined.
// Throws mentor::Error (exit 2) for a bare repository or a path outside the work tree.
int run_fix(const FixArgs& args, Streams& streams);

}  // namespace mentor::cli
