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

// A file descriptor closed on destruction.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    reset(std::exchange(other.fd_, -1));
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }

  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0)
      ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_;
};

// posix_spawn file actions, destroyed on destruction.
class FileActions {
 public:
  FileActions() { posix_spawn_file_actions_init(&actions_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

std::string errno_message(const std::string& what, int error) {
  return what + ": " + std::strerror(error) + "\n";
}

// A pipe whose two ends are closed on exec (the child gets dup2'ed copies).
bool make_pipe(Fd& read_end, Fd& write_end) {
  std::array<int, 2> fds{};
  if (::pipe2(fds.data(), O_CLOEXEC) != 0)
    return false;
  read_end.reset(fds[0]);
  write_end.reset(fds[1]);
  return true;
}

// An unlinked temporary file holding `text`, positioned at its start; -1 on failure.
Fd stdin_file(const std::string& text) {
  std::string name = (std::filesystem::temp_directory_path() / "git-mentor-stdin-XXXXXX").string();
  Fd fd(::mkostemp(name.data(), O_CLOEXEC));
  if (fd.get() < 0)
    return fd;
  ::unlink(name.c_str());
  std::size_t written = 0;
  while (written < text.size()) {
    ssize_t n = ::write(fd.get(), text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return Fd();
    written += static_cast<std::size_t>(n);
  }
  if (::lseek(fd.get(), 0, SEEK_SET) != 0)
    return Fd();
  return fd;
}

// "NAME=VALUE" for the current environment with `overrides` applied.
std::vector<std::string> make_environment(const Environment& overrides) {
  std::vector<std::string> result;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    std::string_view name = text.substr(0, text.find('='));
    bool overridden = false;
    for (const auto& [key, value] : overrides)
      overridden = overridden || key == name;
    if (!overridden)
      result.emplace_back(text);
  }
  for (const auto& [key, value] : overrides)
    result.push_back(key + "=" + value);
  return result;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> result;
  result.reserve(strings.size() + 1);
  for (std::string& s : strings)
    result.push_back(s.data());
  result.push_back(nullptr);
  return result;
}

// Reads `out` and `err` until both reach end of file.
void drain(Fd& out_fd, Fd& err_fd, std::string& out, std::string& err) {
  std::array<char, 65536> buffer{};
  std::array<pollfd, 2> fds{pollfd{out_fd.get(), POLLIN, 0}, pollfd{err_fd.get(), POLLIN, 0}};
  std::array<std::string*, 2> sinks{&out, &err};
  int open_count = 2;
  while (open_count > 0) {
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR)
        continue;
      return;
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0)
        continue;
      ssize_t n = ::read(fds[i].fd, buffer.data(), buffer.size());
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n <= 0) {
        fds[i].fd = -1;  // poll ignores negative descriptors
        --open_count;
        continue;
      }
      sinks[i]->append(buffer.data(), static_cast<std::size_t>(n));
    }
  }
}

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

// --- run_command -----------------------------------------------------------------------------

CommandResult run_command(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                          const std::string& stdin_text, const Environment& env) {
  CommandResult result;
  if (argv.empty()) {
    result.exit_code = 127;
    result.err = "run_command: empty argv\n";
    return result;
  }
  Fd out_read, out_write, err_read, err_write;
  if (!make_pipe(out_read, out_write) || !make_pipe(err_read, err_write)) {
    result.exit_code = 127;
    result.err = errno_message("pipe", errno);
    return result;
  }
  Fd input =
      stdin_text.empty() ? Fd(::open("/dev/null", O_RDONLY | O_CLOEXEC)) : stdin_file(stdin_text);
  if (input.get() < 0) {
    result.exit_code = 127;
    result.err = errno_message("stdin", errno);
    return result;
  }

  FileActions actions;
  posix_spawn_file_actions_adddup2(actions.get(), input.get(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(actions.get(), out_write.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(actions.get(), err_write.get(), STDERR_FILENO);
  std::string dir = cwd.string();
  if (!dir.empty())
    posix_spawn_file_actions_addchdir_np(actions.get(), dir.c_str());

  std::vector<std::string> args = argv;
  std::vector<std::string> environment = make_environment(env);
  std::vector<char*> c_args = c_strings(args);
  std::vector<char*> c_env = c_strings(environment);
  pid_t pid = 0;
  int rc = ::posix_spawnp(&pid, c_args[0], actions.get(), nullptr, c_args.data(), c_env.data());
  if (rc != 0) {
    result.exit_code = 127;
    result.err = errno_message("cannot run " + argv[0] + " in " + dir, rc);
    return result;
  }
  input.reset();
  out_write.reset();
  err_write.reset();

  drain(out_read, err_read, result.out, result.err);

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      result.exit_code = 127;
      return result;
    }
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.exit_code = 128 + WTERMSIG(status);
  }
  return result;
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
