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

// The findings in `changes`, read from `repo`.
CommitReview review_changes(const git::Repository& repo, git::CommitChanges changes,
                            const RuleSet& rules, const ReviewOptions& options,
                            lang::Parser& parser) {
  CommitReview review;
  review.skipped = std::move(changes.skipped);
  std::string author = author_of(changes.commit);
  for (const auto& file : changes.files) {
    const lang::Language* language = options.languages->for_path(file.path);
    if (language == nullptr)
      continue;
    std::vector<const rules::Rule*> file_rules = rules.for_file(*language, file.path);
    if (file_rules.empty())
      continue;
    if (options.scope != Scope::file && file.added.empty())
      continue;

    std::string new_source = git::read_blob(repo, file.new_blob);
    std::string old_source;
    FileChange change{file.path, language, new_source, std::nullopt, file.added};
    if (!file.old_blob.empty() && options.scope == Scope::introduced) {
      old_source = git::read_blob(repo, file.old_blob);
      change.old_source = old_source;
    }
    for (auto& finding : review_file(change, file_rules, options.scope, parser, rules.all())) {
      finding.commit = changes.commit.id;
      finding.author = author;
      review.findings.push_back(std::move(finding));
    }
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
