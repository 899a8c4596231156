// Reading a commit's changes: the files it touched and the lines it added.
#include "git/diff_reader.hpp"

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>

#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

#include "git/handles.hpp"
#include "util/regular_file.hpp"

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

// The trees `commit` is diffed against: its parents', or one empty tree (none) for a root.
std::vector<TreePtr> base_trees_of(const git_commit* commit, const std::string& id) {
  std::vector<TreePtr> trees;
  unsigned parents = git_commit_parentcount(commit);
  if (parents == 0)
    trees.emplace_back();
  for (unsigned i = 0; i < parents; ++i) {
    git_commit* parent_raw = nullptr;
    check(git_commit_parent(&parent_raw, commit, i), "cannot read the parents of commit " + id);
    CommitPtr parent(parent_raw);
    trees.push_back(tree_of(parent.get(), id));
  }
  return trees;
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

// What a patch adds: the lines, and its hunks.
struct PatchLines {
  std::vector<LineRange> added;
  std::vector<Hunk> hunks;
};

PatchLines patch_lines(git_patch* patch, const std::string& path) {
  PatchLines out;
  std::size_t hunks = git_patch_num_hunks(patch);
  out.hunks.reserve(hunks);
  for (std::size_t h = 0; h < hunks; ++h) {
    const git_diff_hunk* hunk = nullptr;
    std::size_t lines = 0;
    check(git_patch_get_hunk(&hunk, &lines, patch, h), "cannot read the diff of " + path);
    out.hunks.push_back(
        {static_cast<std::uint32_t>(hunk->old_start), static_cast<std::uint32_t>(hunk->old_lines),
         static_cast<std::uint32_t>(hunk->new_start), static_cast<std::uint32_t>(hunk->new_lines)});
    for (std::size_t l = 0; l < lines; ++l) {
      const git_diff_line* line = nullptr;
      check(git_patch_get_line_in_hunk(&line, patch, h, l), "cannot read the diff of " + path);
      if (line->origin == GIT_DIFF_LINE_ADDITION && line->new_lineno > 0)
        add_line(out.added, static_cast<std::uint32_t>(line->new_lineno));
    }
  }
  return out;
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

bool is_regular_file(const git_diff_file& file) {
  return file.mode == GIT_FILEMODE_BLOB || file.mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

// The lines `b` and `a` (sorted, disjoint) both hold.
std::vector<LineRange> intersect(const std::vector<LineRange>& a, const std::vector<LineRange>& b) {
  std::vector<LineRange> out;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    std::uint32_t first = std::max(a[i].first, b[j].first);
    std::uint32_t last = std::min(a[i].last, b[j].last);
    if (first <= last)
      out.push_back({first, last});
    (a[i].last < b[j].last ? i : j)++;
  }
  return out;
}

// Every line of blob `id`.
std::vector<LineRange> all_lines(git_repository* r, const git_oid& id, const std::string& path,
                                 const std::string& what) {
  git_blob* blob_raw = nullptr;
  check(git_blob_lookup(&blob_raw, r, &id), "cannot read " + path + " in " + what);
  BlobPtr blob(blob_raw);
  std::string_view text(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                        static_cast<std::size_t>(git_blob_rawsize(blob.get())));
  if (text.empty())
    return {};
  auto lines = static_cast<std::uint32_t>(std::count(text.begin(), text.end(), '\n') +
                                          (text.back() == '\n' ? 0 : 1));
  return {{1, lines}};
}

// A commit (or the index) against one parent: the diff, its reviewable deltas by path, and the
// versions the parent side contributes (ParentSide).
struct SideDiff {
  DiffPtr diff;
  std::map<std::string, std::size_t, std::less<>> reviewable;  // post-image path -> delta index
  ParentSide versions;
};

SideDiff classify(git_diff* diff_raw, const DiffOptions& options, const std::string& what) {
  SideDiff side;
  side.diff.reset(diff_raw);
  git_diff* diff = side.diff.get();
  if (renames_matter(diff, options)) {
    git_diff_find_options find_options = GIT_DIFF_FIND_OPTIONS_INIT;
    find_options.flags = GIT_DIFF_FIND_RENAMES;
    check(git_diff_find_similar(diff, &find_options), "cannot detect renames in " + what);
  }
  auto wanted = [&](const char* path) { return !options.wanted || options.wanted(path); };
  const std::size_t deltas = git_diff_num_deltas(diff);
  for (std::size_t i = 0; i < deltas; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff, i);
    bool old_changed = delta->status == GIT_DELTA_MODIFIED || delta->status == GIT_DELTA_RENAMED ||
                       delta->status == GIT_DELTA_DELETED || delta->status == GIT_DELTA_TYPECHANGE;
    if (old_changed && is_regular_file(delta->old_file) && wanted(delta->old_file.path))
      side.versions.before.push_back({delta->old_file.path, to_hex(delta->old_file.id)});
    if (!reviewable_status(*delta) || !wanted(delta->new_file.path))
      continue;
    side.reviewable.emplace(delta->new_file.path, i);
    side.versions.after.push_back({delta->new_file.path, to_hex(delta->new_file.id)});
  }
  auto by_path = [](const FileVersion& a, const FileVersion& b) { return a.path < b.path; };
  std::sort(side.versions.before.begin(), side.versions.before.end(), by_path);
  std::sort(side.versions.after.begin(), side.versions.after.end(), by_path);
  return side;
}

// What delta `index` of `diff` adds; nullopt when libgit2 finds the file binary.
std::optional<PatchLines> added_in(git_diff* diff, std::size_t index, const std::string& path,
                                   const std::string& what) {
  git_patch* patch_raw = nullptr;
  check(git_patch_from_diff(&patch_raw, diff, index), "cannot diff " + path + " in " + what);
  PatchPtr patch(patch_raw);
  if ((git_patch_get_delta(patch.get())->flags & GIT_DIFF_FLAG_BINARY) != 0)
    return std::nullopt;
  return patch_lines(patch.get(), path);
}

// The reviewable files of `sides` (one diff per parent) into `changes`: unwanted, binary and
// oversized files filtered cheapest first, added lines collected; with several sides, only the
// files that differ from every parent, with the lines each of them adds. `what` names the diff
// in errors.
void collect_changes(git_repository* r, std::vector<SideDiff>& sides, const DiffOptions& options,
                     const std::string& what, CommitChanges& changes) {
  git_odb* odb_raw = nullptr;
  check(git_repository_odb(&odb_raw, r), "cannot open the object database");
  OdbPtr odb(odb_raw);

  SideDiff& first = sides.front();
  for (const auto& [path, index] : first.reviewable) {
    // A file some parent already has as it is cannot hold a line none of them had.
    bool differs_from_all =
        std::all_of(sides.begin() + 1, sides.end(),
                    [&file = path](const SideDiff& s) { return s.reviewable.count(file) != 0; });
    if (!differs_from_all)
      continue;
    const git_diff_delta* delta = git_diff_get_delta(first.diff.get(), index);
    // Cheapest first: the path filter (done), then the object header, and only then the blobs.
    if ((delta->flags & GIT_DIFF_FLAG_BINARY) != 0) {
      changes.skipped.push_back({path, "binary file"});
      continue;
    }
    std::size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    check(git_odb_read_header(&size, &type, odb.get(), &delta->new_file.id),
          "cannot read " + path + " in " + what);
    if (size > options.max_file_bytes) {
      changes.skipped.push_back(
          {path, "larger than max_file_bytes (" + std::to_string(options.max_file_bytes) + ")"});
      continue;
    }
    std::optional<PatchLines> patch = added_in(first.diff.get(), index, path, what);
    std::optional<std::vector<LineRange>> added;
    if (patch)
      added = patch->added;
    // A rename from a file no rule reads (another language, an ignored path) brings its lines
    // into review: they are new to the rules.
    bool from_unwanted =
        (delta->status == GIT_DELTA_RENAMED || delta->status == GIT_DELTA_COPIED) &&
        options.wanted && !options.wanted(delta->old_file.path);
    if (added && from_unwanted)
      added = all_lines(r, delta->new_file.id, path, what);
    for (std::size_t s = 1; added && s < sides.size(); ++s) {
      auto other =
          added_in(sides[s].diff.get(), sides[s].reviewable.find(path)->second, path, what);
      added = other ? std::optional(intersect(*added, other->added)) : std::nullopt;
    }
    if (!added) {
      changes.skipped.push_back({path, "binary file"});
      continue;
    }

    ChangedFile& file = changes.files.emplace_back();
    file.status = *reviewable_status(*delta);
    file.path = path;
    file.new_blob = to_hex(delta->new_file.id);
    if (file.status != ChangedFile::Status::added) {
      file.old_path = or_empty(delta->old_file.path);
      file.old_blob = to_hex(delta->old_file.id);
    }
    file.added = std::move(*added);
    file.hunks = std::move(patch->hunks);
  }
  for (auto& side : sides)
    changes.sides.push_back(std::move(side.versions));
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
  git_diff_options diff_options = zero_context_options();
  std::vector<SideDiff> sides;
  for (const TreePtr& old_tree : base_trees_of(commit.get(), id)) {
    git_diff* diff_raw = nullptr;
    check(git_diff_tree_to_tree(&diff_raw, r, old_tree.get(), new_tree.get(), &diff_options),
          "cannot diff commit " + id);
    sides.push_back(classify(diff_raw, options, "commit " + id));
  }
  collect_changes(r, sides, options, "commit " + id, changes);
  return changes;
}

namespace {

// The author-to-be of uncommitted changes: the configured identity, as git commit would use it;
// left empty when none is configured.
void set_author_to_be(git_repository* repo, CommitInfo& commit) {
  git_signature* signature_raw = nullptr;
  if (git_signature_default(&signature_raw, repo) != 0)
    return;
  SignaturePtr signature(signature_raw);
  commit.author_name = or_empty(signature->name);
  commit.author_email = or_empty(signature->email);
  commit.author_time = signature->when.time;
}

}  // namespace

CommitChanges read_staged_changes(const Repository& repo, const DiffOptions& options) {
  git_repository* r = repo.get();
  CommitChanges changes;
  set_author_to_be(r, changes.commit);
  changes.commit.summary = "staged changes";

  TreePtr head = head_tree(r);  // empty with an unborn HEAD: everything staged is added
  git_index* index_raw = nullptr;
  check(git_repository_index(&index_raw, r), "cannot read the index");
  IndexPtr index(index_raw);
  git_diff_options diff_options = zero_context_options();
  git_diff* diff_raw = nullptr;
  check(git_diff_tree_to_index(&diff_raw, r, head.get(), index.get(), &diff_options),
        "cannot diff the index against HEAD");
  std::vector<SideDiff> sides;
  sides.push_back(classify(diff_raw, options, "the index"));
  collect_changes(r, sides, options, "the index", changes);
  return changes;
}

WorktreeChanges read_worktree_changes(const Repository& repo, const DiffOptions& options,
                                      const std::vector<std::string>& paths) {
  if (repo.is_bare())
    throw Error("the working tree is needed; this repository is bare");
  git_repository* r = repo.get();
  WorktreeChanges out{Repository::open_objects(repo.git_dir()), {}};
  git_repository* objects = out.objects.get();
  {
    // Blobs written through `objects` go to memory, never to the object database on disk.
    git_odb* odb_raw = nullptr;
    check(git_repository_odb(&odb_raw, objects), "cannot open the object database");
    OdbPtr odb(odb_raw);
    git_odb_backend* memory = nullptr;
    check(git_mempack_new(&memory), "cannot make an in-memory object store");
    if (int error = git_odb_add_backend(odb.get(), memory, 1000); error != 0) {
      memory->free(memory);
      check(error, "cannot make an in-memory object store");
    }
  }
  CommitChanges& changes = out.changes;
  set_author_to_be(r, changes.commit);
  changes.commit.summary = "working tree";

  TreePtr head_owned = head_tree(objects);  // empty with an unborn HEAD: every file is added
  git_tree* head = head_owned.get();

  // Which files differ, from HEAD to the working tree (the index serves as a cache of stats).
  std::vector<char*> specs;
  for (const auto& path : paths)
    specs.push_back(const_cast<char*>(path.c_str()));
  git_diff_options find_options = GIT_DIFF_OPTIONS_INIT;
  find_options.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS |
                       GIT_DIFF_DISABLE_PATHSPEC_MATCH;
  find_options.pathspec = {specs.data(), specs.size()};
  git_diff* found_raw = nullptr;
  check(git_diff_tree_to_workdir_with_index(&found_raw, r, head, &find_options),
        "cannot diff the working tree against HEAD");
  DiffPtr found(found_raw);

  // HEAD's tree with the working tree's versions of the wanted files, in an index of our own.
  git_index* index_raw = nullptr;
  check(git_index_new(&index_raw), "cannot make an index");
  IndexPtr index(index_raw);
  if (head != nullptr)
    check(git_index_read_tree(index.get(), head), "cannot read HEAD's tree");
  const std::string workdir = repo.workdir();
  for (std::size_t i = 0; i < git_diff_num_deltas(found.get()); ++i) {
    const git_diff_delta* delta = git_diff_get_delta(found.get(), i);
    const char* path = delta->new_file.path;
    if (options.wanted && !options.wanted(path))
      continue;
    if (delta->status == GIT_DELTA_DELETED) {
      check(git_index_remove(index.get(), path, 0), std::string("cannot read ") + path);
      continue;
    }
    if (!is_regular_file(delta->new_file))
      continue;
    std::error_code error;
    std::filesystem::path file = std::filesystem::path(workdir) / path;
    if (!std::filesystem::is_regular_file(std::filesystem::symlink_status(file, error)))
      continue;
    std::uintmax_t size = std::filesystem::file_size(file, error);
    if (error)
      continue;
    if (size > options.max_file_bytes) {
      changes.skipped.push_back(
          {path, "larger than max_file_bytes (" + std::to_string(options.max_file_bytes) + ")"});
      continue;
    }
    std::string bytes = util::read_regular_file(file, options.max_file_bytes, "file");
    git_index_entry entry{};
    entry.mode = delta->new_file.mode;
    entry.path = path;
    check(git_blob_create_from_buffer(&entry.id, objects, bytes.data(), bytes.size()),
          std::string("cannot read ") + path);
    check(git_index_add(index.get(), &entry), std::string("cannot read ") + path);
  }

  git_diff_options diff_options = zero_context_options();
  git_diff* diff_raw = nullptr;
  check(git_diff_tree_to_index(&diff_raw, objects, head, index.get(), &diff_options),
        "cannot diff the working tree against HEAD");
  std::vector<SideDiff> sides;
  sides.push_back(classify(diff_raw, options, "the working tree"));
  collect_changes(objects, sides, options, "the working tree", changes);
  std::sort(changes.skipped.begin(), changes.skipped.end(),
            [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });
  return out;
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

namespace mentor::git {

std::optional<std::string> read_blob_within(const Repository& repo, const std::string& id,
                                            std::uint64_t max_bytes) {
  git_odb* odb_raw = nullptr;
  check(git_repository_odb(&odb_raw, repo.get()), "cannot open the object database");
  OdbPtr odb(odb_raw);
  git_oid oid = from_hex(id);
  std::size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  check(git_odb_read_header(&size, &type, odb.get(), &oid), "cannot read blob " + id);
  if (size > max_bytes)
    return std::nullopt;
  return read_blob(repo, id);
}

}  // namespace mentor::git
