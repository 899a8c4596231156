// Reading one file of a commit or of the index.
#include "git/file_at.hpp"

#include "git/handles.hpp"

namespace mentor::git {

namespace {

std::optional<std::string> blob_content(const Repository& repo, const git_oid& id) {
  git_blob* blob_raw = nullptr;
  if (git_blob_lookup(&blob_raw, repo.get(), &id) < 0)
    return std::nullopt;
  BlobPtr blob(blob_raw);
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                     static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

// The tree entry of the blob at `path` in `commit`'s tree; null when there is none.
TreeEntryPtr blob_entry_at(const Repository& repo, const std::string& commit,
                           const std::string& path) {
  git_oid oid = from_hex(commit);
  git_commit* commit_raw = nullptr;
  check(git_commit_lookup(&commit_raw, repo.get(), &oid), "cannot read commit " + commit);
  CommitPtr commit_ptr(commit_raw);
  git_tree* tree_raw = nullptr;
  check(git_commit_tree(&tree_raw, commit_ptr.get()), "cannot read the tree of " + commit);
  TreePtr tree(tree_raw);
  git_tree_entry* entry_raw = nullptr;
  if (git_tree_entry_bypath(&entry_raw, tree.get(), path.c_str()) < 0)
    return nullptr;
  TreeEntryPtr entry(entry_raw);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB)
    return nullptr;
  return entry;
}

}  // namespace

std::optional<std::string> read_file_at(const Repository& repo, const std::string& commit,
                                        const std::string& path, std::uint64_t max_bytes) {
  TreeEntryPtr entry = blob_entry_at(repo, commit, path);
  if (!entry)
    return std::nullopt;
  if (max_bytes != UINT64_MAX) {
    // The object header tells the size: a larger blob is never read whole.
    git_odb* odb_raw = nullptr;
    check(git_repository_odb(&odb_raw, repo.get()), "cannot open the object database");
    OdbPtr odb(odb_raw);
    std::size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    if (git_odb_read_header(&size, &type, odb.get(), git_tree_entry_id(entry.get())) < 0 ||
        size > max_bytes) {
      return std::nullopt;
    }
  }
  return blob_content(repo, *git_tree_entry_id(entry.get()));
}

std::optional<std::string> blob_id_at(const Repository& repo, const std::string& commit,
                                      const std::string& path) {
  TreeEntryPtr entry = blob_entry_at(repo, commit, path);
  if (!entry)
    return std::nullopt;
  return to_hex(*git_tree_entry_id(entry.get()));
}

std::optional<std::vector<std::string>> head_files_under(const Repository& repo,
                                                         const std::string& dir) {
  TreePtr root = head_tree(repo.get());
  if (!root)
    return std::nullopt;
  std::string path = dir;
  while (path.size() > 1 && path.back() == '/')
    path.pop_back();
  git_tree_entry* entry_raw = nullptr;
  if (git_tree_entry_bypath(&entry_raw, root.get(), path.c_str()) < 0)
    return std::nullopt;
  TreeEntryPtr entry(entry_raw);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE)
    return std::nullopt;
  git_tree* tree_raw = nullptr;
  check(git_tree_lookup(&tree_raw, repo.get(), git_tree_entry_id(entry.get())),
        "cannot read " + path + " in HEAD");
  TreePtr tree(tree_raw);
  struct Walk {
    std::string dir;
    std::vector<std::string> files;
  } walk{path, {}};
  // libgit2 walks the tree (iteratively); the callback only collects blobs.
  auto collect = [](const char* parent, const git_tree_entry* item, void* payload) -> int {
    if (git_tree_entry_type(item) == GIT_OBJECT_BLOB) {
      auto* state = static_cast<Walk*>(payload);
      state->files.push_back(state->dir + "/" + parent + git_tree_entry_name(item));
    }
    return 0;
  };
  check(git_tree_walk(tree.get(), GIT_TREEWALK_PRE, collect, &walk),
        "cannot list " + path + " in HEAD");
  return std::move(walk.files);
}

std::optional<std::string> read_staged_file(const Repository& repo, const std::string& path) {
  git_index* index_raw = nullptr;
  check(git_repository_index(&index_raw, repo.get()), "cannot read the index");
  IndexPtr index(index_raw);
  const git_index_entry* entry = git_index_get_bypath(index.get(), path.c_str(), 0);
  if (entry == nullptr)
    return std::nullopt;
  return blob_content(repo, entry->id);
}

}  // namespace mentor::git
