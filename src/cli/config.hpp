// .git-mentor.yaml: the repository's settings (DESIGN §4).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "loop/settings.hpp"
#include "util/error.hpp"

namespace mentor::cli {

inline constexpr std::string_view kConfigFile = ".git-mentor.yaml";
// The largest `max_file_bytes` a configuration may set: source files are read whole, and the
// repository is not trusted.
inline constexpr std::uint64_t kMaxFileBytesLimit = 64 * 1024 * 1024;
// The largest .git-mentor.yaml read; a larger one is refused (docs/security.md).
inline constexpr std::uint64_t kMaxConfigBytes = 1024 * 1024;

// The severity at which findings block (exit 1); never = nothing blocks.
enum class FailOn { error, warning, never };
std::optional<FailOn> fail_on_from_string(std::string_view name);

struct Config {
  // Rule sources as written: file, directory, glob (relative to the repository root) or the word
  // `builtin` for the bundled packs. Empty = not configured.
  std::vector<std::string> rules;
  // Shared utility rule files (ast-grep's `utilDirs`) as written: files, directories or globs,
  // relative to the repository root.
  std::vector<std::string> utils;
  std::optional<FailOn> fail_on;
  std::vector<std::string> ignores;  // path globs
  // Whose commits are reviewed: emails, names or globs over either, matched after .mailmap.
  // Empty = every author.
  std::vector<std::string> mentees;
  std::uint64_t max_file_bytes = 1024 * 1024;  // at most kMaxFileBytesLimit
  // Extension (without dot) -> language name, overriding the built-in map.
  std::vector<std::pair<std::string, std::string>> languages;
  // Where each `languages` entry was written, for errors found later.
  std::vector<SourcePos> language_positions;
  // `summary:`, the knobs of `git mentor summary` (docs/mentoring.md).
  loop::Settings summary;
};

// Parses the text of a config file. `file_name` is used in error positions. Throws mentor::Error
// (file:line:col) on a YAML syntax error, an unknown key (with a hint), or a value of the wrong
// type or out of range.
Config parse_config(std::string_view yaml_text, const std::string& file_name);

}  // namespace mentor::cli
