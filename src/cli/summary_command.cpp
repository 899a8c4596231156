// `git mentor summary`.
#include "cli/summary_command.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <memory>
#include <set>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/goal_command.hpp"
#include "cli/summary_input.hpp"
#include "cli/workspace.hpp"
#include "git/identity.hpp"
#include "loop/mentor_load.hpp"
#include "loop/practice.hpp"
#include "summary/render.hpp"
#include "summary/summary.hpp"
#include "util/encoding.hpp"
#include "util/error.hpp"

namespace mentor::cli {

namespace {

// `error` from reading the repository `--repo dir`, saying which: a file of it named by its path
// from there, any other error prefixed with the option.
Error in_repository(const std::string& dir, const Error& error) {
  const std::string safe = util::terminal_safe(dir);
  if (!error.pos().file.empty()) {
    SourcePos pos = error.pos();
    pos.file = safe + "/" + pos.file;
    return Error(error.what(), pos);
  }
  if (std::string_view(error.what()).starts_with("not a git repository"))
    return Error(fmt::format("--repo {}: not a git repository", safe));
  return Error(fmt::format("--repo {}: {}", safe, error.what()));
}

// One repository's record, as the summary reads it.
struct RepositoryRead {
  RepositoryRead(const std::string& dir, bool named)
      : directory(dir), workspace(open(dir, named)) {}

  static Workspace open(const std::string& dir, bool named) {
    try {
      return open_workspace(dir);
    } catch (const Error& error) {
      if (!named)
        throw;
      throw in_repository(dir, error);
    }
  }

  std::string directory;
  Workspace workspace;
  SummarySource source;
};

// Several repositories' records as one (`--repo`): the commits of each in turn (a commit an
// earlier repository holds too, a fork's, counts once), their reviews merged, and the look-ups
// asking each repository.
void merge_sources(const std::vector<std::unique_ptr<RepositoryRead>>& reads, summary::Input& input,
                   record::ReviewsRecord& reviews) {
  std::set<std::string> seen;
  for (const auto& read : reads) {
    for (auto& commit : read->source.input.commits) {
      if (seen.insert(commit.id).second)
        input.commits.push_back(std::move(commit));
    }
    read->source.input.commits.clear();
    record::merge_reviews(reviews, read->source.reviews);  // a copy: goals are read per repository
  }
  input.verdicts = verdict_lookup(reviews);
  // A path's language and whether a rule applies to it: the first repository that knows.
  input.language_of = [&reads](std::string_view path) {
    for (const auto& read : reads) {
      std::string language = read->source.input.language_of(path);
      if (!language.empty())
        return language;
    }
    return std::string();
  };
  input.rule_applies = [&reads](std::string_view rule,
                                std::string_view path) -> std::optional<bool> {
    for (const auto& read : reads) {
      if (auto applies = read->source.input.rule_applies(rule, path))
        return applies;
    }
    return std::nullopt;
  };
}

}  // namespace

int run_summary(const SummaryArgs& args, Streams& streams) {
  std::vector<std::unique_ptr<RepositoryRead>> reads;
  if (args.repositories.empty()) {
    reads.push_back(std::make_unique<RepositoryRead>(args.directory, false));
  } else {
    for (const auto& repository : args.repositories)
      reads.push_back(std::make_unique<RepositoryRead>(repository, true));
  }
  // The settings of the first repository (the current one without --repo), then the options.
  loop::Settings settings = reads.front()->workspace.config.summary;
  if (args.recurring)
    settings.recurring = *args.recurring;
  if (args.mastered_after)
    settings.mastered_after = *args.mastered_after;
  if (args.dismissal_threshold)
    settings.dismissal_threshold = *args.dismissal_threshold;

  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  std::optional<std::int64_t> since;
  if (!args.since.empty())
    since = parse_date_option("--since", args.since, now);

  Selection selection;
  selection.ranges = args.ranges;
  selection.mentee = args.mentee;
  selection.since = since;
  for (auto& read : reads) {
    try {
      read_summary_source(read->workspace, read->directory, selection, streams, read->source);
    } catch (const Error& error) {
      if (args.repositories.empty())
        throw;
      throw in_repository(read->directory, error);
    }
  }
  summary::Input merged;
  record::ReviewsRecord merged_reviews;
  const summary::Input* input = &reads.front()->source.input;
  const record::ReviewsRecord* reviews = &reads.front()->source.reviews;
  if (!args.repositories.empty()) {
    merge_sources(reads, merged, merged_reviews);
    input = &merged;
    reviews = &merged_reviews;
  }

  summary::Summary result = summary::summarize(*input, settings);
  result.ranges = args.ranges;
  result.mentee = args.mentee;
  result.since = since;
  result.repositories = args.repositories;
  result.mentors = loop::mentor_loads(
      *input, *reviews, settings,
      [](std::string_view pattern, const loop::CommitInput& commit) {
        return git::matches_person(pattern, {commit.author_name, commit.author_email});
      },
      now);
  // Each repository's goals, evaluated over its own commits.
  std::vector<loop::GoalProgress> goals;
  std::set<std::string> goal_ids;
  for (const auto& read : reads) {
    attach_goals(read->workspace, read->directory, args.ranges, read->source.reviews, result,
                 streams);
    for (auto& goal : result.goals) {
      if (goal_ids.insert(goal.goal.id).second)
        goals.push_back(std::move(goal));
    }
  }
  result.goals = std::move(goals);
  result.practice = loop::tally_practice(reviews->practice, *input);
  if (args.format == "json")
    streams.out << summary::render_json(result, GIT_MENTOR_VERSION);
  else if (args.format == "markdown")
    streams.out << summary::render_markdown(result);
  else if (args.format == "html")
    streams.out << summary::render_html(result, GIT_MENTOR_VERSION);
  else
    streams.out << summary::render_text(result);
  return 0;
}

}  // namespace mentor::cli
