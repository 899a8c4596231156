// A goal with the state computed from the record (docs/mentoring.md, "Goals"): what `goal list`,
// `summary` and the pre-push hook show. loop/goals.hpp computes it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "record/reviews_record.hpp"

namespace mentor::loop {

// open: not decided yet (the window is not over, or commits in it are not reviewed yet);
// met: the window is over and every relevant commit in it was clean; missed: a relevant commit
// in the window was not clean; closed: a mentor closed it before its window was over.
enum class GoalState { open, met, missed, closed };
std::string_view goal_state_name(GoalState state);

struct GoalProgress {
  record::Goal goal;      // as stored
  std::int64_t from = 0;  // the window: from..until (author times, both included)
  std::int64_t until = 0;
  GoalState state = GoalState::open;
  // When `state` is closed: the state it had when it was closed (open or missed).
  GoalState state_at_close = GoalState::open;
  bool window_over = false;            // the date passed, or `within` relevant commits were reached
  std::size_t relevant = 0;            // relevant commits in the window (reviewed ones)
  std::size_t clean = 0;               // of which clean
  std::size_t target = 0;              // `within`, else `relevant`: the N of "n of N"
  std::int64_t days_left = 0;          // whole days until `until` (rounded up), 0 once it passed
  std::vector<std::string> missed_in;  // relevant commits that were not clean, oldest first
  std::vector<std::string> not_reviewed;  // the mentee's commits in the window not recorded yet
};

// "3 of 5 clean relevant commits" (the N is `within`, else the relevant commits so far).
std::string goal_progress_label(const GoalProgress& progress);
// "met", "missed", "open, 12 days left", "closed (was open)".
std::string goal_state_label(const GoalProgress& progress);
// "readability" or "readability (rule no-print)", with " at warning or above".
std::string goal_subject_label(const GoalProgress& progress);

}  // namespace mentor::loop
