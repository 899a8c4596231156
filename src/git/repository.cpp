// Opening repositories and reading files at their root.
#include "git/repository.hpp"

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <system_error>

#include <fmt/format.h>

#include "git/diff_reader.hpp"
#include "git/file_at.hpp"
#include "git/handles.hpp"
#include "util/regular_file.hpp"

namespace mentor::git {

namespace {

// `path` as a repository-relative path that stays inside the repository: not absolute, no `..`
// leaving the root, not empty. Throws mentor::Error otherwise.
std::filesystem::path inside_path(const std::string& path, std::string_view what) {
  std::filesystem::path relative = std::filesystem::path(path).lexically_normal();
  if (path.empty() || relative.is_absolute() || relative.has_root_name() ||
      (!relative.empty() && *relative.begin() == "..")) {
    throw Error(
        fmt::format("{} {} is outside the repository: a repository names only its own "
                    "files",
                    what, path));
  }
  return relative;
}

// The blob at `path` in HEAD's tree; nullopt when HEAD is unborn or has no such entry.
std::optional<std::string> read_head_file(const Repository& repo, const std::string& path,
                                          std::uint64_t max_bytes, std::string_view what) {
  inside_path(path, what);
  TreePtr tree = head_tree(repo.get());
  if (!tree)
    return std::nullopt;
  git_tree_entry* entry_raw = nullptr;
  if (git_tree_entry_bypath(&entry_raw, tree.get(), path.c_str()) < 0)
    return std::nullopt;
  TreeEntryPtr entry(entry_raw);
  if (git_tree_entry_filemode(entry.get()) == GIT_FILEMODE_LINK) {
    throw Error(fmt::format("{} {} is a symbolic link in HEAD: it is not followed", what, path));
  }
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB)
    throw Error(fmt::format("{} {} is not a file in HEAD", what, path));
  git_odb* odb_raw = nullptr;
  check(git_repository_odb(&odb_raw, repo.get()), "cannot open the object database");
  OdbPtr odb(odb_raw);
  std::size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  check(git_odb_read_header(&size, &type, odb.get(), git_tree_entry_id(entry.get())),
        "cannot read " + path + " in HEAD");
  if (size > max_bytes)
    throw Error(fmt::format("{} {} is larger than {} bytes", what, path, max_bytes));
  return read_blob(repo, to_hex(*git_tree_entry_id(entry.get())));
}

// git_repository_open_ext with `flags`; throws mentor::Error "not a git repository: PATH" when
// there is none.
RepositoryPtr open_repository(const std::string& path, unsigned flags) {
  ensure_initialized();
  git_repository* repo = nullptr;
  int rc = git_repository_open_ext(&repo, path.c_str(), flags, nullptr);
  if (rc == GIT_ENOTFOUND)
    throw Error("not a git repository: " + path);
  check(rc, "cannot open repository " + path);
  return RepositoryPtr(repo);
}

}  // namespace

constexpr std::size_t kObjectCacheBytes = 16u << 20;
constexpr std::size_t kPackWindowBytes = 8u << 20;
constexpr std::size_t kPackMappedBytes = 32u << 20;

void ensure_initialized() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    // git-mentor only reads objects git wrote; like git itself, do not re-hash every object read.
    // Object creation (notes) keeps libgit2's strict validation.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    // Parsed objects (trees, commits) libgit2 keeps, all repository handles together. Its
    // default of 256 MiB let a review's memory grow with the commits it went through (a tree
    // per changed directory per commit: 52 MB after 4,000 generated commits); the objects a
    // review needs again are its current commit's and parents'.
    git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, static_cast<ssize_t>(kObjectCacheBytes));
    // Pack files are read through mmap windows, which stay mapped (and count as resident once
    // read) up to a limit of 8 GiB by default: a long review kept most of a 100 MB pack
    // resident. Smaller windows under a limit are unmapped least recently used first.
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, kPackWindowBytes);
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, kPackMappedBytes);
  });
}

Repository Repository::discover(const std::string& path) {
  return Repository(open_repository(path, 0).release());
}

Repository Repository::open(const std::string& git_dir) {
  return Repository(open_repository(git_dir, GIT_REPOSITORY_OPEN_NO_SEARCH).release());
}

Repository Repository::open_objects(const std::string& git_dir) {
  return Repository(
      open_repository(git_dir, GIT_REPOSITORY_OPEN_NO_SEARCH | GIT_REPOSITORY_OPEN_BARE).release());
}

Repository::Repository(Repository&& other) noexcept : repo_(other.repo_) {
  other.repo_ = nullptr;
}

Repository& Repository::operator=(Repository&& other) noexcept {
  if (this != &other) {
    RepositoryPtr previous(repo_);
    repo_ = other.repo_;
    other.repo_ = nullptr;
  }
  return *this;
}

Repository::~Repository() {
  RepositoryPtr owned(repo_);
}

bool Repository::is_bare() const {
  return git_repository_is_bare(repo_) != 0;
}

std::string Repository::git_dir() const {
  return git_repository_path(repo_);
}

std::string Repository::workdir() const {
  const char* dir = git_repository_workdir(repo_);
  return dir == nullptr ? std::string() : std::string(dir);
}

std::optional<std::string> Repository::read_root_file(const std::string& path,
                                                      std::uint64_t max_bytes,
                                                      std::string_view what) const {
  namespace fs = std::filesystem;
  const char* workdir = git_repository_workdir(repo_);
  if (workdir == nullptr)
    return read_head_file(*this, path, max_bytes, what);
  fs::path file = fs::path(workdir) / inside_path(path, what);
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(file, ec)))
    return std::nullopt;
  // A symbolic link (or a directory that is one) may lead anywhere: what counts is where the
  // file really is. The .git directory holds credentials (a checkout's token) and is no
  // configuration.
  fs::path root = fs::canonical(workdir, ec);
  fs::path git_dir = fs::weakly_canonical(git_repository_path(repo_), ec);
  if (!util::is_within(root, file) || util::is_within(git_dir, file)) {
    throw Error(
        fmt::format("{} {} is outside the repository (a symbolic link leads out of the "
                    "work tree, or into .git): a repository names only its own files",
                    what, path));
  }
  return util::read_regular_file(file, max_bytes, what);
}

std::string Repository::hooks_dir() const {
  namespace fs = std::filesystem;
  git_config* config_raw = nullptr;
  check(git_repository_config_snapshot(&config_raw, repo_), "cannot read the configuration");
  ConfigPtr config(config_raw);
  const char* value = nullptr;
  if (git_config_get_string(&value, config.get(), "core.hooksPath") == 0 && value != nullptr &&
      *value != '\0') {
    std::string text = value;
    const char* home = std::getenv("HOME");
    if (text.starts_with("~/") && home != nullptr)
      text = std::string(home) + text.substr(1);
    fs::path path(text);
    if (path.is_relative())
      path = fs::path(is_bare() ? git_dir() : workdir()) / path;
    return path.lexically_normal().string();
  }
  return (fs::path(git_repository_commondir(repo_)) / "hooks").lexically_normal().string();
}

}  // namespace mentor::git
