// `git mentor hook pre-push`.
#include "cli/hook_command.hpp"

#include <set>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/check_command.hpp"
#include "cli/pre_push_input.hpp"
#include "git/commit_range.hpp"
#include "util/encoding.hpp"
#include "util/error.hpp"
#include "util/phase_timer.hpp"

namespace mentor::cli {

namespace {

std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r'))
    line.pop_back();
  return line;
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
  keep_mentees(workspace, commits);
  timer.mark("commits");
  if (commits.empty())
    return 0;

  ReviewRequest request;
  request.report_skipped = false;
  review::RuleSet rules;
  load_rules_for_changes(workspace, args.directory, {}, commits, request, rules);
  timer.mark("rules");
  std::vector<review::CommitReview> reviews =
      run_review(workspace, commits, rules, request, streams);
  timer.mark("review");

  FailOn fail_on = effective_fail_on("", workspace.config);
  mark_fixed_later(workspace, reviews, rules, request, fail_on);
  std::size_t blocking = count_blocking(reviews, fail_on);
  std::size_t fixed = 0;
  std::set<std::string> blocking_rules;
  for (const auto& review : reviews) {
    for (const auto& f : review.findings) {
      // Paths, messages (with captured code) and lessons come from the repository.
      fmt::print(streams.err, "{}:{}:{}: {}{}{}: {} [{}]\n", util::terminal_safe(f.path), f.line,
                 f.column, rules::to_string(f.rule->severity), f.suppressed ? " (suppressed)" : "",
                 f.fixed_later ? " (fixed later in this push)" : "", util::terminal_safe(f.message),
                 util::terminal_safe(f.rule->id));
      if (!f.rule->lesson.empty())
        fmt::print(streams.err, "    {}\n", util::terminal_safe(first_line(f.rule->lesson)));
      if (is_blocking(f, fail_on) && !f.fixed_later)
        blocking_rules.insert(f.rule->id);
      fixed += f.fixed_later ? 1U : 0U;
    }
  }
  if (fixed > 0) {
    fmt::print(streams.err,
               "git-mentor: {} finding{} fixed by a later commit of this push: shown, not "
               "blocking.\n",
               fixed, fixed == 1 ? "" : "s");
  }
  if (blocking == 0)
    return 0;
  fmt::print(streams.err,
             "git-mentor: push refused: {} blocking finding{} in {} commit{} being pushed.\n"
             "git-mentor: `git mentor rules explain {}` tells more; "
             "`git push --no-verify` skips this check.\n",
             blocking, blocking == 1 ? "" : "s", commits.size(), commits.size() == 1 ? "" : "s",
             *blocking_rules.begin());
  return 1;
}

}  // namespace mentor::cli
