// The git-mentor executable: a thin shell around cli::run.
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"

int main(int argc, char* argv[]) {
  std::vector<std::string> args(argv + 1, argv + argc);
  mentor::cli::Streams streams{std::cout,
                               std::cerr,
                               isatty(STDOUT_FILENO) == 1,
                               isatty(STDERR_FILENO) == 1,
                               &std::cin,
                               isatty(STDIN_FILENO) == 1};
  int code = mentor::cli::run(args, streams);
  std::cout.flush();
  return code;
}
