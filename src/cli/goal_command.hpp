// `git mentor goal add|list|close`: goals per mentee and skill, stored in
// refs/notes/mentor-reviews; their state (open, met, missed, closed) is computed from the record
// (loop/goals.hpp) by `goal list`, `summary` and the pre-push hook.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli/workspace.hpp"
#include "loop/goal_progress.hpp"
#include "record/reviews_record.hpp"
#include "review/reviewer.hpp"
#include "summary/summary.hpp"

namespace CLI {
class App;
}

namespace mentor::cli {

struct GoalArgs {
  std::string directory;  // -C
  std::string action;     // add, list, close
  // add
  std::string mentee;
  std::string skill;
  std::string rule;
  std::string severity = "warning";
  std::string until;
  std::string from;  // the window's start (default: now)
  std::optional<unsigned> within;
  std::string note;
  // list
  bool all = false;
  std::string format = "text";
  // close
  std::string id;
};

// Defines `goal` and its subcommands on `app`, filling `args`; returns the `goal` command.
CLI::App* add_goal_command(CLI::App& app, GoalArgs& args);

// Runs the subcommand of `goal` that was parsed (args.action). Returns 0; throws mentor::Error
// (exit 2) on bad input: an unknown skill or rule, a bad or past date, an unknown goal id.
int run_goal(const GoalArgs& args, Streams& streams);

// The state of each of `goals` over the history of `ranges` (HEAD's when empty) at the current
// time. `overlay`, when set, may complete the commits read before they are evaluated (the hook
// adds its own review of the commits being pushed).
std::vector<loop::GoalProgress> evaluate_goals(
    const Workspace& workspace, const std::string& directory,
    const std::vector<std::string>& ranges, const std::vector<record::Goal>& goals,
    Streams& streams, const std::function<void(summary::Input&)>& overlay = {});

// Sets summary.goals: every goal of `reviews` whose mentee is one of the summary's mentees,
// evaluated over `ranges`.
void attach_goals(const Workspace& workspace, const std::string& directory,
                  const std::vector<std::string>& ranges, const record::ReviewsRecord& reviews,
                  summary::Summary& summary, Streams& streams);

// The pre-push hook's mention of open goals: for each open goal of a mentee who authored a
// pushed commit that is an opportunity for its skill (or rule), one line on stderr, e.g.
// "git-mentor: goal (readability, until 2026-12-20): 3 of 5 commits clean so far". Reads the
// reviews ref only when it exists; never throws (a goal must not block a push).
void mention_goals(const Workspace& workspace, const std::string& directory,
                   const std::vector<review::CommitReview>& pushed, const review::RuleSet& rules,
                   Streams& streams);

}  // namespace mentor::cli
