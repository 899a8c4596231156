// `git mentor check`: review commits and report findings.
#pragma once

#include <string>
#include <vector>

#include "cli/cli.hpp"

namespace mentor::cli {

struct CheckArgs {
  std::string directory;  // where to look for the repository (-C); rule paths are relative to it
  std::vector<std::string> ranges;
  std::vector<std::string> rules;
  std::string format = "text";
  std::string fail_on;  // empty: from config, else "error"
  std::string scope = "introduced";
  unsigned jobs = 0;
  bool quiet = false;
  std::string color = "auto";
};

// Runs the review. Returns 0 or 1 (blocking findings); throws mentor::Error for exit code 2.
int run_check(const CheckArgs& args, Streams& streams);

}  // namespace mentor::cli
