// Fetch, union-merge and push the notes refs, with git doing the transport.
#include "record/sync.hpp"

#include <map>
#include <sstream>

#include "record/findings_record.hpp"
#include "record/rewrites.hpp"
#include "util/error.hpp"
#include "util/process.hpp"

namespace mentor::record {

namespace {

constexpr int kAttempts = 5;

// Where the remote's copy of `ref` is fetched to: refs/mentor/remotes/<remote>/<name>, outside
// refs/notes so that `git log --notes=*` does not show it twice.
std::string tracking_ref(const std::string& remote, const std::string& ref) {
  std::string name;
  for (char c : remote) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_' || c == '.';
    name += plain ? c : '_';
  }
  return "refs/mentor/remotes/" + name + "/" + ref.substr(ref.rfind('/') + 1);
}

util::CommandResult git(const git::Repository& repo, std::vector<std::string> args) {
  std::vector<std::string> argv{"git", "--git-dir=" + repo.git_dir()};
  argv.insert(argv.end(), args.begin(), args.end());
  return util::run_command(argv, repo.git_dir(), "", {{"GIT_TERMINAL_PROMPT", "0"}});
}

std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  return line.empty() ? "(no message)" : line;
}

// The remote's record refs and their ids.
std::map<std::string, std::string> remote_refs(const git::Repository& repo,
                                               const std::string& remote) {
  std::vector<std::string> args{"ls-remote", "--refs", remote};
  for (const auto& ref : record_refs())
    args.push_back(ref);
  util::CommandResult result = git(repo, args);
  if (result.exit_code != 0)
    throw Error("cannot reach remote '" + remote + "': " + first_line(result.err));
  std::map<std::string, std::string> refs;
  std::istringstream lines(result.out);
  std::string id;
  std::string name;
  while (lines >> id >> name)
    refs[name] = id;
  return refs;
}

}  // namespace

std::vector<std::string> record_refs() {
  return {std::string(kFindingsRef), std::string(kReviewsRef)};
}

SyncReport sync_record(const git::Repository& repo, const std::string& remote,
                       const std::function<void(const std::string&)>& warn) {
  SyncReport report;
  while (true) {
    ++report.attempts;
    report.refs.clear();
    std::map<std::string, std::string> theirs = remote_refs(repo, remote);

    std::vector<std::string> fetch{"fetch", "--quiet", "--no-tags", "--no-write-fetch-head",
                                   remote};
    for (const auto& [ref, id] : theirs)
      fetch.push_back("+" + ref + ":" + tracking_ref(remote, ref));
    if (!theirs.empty()) {
      util::CommandResult fetched = git(repo, fetch);
      if (fetched.exit_code != 0)
        throw Error("cannot fetch from '" + remote + "': " + first_line(fetched.err));
    }

    std::vector<std::string> push{"push", "--quiet", "--porcelain", remote};
    bool anything_to_push = false;
    for (const auto& ref : record_refs()) {
      SyncedRef& synced = report.refs.emplace_back();
      synced.ref = ref;
      git::NotesRef notes(repo, ref, warn);
      if (theirs.count(ref) != 0) {
        synced.fetched = true;
        std::optional<std::string> fetched_tip =
            git::NotesRef(repo, tracking_ref(remote, ref)).tip();
        if (!fetched_tip) {
          throw Error("fetching " + ref + " from '" + remote + "' did not update " +
                      tracking_ref(remote, ref));
        }
        synced.merge = notes.merge(*fetched_tip);
      }
      if (theirs.count(ref) != 0)
        follow_rewrites(repo, warn);  // the ref may exist here for the first time
      std::optional<std::string> ours = notes.tip();
      if (ours && (theirs.count(ref) == 0 || theirs[ref] != *ours)) {
        push.push_back(ref + ":" + ref);
        synced.pushed = true;
        anything_to_push = true;
      }
    }
    if (!anything_to_push)
      return report;  // the remote already has everything we have
    util::CommandResult pushed = git(repo, push);
    if (pushed.exit_code == 0)
      return report;
    // The remote moved meanwhile: git refuses a push that is not a fast-forward ("[rejected]"),
    // and the remote fails its own compare-and-swap when another push lands in between.
    bool moved = pushed.out.find("[rejected]") != std::string::npos ||
                 pushed.out.find("failed to update ref") != std::string::npos ||
                 pushed.out.find("cannot lock ref") != std::string::npos;
    if (!moved || report.attempts >= kAttempts) {
      std::string reason = first_line(pushed.err.empty() ? pushed.out : pushed.err);
      throw Error("cannot push the record to '" + remote + "': " + reason +
                  (moved ? " (the remote kept moving; run sync again)" : ""));
    }
  }
}

}  // namespace mentor::record
