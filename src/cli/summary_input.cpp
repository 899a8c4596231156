// Reading what the record says about a selection of commits.
#include "cli/summary_input.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "cli/progress.hpp"
#include "git/commit_range.hpp"
#include "git/diff_reader.hpp"
#include "git/identity.hpp"
#include "git/shallow.hpp"
#include "record/findings_record.hpp"
#include "util/dates.hpp"
#include "util/error.hpp"
#include "util/glob.hpp"

namespace mentor::cli {

namespace {

bool ignored(const std::vector<std::string>& ignores, std::string_view path) {
  return std::any_of(ignores.begin(), ignores.end(),
                     [&](const std::string& glob) { return util::glob_match(glob, path); });
}

bool selected(const Workspace& workspace, const Selection& selection, const git::Person& author) {
  if (selection.all_authors)
    return true;
  return !selection.mentee.empty() ? git::matches_person(selection.mentee, author)
                                   : git::is_mentee(workspace.config.mentees, author);
}

}  // namespace

void read_summary_source(const Workspace& workspace, const std::string& directory,
                         const Selection& selection, Streams& streams, SummarySource& out) {
  const git::Repository& repo = workspace.repo;
  out.commits = git::resolve_commits(repo, selection.ranges, git::Plain::history);
  auto warn = [&](const std::string& message) { print_warning(streams, message); };
  git::Mailmap mailmap(repo);
  summary::Input& input = out.input;
  // The selected commits first (author and time), so that only their records are read.
  std::vector<std::string> selected_ids;
  for (const std::string& id : out.commits) {
    git::CommitInfo info = git::read_commit_info(repo, id);
    if (selection.since && info.author_time < *selection.since)
      continue;
    git::Person author = mailmap.resolve({info.author_name, info.author_email});
    if (!selected(workspace, selection, author))
      continue;
    summary::CommitInput& commit = input.commits.emplace_back();
    commit.id = id;
    commit.author_name = std::move(author.name);
    commit.author_email = std::move(author.email);
    commit.time = info.author_time;
    selected_ids.push_back(id);
  }
  std::map<std::string, record::CommitRecord> records =
      record::read_records(repo, selected_ids, warn);
  out.reviews = record::read_reviews(repo, warn);
  record::carry_verdicts(out.reviews, records);
  // Mentors after .mailmap, as authors are.
  for (auto& [id, session] : out.reviews.sessions)
    session.mentor = mailmap.resolve_display(session.mentor);
  for (auto& [key, review] : out.reviews.findings) {
    for (auto& annotation : review.history)
      annotation.mentor = mailmap.resolve_display(annotation.mentor);
  }

  const std::set<std::string> shallow = git::shallow_commits(repo);
  {
    std::vector<summary::CommitInput>& commits = input.commits;
    Progress progress(streams, streams.err_is_terminal && commits.size() > 1, "summary: read");
    std::set<std::string> touched;
    std::vector<std::string> paths;
    git::DiffOptions diff_options;
    diff_options.max_file_bytes = workspace.config.max_file_bytes;
    // The tree comparison alone: note each changed file and its language, read no content.
    diff_options.wanted = [&](std::string_view path) {
      const lang::Language* language = workspace.languages.for_path(path);
      if (language != nullptr && !ignored(workspace.config.ignores, path)) {
        touched.emplace(language->name);
        paths.emplace_back(path);
      }
      return false;
    };
    for (std::size_t i = 0; i < commits.size(); ++i) {
      progress.update(i, commits.size());
      summary::CommitInput& commit = commits[i];
      const std::string& id = commit.id;
      auto record = records.find(id);
      if (record == records.end())
        continue;
      commit.reviewed = record->second.reviewed;
      commit.findings = std::move(record->second.findings);
      // A commit at a shallow clone's boundary has no parent here to diff with: its languages
      // stay unknown.
      if ((commit.reviewed || !commit.findings.empty()) && !shallow.contains(id)) {
        touched.clear();
        paths.clear();
        git::read_commit_changes(repo, id, diff_options);
        commit.languages.assign(touched.begin(), touched.end());
        commit.paths = paths;
      }
    }
    progress.update(commits.size(), commits.size());
  }
  input.language_of = [&workspace](std::string_view path) {
    const lang::Language* language = workspace.languages.for_path(path);
    return language != nullptr ? std::string(language->name) : std::string();
  };
  // The rules as configured, for their `files:` and `ignores:` globs (what an opportunity is).
  // Rules that cannot be loaded leave the opportunities to the languages alone.
  try {
    load_workspace_rules(workspace, directory, {}, out.rules);
  } catch (const Error& error) {
    warn(std::string("the rules could not be loaded (") + error.what() +
         "); every file of a rule's languages counts as an opportunity for it");
  }
  input.rule_applies = [&out](std::string_view rule, std::string_view path) -> std::optional<bool> {
    const rules::Rule* found = out.rules.find(std::string(rule));
    if (found == nullptr)
      return std::nullopt;
    return found->applies_to(path);
  };
  input.verdicts = verdict_lookup(out.reviews);
}

summary::VerdictLookup verdict_lookup(const record::ReviewsRecord& reviews) {
  return [&reviews](const record::RecordedFinding& finding) {
    summary::FindingVerdict verdict;
    if (const record::FindingReview* review = reviews.find(record::key_of(finding))) {
      verdict.verdict = review->verdict;
      verdict.not_the_mentees = review->not_the_mentees;
      for (const auto& annotation : review->history) {
        if (!annotation.note.empty())
          verdict.notes.push_back({annotation.time, annotation.note});
      }
    }
    return verdict;
  };
}

std::int64_t parse_date_option(std::string_view option, const std::string& text, std::int64_t now) {
  std::optional<std::int64_t> time = util::parse_date(text, now);
  if (!time) {
    throw Error(std::string(option) + ": '" + text +
                "' is not a date (YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM], or 'N "
                "days|weeks|months|years ago')");
  }
  return *time;
}

}  // namespace mentor::cli
