// An open repository and the owned libgit2 handles the rest of git/ works with.
// Only git/ includes git2.h; the types below are opaque to other layers.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct git_repository;

namespace mentor::git {

// Initialises libgit2 once for the process (thread-safe, idempotent).
void ensure_initialized();

// An open repository. Move-only; one per thread (libgit2 handles are not shared across threads).
class Repository {
 public:
  // Opens the repository containing `path` (searching upwards, like git). Works for bare
  // repositories. Throws mentor::Error "not a git repository: PATH" when none is found.
  static Repository discover(const std::string& path);

  // Opens exactly the repository at `git_dir` (as returned by git_dir()); throws on failure.
  static Repository open(const std::string& git_dir);

  // Opens the repository at `git_dir` as if it were bare: commits, diffs and blobs only, no
  // work tree (workdir() is empty, read_root_file() reads HEAD). Diffs then skip libgit2's
  // per-file look-ups of .gitattributes in work-tree directories (~15% faster
  // read_commit_changes); attributes still come from the index, and binary files are still
  // recognised by content. Meant for the reviewer's worker threads. Throws on failure.
  static Repository open_objects(const std::string& git_dir);

  Repository(Repository&&) noexcept;
  Repository& operator=(Repository&&) noexcept;
  ~Repository();

  bool is_bare() const;
  // The .git directory (or the bare repository's directory), with a trailing slash.
  std::string git_dir() const;
  // The work tree with a trailing slash; empty for a bare repository.
  std::string workdir() const;

  // The content of `path` (relative to the repository root), a file the repository names for
  // itself (its configuration, its rule files): read from the work tree, or for a bare
  // repository from HEAD's tree. nullopt when it does not exist there. The repository is not
  // trusted: throws mentor::Error naming `what` and the path (never the content) when the path
  // leads outside the work tree (absolute, through `..` or a symbolic link) or into the .git
  // directory, when it is a symbolic link in HEAD's tree, not a regular file (a device, a FIFO,
  // a directory) or larger than `max_bytes`.
  std::optional<std::string> read_root_file(const std::string& path, std::uint64_t max_bytes,
                                            std::string_view what) const;

  // Where git runs this repository's hooks from: core.hooksPath (relative to the work tree, or
  // to the repository when bare; "~/" expanded), else the hooks/ folder of the common directory,
  // which linked worktrees share. The folder may not exist yet.
  std::string hooks_dir() const;

  git_repository* get() const { return repo_; }

 private:
  explicit Repository(git_repository* repo) : repo_(repo) {}
  git_repository* repo_ = nullptr;
};

}  // namespace mentor::git
