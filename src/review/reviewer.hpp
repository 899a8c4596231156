// Reviews commits: diff, parse, match and attribute, several commits at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "git/diff_reader.hpp"
#include "git/repository.hpp"
#include "lang/language.hpp"
#include "review/finding.hpp"
#include "review/rule_set.hpp"
#include "review/scope.hpp"

namespace mentor::review {

struct ReviewOptions {
  Scope scope = Scope::introduced;
  unsigned jobs = 0;  // 0 = one per core
  std::uint64_t max_file_bytes = 1024 * 1024;
  std::vector<std::string> ignores;              // path globs never reviewed
  const lang::LanguageMap* languages = nullptr;  // required
  // Where review_commits keeps each commit's review between runs (see ReviewCache); empty: it
  // reviews every commit.
  std::string cache_directory;
  // Called from worker threads after each commit, with the number done so far. Optional.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

struct CommitReview {
  git::CommitInfo commit;
  std::vector<Finding> findings;  // sorted by path, position, rule id
  std::vector<git::SkippedFile> skipped;
  // The paths of the files it changed that rules could review (what still_at_tip looks in).
  std::vector<std::string> paths;
};

// Reviews each commit in `commits` (40-hex ids) of the repository at `git_dir`. Result i belongs
// to commits[i] whatever the number of jobs. Each worker opens its own repository handle and
// parser. The first error thrown by any worker is rethrown here after all workers stopped.
std::vector<CommitReview> review_commits(const std::string& git_dir,
                                         const std::vector<std::string>& commits,
                                         const RuleSet& rules, const ReviewOptions& options);

// The languages of the files that `commits` (40-hex ids) change, or the index when `staged`,
// leaving out ignored paths: the only languages whose rules a review of them can run. Costs one
// tree comparison per commit; no file content is read.
std::set<const lang::Language*> languages_touched(const git::Repository& repo,
                                                  const std::vector<std::string>& commits,
                                                  bool staged, const ReviewOptions& options);

// Reviews what is staged in `repo`'s index against HEAD (see git::read_staged_changes). The
// result's commit id is empty.
CommitReview review_staged(const git::Repository& repo, const RuleSet& rules,
                           const ReviewOptions& options);

// Reviews what the working tree of `repo` changes against HEAD, limited to `paths` (pathspecs;
// empty: everything; see git::read_worktree_changes): every file as it is on disk, so the
// findings' positions (and their fixes' byte ranges) are those of the files on disk. The
// result's commit id is empty. Throws mentor::Error for a bare repository.
CommitReview review_worktree(const git::Repository& repo, const RuleSet& rules,
                             const ReviewOptions& options, const std::vector<std::string>& paths);

}  // namespace mentor::review
