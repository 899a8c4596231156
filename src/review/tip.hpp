// Gating looks at the tip (DESIGN §2): which findings of a reviewed range are still there at
// its end.
#pragma once

#include <functional>
#include <span>

#include "git/repository.hpp"
#include "review/reviewer.hpp"

namespace mentor::review {

// Sets Finding::fixed_later on each finding of `reviews` (commits of one review, any order)
// whose code no longer occurs at any head of the reviewed commits that descends from its
// commit. The heads are the reviewed commits that no other reviewed commit has as a parent.
// "Occurs" means a match of the same rule with the same code (CodeIdentity::code) in the head's
// version of any file of its language that a reviewed commit changed, so code moved to another
// file by a later commit is still there. Reads and parses each such file once per head, and
// nothing when every finding belongs to a head. Only findings for which `asked` returns true are
// looked for (e.g. those that would block); the others keep fixed_later false.
void mark_fixed_later(const git::Repository& repo, std::span<CommitReview> reviews,
                      const RuleSet& rules, const ReviewOptions& options,
                      const std::function<bool(const Finding&)>& asked);

}  // namespace mentor::review
