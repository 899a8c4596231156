// Ancestry between commits.
#include "git/graph.hpp"

#include "git/handles.hpp"

namespace mentor::git {

bool reaches(const Repository& repo, const std::string& head, const std::string& commit) {
  if (head == commit)
    return true;
  git_oid head_oid = from_hex(head);
  git_oid commit_oid = from_hex(commit);
  int result = git_graph_descendant_of(repo.get(), &head_oid, &commit_oid);
  check(result < 0 ? result : 0, "cannot walk the history from " + head);
  return result == 1;
}

}  // namespace mentor::git
