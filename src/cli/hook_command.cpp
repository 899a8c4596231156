// `git mentor hook pre-push` and `git mentor hook pre-commit`.
#include "cli/hook_command.hpp"
#include "cli/color.hpp"

#include <cstdlib>
#include <set>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/check_command.hpp"
#include "cli/goal_command.hpp"
#include "cli/pre_push_input.hpp"
#include "git/commit_range.hpp"
#include "report/hook_report.hpp"
#include "util/encoding.hpp"
#include "util/error.hpp"
#include "util/phase_timer.hpp"

namespace mentor::cli {

namespace {

std::string_view fail_on_name(FailOn fail_on) {
  switch (fail_on) {
    case FailOn::error:
      return "error";
    case FailOn::warning:
      return "warning";
    case FailOn::never:
      return "never";
  }
  return "error";
}

// Locates the blocking findings at the tip, prints the hook's report on stderr and returns the
// number of blocking findings.
std::size_t report_to_hook_user(const Workspace& workspace, std::span<review::CommitReview> reviews,
                                const review::RuleSet& rules, const ReviewRequest& request,
                                std::string_view action, Streams& streams) {
  FailOn fail_on = effective_fail_on("", workspace.config);
  review::TipPlaces places;
  if (!request.staged) {
    // Every finding is looked for at the tip, so each is shown where its code is there. Only a
    // blocking one is "fixed later" when its code is gone: info and praise whose code is gone
    // are shown where their commit put them.
    mark_fixed_later(
        workspace, reviews, rules, request, [](const review::Finding&) { return true; }, &places);
    for (auto& review : reviews) {
      for (auto& f : review.findings) {
        if (!is_blocking(f, fail_on))
          f.fixed_later = false;
      }
    }
  }
  hold_back_fixes(workspace, reviews, rules, streams);
  report::HookReportOptions options;
  options.places = request.staged ? nullptr : &places;
  options.action = action;
  options.at_threshold = [&](const review::Finding& f) { return is_blocking(f, fail_on); };
  options.fail_on = fail_on_name(fail_on);
  options.color = use_color("auto", streams.err_is_terminal);
  return report::write_hook_report(streams.err, reviews, options);
}

// Where the hook keeps the reviews of the commits it saw, so that pushing them again (after a
// refused push, to another remote) reads them back: in the repository, unless
// GIT_MENTOR_REVIEW_CACHE=off.
std::string review_cache_directory(const Workspace& workspace) {
  const char* setting = std::getenv("GIT_MENTOR_REVIEW_CACHE");
  if (setting != nullptr && std::string_view(setting) == "off")
    return {};
  return workspace.repo.git_dir() + "git-mentor/review-cache";
}

}  // namespace

int run_hook_pre_push(const HookArgs& args, Streams& streams, std::istream& in) {
  util::PhaseTimer timer(streams.err);
  std::vector<git::PushedRef> refs = read_pre_push_input(in);
  Workspace workspace = open_workspace(args.directory);
  timer.mark("open");

  std::vector<std::string> commits;
  std::set<std::string> seen;
  for (const auto& ref : refs) {
    for (auto& id : git::commits_to_push(workspace.repo, args.remote, ref)) {
      if (seen.insert(id).second)
        commits.push_back(std::move(id));
    }
  }
  drop_shallow_boundary(workspace, commits, streams);
  keep_mentees(workspace, commits);
  timer.mark("commits");
  if (commits.empty())
    return 0;

  ReviewRequest request;
  request.report_skipped = false;
  request.cache_directory = review_cache_directory(workspace);
  review::RuleSet rules;
  load_rules_for_changes(workspace, args.directory, {}, commits, request, rules);
  timer.mark("rules");
  std::vector<review::CommitReview> reviews =
      run_review(workspace, commits, rules, request, streams);
  timer.mark("review");

  std::size_t blocking = report_to_hook_user(workspace, reviews, rules, request, "push", streams);
  timer.mark("report");
  mention_goals(workspace, args.directory, reviews, rules, streams);
  timer.mark("goals");
  return blocking == 0 ? 0 : 1;
}

int run_hook_pre_commit(const HookArgs& args, Streams& streams) {
  Workspace workspace = open_workspace(args.directory);
  if (workspace.repo.is_bare())
    throw Error("the pre-commit hook needs a work tree; this repository is bare");
  ReviewRequest request;
  request.staged = true;
  request.report_skipped = false;
  review::RuleSet rules;
  load_rules_for_changes(workspace, args.directory, {}, {}, request, rules);
  std::vector<review::CommitReview> reviews = run_review(workspace, {}, rules, request, streams);
  std::size_t blocking = report_to_hook_user(workspace, reviews, rules, request, "commit", streams);
  return blocking == 0 ? 0 : 1;
}

}  // namespace mentor::cli
