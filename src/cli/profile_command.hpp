// `git mentor profile`: a needs assessment of one mentee, from the record (reviewing and
// recording first what is not recorded yet).
#pragma once

#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli/rule_sources.hpp"

namespace mentor::cli {

struct ProfileArgs {
  std::string directory;            // -C
  std::vector<std::string> ranges;  // as `git log`: a plain commit means its history
  std::string mentee;               // whose profile: email, name or glob (.mailmap applies)
  std::string since;                // only commits authored at or after this date
  std::string format = "text";      // text, json
  RuleSources rules;                // --rules and --utils, for the commits reviewed first
  unsigned jobs = 0;                // commits reviewed in parallel (0: cores)
  bool no_review = false;           // compute from the record alone
};

// Reviews and records the commits of the selection (every author's) that have no `reviewed`
// line yet, as `check --record` does, unless args.no_review; then prints the mentee's profile
// (summary::profile) against the other authors'. Returns 0; throws mentor::Error (exit 2) on a
// bad range or date, a rule that cannot be loaded, or a --mentee who authored none of the
// selected commits.
int run_profile(const ProfileArgs& args, Streams& streams);

}  // namespace mentor::cli
