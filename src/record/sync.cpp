// Fetch, union-merge and push the notes refs, with git doing the transport.
#include "record/sync.hpp"

#include <algorithm>
#include <map>
#include <optional>
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

// Runs git with `args`, never with a transport that runs commands (ext::, fd::) and never asking
// for credentials on the terminal.
util::CommandResult git(const git::Repository& repo, std::vector<std::string> args) {
  std::vector<std::string> argv{"git", "--git-dir=" + repo.git_dir(),
                                "-c",  "protocol.ext.allow=never",
                                "-c",  "protocol.fd.allow=never"};
  argv.insert(argv.end(), args.begin(), args.end());
  return util::run_command(argv, repo.git_dir(), "", {{"GIT_TERMINAL_PROMPT", "0"}});
}

// The first line of `text`; "(no message)" when it is empty.
std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
    line.pop_back();
  return line.empty() ? "(no message)" : line;
}

// The first thing the remote itself said (git shows it as "remote: TEXT"), without git's prefix;
// empty when it said nothing.
std::string remote_said(const std::string& err) {
  std::istringstream lines(err);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.starts_with("remote:"))
      continue;
    while (line.starts_with("remote:")) {
      std::size_t text = line.find_first_not_of(' ', 7);
      line = text == std::string::npos ? std::string() : line.substr(text);
    }
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
      line.pop_back();
    if (!line.empty())
      return line;
  }
  return "";
}

// Why the remote refused the push, from --porcelain output: "[remote rejected] (pre-receive hook
// declined)" and the like; nullopt when no ref line says.
std::optional<std::string> refusal_reason(const std::string& porcelain) {
  std::istringstream lines(porcelain);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.starts_with("!\t"))
      continue;
    std::size_t status = line.find('\t', 2);
    if (status != std::string::npos)
      return line.substr(status + 1);
  }
  return std::nullopt;
}

// The remote's record refs and their ids.
std::map<std::string, std::string> remote_refs(const git::Repository& repo,
                                               const std::string& remote) {
  std::vector<std::string> args{"ls-remote", "--refs", "--", remote};
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

void check_remote(const std::string& remote) {
  if (remote.empty())
    throw Error("the remote is empty: name a remote (`git remote`) or a URL");
  if (remote.front() == '-') {
    throw Error("remote '" + remote +
                "' starts with '-': it would be an option to git, not a remote; name a remote "
                "(`git remote`) or a URL");
  }
  if (std::any_of(remote.begin(), remote.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    throw Error("remote '" + remote + "' holds a control character: name a remote or a URL");
  }
}

SyncReport sync_record(const git::Repository& repo, const std::string& remote,
                       const std::function<void(const std::string&)>& warn) {
  check_remote(remote);
  SyncReport report;
  while (true) {
    ++report.attempts;
    report.refs.clear();
    std::map<std::string, std::string> theirs = remote_refs(repo, remote);

    std::vector<std::string> fetch{"fetch", "--quiet", "--no-tags", "--no-write-fetch-head",
                                   "--",    remote};
    for (const auto& [ref, id] : theirs)
      fetch.push_back("+" + ref + ":" + tracking_ref(remote, ref));
    if (!theirs.empty()) {
      util::CommandResult fetched = git(repo, fetch);
      if (fetched.exit_code != 0)
        throw Error("cannot fetch from '" + remote + "': " + first_line(fetched.err));
    }

    std::vector<std::string> push{"push", "--quiet", "--porcelain", "--", remote};
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
      // One line: the ref's status ("[remote rejected] (pre-receive hook declined)") and what
      // the remote said about it.
      std::string reason = refusal_reason(pushed.out)
                               .value_or(first_line(pushed.err.empty() ? pushed.out : pushed.err));
      if (std::string said = remote_said(pushed.err);
          !said.empty() && reason.find(said) == std::string::npos) {
        reason += "; the remote said: " + said;
      }
      throw Error("cannot push the record to '" + remote + "': " + reason +
                  (moved ? " (the remote kept moving; run sync again)" : ""));
    }
  }
}

}  // namespace mentor::record
