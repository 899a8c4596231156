// Resolving RANGE arguments to the commits they name.
#include "git/commit_range.hpp"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <optional>
#include <queue>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "git/handles.hpp"
#include "git/shallow.hpp"

namespace mentor::git {

namespace {

// A revision walk: the commits reachable from `include` and from none of `exclude`.
struct Walk {
  std::vector<git_oid> include;
  std::vector<git_oid> exclude;
};

bool oid_less(const git_oid& a, const git_oid& b) {
  return git_oid_cmp(&a, &b) < 0;
}

bool oid_equal(const git_oid& a, const git_oid& b) {
  return git_oid_equal(&a, &b) != 0;
}

std::optional<git_oid> upstream_of(git_repository* repo, const git_reference* branch);

// "BRANCH@{upstream}" / "BRANCH@{u}" (BRANCH empty: HEAD's branch) resolved without libgit2's
// revparse, which leaks memory for them in libgit2 1.5. nullopt when `spec` is not of that form;
// otherwise the upstream's commit, or nullopt inside when there is none.
std::optional<std::optional<git_oid>> try_resolve_upstream(git_repository* repo,
                                                           const std::string& spec) {
  std::string_view text(spec);
  std::optional<std::string_view> branch;
  for (std::string_view suffix : {"@{u}", "@{upstream}"}) {
    if (text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix)
      branch = text.substr(0, text.size() - suffix.size());
  }
  if (!branch || branch->find_first_of("@{}^~:") != std::string_view::npos)
    return std::nullopt;
  git_reference* ref_raw = nullptr;
  int rc = branch->empty()
               ? git_repository_head(&ref_raw, repo)
               : git_branch_lookup(&ref_raw, repo, std::string(*branch).c_str(), GIT_BRANCH_LOCAL);
  if (rc < 0)
    return std::optional<git_oid>();
  ReferencePtr ref(ref_raw);
  if (git_reference_is_branch(ref.get()) == 0)
    return std::optional<git_oid>();
  return upstream_of(repo, ref.get());
}

// The commit `spec` names (tags are peeled); nullopt when it names none.
std::optional<git_oid> try_resolve(git_repository* repo, const std::string& spec) {
  if (auto upstream = try_resolve_upstream(repo, spec))
    return *upstream;
  git_object* object_raw = nullptr;
  if (git_revparse_single(&object_raw, repo, spec.c_str()) < 0)
    return std::nullopt;
  ObjectPtr object(object_raw);
  git_object* commit_raw = nullptr;
  if (git_object_peel(&commit_raw, object.get(), GIT_OBJECT_COMMIT) < 0)
    return std::nullopt;
  ObjectPtr commit(commit_raw);
  return *git_object_id(commit.get());
}

// As try_resolve; throws mentor::Error "unknown revision 'SPEC'" instead of returning nullopt.
git_oid resolve(git_repository* repo, const std::string& spec) {
  if (std::optional<git_oid> oid = try_resolve(repo, spec))
    return *oid;
  throw Error("unknown revision '" + spec + "'");
}

// The two ends of "A..B" / "A...B"; an empty end means HEAD.
std::pair<std::string, std::string> split_range(const std::string& arg, std::size_t at,
                                                std::size_t dots) {
  std::string left = arg.substr(0, at);
  std::string right = arg.substr(at + dots);
  return {left.empty() ? "HEAD" : std::move(left), right.empty() ? "HEAD" : std::move(right)};
}

// The walk of "A..B" or "A...B" (`at` is where the dots start); nullopt when `arg` is a single
// revision that merely contains dots (e.g. "HEAD^{/fix..bug}").
std::optional<Walk> parse_range(git_repository* repo, const std::string& arg, std::size_t at,
                                std::size_t dots) {
  auto [left, right] = split_range(arg, at, dots);
  std::optional<git_oid> a = try_resolve(repo, left);
  std::optional<git_oid> b = try_resolve(repo, right);
  if (!a || !b) {
    if (try_resolve(repo, arg))
      return std::nullopt;
    throw Error("unknown revision '" + (a ? right : left) + "'");
  }
  Walk walk;
  if (dots == 2) {
    walk.include = {*b};
    walk.exclude = {*a};
    return walk;
  }
  walk.include = {*a, *b};
  OidArray bases;
  int rc = git_merge_bases(bases.out(), repo, &*a, &*b);
  if (rc != GIT_ENOTFOUND) {
    check(rc, "cannot find the merge base of " + left + " and " + right);
    for (std::size_t i = 0; i < bases.size(); ++i)
      walk.exclude.push_back(bases[i]);
  }
  return walk;
}

std::vector<git_oid> order_oldest_first(git_repository* repo, std::vector<git_oid> ids);

// The parents of `id` that this repository has: none for a commit at a shallow clone's boundary
// (`shallow`), whose parents were not fetched.
std::vector<git_oid> present_parents(git_repository* repo, const git_oid& id,
                                     const std::set<std::string>& shallow) {
  std::vector<git_oid> parents;
  if (shallow.contains(to_hex(id)))
    return parents;
  git_commit* commit_raw = nullptr;
  if (git_commit_lookup(&commit_raw, repo, &id) < 0)
    return parents;
  CommitPtr commit(commit_raw);
  unsigned count = git_commit_parentcount(commit.get());
  for (unsigned p = 0; p < count; ++p)
    parents.push_back(*git_commit_parent_id(commit.get(), p));
  return parents;
}

// `walk` in a shallow clone, where libgit2's revision walk fails on the parents the clone does
// not have: the commits reachable from `include` without crossing the boundary, minus those
// reachable from `exclude`; ordered by order_oldest_first. Its history is as deep as the clone,
// so marking all of it is cheap.
std::vector<git_oid> shallow_walk(git_repository* repo, const Walk& walk,
                                  const std::set<std::string>& shallow) {
  auto reach = [&](const std::vector<git_oid>& from, const std::set<std::string>& stop) {
    std::set<std::string> seen;
    std::vector<git_oid> pending(from.begin(), from.end());
    std::vector<git_oid> found;
    while (!pending.empty()) {
      git_oid id = pending.back();
      pending.pop_back();
      std::string hex = to_hex(id);
      if (stop.contains(hex) || !seen.insert(hex).second)
        continue;
      found.push_back(id);
      for (const git_oid& parent : present_parents(repo, id, shallow))
        pending.push_back(parent);
    }
    return std::pair(std::move(seen), std::move(found));
  };
  std::set<std::string> hidden = reach(walk.exclude, {}).first;
  return order_oldest_first(repo, reach(walk.include, hidden).second);
}

// Runs `walk`, appending what it yields to `out` in libgit2's topological order, oldest first.
// In a shallow clone (`shallow` not empty) the walk stops at the boundary.
void run_walk(git_repository* repo, const Walk& walk, std::vector<git_oid>& out,
              const std::set<std::string>& shallow) {
  if (walk.include.empty())
    return;
  if (!shallow.empty()) {
    std::vector<git_oid> ids = shallow_walk(repo, walk, shallow);
    out.insert(out.end(), ids.begin(), ids.end());
    return;
  }
  git_revwalk* walker_raw = nullptr;
  check(git_revwalk_new(&walker_raw, repo), "cannot walk history");
  RevwalkPtr walker(walker_raw);
  check(git_revwalk_sorting(walker.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME | GIT_SORT_REVERSE),
        "cannot walk history");
  for (const git_oid& oid : walk.include)
    check(git_revwalk_push(walker.get(), &oid), "cannot walk from " + to_hex(oid));
  for (const git_oid& oid : walk.exclude)
    check(git_revwalk_hide(walker.get(), &oid), "cannot walk history");
  git_oid oid;
  int rc = 0;
  while ((rc = git_revwalk_next(&oid, walker.get())) == 0)
    out.push_back(oid);
  if (rc != GIT_ITEROVER)
    check(rc, "cannot walk history");
}

// Orders `ids` parents first, commits without an order between them by committer time and then
// by id. Duplicates are removed.
std::vector<git_oid> order_oldest_first(git_repository* repo, std::vector<git_oid> ids) {
  std::sort(ids.begin(), ids.end(), oid_less);
  ids.erase(std::unique(ids.begin(), ids.end(), oid_equal), ids.end());

  struct Node {
    git_time_t time = 0;
    std::size_t pending_parents = 0;
    std::vector<std::size_t> children;
  };
  std::vector<Node> nodes(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    git_commit* commit_raw = nullptr;
    check(git_commit_lookup(&commit_raw, repo, &ids[i]), "cannot read commit " + to_hex(ids[i]));
    CommitPtr commit(commit_raw);
    nodes[i].time = git_commit_time(commit.get());
    unsigned parents = git_commit_parentcount(commit.get());
    for (unsigned p = 0; p < parents; ++p) {
      const git_oid* parent = git_commit_parent_id(commit.get(), p);
      auto it = std::lower_bound(ids.begin(), ids.end(), *parent, oid_less);
      if (it == ids.end() || !oid_equal(*it, *parent))
        continue;
      nodes[static_cast<std::size_t>(it - ids.begin())].children.push_back(i);
      ++nodes[i].pending_parents;
    }
  }

  // Index order is id order, so (time, index) breaks ties deterministically.
  using Ready = std::pair<git_time_t, std::size_t>;
  std::priority_queue<Ready, std::vector<Ready>, std::greater<>> ready;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].pending_parents == 0)
      ready.emplace(nodes[i].time, i);
  }
  std::vector<git_oid> ordered;
  ordered.reserve(ids.size());
  while (!ready.empty()) {
    std::size_t i = ready.top().second;
    ready.pop();
    ordered.push_back(ids[i]);
    for (std::size_t child : nodes[i].children) {
      if (--nodes[child].pending_parents == 0)
        ready.emplace(nodes[child].time, child);
    }
  }
  return ordered;
}

// The commit local branch `branch_ref` follows: branch.<name>.remote and branch.<name>.merge,
// mapped through the remote's fetch refspecs to a remote-tracking ref. nullopt when there is none.
// (git_branch_upstream does the same but leaks memory in libgit2 1.5's git_remote_lookup.)
std::optional<git_oid> upstream_of(git_repository* repo, const git_reference* branch_ref) {
  const char* branch = nullptr;
  if (git_branch_name(&branch, branch_ref) < 0)
    return std::nullopt;
  git_config* config_raw = nullptr;
  check(git_repository_config_snapshot(&config_raw, repo), "cannot read the configuration");
  ConfigPtr config(config_raw);
  const std::string prefix = std::string("branch.") + branch + ".";
  const char* remote = nullptr;
  const char* merge = nullptr;
  if (git_config_get_string(&remote, config.get(), (prefix + "remote").c_str()) < 0 ||
      git_config_get_string(&merge, config.get(), (prefix + "merge").c_str()) < 0) {
    return std::nullopt;
  }
  if (std::string_view(remote) == ".")
    return try_resolve(repo, merge);

  std::vector<std::string> fetch_specs;
  git_config_get_multivar_foreach(
      config.get(), (std::string("remote.") + remote + ".fetch").c_str(), nullptr,
      [](const git_config_entry* entry, void* specs) {
        static_cast<std::vector<std::string>*>(specs)->emplace_back(entry->value);
        return 0;
      },
      &fetch_specs);
  for (const std::string& text : fetch_specs) {
    git_refspec* spec_raw = nullptr;
    if (git_refspec_parse(&spec_raw, text.c_str(), 1) < 0)
      continue;
    RefspecPtr spec(spec_raw);
    if (git_refspec_src_matches(spec.get(), merge) == 0)
      continue;
    Buf tracking;
    if (git_refspec_transform(tracking.out(), spec.get(), merge) < 0)
      return std::nullopt;
    return try_resolve(repo, std::string(tracking.view()));
  }
  return std::nullopt;
}

// Hides from `walk` the commit of every ref matching `glob` (symbolic refs followed, refs that
// name no commit skipped). Returns how many refs it hid.
std::size_t hide_refs(git_repository* repo, const std::string& glob, Walk& walk) {
  git_reference_iterator* it_raw = nullptr;
  check(git_reference_iterator_glob_new(&it_raw, repo, glob.c_str()), "cannot list " + glob);
  ReferenceIteratorPtr it(it_raw);
  std::size_t hidden = 0;
  git_reference* ref_raw = nullptr;
  while (git_reference_next(&ref_raw, it.get()) == 0) {
    ReferencePtr ref(ref_raw);
    git_object* peeled_raw = nullptr;
    if (git_reference_peel(&peeled_raw, ref.get(), GIT_OBJECT_COMMIT) < 0)
      continue;  // a symbolic ref to nothing, or not a commit
    ObjectPtr peeled(peeled_raw);
    walk.exclude.push_back(*git_object_id(peeled.get()));
    ++hidden;
  }
  return hidden;
}

// The walk meant by no arguments: `HEAD --not --remotes` (what no remote-tracking ref reaches)
// when the repository has remote-tracking refs, else HEAD alone (returned in `single`). Both
// empty for an unborn HEAD.
void default_range(git_repository* repo, std::vector<Walk>& walks, std::vector<git_oid>& single) {
  git_reference* head_raw = nullptr;
  int rc = git_repository_head(&head_raw, repo);
  if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND)
    return;
  check(rc, "cannot read HEAD");
  ReferencePtr head(head_raw);
  git_object* commit_raw = nullptr;
  check(git_reference_peel(&commit_raw, head.get(), GIT_OBJECT_COMMIT), "cannot read HEAD");
  ObjectPtr commit(commit_raw);
  const git_oid head_id = *git_object_id(commit.get());

  Walk walk{{head_id}, {}};
  if (hide_refs(repo, "refs/remotes/*", walk) > 0)
    walks.push_back(std::move(walk));
  else
    single.push_back(head_id);
}

}  // namespace

std::vector<std::string> resolve_commits(const Repository& repo,
                                         const std::vector<std::string>& ranges, Plain plain) {
  git_repository* r = repo.get();
  std::vector<Walk> walks;         // one per "A..B" / "A...B"
  std::vector<git_oid> positives;  // "C"
  std::vector<git_oid> negatives;  // "^A"

  if (ranges.empty() && plain == Plain::alone) {
    default_range(r, walks, positives);
  } else if (ranges.empty()) {
    if (auto head = try_resolve(r, "HEAD"))
      positives.push_back(*head);
  }
  for (const std::string& arg : ranges) {
    if (arg.size() > 1 && arg[0] == '^') {
      negatives.push_back(resolve(r, arg.substr(1)));
      continue;
    }
    std::optional<Walk> walk;
    if (std::size_t at = arg.find("..."); at != std::string::npos) {
      walk = parse_range(r, arg, at, 3);
    } else if (at = arg.find(".."); at != std::string::npos) {
      walk = parse_range(r, arg, at, 2);
    }
    if (walk) {
      walks.push_back(std::move(*walk));
    } else {
      positives.push_back(resolve(r, arg));
    }
  }

  // As in git, an exclusion applies to every argument, and "^A C" walks C's history; without
  // one, a plain commit stands for itself alone.
  if (!negatives.empty() || (plain == Plain::history && !positives.empty())) {
    for (Walk& walk : walks)
      walk.exclude.insert(walk.exclude.end(), negatives.begin(), negatives.end());
    walks.push_back(Walk{std::move(positives), negatives});
    positives.clear();
  }

  std::vector<git_oid> ids;
  std::size_t sources = positives.size();
  const std::set<std::string> shallow = shallow_commits(repo);
  for (const Walk& walk : walks) {
    if (!walk.include.empty())
      ++sources;
    run_walk(r, walk, ids, shallow);
  }
  ids.insert(ids.end(), positives.begin(), positives.end());
  // One walk (or one commit) is already in order; several sources are merged and re-ordered.
  if (sources > 1)
    ids = order_oldest_first(r, std::move(ids));

  std::vector<std::string> out;
  out.reserve(ids.size());
  for (const git_oid& oid : ids)
    out.push_back(to_hex(oid));
  return out;
}

namespace {

bool all_zeros(const std::string& sha) {
  return sha.find_first_not_of('0') == std::string::npos;
}

}  // namespace

std::vector<std::string> commits_to_push(const Repository& repo, const std::string& remote_name,
                                         const PushedRef& ref) {
  if (all_zeros(ref.local_sha))
    return {};
  git_repository* r = repo.get();
  std::optional<git_oid> local = try_resolve(r, ref.local_sha);
  if (!local) {
    // A tag of a tree or a blob (or a tree or blob pushed as such) is no commit: nothing to
    // review. An object that is not here at all is an error.
    git_object* object_raw = nullptr;
    if (git_revparse_single(&object_raw, r, ref.local_sha.c_str()) < 0)
      throw Error("unknown revision '" + ref.local_sha + "'");
    ObjectPtr object(object_raw);
    return {};
  }
  Walk walk;
  walk.include.push_back(*local);
  if (!all_zeros(ref.remote_sha)) {
    // After a force push elsewhere the old remote commit may not be here: then the
    // remote-tracking refs alone say what the remote has.
    if (std::optional<git_oid> old = try_resolve(r, ref.remote_sha))
      walk.exclude.push_back(*old);
  }
  hide_refs(r, "refs/remotes/" + remote_name + "/*", walk);
  std::vector<git_oid> ids;
  run_walk(r, walk, ids, shallow_commits(repo));
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (const git_oid& oid : ids)
    out.push_back(to_hex(oid));
  return out;
}

std::optional<std::string> reversed_range(std::string_view arg) {
  std::size_t at = arg.find("..");
  if (at == std::string_view::npos || arg.find("..", at + 2) != std::string_view::npos ||
      arg.substr(at + 2).starts_with(".")) {
    return std::nullopt;
  }
  return std::string(arg.substr(at + 2)) + ".." + std::string(arg.substr(0, at));
}

}  // namespace mentor::git
