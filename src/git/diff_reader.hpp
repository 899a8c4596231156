// Reads one commit: who wrote it, and which files it changed with the lines it added.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "git/repository.hpp"

namespace mentor::git {

struct CommitInfo {
  std::string id;  // 40-hex
  std::string author_name;
  std::string author_email;
  std::int64_t author_time = 0;      // seconds since the epoch
  std::string summary;               // first line of the message
  std::vector<std::string> parents;  // 40-hex ids
};

// Inclusive range of 1-based line numbers in the new version of a file.
struct LineRange {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
};

// One hunk of a zero-context diff, as git numbers it: `old_lines` lines from line `old_start` of
// the pre-image became `new_lines` lines from `new_start` of the post-image (1-based; when a
// count is 0, its start is the line before the change).
struct Hunk {
  std::uint32_t old_start = 0;
  std::uint32_t old_lines = 0;
  std::uint32_t new_start = 0;
  std::uint32_t new_lines = 0;
};

struct ChangedFile {
  enum class Status { added, modified, renamed, copied };
  Status status = Status::modified;
  std::string path;      // path in the commit
  std::string old_path;  // path in the first parent (== path unless renamed); empty if added
  std::string new_blob;  // 40-hex blob id of the post-image
  std::string old_blob;  // 40-hex blob id of the pre-image; empty if added
  std::vector<LineRange> added;  // lines of the post-image the commit added, sorted, disjoint
  std::vector<Hunk> hunks;       // the diff from old_blob to new_blob, in order
};

struct SkippedFile {
  std::string path;
  std::string reason;  // "binary file", "larger than max_file_bytes (1048576)"
};

// One version of a file: where it is and which blob holds it.
struct FileVersion {
  std::string path;
  std::string blob;  // 40-hex
};

// What a commit is compared with on the side of one of its parents (a root commit and staged
// changes have one side; a merge one per parent). Only wanted, regular, text files within
// max_file_bytes are listed, each list sorted by path.
struct ParentSide {
  // The parent's versions of the files the commit changed, renamed or deleted relative to it.
  std::vector<FileVersion> before;
  // The commit's versions of the files that differ from the parent (added, changed, renamed).
  std::vector<FileVersion> after;
};

struct CommitChanges {
  CommitInfo commit;
  // Sorted by path; deleted files are not listed. For a merge, only the files that differ from
  // every parent, with the lines that none of the parents has (git's combined diff); old_path
  // and old_blob then name the first parent's version.
  std::vector<ChangedFile> files;
  std::vector<SkippedFile> skipped;
  std::vector<ParentSide> sides;  // one per parent, in parent order; one for a root commit
};

struct DiffOptions {
  std::uint64_t max_file_bytes = 1024 * 1024;
  // Only files for which this returns true are diffed line by line (the rest cost nothing more
  // than the tree comparison). Called with the post-image path. Unset means all files.
  std::function<bool(std::string_view path)> wanted;
};

// Diffs commit `id` against each of its parents (a root commit against the empty tree), with
// rename detection. A commit with one parent lists every file it changed; a merge only what no
// parent had (see CommitChanges::files), so a clean merge lists no added line. Binary and
// oversized files are listed in `skipped`. Throws mentor::Error on a missing object.
CommitChanges read_commit_changes(const Repository& repo, const std::string& id,
                                  const DiffOptions& options);

// What the index holds that HEAD does not (an unborn HEAD counts as the empty tree), as the
// changes of a commit-to-be: its author is the configured identity, its id empty. The same
// filters as read_commit_changes apply.
CommitChanges read_staged_changes(const Repository& repo, const DiffOptions& options);

struct WorktreeChanges {
  // A handle on the repository's objects (as Repository::open_objects) whose object database
  // also holds, in memory only, the working-tree versions that `changes` names as blobs.
  // Nothing is written to the repository.
  Repository objects;
  // HEAD (an unborn HEAD is the empty tree) against the working tree, tracked and untracked
  // (not ignored) files, as read_staged_changes describes them: the author is the configured
  // identity, the id empty, the summary "working tree". A file's version is its bytes as they
  // are on disk (no clean filter, no line-ending conversion), so the positions of findings are
  // those of the file on disk.
  CommitChanges changes;
};

// Reads what the working tree of `repo` changes against HEAD, limited to `paths` (literal
// files or folders relative to the work tree root, no globs; empty: everything). Only wanted
// (DiffOptions::wanted), regular files are read; one larger than max_file_bytes is listed in
// `skipped` without being read. Throws mentor::Error for a bare repository or when git fails.
WorktreeChanges read_worktree_changes(const Repository& repo, const DiffOptions& options,
                                      const std::vector<std::string>& paths);

// Who wrote commit `id` (40-hex), when, and its parents. Throws mentor::Error when it is missing.
CommitInfo read_commit_info(const Repository& repo, const std::string& id);

// The raw content of blob `id` (40-hex). Throws mentor::Error when it does not exist.
std::string read_blob(const Repository& repo, const std::string& id);

// The same, or nullopt when the blob holds more than `max_bytes` bytes (its header tells, so a
// large blob is never read whole).
std::optional<std::string> read_blob_within(const Repository& repo, const std::string& id,
                                            std::uint64_t max_bytes);

}  // namespace mentor::git
