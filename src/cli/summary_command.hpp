// `git mentor summary`: recurring mistakes and progress per mentee, per rule and per skill, and
// the health of each rule, computed from the record alone (no rule runs).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/cli.hpp"

namespace mentor::cli {

struct SummaryArgs {
  std::string directory;            // -C
  std::vector<std::string> ranges;  // as `git log`: a plain commit means its history
  std::string mentee;               // only this author (email, name or glob; .mailmap applies)
  std::string since;                // only commits authored at or after this date
  std::string format = "text";      // text, markdown, json, html
  // --repo: the repositories to read instead of the current one, merged by mentee.
  std::vector<std::string> repositories;
  // Override `summary:` in .git-mentor.yaml.
  std::optional<unsigned> recurring;
  std::optional<unsigned> mastered_after;
  std::optional<double> dismissal_threshold;
};

// Prints the summary of the commits of the range. Returns 0; throws mentor::Error (exit 2) on a
// bad range or date.
int run_summary(const SummaryArgs& args, Streams& streams);

}  // namespace mentor::cli
