// `git mentor sync [REMOTE]`.
#pragma once

#include <string>

#include "cli/cli.hpp"

namespace mentor::cli {

struct SyncArgs {
  std::string directory;  // -C
  std::string remote = "origin";
};

// Fetches, merges and pushes the record refs (see record::sync_record); prints one line per
// ref. Returns 0; throws mentor::Error when the remote cannot be reached or refuses the push.
int run_sync(const SyncArgs& args, Streams& streams);

}  // namespace mentor::cli
