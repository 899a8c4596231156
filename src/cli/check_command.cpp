// `git mentor check`.
#include "cli/check_command.hpp"
#include "cli/color.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <utility>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/config.hpp"
#include "cli/progress.hpp"
#include "cli/workspace.hpp"
#include "git/commit_range.hpp"
#include "git/file_at.hpp"
#include "git/identity.hpp"
#include "git/repository.hpp"
#include "git/shallow.hpp"
#include "lang/language.hpp"
#include "record/findings_record.hpp"
#include "record/fix_history.hpp"
#include "record/reviews_record.hpp"
#include "report/github_report.hpp"
#include "report/json_report.hpp"
#include "report/markdown_report.hpp"
#include "report/sarif_report.hpp"
#include "report/text_report.hpp"
#include "review/fix_gate.hpp"
#include "review/reviewer.hpp"
#include "review/tip.hpp"
#include "util/encoding.hpp"
#include "util/error.hpp"

namespace mentor::cli {

namespace {

// Commits reviewed between two writes of the record.
constexpr std::size_t kRecordBatch = 100;

// Up to this many commits, check compiles only the bundled rules of the languages they touch.
constexpr std::size_t kFilterBundledUpTo = 10;

// Line `line` (1-based, without its terminator) of the file a finding is in, as reviewed: from
// its commit, or from the index for staged changes. Files are read once.
class ReviewedLines {
 public:
  explicit ReviewedLines(const git::Repository& repo) : repo_(repo) {}

  std::optional<std::string> operator()(const review::Finding& f, std::uint32_t line) {
    auto key = std::make_pair(f.commit, f.path);
    auto it = files_.find(key);
    if (it == files_.end()) {
      it = files_
               .emplace(std::move(key), f.commit.empty()
                                            ? git::read_staged_file(repo_, f.path)
                                            : git::read_file_at(repo_, f.commit, f.path))
               .first;
    }
    if (!it->second || line == 0)
      return std::nullopt;
    std::string_view text = *it->second;
    for (std::uint32_t n = 1; n < line; ++n) {
      std::size_t eol = text.find('\n');
      if (eol == std::string_view::npos)
        return std::nullopt;
      text.remove_prefix(eol + 1);
    }
    text = text.substr(0, text.find('\n'));
    if (!text.empty() && text.back() == '\r')
      text.remove_suffix(1);
    return std::string(text);
  }

 private:
  const git::Repository& repo_;
  std::map<std::pair<std::string, std::string>, std::optional<std::string>> files_;
};

// What mentors decided about findings, from the reviews record (refs/notes/mentor-reviews): the
// newest confirmed / dismissed / praised verdict, with the note that came with it (else the
// newest note on the finding). Verdicts given before a commit was rewritten count for the
// rewritten `commits` (record::carry_verdicts).
class MentorVerdicts {
 public:
  MentorVerdicts(const git::Repository& repo, const std::vector<std::string>& commits,
                 Streams& streams) {
    auto warn = [&](const std::string& message) { print_warning(streams, message); };
    record::ReviewsRecord reviews = record::read_reviews(repo, warn);
    if (!commits.empty())
      record::carry_verdicts(reviews, record::read_records(repo, commits, warn));
    record_ = std::make_shared<const record::ReviewsRecord>(std::move(reviews));
  }

  std::optional<report::MentorVerdict> operator()(const review::Finding& f) const {
    if (f.commit.empty())
      return std::nullopt;  // staged changes have no review yet
    const record::FindingReview* review = record_->find({f.commit, f.fingerprint});
    if (review == nullptr || !review->verdict)
      return std::nullopt;
    report::MentorVerdict verdict;
    switch (*review->verdict) {
      case record::Verdict::confirmed:
        verdict.kind = report::MentorVerdict::Kind::confirmed;
        break;
      case record::Verdict::noted:  // not a verdict (FindingReview::verdict never holds it)
        return std::nullopt;
      case record::Verdict::dismissed:
        verdict.kind = report::MentorVerdict::Kind::dismissed;
        break;
      case record::Verdict::praised:
        verdict.kind = report::MentorVerdict::Kind::praised;
        break;
    }
    const auto& history = review->history;
    auto given = std::find_if(history.rbegin(), history.rend(), [&](const auto& annotation) {
      return annotation.verdict == *review->verdict;
    });
    if (given != history.rend()) {
      verdict.mentor = given->mentor;
      verdict.note = given->note;
      verdict.time = given->time;
    }
    if (verdict.note.empty()) {
      auto noted = std::find_if(history.rbegin(), history.rend(),
                                [](const auto& annotation) { return !annotation.note.empty(); });
      if (noted != history.rend())
        verdict.note = noted->note;
    }
    return verdict;
  }

 private:
  std::shared_ptr<const record::ReviewsRecord> record_;
};

// Says on stderr that `ranges` (given on the command line) name no commits, and suggests the
// reversed range when that one is not empty: "A..B has no commits; did you mean B..A (3
// commits)?".
void say_range_is_empty(const git::Repository& repo, const std::vector<std::string>& ranges,
                        Streams& streams) {
  std::string named = util::terminal_safe(fmt::format("{}", fmt::join(ranges, " ")));
  std::optional<std::string> reversed;
  if (ranges.size() == 1)
    reversed = git::reversed_range(ranges.front());
  std::size_t count = 0;
  if (reversed) {
    try {
      count = git::resolve_commits(repo, {*reversed}).size();
    } catch (const Error&) {
      count = 0;  // "A..B" was one revision with dots in it, not a range
    }
  }
  if (count == 0) {
    fmt::print(streams.err, "git-mentor: {} has no commits\n", named);
    return;
  }
  fmt::print(streams.err, "git-mentor: {} has no commits; did you mean {} ({} commit{})?\n", named,
             util::terminal_safe(*reversed), count, count == 1 ? "" : "s");
}

void write_report(const CheckArgs& args, const Workspace& workspace,
                  std::span<const review::CommitReview> reviews, Streams& streams) {
  if (args.format == "json") {
    report::write_json(streams.out, reviews);
  } else if (args.format == "sarif") {
    report::SarifOptions options;
    options.tool_version = GIT_MENTOR_VERSION;
    options.line_text = ReviewedLines(workspace.repo);
    // Only SARIF reads the reviews record: the other formats cost nothing more.
    std::vector<std::string> commits;
    for (const auto& review : reviews) {
      if (!review.commit.id.empty())
        commits.push_back(review.commit.id);
    }
    options.verdict = MentorVerdicts(workspace.repo, commits, streams);
    report::write_sarif(streams.out, reviews, options);
  } else if (args.format == "github") {
    report::write_github(streams.out, reviews);
  } else if (args.format == "markdown") {
    report::MarkdownOptions options;
    // A finding of the newest commit (reviews are oldest first) or of the staged changes is
    // where the head of the range has it: a suggestion of its lines is right there.
    std::string head = reviews.empty() ? std::string() : reviews.back().commit.id;
    options.at_head = [head](const review::Finding& f) {
      return !f.fixed_later && f.commit == head;
    };
    report::write_markdown(streams.out, reviews, options);
  } else {
    report::write_text(streams.out, reviews,
                       {use_color(args.color, streams.out_is_terminal), args.quiet});
  }
}

}  // namespace

review::ReviewOptions review_options(const Workspace& workspace, const ReviewRequest& request) {
  review::ReviewOptions options;
  options.scope = request.scope;
  options.jobs = request.jobs;
  options.max_file_bytes = workspace.config.max_file_bytes;
  options.ignores = workspace.config.ignores;
  options.languages = &workspace.languages;
  options.cache_directory = request.cache_directory;
  return options;
}

void load_rules_for_changes(const Workspace& workspace, const std::string& directory,
                            const RuleSources& extra, const std::vector<std::string>& commits,
                            const ReviewRequest& request, review::RuleSet& set, bool bundled_only) {
  rules::LanguageFilter filter;
  filter.only = review::languages_touched(workspace.repo, commits, request.staged,
                                          review_options(workspace, request));
  load_workspace_rules(workspace, directory, extra, set,
                       {.filter = &filter, .bundled_only = bundled_only});
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

std::size_t drop_shallow_boundary(const Workspace& workspace, std::vector<std::string>& commits,
                                  Streams& streams) {
  const std::set<std::string> boundary = git::shallow_commits(workspace.repo);
  if (boundary.empty())
    return 0;
  std::vector<std::string> dropped;
  std::erase_if(commits, [&](const std::string& id) {
    if (!boundary.contains(id))
      return false;
    dropped.push_back(id.substr(0, 12));
    return true;
  });
  if (!dropped.empty()) {
    fmt::print(streams.err,
               "git-mentor: not reviewed: {} commit{} at the boundary of this shallow clone ({}): "
               "{} parents are not here, so what {} introduced cannot be told; `git fetch "
               "--deepen=N` (or --unshallow) fetches more history\n",
               dropped.size(), dropped.size() == 1 ? "" : "s", fmt::join(dropped, ", "),
               dropped.size() == 1 ? "its" : "their", dropped.size() == 1 ? "it" : "they");
  }
  return dropped.size();
}

void prepare_commit_review(const Workspace& workspace, const std::string& directory,
                           const RuleSources& extra, std::vector<std::string>& commits,
                           const ReviewRequest& request, review::RuleSet& rules, Streams& streams,
                           bool quiet) {
  drop_shallow_boundary(workspace, commits, streams);
  std::size_t others = keep_mentees(workspace, commits);
  // Finding the languages costs a tree diff per commit (against each parent): less than
  // compiling every bundled rule for a few commits only (tests/bench/README.md).
  if (commits.size() <= kFilterBundledUpTo)
    load_rules_for_changes(workspace, directory, extra, commits, request, rules, true);
  else
    load_workspace_rules(workspace, directory, extra, rules);
  if (others > 0 && !quiet) {
    fmt::print(streams.err,
               "git-mentor: skipped {} commit{} by authors who are not mentees (`mentees:` in "
               "{})\n",
               others, others == 1 ? "" : "s", kConfigFile);
  }
}

void say_recorded(std::span<const review::CommitReview> reviews, std::size_t newly_recorded,
                  Streams& streams) {
  std::size_t findings = 0;
  for (const auto& review : reviews)
    findings += review.findings.size();
  fmt::print(streams.err, "git-mentor: {} finding{} of {} commit{} {} in {}\n", findings,
             findings == 1 ? "" : "s", reviews.size(), reviews.size() == 1 ? "" : "s",
             newly_recorded == 0 ? "were already recorded" : "recorded", record::kFindingsRef);
}

std::vector<review::CommitReview> run_review(const Workspace& workspace,
                                             const std::vector<std::string>& commits,
                                             const review::RuleSet& rules,
                                             const ReviewRequest& request, Streams& streams) {
  review::ReviewOptions options = review_options(workspace, request);
  Progress progress(streams, streams.err_is_terminal && request.progress && commits.size() > 1,
                    "reviewed");
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
        fmt::print(streams.err, "git-mentor: skipped {} in {}: {}\n",
                   util::terminal_safe(skipped.path), review.commit.id.substr(0, 12),
                   util::terminal_safe(skipped.reason));
      }
    }
  }
  return reviews;
}

std::vector<review::CommitReview> review_and_record(const Workspace& workspace,
                                                    const std::vector<std::string>& commits,
                                                    const review::RuleSet& rules,
                                                    ReviewRequest request, Streams& streams,
                                                    std::size_t& newly_recorded) {
  // Each batch is stored as soon as it is reviewed: a long backfill that is interrupted keeps
  // what it did, and running it again completes it.
  request.batch = kRecordBatch;
  request.after_batch = [&](std::span<const review::CommitReview> part) {
    auto warn = [&](const std::string& message) { print_warning(streams, message); };
    if (record::record_reviews(workspace.repo, part, GIT_MENTOR_VERSION, warn))
      newly_recorded += part.size();
  };
  return run_review(workspace, commits, rules, request, streams);
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

void mark_fixed_later(const Workspace& workspace, std::span<review::CommitReview> reviews,
                      const review::RuleSet& rules, const ReviewRequest& request, FailOn fail_on) {
  mark_fixed_later(
      workspace, reviews, rules, request,
      [&](const review::Finding& f) { return is_blocking(f, fail_on); }, nullptr);
}

void mark_fixed_later(const Workspace& workspace, std::span<review::CommitReview> reviews,
                      const review::RuleSet& rules, const ReviewRequest& request,
                      const std::function<bool(const review::Finding&)>& asked,
                      review::TipPlaces* places) {
  review::mark_fixed_later(workspace.repo, reviews, rules, review_options(workspace, request),
                           asked, places);
}

void hold_back_fixes(const Workspace& workspace, std::span<review::CommitReview> reviews,
                     const review::RuleSet& rules, Streams& streams) {
  bool any = std::any_of(rules.all().begin(), rules.all().end(),
                         [](const rules::Rule* rule) { return rule->fix_after > 1; });
  if (!any)
    return;
  git::Mailmap mailmap(workspace.repo);
  std::set<std::string> reviewed;
  for (const auto& review : reviews)
    reviewed.insert(review.commit.id);
  review::PriorFindings prior;
  auto warn = [&](const std::string& message) {
    fmt::print(streams.err, "git-mentor: warning: {}\n", util::terminal_safe(message));
  };
  for (const auto& [key, count] : record::prior_findings(workspace.repo, reviewed, warn))
    prior[{key.first, mailmap.resolve_display(key.second)}] += count;
  review::withhold_fixes(
      reviews, prior, [](const rules::Rule& rule) { return rule.fix_after; },
      [&](const std::string& author) { return mailmap.resolve_display(author); });
}

std::size_t count_blocking(std::span<const review::CommitReview> reviews, FailOn fail_on) {
  std::size_t blocking = 0;
  for (const auto& review : reviews) {
    for (const auto& finding : review.findings)
      blocking += is_blocking(finding, fail_on) && !finding.fixed_later ? 1U : 0U;
  }
  return blocking;
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
    commits = git::resolve_commits(workspace.repo, args.ranges);
    if (commits.empty() && !args.ranges.empty())
      say_range_is_empty(workspace.repo, args.ranges, streams);
    prepare_commit_review(workspace, args.directory, args.rules, commits, request, rules, streams,
                          args.quiet);
  }
  std::size_t newly_recorded = 0;
  std::vector<review::CommitReview> reviews =
      args.record ? review_and_record(workspace, commits, rules, request, streams, newly_recorded)
                  : run_review(workspace, commits, rules, request, streams);
  if (args.record && !args.quiet)
    say_recorded(reviews, newly_recorded, streams);

  FailOn fail_on = effective_fail_on(args.fail_on, workspace.config);
  if (!args.staged)
    mark_fixed_later(workspace, reviews, rules, request, fail_on);
  hold_back_fixes(workspace, reviews, rules, streams);
  write_report(args, workspace, reviews, streams);
  return count_blocking(reviews, fail_on) == 0 ? 0 : 1;
}

}  // namespace mentor::cli
