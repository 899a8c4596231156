// Parallel review of commits.
#include "review/reviewer.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <tuple>

#include "git/repository.hpp"
#include "lang/parser.hpp"
#include "review/file_review.hpp"
#include "util/glob.hpp"

namespace mentor::review {

namespace {

bool ignored(const std::vector<std::string>& ignores, std::string_view path) {
  return std::any_of(ignores.begin(), ignores.end(),
                     [&](const std::string& glob) { return util::glob_match(glob, path); });
}

std::string author_of(const git::CommitInfo& commit) {
  return commit.author_name + " <" + commit.author_email + ">";
}

git::DiffOptions diff_options_for(const RuleSet& rules, const ReviewOptions& options) {
  git::DiffOptions diff_options;
  diff_options.max_file_bytes = options.max_file_bytes;
  diff_options.wanted = [&rules, &options](std::string_view path) {
    const lang::Language* language = options.languages->for_path(path);
    return language != nullptr && rules.has_language(*language) && !ignored(options.ignores, path);
  };
  return diff_options;
}

// The versions of `side` in the terms of the review layer: with their languages.
Side side_of(const git::ParentSide& side, const ReviewOptions& options) {
  Side out;
  for (const auto& v : side.before)
    out.before.push_back({v.path, v.blob, options.languages->for_path(v.path)});
  for (const auto& v : side.after)
    out.after.push_back({v.path, v.blob, options.languages->for_path(v.path)});
  return out;
}

// The findings in `changes`, read from `repo`.
CommitReview review_changes(const git::Repository& repo, git::CommitChanges changes,
                            const RuleSet& rules, const ReviewOptions& options,
                            lang::Parser& parser) {
  CommitReview review;
  review.skipped = std::move(changes.skipped);
  std::vector<std::string> sources;
  std::vector<std::vector<const rules::Rule*>> file_rules;
  std::vector<const git::ChangedFile*> reviewed;
  sources.reserve(changes.files.size());
  file_rules.reserve(changes.files.size());
  for (const auto& file : changes.files) {
    review.paths.push_back(file.path);
    const lang::Language* language = options.languages->for_path(file.path);
    if (language == nullptr)
      continue;
    std::vector<const rules::Rule*> applicable = rules.for_file(*language, file.path);
    if (applicable.empty())
      continue;
    if (options.scope != Scope::file && file.added.empty())
      continue;
    sources.push_back(git::read_blob(repo, file.new_blob));
    file_rules.push_back(std::move(applicable));
    reviewed.push_back(&file);
  }
  std::vector<FileChange> files;
  for (std::size_t i = 0; i < reviewed.size(); ++i) {
    const git::ChangedFile& file = *reviewed[i];
    files.push_back({file.path, options.languages->for_path(file.path), sources[i], std::nullopt,
                     file.added, file.new_blob, file_rules[i]});
  }
  std::vector<Side> sides;
  for (const auto& side : changes.sides)
    sides.push_back(side_of(side, options));
  Versions versions(
      [&](const std::string& blob) {
        return git::read_blob_within(repo, blob, options.max_file_bytes);
      },
      parser);

  std::string author = author_of(changes.commit);
  review.findings = review_change_set(files, sides, options.scope, versions, parser, rules.all());
  for (auto& finding : review.findings) {
    finding.commit = changes.commit.id;
    finding.author = author;
  }
  review.commit = std::move(changes.commit);
  return review;
}

}  // namespace

std::vector<CommitReview> review_commits(const std::string& git_dir,
                                         const std::vector<std::string>& commits,
                                         const RuleSet& rules, const ReviewOptions& options) {
  std::vector<CommitReview> results(commits.size());
  if (commits.empty())
    return results;

  unsigned jobs =
      options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, commits.size()));

  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex error_mutex;

  auto worker = [&] {
    try {
      git::Repository repo = git::Repository::open_objects(git_dir);
      lang::Parser parser;
      for (std::size_t i = next++; i < commits.size() && !failed; i = next++) {
        results[i] = review_changes(
            repo, git::read_commit_changes(repo, commits[i], diff_options_for(rules, options)),
            rules, options, parser);
        std::size_t finished = ++done;
        if (options.progress)
          options.progress(finished, commits.size());
      }
    } catch (...) {
      std::lock_guard lock(error_mutex);
      if (!first_error)
        first_error = std::current_exception();
      failed = true;
    }
  };

  if (jobs == 1) {
    worker();
  } else {
    std::vector<std::jthread> threads;
    threads.reserve(jobs);
    for (unsigned j = 0; j < jobs; ++j)
      threads.emplace_back(worker);
  }
  if (first_error)
    std::rethrow_exception(first_error);
  return results;
}

std::set<const lang::Language*> languages_touched(const git::Repository& repo,
                                                  const std::vector<std::string>& commits,
                                                  bool staged, const ReviewOptions& options) {
  std::set<const lang::Language*> touched;
  git::DiffOptions diff_options;
  // Called for each changed file before anything is read: note its language, read nothing.
  diff_options.wanted = [&](std::string_view path) {
    const lang::Language* language = options.languages->for_path(path);
    if (language != nullptr && !ignored(options.ignores, path))
      touched.insert(language);
    return false;
  };
  if (staged) {
    git::read_staged_changes(repo, diff_options);
  } else {
    for (const auto& id : commits)
      git::read_commit_changes(repo, id, diff_options);
  }
  return touched;
}

CommitReview review_staged(const git::Repository& repo, const RuleSet& rules,
                           const ReviewOptions& options) {
  lang::Parser parser;
  return review_changes(repo, git::read_staged_changes(repo, diff_options_for(rules, options)),
                        rules, options, parser);
}

}  // namespace mentor::review
