// `git mentor log`: the recorded findings of a range, read from the notes without running rules.
#pragma once

#include <string>
#include <vector>

#include "cli/cli.hpp"

namespace mentor::cli {

struct LogArgs {
  std::string directory;            // -C
  std::vector<std::string> ranges;  // as `git log`: a plain commit means its history
  std::string mentee;               // only commits whose author (after .mailmap) matches
  std::string format = "text";
};

// Prints the findings recorded on the commits of the range, newest commit first. Returns 0.
int run_log(const LogArgs& args, Streams& streams);

}  // namespace mentor::cli
