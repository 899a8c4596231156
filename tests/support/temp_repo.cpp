// Test support: temporary directories, child processes and git repositories for tests.
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include "support/temp_repo.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <iostream>
#include <system_error>

#include <catch2/catch.hpp>

extern char** environ;

#if defined(__SANITIZE_ADDRESS__)
// Debian's libgit2 1.5 leaks PCRE2 match data when revparse evaluates a regex (":/text",
// "^{/regex}", "@{u}~1"); fixed upstream by libgit2 PR #6382. Only PCRE2's own allocations are
// ignored, so a leaked libgit2 handle is still reported.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libpcre2-8.so\n";
}
#endif

namespace mentor::test {

namespace {

// Whether the running test case has failed an assertion; reset when a test case starts.
bool g_test_case_failed = false;

class FailureListener : public Catch::TestEventListenerBase {
 public:
  using TestEventListenerBase::TestEventListenerBase;

  void testCaseStarting(const Catch::TestCaseInfo& info) override {
    g_test_case_failed = false;
    TestEventListenerBase::testCaseStarting(info);
  }

  bool assertionEnded(const Catch::AssertionStats& stats) override {
    if (!stats.assertionResult.isOk())
      g_test_case_failed = true;
    return TestEventListenerBase::assertionEnded(stats);
  }
};

std::string trim_newline(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
    text.pop_back();
  return text;
}

// A fixed start for commit dates: 2024-01-01T00:00:00Z.
constexpr long kEpoch = 1704067200;

}  // namespace

CATCH_REGISTER_LISTENER(FailureListener)

// --- TempDir ---------------------------------------------------------------------------------

TempDir::TempDir() : uncaught_at_start_(std::uncaught_exceptions()) {
  std::string pattern = (std::filesystem::temp_directory_path() / "git-mentor-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr)
    throw std::system_error(errno, std::generic_category(), "mkdtemp " + pattern);
  path_ = std::filesystem::canonical(pattern);
}

TempDir::TempDir(TempDir&& other) noexcept
    : path_(std::exchange(other.path_, {})), uncaught_at_start_(other.uncaught_at_start_) {}

TempDir& TempDir::operator=(TempDir&& other) noexcept {
  if (this != &other) {
    release();
    path_ = std::exchange(other.path_, {});
    uncaught_at_start_ = other.uncaught_at_start_;
  }
  return *this;
}

TempDir::~TempDir() {
  release();
}

void TempDir::release() noexcept {
  if (path_.empty())
    return;
  const char* keep = std::getenv("GIT_MENTOR_KEEP_TEMP");
  if (g_test_case_failed || std::uncaught_exceptions() > uncaught_at_start_ ||
      (keep != nullptr && *keep != '\0')) {
    std::cerr << "kept temp dir: " << path_.string() << '\n';
  } else {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  path_.clear();
}

// --- TestRepo --------------------------------------------------------------------------------

TestRepo::TestRepo(bool bare) : bare_(bare) {
  if (bare) {
    git_dir_ = dir_.path() / "repo.git";
    work_tree_ = dir_.path() / "work";
    std::filesystem::create_directories(work_tree_);
    CommandResult init = run_command(
        {"git", "init", "-q", "--bare", "-b", "main", git_dir_.string()}, dir_.path(), "", env());
    INFO("git init: " << init.err);
    REQUIRE(init.exit_code == 0);
  } else {
    work_tree_ = dir_.path() / "repo";
    git_dir_ = work_tree_ / ".git";
    CommandResult init = run_command({"git", "init", "-q", "-b", "main", work_tree_.string()},
                                     dir_.path(), "", env());
    INFO("git init: " << init.err);
    REQUIRE(init.exit_code == 0);
  }
  write_identity();
}

TestRepo TestRepo::adopt(const std::filesystem::path& work_tree) {
  TestRepo repo{Adopted{}};
  repo.work_tree_ = std::filesystem::canonical(work_tree);
  repo.git_dir_ =
      std::filesystem::canonical(trim_newline(repo.git({"rev-parse", "--absolute-git-dir"})));
  repo.write_identity();
  return repo;
}

void TestRepo::write_identity() const {
  std::ofstream config(git_dir_ / "config", std::ios::binary | std::ios::app);
  config << "[user]\n\tname = " << kMentee.name << "\n\temail = " << kMentee.email
         << "\n[commit]\n\tgpgsign = false\n[tag]\n\tgpgsign = false\n";
  REQUIRE(config.good());
}

Environment TestRepo::env() const {
  std::string date = std::to_string(kEpoch + 60 * tick_) + " +0000";
  return {{"GIT_CONFIG_NOSYSTEM", "1"},
          {"HOME", dir_.path().string()},
          {"XDG_CONFIG_HOME", (dir_.path() / ".config").string()},
          {"GIT_AUTHOR_DATE", date},
          {"GIT_COMMITTER_DATE", date},
          {"GIT_TERMINAL_PROMPT", "0"},
          {"LC_ALL", "C"}};
}

std::vector<std::string> TestRepo::git_argv(const std::vector<std::string>& args) const {
  std::vector<std::string> argv{"git"};
  if (bare_) {
    argv.push_back("--git-dir=" + git_dir_.string());
    argv.push_back("--work-tree=" + work_tree_.string());
  }
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

CommandResult TestRepo::try_git(const std::vector<std::string>& args,
                                const std::string& stdin_text) {
  ++tick_;
  return run_command(git_argv(args), work_tree_, stdin_text, env());
}

std::string TestRepo::git(const std::vector<std::string>& args) {
  CommandResult result = try_git(args);
  INFO("git " << Catch::Detail::stringify(args) << " in " << path().string()
              << "\nstdout: " << result.out << "\nstderr: " << result.err);
  REQUIRE(result.exit_code == 0);
  return result.out;
}

void TestRepo::write(const std::string& relpath, const std::string& content) const {
  std::filesystem::path file = work_tree_ / relpath;
  if (file.has_parent_path())
    std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  INFO("writing " << file.string());
  REQUIRE(out.good());
}

std::string TestRepo::read(const std::string& relpath) const {
  std::ifstream in(work_tree_ / relpath, std::ios::binary | std::ios::ate);
  INFO("reading " << (work_tree_ / relpath).string());
  REQUIRE(in.good());
  std::string content(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(content.data(), static_cast<std::streamsize>(content.size()));
  REQUIRE(in.good());
  return content;
}

void TestRepo::remove(const std::string& relpath) const {
  std::filesystem::remove_all(work_tree_ / relpath);
}

void TestRepo::rename(const std::string& from, const std::string& to) const {
  std::filesystem::path target = work_tree_ / to;
  if (target.has_parent_path())
    std::filesystem::create_directories(target.parent_path());
  std::filesystem::rename(work_tree_ / from, target);
}

std::string TestRepo::commit(const std::string& message) {
  return commit(message, author_);
}

std::string TestRepo::commit(const std::string& message, const Author& author) {
  git({"add", "-A"});
  git({"-c", "user.name=" + author.name, "-c", "user.email=" + author.email, "commit", "-q",
       "--allow-empty", "--allow-empty-message", "-m", message});
  return trim_newline(git({"rev-parse", "HEAD"}));
}

}  // namespace mentor::test
