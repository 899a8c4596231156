// Notes refs as sets of lines: reading any fanout, writing with compare-and-swap, union merges.
#include "git/notes_ref.hpp"

#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string_view>
#include <thread>

#include "git/handles.hpp"
#include "util/error.hpp"

namespace mentor::git {

namespace {

using TreeBuilderPtr = git::Handle<git_treebuilder, git_treebuilder_free>;

// How long a write keeps trying while other writers move the ref or hold its lock.
constexpr auto kRetryFor = std::chrono::seconds(30);
// A ref lock is held for the microseconds it takes to write and rename one file; one older than
// this was left by a process that was killed.
constexpr auto kStaleLock = std::chrono::seconds(10);

bool is_hex(std::string_view text) {
  return text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

struct NoteEntry {
  git_oid blob;
  std::string path;  // where the note sits in the notes tree ("ab/cdef..." or flat)
};
using Entries = std::map<std::string, NoteEntry>;

// Every note in `tree`: git names a note by the annotated object's hex id, split into fanout
// directories of two hex digits in any number ("abcd...", "ab/cd...", "ab/cd/ef..."). Entries
// that are not notes (other files a tool left there) are ignored and kept. A note's place that
// holds something other than a blob (a tree, a submodule) is no note: its commit goes to
// `not_blobs` when given.
Entries read_entries(const git_tree* tree, std::vector<std::string>* not_blobs = nullptr) {
  struct Walk {
    Entries entries;
    std::vector<std::string>* not_blobs;
  } walk{{}, not_blobs};
  auto callback = [](const char* root, const git_tree_entry* entry, void* payload) -> int {
    auto& out = *static_cast<Walk*>(payload);
    std::string_view name = git_tree_entry_name(entry);
    std::string path = std::string(root) + std::string(name);
    std::string hex;
    for (char c : path) {
      if (c != '/')
        hex += c;
    }
    const bool note_name = hex.size() == GIT_OID_HEXSZ && is_hex(hex);
    const bool blob = git_tree_entry_type(entry) == GIT_OBJECT_BLOB;
    if (note_name && !blob && out.not_blobs != nullptr)
      out.not_blobs->push_back(hex);
    if (git_tree_entry_type(entry) == GIT_OBJECT_TREE)
      return !note_name && name.size() == 2 && is_hex(name) ? 0 : 1;  // fanout directories only
    if (note_name && blob)
      out.entries[hex] = NoteEntry{*git_tree_entry_id(entry), path};
    return 0;
  };
  git::check(git_tree_walk(tree, GIT_TREEWALK_PRE, callback, &walk), "cannot read a notes tree");
  return std::move(walk.entries);
}

// Where git-mentor writes the note of `commit`: one level of fanout, which git reads like any
// other and which keeps each write to two small trees however many notes there are.
std::string note_path(const std::string& commit) {
  return commit.substr(0, 2) + "/" + commit.substr(2);
}

// Calls `f` with each non-empty line of `text` ('\n' separated), in order.
template <typename F>
void for_each_line(std::string_view text, F&& f) {
  while (!text.empty()) {
    std::size_t eol = text.find('\n');
    if (eol != 0)
      f(text.substr(0, eol));
    if (eol == std::string_view::npos)
      break;
    text.remove_prefix(eol + 1);
  }
}

std::string blob_text(git_repository* repo, const git_oid& id) {
  git_blob* blob_raw = nullptr;
  git::check(git_blob_lookup(&blob_raw, repo, &id), "cannot read note " + git::to_hex(id));
  git::BlobPtr blob(blob_raw);
  return {static_cast<const char*>(git_blob_rawcontent(blob.get())),
          static_cast<std::size_t>(git_blob_rawsize(blob.get()))};
}

std::set<std::string> blob_lines(git_repository* repo, const git_oid& id) {
  std::set<std::string> lines;
  for_each_line(blob_text(repo, id), [&](std::string_view line) { lines.emplace(line); });
  return lines;
}

std::string join_lines(const std::set<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) {
    text += line;
    text += '\n';
  }
  return text;
}

git::TreePtr commit_tree(git_repository* repo, const git_oid& commit_id) {
  git_commit* commit_raw = nullptr;
  git::check(git_commit_lookup(&commit_raw, repo, &commit_id),
             "cannot read notes commit " + git::to_hex(commit_id));
  git::CommitPtr commit(commit_raw);
  git_tree* tree = nullptr;
  git::check(git_commit_tree(&tree, commit.get()),
             "cannot read the tree of notes commit " + git::to_hex(commit_id));
  return git::TreePtr(tree);
}

git::TreePtr empty_tree(git_repository* repo) {
  git_treebuilder* builder_raw = nullptr;
  git::check(git_treebuilder_new(&builder_raw, repo, nullptr), "cannot build a tree");
  TreeBuilderPtr builder(builder_raw);
  git_oid id;
  git::check(git_treebuilder_write(&id, builder.get()), "cannot write a tree");
  git_tree* tree = nullptr;
  git::check(git_tree_lookup(&tree, repo, &id), "cannot read a tree");
  return git::TreePtr(tree);
}

git_oid write_blob(git_repository* repo, const std::string& text) {
  git_oid id;
  git::check(git_blob_create_from_buffer(&id, repo, text.data(), text.size()),
             "cannot write a note");
  return id;
}

// `base` with the notes of the commits in `notes` set to the given blobs, each at note_path();
// a note found elsewhere in `base` (another fanout) is moved.
git_oid updated_tree(git_repository* repo, git_tree* base, const Entries& base_entries,
                     const std::map<std::string, git_oid>& notes) {
  std::vector<std::string> paths;  // keeps the update paths alive
  paths.reserve(notes.size() * 2);
  std::vector<git_tree_update> updates;
  for (const auto& [commit, blob] : notes) {
    std::string path = note_path(commit);
    auto old = base_entries.find(commit);
    if (old != base_entries.end() && old->second.path != path) {
      const std::string& old_path = paths.emplace_back(old->second.path);
      updates.push_back({GIT_TREE_UPDATE_REMOVE, {}, GIT_FILEMODE_UNREADABLE, old_path.c_str()});
    }
    const std::string& new_path = paths.emplace_back(path);
    updates.push_back({GIT_TREE_UPDATE_UPSERT, blob, GIT_FILEMODE_BLOB, new_path.c_str()});
  }
  git::TreePtr empty;
  if (base == nullptr) {
    empty = empty_tree(repo);
    base = empty.get();
  }
  git_oid id;
  git::check(git_tree_create_updated(&id, repo, base, updates.size(), updates.data()),
             "cannot write a notes tree");
  return id;
}

git_oid write_commit(git_repository* repo, const git_oid& tree_id,
                     const std::vector<git_oid>& parent_ids, const std::string& message) {
  git_signature* signature_raw = nullptr;
  if (git_signature_default(&signature_raw, repo) != 0)
    git::check(git_signature_now(&signature_raw, "git-mentor", "git-mentor@localhost"),
               "cannot make a signature");
  git::SignaturePtr signature(signature_raw);
  git_tree* tree_raw = nullptr;
  git::check(git_tree_lookup(&tree_raw, repo, &tree_id), "cannot read a notes tree");
  git::TreePtr tree(tree_raw);
  std::vector<git::CommitPtr> parents;
  std::vector<const git_commit*> parent_pointers;
  for (const auto& id : parent_ids) {
    git_commit* parent = nullptr;
    git::check(git_commit_lookup(&parent, repo, &id), "cannot read notes commit");
    parents.emplace_back(parent);
    parent_pointers.push_back(parent);
  }
  git_oid id;
  git::check(git_commit_create(&id, repo, nullptr, signature.get(), signature.get(), nullptr,
                               message.c_str(), tree.get(), parent_pointers.size(),
                               parent_pointers.data()),
             "cannot write a notes commit");
  return id;
}

// What `ref` points at; nullopt when it does not exist.
std::optional<git_oid> ref_target(git_repository* repo, const std::string& ref) {
  git_oid id;
  int rc = git_reference_name_to_id(&id, repo, ref.c_str());
  if (rc == GIT_ENOTFOUND)
    return std::nullopt;
  check(rc, "cannot read " + ref);
  return id;
}

}  // namespace

std::string blob_id(std::string_view text) {
  ensure_initialized();
  git_oid id;
  check(git_odb_hash(&id, text.data(), text.size(), GIT_OBJECT_BLOB), "cannot hash a text");
  return to_hex(id);
}

NotesRef::NotesRef(const Repository& repo, std::string ref,
                   std::function<void(const std::string&)> warn)
    : repo_(repo),
      git_dir_(git_repository_commondir(repo.get())),
      ref_(std::move(ref)),
      warn_(std::move(warn)) {}

std::optional<std::string> NotesRef::tip() const {
  std::optional<git_oid> id = ref_target(repo_.get(), ref_);
  return id ? std::optional<std::string>(to_hex(*id)) : std::nullopt;
}

NotesIndex NotesRef::index() const {
  NotesIndex index;
  std::optional<git_oid> notes_commit = ref_target(repo_.get(), ref_);
  if (!notes_commit)
    return index;
  std::vector<std::string> not_blobs;
  for (const auto& [commit, entry] :
       read_entries(commit_tree(repo_.get(), *notes_commit).get(), &not_blobs)) {
    index.emplace(commit, to_hex(entry.blob));
  }
  for (const auto& commit : not_blobs) {
    if (warn_) {
      warn_("the note of commit " + commit.substr(0, 12) + " in " + ref_ +
            " is not a blob (a tree or a submodule): it is no note, and was ignored");
    }
  }
  return index;
}

std::vector<std::string> NotesRef::read_lines(const std::string& blob) const {
  std::vector<std::string> lines;
  for_each_line(blob_text(repo_.get(), from_hex(blob)),
                [&](std::string_view line) { lines.emplace_back(line); });
  return lines;
}

bool NotesRef::add(const NoteLines& lines, const std::string& message) {
  bool changed = false;
  git_repository* repo = repo_.get();
  retry([&] {
    std::optional<git_oid> old = ref_target(repo, ref_);
    git::TreePtr base;
    Entries entries;
    if (old) {
      base = commit_tree(repo, *old);
      entries = read_entries(base.get());
    }
    std::map<std::string, git_oid> notes;
    for (const auto& [commit, new_lines] : lines) {
      if (new_lines.empty())
        continue;
      std::set<std::string> merged;
      auto existing = entries.find(commit);
      if (existing != entries.end())
        merged = blob_lines(repo, existing->second.blob);
      std::size_t before = merged.size();
      merged.insert(new_lines.begin(), new_lines.end());
      if (merged.size() != before || existing == entries.end())
        notes.emplace(commit, write_blob(repo, join_lines(merged)));
    }
    if (notes.empty()) {
      changed = false;
      return true;
    }
    git_oid tree = updated_tree(repo, base.get(), entries, notes);
    std::vector<git_oid> parents;
    if (old)
      parents.push_back(*old);
    changed = compare_and_swap(old ? std::optional<std::string>(to_hex(*old)) : std::nullopt,
                               to_hex(write_commit(repo, tree, parents, message)));
    return changed;
  });
  return changed;
}

NotesRef::Merge NotesRef::merge(const std::string& other_hex) {
  git_repository* repo = repo_.get();
  const git_oid other = from_hex(other_hex);
  Merge result = Merge::up_to_date;
  retry([&] {
    std::optional<git_oid> old = ref_target(repo, ref_);
    if (!old) {
      result = Merge::fast_forward;
      return compare_and_swap(std::nullopt, other_hex);
    }
    const std::string old_hex = to_hex(*old);
    if (git_oid_equal(&*old, &other) || git_graph_descendant_of(repo, &*old, &other) == 1) {
      result = Merge::up_to_date;
      return true;
    }
    if (git_graph_descendant_of(repo, &other, &*old) == 1) {
      result = Merge::fast_forward;
      return compare_and_swap(old_hex, other_hex);
    }
    git::TreePtr base = commit_tree(repo, *old);
    Entries ours = read_entries(base.get());
    Entries theirs = read_entries(commit_tree(repo, other).get());
    std::map<std::string, git_oid> notes;
    for (const auto& [commit, entry] : theirs) {
      auto mine = ours.find(commit);
      if (mine == ours.end()) {
        notes.emplace(commit, entry.blob);
      } else if (!git_oid_equal(&mine->second.blob, &entry.blob)) {
        std::set<std::string> merged = blob_lines(repo, mine->second.blob);
        merged.merge(blob_lines(repo, entry.blob));
        notes.emplace(commit, write_blob(repo, join_lines(merged)));
      }
    }
    git_oid tree = updated_tree(repo, base.get(), ours, notes);
    git_oid merged =
        write_commit(repo, tree, {*old, other}, "Merge notes: union of lines per annotated commit");
    result = Merge::merged;
    return compare_and_swap(old_hex, to_hex(merged));
  });
  return result;
}

bool NotesRef::compare_and_swap(const std::optional<std::string>& expected,
                                const std::string& target_hex) {
  git_reference* out = nullptr;
  const char* log = "git-mentor: update notes";
  const git_oid target = from_hex(target_hex);
  // The expected value is compared under the ref's lock. "Must not exist yet" is the zero id:
  // git_reference_create(force = 0) checks existence before taking the lock, so two first
  // writers could both pass and the second would overwrite the first.
  const git_oid current = expected ? from_hex(*expected) : git_oid{};
  int rc =
      git_reference_create_matching(&out, repo_.get(), ref_.c_str(), &target, 1, &current, log);
  git::ReferencePtr owned(out);
  if (rc == 0)
    return true;
  if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS)
    return false;
  if (rc == GIT_ELOCKED) {
    std::string lock = git_dir_ + ref_ + ".lock";
    struct stat info {};
    if (::stat(lock.c_str(), &info) == 0) {
      auto age = std::chrono::system_clock::now() -
                 std::chrono::system_clock::from_time_t(info.st_mtim.tv_sec);
      if (age > kStaleLock && std::remove(lock.c_str()) == 0 && warn_) {
        warn_("removed " + lock + ", a lock left by a process that stopped " +
              std::to_string(std::chrono::duration_cast<std::chrono::seconds>(age).count()) +
              " s ago");
      }
    }
    return false;
  }
  git::check(rc, "cannot update " + ref_);
  return false;
}

void NotesRef::retry(const std::function<bool()>& attempt) {
  auto deadline = std::chrono::steady_clock::now() + kRetryFor;
  std::minstd_rand random(std::random_device{}());
  int delay_ms = 1;
  while (!attempt()) {
    if (std::chrono::steady_clock::now() > deadline) {
      throw Error(
          "cannot update " + ref_ + ": other writers kept changing it, or " + git_dir_ + ref_ +
          ".lock stayed in place, for " +
          std::to_string(std::chrono::duration_cast<std::chrono::seconds>(kRetryFor).count()) +
          " s");
    }
    std::uniform_int_distribution<int> jitter(delay_ms, 2 * delay_ms);
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(random)));
    delay_ms = std::min(delay_ms * 2, 100);
  }
}

}  // namespace mentor::git
