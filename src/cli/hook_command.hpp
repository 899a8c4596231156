// `git mentor hook pre-push REMOTE URL`: git's pre-push protocol.
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
// reviews exactly the commits the push sends that the remote lacks, and prints the findings
// compactly on stderr with each lesson's first line. Returns 1 (git refuses the push) when a
// finding is at or above fail_on, else 0. Throws mentor::Error for a malformed line.
int run_hook_pre_push(const HookArgs& args, Streams& streams, std::istream& in);

}  // namespace mentor::cli
