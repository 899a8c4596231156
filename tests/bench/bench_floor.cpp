// The cost floor of a review: what `check` cannot avoid doing. Prints seconds on stdout.
//   bench_floor GIT_DIR diff|parse JOBS RANGE
// diff: read every commit's changes with libgit2 (the files some rule language covers);
// parse: the same, plus reading and parsing each changed file's post-image.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "cli/rule_sources.hpp"
#include "git/commit_range.hpp"
#include "git/diff_reader.hpp"
#include "git/repository.hpp"
#include "lang/parser.hpp"
#include "review/rule_set.hpp"

int main(int argc, char* argv[]) {
  using namespace mentor;
  if (argc != 5) {
    std::fprintf(stderr, "usage: bench_floor GIT_DIR diff|parse JOBS RANGE\n");
    return 2;
  }
  const std::string git_dir = argv[1];
  const bool parse = std::string(argv[2]) == "parse";
  const unsigned jobs = static_cast<unsigned>(std::stoul(argv[3]));
  git::ensure_initialized();
  git::Repository repo = git::Repository::open(git_dir);
  std::vector<std::string> commits = git::resolve_commits(repo, {argv[4]});
  review::RuleSet rules;
  cli::load_builtin_rules(rules);
  lang::LanguageMap languages;

  auto start = std::chrono::steady_clock::now();
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> nodes{0};
  auto worker = [&] {
    git::Repository local = git::Repository::open(git_dir);
    lang::Parser parser;
    git::DiffOptions options;
    options.wanted = [&](std::string_view path) {
      const lang::Language* language = languages.for_path(path);
      return language != nullptr && rules.has_language(*language);
    };
    for (std::size_t i = next++; i < commits.size(); i = next++) {
      git::CommitChanges changes = git::read_commit_changes(local, commits[i], options);
      if (!parse)
        continue;
      for (const auto& file : changes.files) {
        std::string source = git::read_blob(local, file.new_blob);
        lang::Tree tree = parser.parse(*languages.for_path(file.path), source);
        nodes += ts_node_child_count(tree.root());
      }
    }
  };
  std::vector<std::jthread> threads;
  for (unsigned j = 0; j < std::max(1u, jobs); ++j)
    threads.emplace_back(worker);
  threads.clear();
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::printf("%.6f\n", elapsed.count());
  return nodes.load() == 0 && parse && !commits.empty() ? 1 : 0;
}
