// Running a child process without a shell and collecting what it prints.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace mentor::util {

struct CommandResult {
  int exit_code = -1;  // the exit status; 128 + N when killed by signal N; 127 if not started
  std::string out;
  std::string err;
};

using Environment = std::vector<std::pair<std::string, std::string>>;

// Runs argv[0] (searched in PATH, no shell) in `cwd` with `stdin_text` on its standard input,
// the current environment plus `env` (which overrides variables of the same name), and waits for
// it. Collects stdout and stderr in full. Never throws for a failing command.
CommandResult run_command(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                          const std::string& stdin_text = "", const Environment& env = {});

}  // namespace mentor::util
