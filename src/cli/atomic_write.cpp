// Replacing a file's content all at once: temporary file, then rename.
#include "cli/atomic_write.hpp"

#include <cerrno>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.hpp"

namespace mentor::cli {

namespace {

// The temporary file while it is written: closed, and removed unless committed.
class TemporaryFile {
 public:
  TemporaryFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    close_fd();
    if (!committed_)
      ::unlink(path_.c_str());
  }

  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  // Closes the file; false when closing failed (data not written).
  bool close_fd() {
    if (fd_ < 0)
      return true;
    int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }
  void commit() { committed_ = true; }

 private:
  std::string path_;
  int fd_ = -1;
  bool committed_ = false;
};

[[noreturn]] void fail(const std::filesystem::path& path, std::string_view what) {
  throw Error("cannot write " + path.string() + ": " + std::string(what) + ": " +
              std::strerror(errno));
}

// Writes all of `bytes` to `fd` and flushes it; false on failure (errno set).
bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return ::fsync(fd) == 0;
}

// A temporary directory, removed with its content unless committed.
class TemporaryDirectory {
 public:
  explicit TemporaryDirectory(std::filesystem::path path) : path_(std::move(path)) {}
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  ~TemporaryDirectory() {
    if (!committed_) {
      std::error_code ignored;
      std::filesystem::remove_all(path_, ignored);
    }
  }
  const std::filesystem::path& path() const { return path_; }
  void commit() { committed_ = true; }

 private:
  std::filesystem::path path_;
  bool committed_ = false;
};

}  // namespace

bool write_directory_atomically(const std::filesystem::path& dir,
                                const std::vector<std::pair<std::string, std::string>>& files) {
  std::error_code error;
  if (std::filesystem::exists(std::filesystem::symlink_status(dir, error)))
    return false;
  std::string pattern = dir.string() + ".git-mentor-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr)
    fail(dir, "cannot create a temporary directory beside it");
  TemporaryDirectory temporary(pattern);
  if (::chmod(pattern.c_str(), 0755) != 0)
    fail(dir, "cannot set the mode of the temporary directory");
  for (const auto& [name, bytes] : files) {
    std::filesystem::path path = temporary.path() / name;
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
      fail(path, "cannot create it");
    TemporaryFile file(path.string(), fd);
    file.commit();  // the directory owns it now
    if (!write_all(fd, bytes))
      fail(path, "cannot write it");
    if (!file.close_fd())
      fail(path, "cannot close it");
  }
  // rename(2) replaces an empty directory: a `dir` made meanwhile must not be.
  if (std::filesystem::exists(std::filesystem::symlink_status(dir, error)))
    return false;
  if (::rename(temporary.path().c_str(), dir.c_str()) != 0)
    fail(dir, "cannot rename the temporary directory to it");
  temporary.commit();
  return true;
}

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0)
    fail(path, "cannot read its mode");
  std::string pattern = path.string() + ".git-mentor-XXXXXX";
  int fd = ::mkstemp(pattern.data());
  if (fd < 0)
    fail(path, "cannot create a temporary file beside it");
  TemporaryFile temporary(pattern, fd);
  if (::fchmod(fd, info.st_mode & 07777) != 0)
    fail(path, "cannot set the mode of the temporary file");
  while (!bytes.empty()) {
    ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR)
        continue;
      fail(path, "cannot write the temporary file");
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  if (::fsync(fd) != 0)
    fail(path, "cannot flush the temporary file");
  if (!temporary.close_fd())
    fail(path, "cannot close the temporary file");
  if (::rename(temporary.path().c_str(), path.c_str()) != 0)
    fail(path, "cannot rename the temporary file over it");
  temporary.commit();
}

}  // namespace mentor::cli
