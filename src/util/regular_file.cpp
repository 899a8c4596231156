// Reading files that may be hostile.
#include "util/regular_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "util/error.hpp"

namespace mentor::util {

namespace {

// An open file descriptor, closed on destruction.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0)
      ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::string read_regular_file(const std::filesystem::path& path, std::uint64_t max_bytes,
                              std::string_view what) {
  // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
  Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (fd.get() < 0)
    throw Error(fmt::format("cannot read {} {}: {}", what, path.string(), std::strerror(errno)));
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0)
    throw Error(fmt::format("cannot read {} {}: {}", what, path.string(), std::strerror(errno)));
  if (!S_ISREG(info.st_mode)) {
    throw Error(
        fmt::format("{} {} is not a regular file (a device, a FIFO, a socket or a "
                    "directory is never read)",
                    what, path.string()));
  }
  auto too_large = [&] {
    return Error(fmt::format("{} {} is larger than {} bytes", what, path.string(), max_bytes));
  };
  if (static_cast<std::uint64_t>(info.st_size) > max_bytes)
    throw too_large();
  // The size may change while reading: never read more than max_bytes + 1.
  std::string content;
  content.reserve(static_cast<std::size_t>(info.st_size));
  char buffer[65536];
  while (true) {
    ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0)
      throw Error(fmt::format("cannot read {} {}: {}", what, path.string(), std::strerror(errno)));
    if (got == 0)
      break;
    content.append(buffer, static_cast<std::size_t>(got));
    if (content.size() > max_bytes)
      throw too_large();
  }
  return content;
}

bool is_within(const std::filesystem::path& root, const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::path resolved = std::filesystem::weakly_canonical(path, ec);
  if (ec)
    return false;
  auto r = root.begin();
  auto p = resolved.begin();
  for (; r != root.end(); ++r, ++p) {
    if (r->empty() && std::next(r) == root.end())
      break;  // root's trailing separator
    if (p == resolved.end() || *r != *p)
      return false;
  }
  return true;
}

}  // namespace mentor::util
