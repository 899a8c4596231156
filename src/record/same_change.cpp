// Matching rewritten commits to recorded ones by author, author time and patch-id.
#include "record/same_change.hpp"

#include <compare>
#include <cstdint>
#include <optional>

#include "git/diff_reader.hpp"
#include "git/patch_id.hpp"
#include "util/error.hpp"

namespace mentor::record {

namespace {

struct AuthorKey {
  std::string name;
  std::string email;
  std::int64_t time = 0;
  auto operator<=>(const AuthorKey&) const = default;
};

// The author key of a commit that is not a merge; nullopt for a merge or a commit this
// repository does not have.
std::optional<AuthorKey> author_key(const git::Repository& repo, const std::string& id) {
  try {
    git::CommitInfo info = git::read_commit_info(repo, id);
    if (info.parents.size() > 1)
      return std::nullopt;
    return AuthorKey{std::move(info.author_name), std::move(info.author_email), info.author_time};
  } catch (const Error&) {
    return std::nullopt;
  }
}

}  // namespace

std::map<std::string, std::vector<std::string>> same_changes(
    const git::Repository& repo, const std::vector<std::string>& unnoted,
    const std::vector<std::string>& noted) {
  std::map<std::string, std::vector<std::string>> out;
  if (unnoted.empty() || noted.empty())
    return out;
  std::multimap<AuthorKey, std::string> candidates;
  for (const auto& id : noted) {
    if (auto key = author_key(repo, id))
      candidates.emplace(std::move(*key), id);
  }
  std::map<std::string, std::optional<std::string>> patch_ids;
  auto patch_id = [&](const std::string& id) -> const std::optional<std::string>& {
    auto it = patch_ids.find(id);
    if (it == patch_ids.end())
      it = patch_ids.emplace(id, git::patch_id(repo, id)).first;
    return it->second;
  };
  for (const auto& id : unnoted) {
    std::optional<AuthorKey> key = author_key(repo, id);
    if (!key)
      continue;
    auto [first, last] = candidates.equal_range(*key);
    if (first == last)
      continue;
    const std::optional<std::string>& wanted = patch_id(id);
    if (!wanted)
      continue;
    for (auto it = first; it != last; ++it) {
      if (patch_id(it->second) == wanted)
        out[id].push_back(it->second);
    }
  }
  return out;
}

}  // namespace mentor::record
