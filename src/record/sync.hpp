// `git mentor sync`: the notes refs of a remote merged into ours (union of lines) and pushed back.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "git/notes_ref.hpp"
#include "git/repository.hpp"
#include "record/reviews_record.hpp"

namespace mentor::record {

// The refs git-mentor keeps its record in.
std::vector<std::string> record_refs();

struct SyncedRef {
  std::string ref;
  bool fetched = false;  // the remote had it
  git::NotesRef::Merge merge = git::NotesRef::Merge::up_to_date;
  bool pushed = false;  // we had it, and the remote now has ours
};

struct SyncReport {
  std::vector<SyncedRef> refs;
  int attempts = 0;  // pushes tried; more than one when the remote moved meanwhile
};

// Throws mentor::Error when `remote` (a remote's name or a URL) cannot be one: empty, starting
// with '-' (git would read it as an option) or holding a control character.
void check_remote(const std::string& remote);

// Fetches `remote`'s record refs (git's own transport: remotes, URLs, credentials and ssh
// configuration work as they do for `git fetch`), merges each into ours with NotesRef::merge,
// and pushes ours. When the push is rejected because the remote moved meanwhile, starts again,
// up to a few times. Throws mentor::Error with git's message when fetching or pushing fails (for
// a refused push, the remote's reason on one line). `remote` is checked with check_remote and
// always given to git after `--`; transports that run commands (ext::, fd::) are refused.
// `progress` receives one line per step; it may be empty.
SyncReport sync_record(const git::Repository& repo, const std::string& remote,
                       const std::function<void(const std::string&)>& warn);

}  // namespace mentor::record
