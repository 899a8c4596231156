// Parsing of git's pre-push protocol.
#include "cli/pre_push_input.hpp"

#include <sstream>
#include <string>

#include "util/error.hpp"

namespace mentor::cli {

std::vector<git::PushedRef> read_pre_push_input(std::istream& in) {
  std::vector<git::PushedRef> refs;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty())
      continue;
    std::istringstream fields(line);
    git::PushedRef ref;
    std::string extra;
    if (!(fields >> ref.local_ref >> ref.local_sha >> ref.remote_ref >> ref.remote_sha) ||
        (fields >> extra)) {
      throw Error(
          "malformed pre-push line (expected '<local ref> <local sha> <remote ref> "
          "<remote sha>'): " +
              line,
          {"<stdin>", number, 0});
    }
    refs.push_back(std::move(ref));
  }
  return refs;
}

}  // namespace mentor::cli
