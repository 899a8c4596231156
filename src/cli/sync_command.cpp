// `git mentor sync`.
#include "cli/sync_command.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/workspace.hpp"
#include "record/sync.hpp"

namespace mentor::cli {

int run_sync(const SyncArgs& args, Streams& streams) {
  Workspace workspace = open_workspace(args.directory);
  auto warn = [&](const std::string& message) { print_warning(streams, message); };
  record::SyncReport report = record::sync_record(workspace.repo, args.remote, warn);
  for (const auto& ref : report.refs) {
    std::string merged;
    switch (ref.merge) {
      case git::NotesRef::Merge::up_to_date:
        if (ref.fetched) {
          merged = "up to date with " + args.remote;
        } else {
          merged = ref.pushed ? "new on " + args.remote : "nothing recorded yet";
        }
        break;
      case git::NotesRef::Merge::fast_forward:
        merged = "fast-forwarded to " + args.remote + "'s";
        break;
      case git::NotesRef::Merge::merged:
        merged = "merged with " + args.remote + "'s (union of lines)";
        break;
    }
    fmt::print(streams.out, "{}: {}{}\n", ref.ref, merged, ref.pushed ? "; pushed" : "");
  }
  if (report.attempts > 1) {
    fmt::print(streams.out, "({} attempts: {} moved while syncing)\n", report.attempts,
               args.remote);
  }
  return 0;
}

}  // namespace mentor::cli
