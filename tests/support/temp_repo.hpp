// Test support: temporary directories, child processes and real git repositories built with the
// git command line, for unit and end-to-end tests.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "util/process.hpp"

namespace mentor::test {

// A fresh directory "git-mentor-XXXXXX" under std::filesystem::temp_directory_path(). The
// destructor removes it, unless the running Catch2 test case has failed an assertion (or is
// unwinding an exception), or GIT_MENTOR_KEEP_TEMP is set: then it is kept and
// "kept temp dir: PATH" is printed on stderr. Move-only; a moved-from TempDir owns nothing.
class TempDir {
 public:
  TempDir();
  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&& other) noexcept;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();

  // Absolute and canonical (symbolic links resolved), so it compares equal to paths libgit2 and
  // git print.
  const std::filesystem::path& path() const { return path_; }

 private:
  void release() noexcept;

  std::filesystem::path path_;
  int uncaught_at_start_ = 0;
};

using util::CommandResult;
using util::Environment;
using util::run_command;

struct Author {
  std::string name;
  std::string email;
};

// The author (and committer) of TestRepo commits unless told otherwise.
inline const Author kMentee{"Mentee Example", "mentee@example.com"};

// A real repository in a TempDir, driven by the git command line. Every git command runs with
// GIT_CONFIG_NOSYSTEM=1 and HOME / XDG_CONFIG_HOME set to a private directory, so neither system
// nor user configuration interferes, and with fixed author and committer dates that advance by
// one minute per git command: the same test builds the same commit ids on every run.
// The repository's own config sets user.name / user.email (kMentee) and commit.gpgsign=false.
// Failing git commands fail the test (Catch2 REQUIRE).
class TestRepo {
 public:
  // `git init -b main`. A bare repository is at path(); write() and commit() then work through a
  // separate work tree (`git --git-dir=path() --work-tree=work_tree()`).
  explicit TestRepo(bool bare = false);

  // Wraps an existing repository (e.g. made by `git clone`) at `work_tree` without owning it;
  // sets its identity config as above.
  static TestRepo adopt(const std::filesystem::path& work_tree);

  TestRepo(TestRepo&&) noexcept = default;
  TestRepo& operator=(TestRepo&&) noexcept = default;

  // The work tree, or the bare repository's directory.
  const std::filesystem::path& path() const { return bare_ ? git_dir_ : work_tree_; }
  // Where write(), remove() and rename() act.
  const std::filesystem::path& work_tree() const { return work_tree_; }
  // The .git directory (or the bare repository).
  const std::filesystem::path& git_dir() const { return git_dir_; }
  bool bare() const { return bare_; }

  // Writes `content` byte for byte to `relpath` in the work tree, creating directories.
  void write(const std::string& relpath, const std::string& content) const;
  // The content of `relpath` in the work tree.
  std::string read(const std::string& relpath) const;
  // Deletes a file or directory of the work tree.
  void remove(const std::string& relpath) const;
  // Moves a file in the work tree, creating the target's directories.
  void rename(const std::string& from, const std::string& to) const;

  // `git add -A` and `git commit --allow-empty -m message` as the current author; returns the
  // new HEAD (40-hex).
  std::string commit(const std::string& message);
  // The same, as `author` (author and committer) for this commit only.
  std::string commit(const std::string& message, const Author& author);
  // The author of the following commits (initially kMentee).
  void set_author(Author author) { author_ = std::move(author); }

  // Runs `git ARGS` in the repository; REQUIREs success and returns its stdout.
  std::string git(const std::vector<std::string>& args);
  // Runs `git ARGS` in the repository and returns the result, whatever it is.
  CommandResult try_git(const std::vector<std::string>& args, const std::string& stdin_text = "");

  // The environment git runs with here (HOME, GIT_CONFIG_NOSYSTEM, dates), for tests that start
  // git (or git-mentor as a hook) themselves.
  Environment env() const;

 private:
  struct Adopted {};
  explicit TestRepo(Adopted) {}
  std::vector<std::string> git_argv(const std::vector<std::string>& args) const;
  void write_identity() const;

  TempDir dir_;  // HOME, and the repository unless adopted
  std::filesystem::path work_tree_;
  std::filesystem::path git_dir_;
  bool bare_ = false;
  Author author_ = kMentee;
  long tick_ = 0;
};

}  // namespace mentor::test
