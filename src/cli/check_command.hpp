// `git mentor check`: review commits and report findings.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli/config.hpp"
#include "cli/workspace.hpp"
#include "review/reviewer.hpp"
#include "review/tip.hpp"

namespace mentor::cli {

struct CheckArgs {
  std::string directory;  // where to look for the repository (-C); rule paths are relative to it
  std::vector<std::string> ranges;
  RuleSources rules;  // --rules and --utils
  std::string format = "text";
  std::string fail_on;  // empty: from config, else "error"
  std::string scope = "introduced";
  unsigned jobs = 0;
  bool quiet = false;
  bool staged = false;  // review the index against HEAD instead of commits
  bool record = false;  // store the findings in refs/notes/mentor
  std::string color = "auto";
};

// Runs the review. Returns 0 or 1 (blocking findings); throws mentor::Error for exit code 2.
int run_check(const CheckArgs& args, Streams& streams);

struct ReviewRequest {
  review::Scope scope = review::Scope::introduced;
  unsigned jobs = 0;
  bool progress = true;        // on a terminal's stderr
  bool report_skipped = true;  // one stderr line per skipped file
  bool staged = false;         // review the index against HEAD; `commits` is ignored
  // When set, called with each `batch` commits' reviews (authors resolved) as they finish.
  std::size_t batch = 0;
  std::function<void(std::span<const review::CommitReview>)> after_batch;
  // Where reviews of commits are kept between runs (review::ReviewOptions::cache_directory).
  std::string cache_directory;
};

// The review options of `request` under the workspace's configuration.
review::ReviewOptions review_options(const Workspace& workspace, const ReviewRequest& request);

// Loads the rules a review of `commits` (or of the index, per `request`) needs: the configured
// sources plus `extra`, compiling only the languages the changes touch (shared utility rules
// included). For the hooks, which must answer at once. With `bundled_only` (`check` of a short
// range) only the bundled packs are filtered: every other rule is compiled, so that a broken one
// is reported.
void load_rules_for_changes(const Workspace& workspace, const std::string& directory,
                            const RuleSources& extra, const std::vector<std::string>& commits,
                            const ReviewRequest& request, review::RuleSet& set,
                            bool bundled_only = false);

// Drops from `commits` those whose author (after .mailmap) is not one of the configured mentees;
// returns how many were dropped.
std::size_t keep_mentees(const Workspace& workspace, std::vector<std::string>& commits);

// In a shallow clone, removes from `commits` those at its boundary (git::shallow_commits): their
// parents are not here, so what they introduced cannot be told. Says on stderr which were left
// out and how to fetch more history. Returns how many.
std::size_t drop_shallow_boundary(const Workspace& workspace, std::vector<std::string>& commits,
                                  Streams& streams);

// What `check` does before reviewing commits, for every command that reviews and records them:
// drops from `commits` a shallow clone's boundary (drop_shallow_boundary) and the authors who
// are not mentees (keep_mentees; said on stderr unless `quiet`), then loads into `rules` the
// configured rules plus `extra` (for a few commits, only the bundled rules of the languages they
// touch). Throws mentor::Error when a rule cannot be loaded.
void prepare_commit_review(const Workspace& workspace, const std::string& directory,
                           const RuleSources& extra, std::vector<std::string>& commits,
                           const ReviewRequest& request, review::RuleSet& rules, Streams& streams,
                           bool quiet);

// Says on stderr how many findings of how many commits were recorded (or already were).
void say_recorded(std::span<const review::CommitReview> reviews, std::size_t newly_recorded,
                  Streams& streams);

// Reviews `commits` of `workspace` with `rules` (which the findings point into, so they must
// outlive the result) under the workspace's configuration. Authors are resolved through .mailmap.
std::vector<review::CommitReview> run_review(const Workspace& workspace,
                                             const std::vector<std::string>& commits,
                                             const review::RuleSet& rules,
                                             const ReviewRequest& request, Streams& streams);

// run_review, storing each batch of reviews in the findings record as it finishes; adds to
// `newly_recorded` the commits whose record changed.
std::vector<review::CommitReview> review_and_record(const Workspace& workspace,
                                                    const std::vector<std::string>& commits,
                                                    const review::RuleSet& rules,
                                                    ReviewRequest request, Streams& streams,
                                                    std::size_t& newly_recorded);

// The threshold in force: the command-line value when given, else the config's, else error.
FailOn effective_fail_on(const std::string& option, const Config& config);

// Whether `finding` blocks (exit 1) under `fail_on`; a suppressed finding never does.
bool is_blocking(const review::Finding& finding, FailOn fail_on);

// Marks the blocking findings of `reviews` that a later reviewed commit removed
// (review::mark_fixed_later): they are shown, and no longer block.
void mark_fixed_later(const Workspace& workspace, std::span<review::CommitReview> reviews,
                      const review::RuleSet& rules, const ReviewRequest& request, FailOn fail_on);
// The same for the findings `asked` selects, saying in `places` where those still there are at
// the tip (the hooks show every finding there).
void mark_fixed_later(const Workspace& workspace, std::span<review::CommitReview> reviews,
                      const review::RuleSet& rules, const ReviewRequest& request,
                      const std::function<bool(const review::Finding&)>& asked,
                      review::TipPlaces* places);

// The findings that block under `fail_on` and are still there at the tip.
// Holds back the fixes of rules with `fixAfter` (review::withhold_fixes) until the author, as
// .mailmap names them, has made the mistake often enough: counted in the findings record, leaving
// out the reviewed commits, and in `reviews` in order. Reads the record only when a rule of
// `rules` sets fixAfter.
void hold_back_fixes(const Workspace& workspace, std::span<review::CommitReview> reviews,
                     const review::RuleSet& rules, Streams& streams);

std::size_t count_blocking(std::span<const review::CommitReview> reviews, FailOn fail_on);

}  // namespace mentor::cli
