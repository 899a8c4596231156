// Replacing a file's content all at once.
#pragma once

#include <filesystem>
#include <string_view>

namespace mentor::cli {

// Replaces the content of the existing regular file `path` with `bytes`: writes a temporary file
// beside it, gives it the file's permission bits, flushes it to disk and renames it over `path`,
// so a reader sees the old content or the new one, never a part. Throws mentor::Error naming
// the path when any step fails; the temporary file is then removed and `path` is unchanged.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace mentor::cli
