// Reading files that may be hostile: only regular files, only up to a size, only inside a root.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace mentor::util {

// The content of the regular file at `path` (symbolic links followed). Throws mentor::Error
// "`what` PATH is not a regular file" for a device, a FIFO, a socket or a directory (a FIFO is
// opened without blocking, so it never hangs), "... is larger than N bytes" when it holds more
// than `max_bytes` (nothing beyond max_bytes + 1 bytes is read), and "cannot read ..." when it
// cannot be opened. The message names the path, never the content.
std::string read_regular_file(const std::filesystem::path& path, std::uint64_t max_bytes,
                              std::string_view what);

// Whether `path`, with every symbolic link resolved (a missing tail taken as written), is
// `root` or below it. `root` must be canonical (std::filesystem::canonical).
bool is_within(const std::filesystem::path& root, const std::filesystem::path& path);

}  // namespace mentor::util
