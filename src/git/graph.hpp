// The commit graph: ancestry between commits.
#pragma once

#include <string>

#include "git/repository.hpp"

namespace mentor::git {

// Whether `commit` is `head` or one of its ancestors (both 40-hex). Throws mentor::Error when
// either is missing.
bool reaches(const Repository& repo, const std::string& head, const std::string& commit);

}  // namespace mentor::git
