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

}  // namespace

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
