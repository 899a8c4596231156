// `git mentor hook install|uninstall`: put git-mentor's hook scripts where git runs hooks.
#pragma once

#include <string>

#include "cli/cli.hpp"

namespace mentor::cli {

struct HookInstallArgs {
  std::string directory;  // -C
  bool pre_push = false;
  bool pre_commit = false;  // neither flag: pre-push only
  bool force = false;
};

// Writes hooks/pre-push and/or hooks/pre-commit into the repository's hooks folder
// (core.hooksPath honoured, shared by linked worktrees), atomically and executable. A hook that
// is not git-mentor's is left untouched and the command fails (exit 2) naming it, unless --force:
// then it is kept beside ours as <name>.before-git-mentor. Returns 0.
int run_hook_install(const HookInstallArgs& args, Streams& streams);

// Removes git-mentor's hooks (and puts back a hook --force had set aside); a hook that is not
// git-mentor's is left alone with a note. Returns 0.
int run_hook_uninstall(const HookInstallArgs& args, Streams& streams);

}  // namespace mentor::cli
