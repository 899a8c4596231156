// Reading the shallow boundary of a clone.
#include "git/shallow.hpp"

#include <filesystem>
#include <fstream>

#include "git/handles.hpp"

namespace mentor::git {

std::set<std::string> shallow_commits(const Repository& repo) {
  std::set<std::string> commits;
  if (git_repository_is_shallow(repo.get()) != 1)
    return commits;
  std::ifstream in(std::filesystem::path(git_repository_commondir(repo.get())) / "shallow");
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() == GIT_OID_HEXSZ &&
        line.find_first_not_of("0123456789abcdef") == std::string::npos) {
      commits.insert(line);
    }
  }
  return commits;
}

}  // namespace mentor::git
