// What the git hooks print on stderr: the findings of a push (by commit) or of a commit about to
// be made, blocking ones first, and what to do next.
#pragma once

#include <cstddef>
#include <functional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

#include "review/reviewer.hpp"
#include "review/tip.hpp"

namespace mentor::report {

struct HookReportOptions {
  // What the hook guards: "push" (commits being pushed) or "commit" (the staged changes).
  std::string_view action = "push";
  // Whether a finding is at or above fail_on (suppressed ones never are). A finding marked
  // fixed_later never blocks, whatever this says.
  std::function<bool(const review::Finding&)> at_threshold;
  std::string_view fail_on = "error";  // its name, for the text
  bool color = false;                  // ANSI colours (stderr is a terminal)
  // Where each finding is at the tip (review::mark_fixed_later); none: where it is.
  const review::TipPlaces* places = nullptr;
};

// Writes, when there are findings:
//   git-mentor: N findings block this push (fail_on: error):
//     <short id> <subject>                       (per commit, in the order given)
//       path:line:col: severity: message [rule-id]
//         <the lesson's first sentence>
//         - old line / + new line               (a suggested fix's diff, write_fix_diff)
//   git-mentor: M findings do not block: ...     (fixed later, below fail_on, suppressed, praise)
// then, when something blocks, that the push or commit was refused, `git mentor rules explain`
// for each blocking rule, and how to fix or skip the check once (--no-verify).
// A finding's place is where its code is at the tip (`places`) when known, else its own (the
// hook looks for blocking findings only);
// a finding fixed later is shown at its own place, marked "(fixed later in this push)".
// Everything from the repository goes through util::terminal_safe. Returns the number of
// blocking findings.
std::size_t write_hook_report(std::ostream& out, std::span<const review::CommitReview> reviews,
                              const HookReportOptions& options);

// The pre-push hook's mention of an open goal a push touches, one line:
//   git-mentor: goal (readability, until 2026-12-20): 3 of 5 relevant commits clean so far, ...
// Everything goes through util::terminal_safe.
void write_goal_mention(std::ostream& out, std::string_view subject, std::string_view until,
                        std::string_view progress);

}  // namespace mentor::report
