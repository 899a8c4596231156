// Turns the RANGE arguments of `check` into the list of commits to review.
#pragma once

#include <string>
#include <vector>

#include "git/repository.hpp"

namespace mentor::git {

// Resolves git-style ranges to commit ids (40-hex), oldest first (topological, then by time),
// without duplicates:
//   "A..B"  commits reachable from B and not from A;   "A...B" symmetric difference;
//   "^A"    excludes what A reaches; with it, "C" walks C's history ("^A C" == "A..C");
//   "C"     the commit C alone.
// An empty `ranges` means "@{upstream}..HEAD" when HEAD has an upstream, else "HEAD".
// An unborn HEAD with no arguments yields an empty list.
// Throws mentor::Error "unknown revision 'X'" for anything that does not resolve to a commit.
std::vector<std::string> resolve_commits(const Repository& repo,
                                         const std::vector<std::string>& ranges);

}  // namespace mentor::git
