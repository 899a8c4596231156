// Child processes with posix_spawn; stdout and stderr read together so neither pipe fills up.
#include "util/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <system_error>

extern char** environ;

namespace mentor::util {

namespace {

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

}  // namespace

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

}  // namespace mentor::util
