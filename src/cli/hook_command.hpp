// `git mentor hook pre-push REMOTE URL` (git's pre-push protocol) and `hook pre-commit`.
#pragma once

#include <istream>
#include <string>

#include "cli/cli.hpp"

namespace mentor::cli {

struct HookArgs {
  std::string directory;  // -C
  std::string remote;     // the remote's name (or its URL when pushing to a URL)
  std::string url;
};

// Reads every ref line git writes on `in` ("<local ref> <local sha> <remote ref> <remote sha>"),
// reviews exactly the commits the push sends that the remote lacks, and prints the findings on
// stderr by commit, blocking ones first, at their places at the tip, each with its lesson's first
// sentence (report::write_hook_report). Returns 1 (git refuses the push) when a finding at or
// above fail_on is still there at the tip, else 0. Throws mentor::Error for a malformed line.
int run_hook_pre_push(const HookArgs& args, Streams& streams, std::istream& in);

// `git mentor hook pre-commit`: reviews what is staged (the index against HEAD) and reports on
// stderr as the pre-push hook does, saying when the commit is refused and how to skip the check
// once. Returns 1 (git refuses the commit) on a finding at or above fail_on, else 0.
int run_hook_pre_commit(const HookArgs& args, Streams& streams);

}  // namespace mentor::cli
