// Mentoring with fixes: a rule may hold its fix back until the mentee has made the mistake
// before (the rule's `fixAfter: N`, docs/writing-rules.md "Fixes for mentoring").
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <utility>

#include "review/reviewer.hpp"

namespace mentor::review {

// How many findings of each rule each author had before: (rule id, author "Name <email>") ->
// count.
using PriorFindings = std::map<std::pair<std::string, std::string>, std::size_t>;

// Whether an occurrence that `earlier` occurrences by the same author precede shows its fix
// under `fixAfter: fix_after`: from the fix_after-th occurrence on. 0 and 1 mean always.
bool fix_shown(std::uint32_t fix_after, std::size_t earlier);

// Removes the fix of each finding of `reviews` that fix_shown refuses, given `prior` (before this
// run) plus the findings of the same rule and author that precede it in `reviews` (in order).
// Suppressed findings neither count nor lose their fix (fix never applies them). `fix_after`
// gives a rule's fixAfter; returns 1 for a rule without one. `identity`, when given, maps a
// finding's author to the key `prior` uses (e.g. after .mailmap).
void withhold_fixes(std::span<CommitReview> reviews, const PriorFindings& prior,
                    const std::function<std::uint32_t(const rules::Rule&)>& fix_after,
                    const std::function<std::string(const std::string&)>& identity = {});

}  // namespace mentor::review
