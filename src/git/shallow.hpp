// Shallow clones (`git clone --depth N`): the commits whose parents the clone does not have.
#pragma once

#include <set>
#include <string>

#include "git/repository.hpp"

namespace mentor::git {

// The commits (40-hex) at the boundary of a shallow clone, as git lists them in the `shallow`
// file of the repository: they are here, their parents are not. Empty for a complete clone.
std::set<std::string> shallow_commits(const Repository& repo);

}  // namespace mentor::git
