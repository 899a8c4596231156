// Turns the RANGE arguments of `check` into the list of commits to review.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "git/repository.hpp"

namespace mentor::git {

// Resolves git-style ranges to commit ids (40-hex), oldest first (topological, then by time),
// without duplicates:
//   "A..B"  commits reachable from B and not from A;   "A...B" symmetric difference;
//   "^A"    excludes what A reaches; with it, "C" walks C's history ("^A C" == "A..C");
//   "C"     the commit C alone.
// An empty `ranges` means what is not yet on any remote, `HEAD --not --remotes`: the commits
// HEAD reaches that no remote-tracking ref (refs/remotes/*) reaches, as commits_to_push computes
// it for one remote; "HEAD" alone when the repository has no remote-tracking refs at all. An
// unborn HEAD with no arguments yields an empty list.
// Throws mentor::Error "unknown revision 'X'" for anything that does not resolve to a commit.
//
// With Plain::history a plain "C" walks C's history, as `git log C` does, and an empty `ranges`
// means HEAD's history.
enum class Plain { alone, history };
std::vector<std::string> resolve_commits(const Repository& repo,
                                         const std::vector<std::string>& ranges,
                                         Plain plain = Plain::alone);

// "B..A" for a two-dot range "A..B" (ends kept as written, so "..A" gives "A.."), to suggest
// when "A..B" is empty; nullopt for anything else ("A...B" is its own reverse).
std::optional<std::string> reversed_range(std::string_view arg);

}  // namespace mentor::git

namespace mentor::git {

// One ref line of git's pre-push protocol: "<local ref> <local sha> <remote ref> <remote sha>".
struct PushedRef {
  std::string local_ref;
  std::string local_sha;  // 40 zeros for a deletion
  std::string remote_ref;
  std::string remote_sha;  // 40 zeros for a new ref
};

// The commits pushing `ref` to remote `remote_name` sends that the remote lacks, oldest first:
// reachable from local_sha (tags peeled to their commit) and from neither remote_sha (when this
// repository has it) nor any remote-tracking ref refs/remotes/<remote_name>/*. Empty for a
// deletion, and for a tree or a blob (a tag may point at one): there is no commit to review.
// Throws mentor::Error when local_sha is not an object here.
std::vector<std::string> commits_to_push(const Repository& repo, const std::string& remote_name,
                                         const PushedRef& ref);

}  // namespace mentor::git
