// Replacing a file's content all at once.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mentor::cli {

// Replaces the content of the existing regular file `path` with `bytes`: writes a temporary file
// beside it, gives it the file's permission bits, flushes it to disk and renames it over `path`,
// so a reader sees the old content or the new one, never a part. Throws mentor::Error naming
// the path when any step fails; the temporary file is then removed and `path` is unchanged.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

// Creates the directory `dir` holding `files` (name -> bytes; plain names, no '/') all at once:
// writes them into a temporary directory beside it, flushes them and renames it to `dir`, so a
// reader sees no directory or the whole of it. Returns false, writing nothing, when `dir`
// already exists. Throws mentor::Error naming the path when any step fails; the temporary
// directory is then removed.
bool write_directory_atomically(const std::filesystem::path& dir,
                                const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace mentor::cli
