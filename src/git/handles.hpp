// Owners of libgit2 handles, and the one way libgit2 failures become mentor::Error.
// Internal to git/.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <git2.h>

#include "util/error.hpp"

namespace mentor::git {

template <typename T, void (*Free)(T*)>
struct HandleDeleter {
  void operator()(T* handle) const noexcept { Free(handle); }
};

template <typename T, void (*Free)(T*)>
using Handle = std::unique_ptr<T, HandleDeleter<T, Free>>;

using BlobPtr = Handle<git_blob, git_blob_free>;
using CommitPtr = Handle<git_commit, git_commit_free>;
using ConfigPtr = Handle<git_config, git_config_free>;
using SignaturePtr = Handle<git_signature, git_signature_free>;
using IndexPtr = Handle<git_index, git_index_free>;
using ReferenceIteratorPtr = Handle<git_reference_iterator, git_reference_iterator_free>;
using DiffPtr = Handle<git_diff, git_diff_free>;
using ObjectPtr = Handle<git_object, git_object_free>;
using OdbPtr = Handle<git_odb, git_odb_free>;
using PatchPtr = Handle<git_patch, git_patch_free>;
using ReferencePtr = Handle<git_reference, git_reference_free>;
using RefspecPtr = Handle<git_refspec, git_refspec_free>;
using RepositoryPtr = Handle<git_repository, git_repository_free>;
using RevwalkPtr = Handle<git_revwalk, git_revwalk_free>;
using TreePtr = Handle<git_tree, git_tree_free>;
using TreeEntryPtr = Handle<git_tree_entry, git_tree_entry_free>;

// A git_buf filled by libgit2 (pass out()), disposed on destruction.
class Buf {
 public:
  Buf() = default;
  Buf(const Buf&) = delete;
  Buf& operator=(const Buf&) = delete;
  ~Buf() { git_buf_dispose(&buf_); }

  git_buf* out() { return &buf_; }
  std::string_view view() const { return {buf_.ptr != nullptr ? buf_.ptr : "", buf_.size}; }

 private:
  git_buf buf_ = GIT_BUF_INIT;
};

// A git_oidarray filled by libgit2 (pass out()), disposed on destruction.
class OidArray {
 public:
  OidArray() = default;
  OidArray(const OidArray&) = delete;
  OidArray& operator=(const OidArray&) = delete;
  ~OidArray() { git_oidarray_dispose(&array_); }

  git_oidarray* out() { return &array_; }
  std::size_t size() const { return array_.count; }
  const git_oid& operator[](std::size_t i) const { return array_.ids[i]; }

 private:
  git_oidarray array_{nullptr, 0};
};

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

// The 40-hex form of `oid`.
inline std::string to_hex(const git_oid& oid) {
  std::string hex(GIT_OID_HEXSZ, '\0');
  git_oid_fmt(hex.data(), &oid);
  return hex;
}

// Parses a full 40-hex id; throws mentor::Error "not an object id: 'X'" for anything else.
inline git_oid from_hex(std::string_view hex) {
  git_oid oid;
  if (hex.size() != GIT_OID_HEXSZ || git_oid_fromstrn(&oid, hex.data(), hex.size()) < 0) {
    throw Error("not an object id: '" + std::string(hex) + "'");
  }
  return oid;
}

// The tree of the commit HEAD names in `repo`; an empty pointer when HEAD is unborn.
inline TreePtr head_tree(git_repository* repo) {
  git_oid head_id;
  if (git_reference_name_to_id(&head_id, repo, "HEAD") < 0)
    return TreePtr();
  git_commit* commit_raw = nullptr;
  check(git_commit_lookup(&commit_raw, repo, &head_id), "cannot read HEAD");
  CommitPtr commit(commit_raw);
  git_tree* tree_raw = nullptr;
  check(git_commit_tree(&tree_raw, commit.get()), "cannot read the tree of HEAD");
  return TreePtr(tree_raw);
}

}  // namespace mentor::git
