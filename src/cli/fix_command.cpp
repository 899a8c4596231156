// `git mentor fix`.
#include "cli/fix_command.hpp"
#include "cli/color.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/atomic_write.hpp"
#include "cli/check_command.hpp"
#include "cli/workspace.hpp"
#include "git/identity.hpp"
#include "report/fix_diff.hpp"
#include "review/fix_apply.hpp"
#include "review/reviewer.hpp"
#include "util/encoding.hpp"
#include "util/error.hpp"
#include "util/regular_file.hpp"

namespace mentor::cli {

namespace fs = std::filesystem;

namespace {

// `paths` (relative to `directory`) relative to the work tree root `workdir`. Throws
// mentor::Error for a path outside the work tree.
std::vector<std::string> pathspecs(const std::vector<std::string>& paths,
                                   const std::string& directory, const std::string& workdir) {
  std::vector<std::string> specs;
  const fs::path root = fs::canonical(workdir);
  for (const auto& path : paths) {
    fs::path full = fs::weakly_canonical(fs::absolute(fs::path(directory) / path));
    if (!util::is_within(root, full))
      throw Error("not in the working tree: " + util::terminal_safe(path));
    std::string relative = full.lexically_relative(root).generic_string();
    if (relative.empty() || relative == ".")
      return {};  // the whole work tree
    specs.push_back(relative);
  }
  return specs;
}

enum class Answer { yes, no, all, quit };

// Asks on the terminal whether to apply one fix; end of input quits.
Answer ask(Streams& streams) {
  for (;;) {
    fmt::print(streams.err, "Apply this fix? [y,n,a,q] ");
    streams.err.flush();
    std::string answer;
    if (streams.in == nullptr || !std::getline(*streams.in, answer))
      return Answer::quit;
    if (answer == "y" || answer == "Y")
      return Answer::yes;
    if (answer == "n" || answer == "N")
      return Answer::no;
    if (answer == "a" || answer == "A")
      return Answer::all;
    if (answer == "q" || answer == "Q")
      return Answer::quit;
    fmt::print(streams.err, "y: apply it, n: leave it, a: apply it and all the rest, q: stop\n");
  }
}

void show(Streams& streams, const review::Finding& f, bool color) {
  fmt::print(streams.out, "{}:{}:{}: {} [{}]\n", util::terminal_safe(f.path), f.fix->line,
             f.fix->column, util::terminal_safe(f.message), util::terminal_safe(f.rule->id));
  report::write_fix_diff(streams.out, *f.fix, "  ", color);
}

}  // namespace

int run_fix(const FixArgs& args, Streams& streams) {
  Workspace workspace = open_workspace(args.directory);
  if (workspace.repo.is_bare())
    throw Error("fix changes files in the work tree; this repository is bare");
  const std::string workdir = workspace.repo.workdir();
  std::vector<std::string> specs = pathspecs(args.paths, args.directory, workdir);

  review::RuleSet rules;
  load_workspace_rules(workspace, args.directory, args.rules, rules);
  ReviewRequest request;
  review::CommitReview review =
      review::review_worktree(workspace.repo, rules, review_options(workspace, request), specs);
  for (const auto& skipped : review.skipped) {
    fmt::print(streams.err, "git-mentor: skipped {}: {}\n", util::terminal_safe(skipped.path),
               util::terminal_safe(skipped.reason));
  }
  git::Mailmap mailmap(workspace.repo);
  const std::string author =
      mailmap.resolve({review.commit.author_name, review.commit.author_email}).display();
  for (auto& finding : review.findings)
    finding.author = author;
  hold_back_fixes(workspace, std::span<review::CommitReview>(&review, 1), rules, streams);

  // The fixes on offer, by file; findings are sorted by path.
  std::map<std::string, std::vector<const review::Finding*>> by_file;
  for (const auto& f : review.findings) {
    if (f.fix && !f.suppressed)
      by_file[f.path].push_back(&f);
  }
  if (by_file.empty()) {
    fmt::print(streams.err, "git-mentor: no fix to apply\n");
    return 0;
  }

  const bool color = use_color(args.color, streams.out_is_terminal);
  const bool interactive =
      !args.yes && !args.dry_run && streams.in_is_terminal && streams.in != nullptr;
  const bool applying = args.yes || interactive;
  std::size_t offered = 0;
  std::size_t applied = 0;
  std::size_t left = 0;  // skipped, declined or not asked
  bool quit = false;
  bool all = args.yes;
  for (const auto& [path, findings] : by_file) {
    const fs::path file = fs::path(workdir) / path;
    std::vector<review::Fix> fixes;
    for (const auto* f : findings)
      fixes.push_back(*f->fix);
    std::string text;
    try {
      text = util::read_regular_file(file, workspace.config.max_file_bytes, "file");
    } catch (const Error& e) {
      print_warning(streams, e.what());
      left += fixes.size();
      continue;
    }
    review::FixOutcome possible = review::apply_fixes(text, fixes);
    for (const auto& skip : possible.skipped) {
      fmt::print(streams.err, "git-mentor: not applied: {}:{}:{} [{}]: {}\n",
                 util::terminal_safe(path), fixes[skip.index].line, fixes[skip.index].column,
                 util::terminal_safe(findings[skip.index]->rule->id), skip.reason);
    }
    left += possible.skipped.size();
    std::vector<review::Fix> accepted;
    for (std::size_t i : possible.applied) {
      ++offered;
      if (quit) {
        ++left;
        continue;
      }
      show(streams, *findings[i], color);
      if (!applying || all) {
        if (all)
          accepted.push_back(fixes[i]);
        else
          ++left;
        continue;
      }
      switch (ask(streams)) {
        case Answer::yes:
          accepted.push_back(fixes[i]);
          break;
        case Answer::all:
          all = true;
          accepted.push_back(fixes[i]);
          break;
        case Answer::no:
          ++left;
          break;
        case Answer::quit:
          quit = true;
          ++left;
          break;
      }
    }
    if (accepted.empty())
      continue;
    // The file as it is now: it may have changed while we asked.
    std::string now = util::read_regular_file(file, workspace.config.max_file_bytes, "file");
    review::FixOutcome outcome = review::apply_fixes(now, accepted);
    for (const auto& skip : outcome.skipped) {
      fmt::print(streams.err, "git-mentor: not applied: {}:{}:{}: {}\n", util::terminal_safe(path),
                 accepted[skip.index].line, accepted[skip.index].column, skip.reason);
    }
    left += outcome.skipped.size();
    if (outcome.applied.empty())
      continue;
    write_file_atomically(file, outcome.text);
    applied += outcome.applied.size();
  }

  if (args.dry_run) {
    fmt::print(streams.err, "git-mentor: {} fix{} shown, none applied (--dry-run)\n", offered,
               offered == 1 ? "" : "es");
    return 0;
  }
  if (!applying) {
    fmt::print(streams.err,
               "git-mentor: {} fix{} not applied: not on a terminal to ask; run `git mentor fix "
               "--yes` to apply {}\n",
               offered, offered == 1 ? "" : "es", offered == 1 ? "it" : "them");
    return 1;
  }
  fmt::print(streams.err, "git-mentor: applied {} fix{}{}\n", applied, applied == 1 ? "" : "es",
             left == 0 ? std::string() : fmt::format(", left {}", left));
  return left == 0 ? 0 : 1;
}

}  // namespace mentor::cli
