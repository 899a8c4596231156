// Reading a commit's changes: the files it touched and the lines it added.
#include "git/diff_reader.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>

#include "git/handles.hpp"

namespace mentor::git {

namespace {

std::string or_empty(const char* text) {
  return text != nullptr ? std::string(text) : std::string();
}

CommitInfo commit_info(git_commit* commit) {
  CommitInfo info;
  info.id = to_hex(*git_commit_id(commit));
  const git_signature* author = git_commit_author(commit);
  info.author_name = or_empty(author->name);
  info.author_email = or_empty(author->email);
  info.author_time = author->when.time;
  info.summary = or_empty(git_commit_summary(commit));
  unsigned parents = git_commit_parentcount(commit);
  info.parents.reserve(parents);
  for (unsigned i = 0; i < parents; ++i)
    info.parents.push_back(to_hex(*git_commit_parent_id(commit, i)));
  return info;
}

TreePtr tree_of(const git_commit* commit, const std::string& id) {
  git_tree* tree = nullptr;
  check(git_commit_tree(&tree, commit), "cannot read the tree of commit " + id);
  return TreePtr(tree);
}

// The tree `commit` is diffed against: its first parent's, or none (the empty tree) for a root.
TreePtr base_tree_of(const git_commit* commit, const std::string& id) {
  if (git_commit_parentcount(commit) == 0)
    return TreePtr();
  git_commit* parent_raw = nullptr;
  check(git_commit_parent(&parent_raw, commit, 0), "cannot read the parent of commit " + id);
  CommitPtr parent(parent_raw);
  return tree_of(parent.get(), id);
}

// The status of a delta worth reviewing; nullopt for deletions and anything that is not a
// regular file after the commit (submodules, symbolic links).
std::optional<ChangedFile::Status> reviewable_status(const git_diff_delta& delta) {
  if (delta.new_file.mode != GIT_FILEMODE_BLOB &&
      delta.new_file.mode != GIT_FILEMODE_BLOB_EXECUTABLE) {
    return std::nullopt;
  }
  switch (delta.status) {
    case GIT_DELTA_ADDED:
      return ChangedFile::Status::added;
    case GIT_DELTA_MODIFIED:
    case GIT_DELTA_TYPECHANGE:
      return ChangedFile::Status::modified;
    case GIT_DELTA_RENAMED:
      return ChangedFile::Status::renamed;
    case GIT_DELTA_COPIED:
      return ChangedFile::Status::copied;
    default:
      return std::nullopt;
  }
}

// Appends line `line` to sorted, disjoint `ranges`, given lines arrive in increasing order.
void add_line(std::vector<LineRange>& ranges, std::uint32_t line) {
  if (!ranges.empty() && line <= ranges.back().last + 1) {
    ranges.back().last = std::max(ranges.back().last, line);
  } else {
    ranges.push_back({line, line});
  }
}

// The lines of the post-image that `patch` adds.
std::vector<LineRange> added_lines(git_patch* patch, const std::string& path) {
  std::vector<LineRange> added;
  std::size_t hunks = git_patch_num_hunks(patch);
  for (std::size_t h = 0; h < hunks; ++h) {
    const git_diff_hunk* hunk = nullptr;
    std::size_t lines = 0;
    check(git_patch_get_hunk(&hunk, &lines, patch, h), "cannot read the diff of " + path);
    for (std::size_t l = 0; l < lines; ++l) {
      const git_diff_line* line = nullptr;
      check(git_patch_get_line_in_hunk(&line, patch, h, l), "cannot read the diff of " + path);
      if (line->origin == GIT_DIFF_LINE_ADDITION && line->new_lineno > 0)
        add_line(added, static_cast<std::uint32_t>(line->new_lineno));
    }
  }
  return added;
}

// Whether rename detection can change what is reported: only when the diff deletes a file and
// adds a wanted one. (Detecting renames reads every added and deleted blob.)
bool renames_matter(git_diff* diff, const DiffOptions& options) {
  const std::size_t deltas = git_diff_num_deltas(diff);
  bool deletes = false;
  bool adds = false;
  for (std::size_t i = 0; i < deltas && !(deletes && adds); ++i) {
    git_delta_t status = git_diff_get_delta(diff, i)->status;
    deletes = deletes || status == GIT_DELTA_DELETED;
    adds = adds || status == GIT_DELTA_ADDED;
  }
  if (!deletes || !adds)
    return false;
  if (!options.wanted)
    return true;
  for (std::size_t i = 0; i < deltas; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff, i);
    if (delta->status == GIT_DELTA_ADDED && options.wanted(delta->new_file.path))
      return true;
  }
  return false;
}

git_diff_options zero_context_options() {
  git_diff_options diff_options = GIT_DIFF_OPTIONS_INIT;
  diff_options.flags = GIT_DIFF_INDENT_HEURISTIC;  // git's default: the same hunks as `git diff`
  diff_options.context_lines = 0;
  diff_options.interhunk_lines = 0;
  return diff_options;
}

// The reviewable files of `diff` into `changes`: renames detected, unwanted, binary and oversized
// files filtered cheapest first, added lines collected. `what` names the diff in errors.
void collect_changes(git_repository* r, git_diff* diff, const DiffOptions& options,
                     const std::string& what, CommitChanges& changes) {
  if (renames_matter(diff, options)) {
    git_diff_find_options find_options = GIT_DIFF_FIND_OPTIONS_INIT;
    find_options.flags = GIT_DIFF_FIND_RENAMES;
    check(git_diff_find_similar(diff, &find_options), "cannot detect renames in " + what);
  }

  git_odb* odb_raw = nullptr;
  check(git_repository_odb(&odb_raw, r), "cannot open the object database");
  OdbPtr odb(odb_raw);

  const std::size_t deltas = git_diff_num_deltas(diff);
  for (std::size_t i = 0; i < deltas; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff, i);
    std::optional<ChangedFile::Status> status = reviewable_status(*delta);
    if (!status)
      continue;
    // Cheapest first: the path filter, then the object header, and only then the blobs.
    const char* path = delta->new_file.path;
    if (options.wanted && !options.wanted(path))
      continue;
    if ((delta->flags & GIT_DIFF_FLAG_BINARY) != 0) {
      changes.skipped.push_back({path, "binary file"});
      continue;
    }
    std::size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    check(git_odb_read_header(&size, &type, odb.get(), &delta->new_file.id),
          "cannot read " + std::string(path) + " in " + what);
    if (size > options.max_file_bytes) {
      changes.skipped.push_back(
          {path, "larger than max_file_bytes (" + std::to_string(options.max_file_bytes) + ")"});
      continue;
    }

    git_patch* patch_raw = nullptr;
    check(git_patch_from_diff(&patch_raw, diff, i),
          "cannot diff " + std::string(path) + " in " + what);
    PatchPtr patch(patch_raw);
    if ((git_patch_get_delta(patch.get())->flags & GIT_DIFF_FLAG_BINARY) != 0) {
      changes.skipped.push_back({path, "binary file"});
      continue;
    }

    ChangedFile& file = changes.files.emplace_back();
    file.status = *status;
    file.path = path;
    file.new_blob = to_hex(delta->new_file.id);
    if (*status != ChangedFile::Status::added) {
      file.old_path = or_empty(delta->old_file.path);
      file.old_blob = to_hex(delta->old_file.id);
    }
    file.added = added_lines(patch.get(), file.path);
  }

  std::sort(changes.files.begin(), changes.files.end(),
            [](const ChangedFile& a, const ChangedFile& b) { return a.path < b.path; });
  std::sort(changes.skipped.begin(), changes.skipped.end(),
            [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });
}

}  // namespace

CommitChanges read_commit_changes(const Repository& repo, const std::string& id,
                                  const DiffOptions& options) {
  git_repository* r = repo.get();
  git_oid oid = from_hex(id);
  git_commit* commit_raw = nullptr;
  check(git_commit_lookup(&commit_raw, r, &oid), "cannot read commit " + id);
  CommitPtr commit(commit_raw);

  CommitChanges changes;
  changes.commit = commit_info(commit.get());

  TreePtr new_tree = tree_of(commit.get(), id);
  TreePtr old_tree = base_tree_of(commit.get(), id);
  git_diff_options diff_options = zero_context_options();
  git_diff* diff_raw = nullptr;
  check(git_diff_tree_to_tree(&diff_raw, r, old_tree.get(), new_tree.get(), &diff_options),
        "cannot diff commit " + id);
  DiffPtr diff(diff_raw);
  collect_changes(r, diff.get(), options, "commit " + id, changes);
  return changes;
}

CommitChanges read_staged_changes(const Repository& repo, const DiffOptions& options) {
  git_repository* r = repo.get();
  CommitChanges changes;
  // The author-to-be: the configured identity, as git commit would use it.
  git_signature* signature_raw = nullptr;
  if (git_signature_default(&signature_raw, r) == 0) {
    SignaturePtr signature(signature_raw);
    changes.commit.author_name = or_empty(signature->name);
    changes.commit.author_email = or_empty(signature->email);
    changes.commit.author_time = signature->when.time;
  }
  changes.commit.summary = "staged changes";

  ObjectPtr head_tree;  // stays empty with an unborn HEAD: everything staged is added
  git_object* head_raw = nullptr;
  if (git_revparse_single(&head_raw, r, "HEAD^{tree}") == 0)
    head_tree.reset(head_raw);
  git_index* index_raw = nullptr;
  check(git_repository_index(&index_raw, r), "cannot read the index");
  IndexPtr index(index_raw);
  git_diff_options diff_options = zero_context_options();
  git_diff* diff_raw = nullptr;
  check(git_diff_tree_to_index(&diff_raw, r, reinterpret_cast<git_tree*>(head_tree.get()),
                               index.get(), &diff_options),
        "cannot diff the index against HEAD");
  DiffPtr diff(diff_raw);
  collect_changes(r, diff.get(), options, "the index", changes);
  return changes;
}

CommitInfo read_commit_info(const Repository& repo, const std::string& id) {
  git_oid oid = from_hex(id);
  git_commit* commit_raw = nullptr;
  check(git_commit_lookup(&commit_raw, repo.get(), &oid), "cannot read commit " + id);
  CommitPtr commit(commit_raw);
  return commit_info(commit.get());
}

std::string read_blob(const Repository& repo, const std::string& id) {
  git_oid oid = from_hex(id);
  git_blob* blob_raw = nullptr;
  check(git_blob_lookup(&blob_raw, repo.get(), &oid), "cannot read blob " + id);
  BlobPtr blob(blob_raw);
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                     static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

}  // namespace mentor::git
