// The patch-id of a commit: a hash of its change that survives a rebase.
#pragma once

#include <optional>
#include <string>

#include "git/repository.hpp"

namespace mentor::git {

// The stable patch-id (40-hex) of commit `id`'s diff against its first parent (a root commit
// against the empty tree), as libgit2's git_diff_patchid computes it: what
// `git diff-tree -p ID | git patch-id --stable` prints, so whitespace, line numbers and file
// order do not count (binary files excepted: libgit2 hashes their change otherwise, so only
// patch-ids computed here compare). nullopt for a merge and for a commit that changes nothing (git
// gives them no patch-id either). Throws mentor::Error when the commit cannot be read.
std::optional<std::string> patch_id(const Repository& repo, const std::string& id);

}  // namespace mentor::git
