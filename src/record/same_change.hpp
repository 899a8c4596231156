// Finding the record of a rewritten commit whose note did not follow it: the recorded commit
// that is the same change, by patch-id.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "git/repository.hpp"

namespace mentor::record {

// For each commit of `unnoted` (commits without a note), the commits of `noted` (commits with
// one) that are the same change: the same author name, email and author time (a rebase or an
// amend keeps them; this cheap test picks the candidates) and then the same patch-id
// (git::patch_id, computed for candidates only). Merges have no patch-id and match nothing.
// Commits of `noted` this repository does not have (a note synced from another clone) are
// skipped. Commits without a match are left out of the result.
std::map<std::string, std::vector<std::string>> same_changes(
    const git::Repository& repo, const std::vector<std::string>& unnoted,
    const std::vector<std::string>& noted);

}  // namespace mentor::record
