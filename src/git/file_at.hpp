// The content of one file as a commit or the index holds it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "git/repository.hpp"

namespace mentor::git {

// The content of `path` (relative to the root, '/'-separated) in commit `commit`'s tree (40-hex);
// nullopt when the commit has no file there, or when it holds more than `max_bytes` bytes (then
// it is not read). Throws mentor::Error when the commit is missing.
std::optional<std::string> read_file_at(const Repository& repo, const std::string& commit,
                                        const std::string& path,
                                        std::uint64_t max_bytes = UINT64_MAX);

// The id (40-hex) of the blob at `path` in commit `commit`'s tree; nullopt when the commit has no
// file there. Reads no file content: two versions with the same id have the same text. Throws
// mentor::Error when the commit is missing.
std::optional<std::string> blob_id_at(const Repository& repo, const std::string& commit,
                                      const std::string& path);

// The files below the directory `dir` (relative to the root) in HEAD's tree, recursively, as
// root-relative '/'-separated paths in git's order; nullopt when HEAD is unborn or has no
// directory there. For a bare repository's configured rule directories.
std::optional<std::vector<std::string>> head_files_under(const Repository& repo,
                                                         const std::string& dir);

// The content of `path` as staged in the index (stage 0); nullopt when the index has none.
std::optional<std::string> read_staged_file(const Repository& repo, const std::string& path);

}  // namespace mentor::git
