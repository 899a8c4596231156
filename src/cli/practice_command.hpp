// `git mentor practice [check]`: exercises cut from a mentee's own recurring mistakes, written
// into a practice folder, and attempts at them checked with the same rule and recorded in
// refs/notes/mentor-reviews.
#pragma once

#include <string>
#include <vector>

#include "cli/cli.hpp"

namespace CLI {
class App;
}

namespace mentor::cli {

struct PracticeArgs {
  std::string directory;  // -C
  std::string action;     // "" (write exercises) or "check"
  std::string mentee;     // whose mistakes; default: the configured user.email
  std::string skill;
  std::string rule;
  unsigned count = 3;
  std::string dir;                     // the practice folder; default mentor-practice/ at the root
  std::vector<std::string> ranges;     // as `git log`
  std::vector<std::string> exercises;  // check: exercise folders (default: all under dir)
};

// Defines `practice` and `practice check` on `app`, filling `args`; returns `practice` (and sets
// `check` to its subcommand).
CLI::App* add_practice_command(CLI::App& app, PracticeArgs& args, CLI::App*& check);

// `practice`: writes up to args.count exercises, one folder each (exercise.<ext>, README.md,
// exercise.json) under the practice folder, never over an existing one; returns 0 (also when
// there is nothing to practise). `practice check`: checks each exercise and records the attempt;
// returns 0 when every one passes, 1 when one fails. Throws mentor::Error (exit 2) on bad input:
// an unknown skill or rule, a bare repository without --dir, a practice folder inside .git or
// (when not given) outside the work tree, an exercise that cannot be read.
int run_practice(const PracticeArgs& args, Streams& streams);

}  // namespace mentor::cli
