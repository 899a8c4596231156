// Gating looks at the tip (DESIGN §2): which findings of a reviewed range are still there at
// its end.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "git/repository.hpp"
#include "review/reviewer.hpp"

namespace mentor::review {

// Where a finding's code is at the tip of a reviewed range.
struct TipPlace {
  std::string path;
  std::uint32_t line = 0;  // 1-based; 0: not known (not looked for, or fixed later)
  std::uint32_t column = 0;
};

// The TipPlace of each finding: places[i][j] for reviews[i].findings[j].
using TipPlaces = std::vector<std::vector<TipPlace>>;

// Sets Finding::fixed_later on each finding of `reviews` (commits of one review, any order)
// whose code no longer occurs at any head of the reviewed commits that descends from its
// commit. The heads are the reviewed commits that no other reviewed commit has as a parent.
// "Occurs" means a match of the same rule with the same code (CodeIdentity::code) in the head's
// version of any file of its language that a reviewed commit changed, so code moved to another
// file by a later commit is still there. A finding whose file a later head holds unchanged (the
// same blob) is there without reading it; for the others, reads and parses each such file once
// per head that needs it, and nothing when none does. Only findings for which `asked` returns true
// are looked for (e.g. those that would block); the others keep fixed_later false. With `places`,
// also says where each finding looked for and still there is at the first such head (in its own
// file, the nearest occurrence; a head's own finding, where it is).
void mark_fixed_later(const git::Repository& repo, std::span<CommitReview> reviews,
                      const RuleSet& rules, const ReviewOptions& options,
                      const std::function<bool(const Finding&)>& asked,
                      TipPlaces* places = nullptr);

}  // namespace mentor::review
