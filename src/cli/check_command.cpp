// `git mentor check`.
#include "cli/check_command.hpp"

#include <chrono>
#include <mutex>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/config.hpp"
#include "cli/workspace.hpp"
#include "git/commit_range.hpp"
#include "git/identity.hpp"
#include "git/repository.hpp"
#include "lang/language.hpp"
#include "record/findings_record.hpp"
#include "report/json_report.hpp"
#include "report/text_report.hpp"
#include "review/reviewer.hpp"
#include "util/error.hpp"

namespace mentor::cli {

namespace {

// Commits reviewed between two writes of the record.
constexpr std::size_t kRecordBatch = 100;

bool use_color(const CheckArgs& args, const Streams& streams) {
  if (args.color == "always")
    return true;
  if (args.color == "never")
    return false;
  const char* no_color = std::getenv("NO_COLOR");
  return streams.out_is_terminal && (no_color == nullptr || *no_color == '\0');
}

// Prints "reviewed N/M commits" on a terminal's stderr, at most ten times a second.
class Progress {
 public:
  Progress(Streams& streams, bool enabled) : streams_(streams), enabled_(enabled) {}
  ~Progress() { finish(); }
  // Clears the progress line so that what follows starts on a clean line.
  void finish() {
    if (shown_)
      fmt::print(streams_.err, "\r\x1b[K");
    shown_ = false;
    enabled_ = false;
  }
  void update(std::size_t done, std::size_t total) {
    if (!enabled_)
      return;
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    if (done != total && now - last_ < std::chrono::milliseconds(100))
      return;
    last_ = now;
    shown_ = true;
    fmt::print(streams_.err, "\rgit-mentor: reviewed {}/{} commits", done, total);
    streams_.err.flush();
  }

 private:
  Streams& streams_;
  bool enabled_;
  bool shown_ = false;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point last_{};
};

review::ReviewOptions review_options(const Workspace& workspace, const ReviewRequest& request) {
  review::ReviewOptions options;
  options.scope = request.scope;
  options.jobs = request.jobs;
  options.max_file_bytes = workspace.config.max_file_bytes;
  options.ignores = workspace.config.ignores;
  options.languages = &workspace.languages;
  return options;
}

}  // namespace

void load_rules_for_changes(const Workspace& workspace, const std::string& directory,
                            const std::vector<std::string>& extra,
                            const std::vector<std::string>& commits, const ReviewRequest& request,
                            review::RuleSet& set) {
  rules::LanguageFilter filter;
  filter.only = review::languages_touched(workspace.repo, commits, request.staged,
                                          review_options(workspace, request));
  load_workspace_rules(workspace, directory, extra, set, {.filter = &filter});
}

std::size_t keep_mentees(const Workspace& workspace, std::vector<std::string>& commits) {
  const auto& mentees = workspace.config.mentees;
  if (mentees.empty())
    return 0;
  git::Mailmap mailmap(workspace.repo);
  auto others = std::remove_if(commits.begin(), commits.end(), [&](const std::string& id) {
    return !git::is_mentee(mentees, mailmap.resolve(git::commit_author(workspace.repo, id)));
  });
  std::size_t dropped = static_cast<std::size_t>(commits.end() - others);
  commits.erase(others, commits.end());
  return dropped;
}

std::vector<review::CommitReview> run_review(const Workspace& workspace,
                                             const std::vector<std::string>& commits,
                                             const review::RuleSet& rules,
                                             const ReviewRequest& request, Streams& streams) {
  review::ReviewOptions options = review_options(workspace, request);
  Progress progress(streams, streams.err_is_terminal && request.progress && commits.size() > 1);
  git::Mailmap mailmap(workspace.repo);
  // Findings carry the author as .mailmap names them.
  auto resolve_authors = [&](std::span<review::CommitReview> part) {
    for (auto& review : part) {
      git::Person author = mailmap.resolve({review.commit.author_name, review.commit.author_email});
      for (auto& finding : review.findings)
        finding.author = author.display();
      review.commit.author_name = std::move(author.name);
      review.commit.author_email = std::move(author.email);
    }
  };
  std::vector<review::CommitReview> reviews;
  if (request.staged) {
    reviews.push_back(review::review_staged(workspace.repo, rules, options));
    resolve_authors(reviews);
  }
  const std::size_t step = request.after_batch && request.batch != 0
                               ? request.batch
                               : std::max<std::size_t>(1, commits.size());
  for (std::size_t start = 0; !request.staged && start < commits.size(); start += step) {
    std::vector<std::string> part(
        commits.begin() + static_cast<std::ptrdiff_t>(start),
        commits.begin() + static_cast<std::ptrdiff_t>(std::min(start + step, commits.size())));
    options.progress = [&, start](std::size_t done, std::size_t) {
      progress.update(start + done, commits.size());
    };
    std::vector<review::CommitReview> reviewed =
        review::review_commits(workspace.repo.git_dir(), part, rules, options);
    resolve_authors(reviewed);
    if (request.after_batch)
      request.after_batch(reviewed);
    std::move(reviewed.begin(), reviewed.end(), std::back_inserter(reviews));
  }
  progress.finish();
  if (request.report_skipped) {
    for (const auto& review : reviews) {
      for (const auto& skipped : review.skipped) {
        fmt::print(streams.err, "git-mentor: skipped {} in {}: {}\n", skipped.path,
                   review.commit.id.substr(0, 12), skipped.reason);
      }
    }
  }
  return reviews;
}

FailOn effective_fail_on(const std::string& option, const Config& config) {
  if (!option.empty())
    return fail_on_from_string(option).value_or(FailOn::error);
  return config.fail_on.value_or(FailOn::error);
}

bool is_blocking(const review::Finding& finding, FailOn fail_on) {
  if (fail_on == FailOn::never || finding.suppressed)
    return false;
  rules::Severity threshold =
      fail_on == FailOn::warning ? rules::Severity::warning : rules::Severity::error;
  return rules::blocks(finding.rule->severity, threshold);
}

int run_check(const CheckArgs& args, Streams& streams) {
  Workspace workspace = open_workspace(args.directory);
  if (args.staged && !args.ranges.empty()) {
    throw Error("--staged reviews the index against HEAD and takes no RANGE");
  }
  if (args.staged && workspace.repo.is_bare()) {
    throw Error("--staged needs a work tree; this repository is bare");
  }
  if (args.staged && args.record) {
    throw Error("--record stores findings on commits; staged changes are not a commit yet");
  }
  ReviewRequest request;
  request.staged = args.staged;
  request.scope = review::scope_from_string(args.scope).value_or(review::Scope::introduced);
  request.jobs = args.jobs;
  request.progress = !args.quiet;
  request.report_skipped = !args.quiet;

  review::RuleSet rules;
  std::vector<std::string> commits;
  if (args.staged) {
    // The pre-commit hook: compile only the languages the index changes.
    load_rules_for_changes(workspace, args.directory, args.rules, commits, request, rules);
  } else {
    load_workspace_rules(workspace, args.directory, args.rules, rules);
    commits = git::resolve_commits(workspace.repo, args.ranges);
    std::size_t others = keep_mentees(workspace, commits);
    if (others > 0 && !args.quiet) {
      fmt::print(streams.err,
                 "git-mentor: skipped {} commit{} by authors who are not mentees (`mentees:` in "
                 "{})\n",
                 others, others == 1 ? "" : "s", kConfigFile);
    }
  }
  // --record stores each batch as soon as it is reviewed: a long backfill that is interrupted
  // keeps what it did, and running it again completes it.
  std::size_t newly_recorded = 0;
  if (args.record) {
    request.batch = kRecordBatch;
    request.after_batch = [&](std::span<const review::CommitReview> part) {
      auto warn = [&](const std::string& message) {
        fmt::print(streams.err, "git-mentor: warning: {}\n", message);
      };
      if (record::record_reviews(workspace.repo, part, GIT_MENTOR_VERSION, warn))
        newly_recorded += part.size();
    };
  }
  std::vector<review::CommitReview> reviews =
      run_review(workspace, commits, rules, request, streams);
  if (args.record && !args.quiet) {
    std::size_t findings = 0;
    for (const auto& review : reviews)
      findings += review.findings.size();
    fmt::print(streams.err, "git-mentor: {} finding{} of {} commit{} {} in {}\n", findings,
               findings == 1 ? "" : "s", reviews.size(), reviews.size() == 1 ? "" : "s",
               newly_recorded == 0 ? "were already recorded" : "recorded", record::kFindingsRef);
  }

  if (args.format == "json") {
    report::write_json(streams.out, reviews);
  } else {
    report::write_text(streams.out, reviews, {use_color(args, streams), args.quiet});
  }

  FailOn fail_on = effective_fail_on(args.fail_on, workspace.config);
  for (const auto& review : reviews) {
    for (const auto& finding : review.findings) {
      if (is_blocking(finding, fail_on))
        return 1;
    }
  }
  return 0;
}

}  // namespace mentor::cli
