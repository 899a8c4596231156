// Owners of libgit2 handles, and the one way libgit2 failures become mentor::Error.
// Internal to git/.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <git2.h>

#include "util/error.hpp"

namespace mentor::git {

template <typename T, void (*Free)(T*)>
struct HandleDeleter {
  void operator()(T* handle) const { Free(handle); }
};

template <typename T, void (*Free)(T*)>
using Handle = std::unique_ptr<T, HandleDeleter<T, Free>>;

using BlobPtr = Handle<git_blob, git_blob_free>;
using CommitPtr = Handle<git_commit, git_commit_free>;
using DiffPtr = Handle<git_diff, git_diff_free>;
using ObjectPtr = Handle<git_object, git_object_free>;
using PatchPtr = Handle<git_patch, git_patch_free>;
using ReferencePtr = Handle<git_reference, git_reference_free>;
using RepositoryPtr = Handle<git_repository, git_repository_free>;
using RevwalkPtr = Handle<git_revwalk, git_revwalk_free>;
using TreePtr = Handle<git_tree, git_tree_free>;
using TreeEntryPtr = Handle<git_tree_entry, git_tree_entry_free>;

// libgit2's message for the last failure on this thread, or `fallback`.
inline std::string last_error(std::string_view fallback = "unknown libgit2 error") {
  const git_error* e = git_error_last();
  return e != nullptr && e->message != nullptr ? std::string(e->message) : std::string(fallback);
}

// Throws mentor::Error "`what`: <libgit2 message>" when `rc` is negative.
inline void check(int rc, std::string_view what) {
  if (rc < 0)
    throw Error(std::string(what) + ": " + last_error());
}

inline std::string to_hex(const git_oid& oid) {
  char buffer[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buffer, sizeof buffer, &oid);
  return std::string(buffer, GIT_OID_HEXSZ);
}

inline git_oid from_hex(const std::string& hex) {
  git_oid oid;
  if (git_oid_fromstrn(&oid, hex.data(), hex.size()) < 0) {
    throw Error("not an object id: '" + hex + "'");
  }
  return oid;
}

}  // namespace mentor::git
