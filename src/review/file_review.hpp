// Findings in one changed file: the pure core of a review, free of git and threads.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "git/diff_reader.hpp"
#include "lang/parser.hpp"
#include "review/attribution.hpp"
#include "review/finding.hpp"
#include "review/scope.hpp"

namespace mentor::review {

struct FileChange {
  std::string_view path;
  const lang::Language* language = nullptr;
  std::string_view new_source;
  // The parent's version, for review_file alone; nullopt when the commit added the file.
  std::optional<std::string_view> old_source;
  std::span<const git::LineRange> added;      // sorted, disjoint, 1-based
  std::string_view blob;                      // the post-image's id, for review_change_set
  std::span<const rules::Rule* const> rules;  // for review_change_set: the rules of this file
  const lang::Tree* tree = nullptr;  // new_source parsed, when the caller has it; else parsed here
};

// The findings of one commit (or of staged changes): every file in `files` (sorted by path) is
// parsed once and matched with its rules; `scope` decides which matches are the commit's, and
// under Scope::introduced attribution::introduced() compares them with the versions of `sides`
// (read through `versions`, whose add_parsed() receives each file's tree). Returned findings
// have every field set except commit and author, sorted by path, position, then rule id.
// Suppression comments (see suppression.hpp) mark the findings they cover as suppressed; one on
// an added line that covers nothing yields an info finding of unused_suppression_rule(), whatever
// the scope. `loaded` is every rule of the run, so that its message can tell an id no rule has
// from one whose rule does not apply to this file.
// A file whose matching exceeds a limit (rules::MatchLimitExceeded, kMaxMatchedBytes) gives no
// findings and is appended to `skipped` with the reason; without `skipped`, the
// rules::MatchLimitExceeded is thrown.
std::vector<Finding> review_change_set(std::span<const FileChange> files,
                                       std::span<const Side> sides, Scope scope, Versions& versions,
                                       lang::Parser& parser,
                                       std::span<const rules::Rule* const> loaded,
                                       std::vector<git::SkippedFile>* skipped = nullptr);

// review_change_set for a commit that changes one file: `change.old_source` is the parent's
// version (nullopt when the commit added the file), `rules` the file's rules. `loaded` empty
// means `rules`.
std::vector<Finding> review_file(const FileChange& change,
                                 std::span<const rules::Rule* const> rules, Scope scope,
                                 lang::Parser& parser,
                                 std::span<const rules::Rule* const> loaded = {});

// The rule of "this suppression comment suppresses nothing" findings (severity info).
const rules::Rule& unused_suppression_rule();

}  // namespace mentor::review
