// A git notes ref whose notes are sets of text lines: git-mentor's storage engine.
//
// Each note is the sorted, de-duplicated lines of one annotated commit (git's `cat_sort_uniq`
// form). Writes never overwrite: they read the ref, merge, write new objects, then move the ref
// with compare-and-swap, and start again from the new tip if another writer moved it first. A
// process killed at any moment leaves the ref at its old or its new commit, both complete.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "git/repository.hpp"

namespace mentor::git {

// Lines to add to (or found in) the notes of annotated commits, by 40-hex commit id.
using NoteLines = std::map<std::string, std::set<std::string>>;

// The notes a notes commit holds: annotated commit (40-hex) -> the note's blob (40-hex), found
// in any fanout.
using NotesIndex = std::map<std::string, std::string>;

// The id git gives a blob holding `text` (what `git hash-object --stdin` prints), 40-hex.
std::string blob_id(std::string_view text);

class NotesRef {
 public:
  // `ref` is the full name, e.g. "refs/notes/mentor". `warn` receives one-line warnings (a stale
  // lock removed, for instance); it may be empty.
  NotesRef(const Repository& repo, std::string ref,
           std::function<void(const std::string&)> warn = {});

  const std::string& name() const { return ref_; }

  // The notes commit (40-hex) the ref points at; nullopt when the ref does not exist yet.
  std::optional<std::string> tip() const;

  // Every note of the ref's notes commit. A note's place holding something other than a blob (a
  // tree, a submodule) is no note: it is left out, with a warning naming the commit.
  NotesIndex index() const;

  // The lines of one note blob (40-hex), split on '\n', empty lines dropped, in stored order.
  std::vector<std::string> read_lines(const std::string& blob) const;

  // Adds `lines` to the notes of their commits. Returns false when every line was already there
  // (then no notes commit is made). Throws mentor::Error when the ref stays locked or keeps
  // moving for too long.
  bool add(const NoteLines& lines, const std::string& message);

  // Merges notes commit `other` (fetched from another clone) into the ref: nothing when the ref
  // already contains it, a fast-forward when the ref is behind, otherwise a merge commit with
  // both as parents whose notes are the union of lines per annotated commit.
  enum class Merge { up_to_date, fast_forward, merged };
  Merge merge(const std::string& other);

 private:
  const Repository& repo_;
  std::string git_dir_;
  std::string ref_;
  std::function<void(const std::string&)> warn_;

  // Moves the ref from `expected` (nullopt: must not exist) to `target`. False when another
  // writer got there first; throws on other errors.
  bool compare_and_swap(const std::optional<std::string>& expected, const std::string& target);
  // Retries `attempt` (which returns true once done) with back-off while the ref moves.
  void retry(const std::function<bool()>& attempt);
};

}  // namespace mentor::git
