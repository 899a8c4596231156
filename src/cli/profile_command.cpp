// `git mentor profile`.
#include "cli/profile_command.hpp"

#include <algorithm>
#include <ctime>
#include <memory>
#include <set>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/check_command.hpp"
#include "cli/summary_input.hpp"
#include "cli/workspace.hpp"
#include "git/identity.hpp"
#include "loop/profile.hpp"
#include "summary/render.hpp"
#include "util/error.hpp"
#include "util/suggest.hpp"

namespace mentor::cli {

namespace {

// At most this many authors are named when --mentee matches none.
constexpr std::size_t kAuthorsNamed = 5;

git::Person person_of(const summary::CommitInput& commit) {
  return {commit.author_name, commit.author_email};
}

// "HEAD's history", "main..topic", with " since DATE".
std::string scope_words(const ProfileArgs& args, std::optional<std::int64_t> since) {
  std::string out;
  for (const auto& range : args.ranges)
    out += (out.empty() ? "" : " ") + range;
  if (out.empty())
    out = "HEAD's history";
  if (since)
    out += " since " + summary::format_time(*since);
  return out;
}

// The error for a --mentee who authored none of `commits`: how many commits were selected, a few
// of their authors, and the nearest email or name.
Error no_such_mentee(const ProfileArgs& args, std::optional<std::int64_t> since,
                     const std::vector<summary::CommitInput>& commits) {
  std::set<std::string> authors;
  std::vector<std::string> names;
  for (const auto& commit : commits) {
    if (authors.insert(person_of(commit).display()).second) {
      names.push_back(commit.author_email);
      names.push_back(commit.author_name);
    }
  }
  std::string message =
      fmt::format("--mentee '{}' authored none of the {} commit{} of {}", args.mentee,
                  commits.size(), commits.size() == 1 ? "" : "s", scope_words(args, since));
  if (!authors.empty()) {
    std::string listed;
    std::size_t n = 0;
    for (auto it = authors.begin(); it != authors.end() && n < kAuthorsNamed; ++it, ++n)
      listed += (listed.empty() ? "" : ", ") + *it;
    if (authors.size() > kAuthorsNamed)
      listed += fmt::format(" and {} more", authors.size() - kAuthorsNamed);
    std::vector<std::string_view> candidates(names.begin(), names.end());
    message += "; its authors: " + listed + did_you_mean(args.mentee, candidates);
  }
  return Error(message);
}

}  // namespace

int run_profile(const ProfileArgs& args, Streams& streams) {
  Workspace workspace = open_workspace(args.directory);
  std::optional<std::int64_t> since;
  if (!args.since.empty())
    since = parse_date_option("--since", args.since, static_cast<std::int64_t>(std::time(nullptr)));
  Selection selection;
  selection.ranges = args.ranges;
  selection.all_authors = true;  // the team is every other author
  selection.since = since;
  auto source = std::make_unique<SummarySource>();
  read_summary_source(workspace, args.directory, selection, streams, *source);

  auto is_mentee = [&](const summary::CommitInput& commit) {
    return git::matches_person(args.mentee, person_of(commit));
  };
  const auto& commits = source->input.commits;
  if (std::none_of(commits.begin(), commits.end(), is_mentee))
    throw no_such_mentee(args, since, commits);

  if (!args.no_review) {
    // What `check --record` would record of the selection and has not: every author's, since
    // the team's rates count as much as the mentee's.
    std::vector<std::string> unrecorded;
    for (const auto& commit : commits) {
      if (!commit.reviewed)
        unrecorded.push_back(commit.id);
    }
    ReviewRequest request;
    request.jobs = args.jobs;
    review::RuleSet rules;
    if (!unrecorded.empty()) {
      prepare_commit_review(workspace, args.directory, args.rules, unrecorded, request, rules,
                            streams, false);
    }
    if (!unrecorded.empty()) {
      std::size_t newly_recorded = 0;
      std::vector<review::CommitReview> reviews =
          review_and_record(workspace, unrecorded, rules, request, streams, newly_recorded);
      say_recorded(reviews, newly_recorded, streams);
      if (newly_recorded > 0) {
        source = std::make_unique<SummarySource>();
        read_summary_source(workspace, args.directory, selection, streams, *source);
      }
    }
  }

  const loop::Profile profile = loop::profile(source->input, is_mentee, workspace.config.summary);
  if (args.format == "json") {
    streams.out << summary::render_profile_json(profile, args.mentee, args.ranges, since,
                                                GIT_MENTOR_VERSION);
  } else {
    streams.out << summary::render_profile_text(profile, args.mentee, scope_words(args, since));
  }
  return 0;
}

}  // namespace mentor::cli
