// The command line: parses arguments, runs a command, maps errors to exit codes.
#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace mentor::cli {

// Where a command writes, and whether each stream is a terminal (colour, progress).
struct Streams {
  std::ostream& out;
  std::ostream& err;
  bool out_is_terminal = false;
  bool err_is_terminal = false;
  std::istream* in = nullptr;   // standard input, for commands that read it (hook pre-push)
  bool in_is_terminal = false;  // standard input is a terminal (review prompts, review -i)
};

// Runs git-mentor with `args` (without the program name). Returns the exit code: 0 ok / nothing
// blocking, 1 blocking findings, 2 usage, config, rule or repository error. Never throws: every
// error is printed on `streams.err` as one line, with file:line:col where there is one.
int run(const std::vector<std::string>& args, Streams streams);

// Prints "git-mentor: warning: MESSAGE" on `streams.err`, the message through
// util::terminal_safe (warnings quote notes, paths and names from the repository).
void print_warning(Streams& streams, std::string_view message);

}  // namespace mentor::cli
