// Patch-ids of commits, with libgit2's git_diff_patchid.
#include "git/patch_id.hpp"

#include "git/handles.hpp"

namespace mentor::git {

std::optional<std::string> patch_id(const Repository& repo, const std::string& id) {
  git_oid oid = from_hex(id);
  git_commit* commit_raw = nullptr;
  check(git_commit_lookup(&commit_raw, repo.get(), &oid), "cannot read commit " + id);
  CommitPtr commit(commit_raw);
  unsigned parents = git_commit_parentcount(commit.get());
  if (parents > 1)
    return std::nullopt;

  git_tree* new_raw = nullptr;
  check(git_commit_tree(&new_raw, commit.get()), "cannot read the tree of " + id);
  TreePtr new_tree(new_raw);
  TreePtr old_tree;
  if (parents == 1) {
    git_commit* parent_raw = nullptr;
    check(git_commit_parent(&parent_raw, commit.get(), 0), "cannot read the parent of " + id);
    CommitPtr parent(parent_raw);
    git_tree* old_raw = nullptr;
    check(git_commit_tree(&old_raw, parent.get()), "cannot read the parent tree of " + id);
    old_tree.reset(old_raw);
  }
  // git diff-tree's defaults: three lines of context, no rename detection.
  git_diff* diff_raw = nullptr;
  check(git_diff_tree_to_tree(&diff_raw, repo.get(), old_tree.get(), new_tree.get(), nullptr),
        "cannot diff " + id);
  DiffPtr diff(diff_raw);
  if (git_diff_num_deltas(diff.get()) == 0)
    return std::nullopt;  // an empty commit: git prints no patch-id for it
  git_oid result;
  check(git_diff_patchid(&result, diff.get(), nullptr), "cannot compute the patch-id of " + id);
  return to_hex(result);
}

}  // namespace mentor::git
