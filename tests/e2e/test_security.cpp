// Untrusted repositories, end to end through the real binary (docs/security.md): the
// configuration's trust boundary, terminal-safe output, option injection, and the hook and sync
// on odd but valid repositories.
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "e2e/check_fixture.hpp"

namespace mentor::test {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSecret = "gho_SECRET_TOKEN_VALUE";

// A file outside every repository holding a secret that looks like a rule id.
struct Secret {
  TempDir dir;
  fs::path path = dir.path() / "token.yaml";
  Secret() { std::ofstream(path) << "id: " << kSecret << "\nlanguage: python\n"; }
};

// A repository whose configuration is `config`, with one commit.
TestRepo repo_with_config(const std::string& config) {
  TestRepo repo;
  repo.write(".git-mentor.yaml", config);
  repo.write("app.py", "x = 1\n");
  repo.commit("start");
  return repo;
}

// `git mentor check HEAD` in `repo`, through the binary and in-process.
MentorRun check_head(const TestRepo& repo, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"-C", repo.path().string(), "check", "HEAD"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_mentor(args);
}

// Every line of `text` is safe for a terminal and a CI log: no escape or other control character
// but tab, and none starts a GitHub workflow command.
void check_lines_safe(const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    INFO("line: " << line);
    for (char c : line) {
      auto byte = static_cast<unsigned char>(c);
      CHECK((byte >= 0x20 || c == '\t'));
      CHECK(byte != 0x7f);
    }
    std::size_t first = line.find_first_not_of(" \t");
    std::string start = first == std::string::npos ? "" : line.substr(first);
    CHECK_FALSE(start.starts_with("::"));
    CHECK_FALSE(start.starts_with("##["));
  }
}

// A Python rule whose message captures the call's arguments, newlines included.
constexpr const char* kCaptureRule = R"(id: no-print
language: python
severity: error
message: "print($$$ARGS) left in"
lesson: "Use logging.\n\u001b]0;lesson title\u0007"
rule:
  pattern: print($$$ARGS)
)";

}  // namespace

// Row 4: a device as a rule file.
TEST_CASE("a device named as a rule file is refused at once", "[e2e][security]") {
  TestRepo repo = repo_with_config("rules: [/dev/zero]\n");
  auto start = std::chrono::steady_clock::now();
  MentorRun run = check_head(repo);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
  CHECK(run.code == 2);
  CHECK(run.err ==
        "git-mentor: error: rule file '/dev/zero' in .git-mentor.yaml leads outside the "
        "repository (or into .git): a repository's configuration names only files inside it; "
        "--rules and --utils on the command line may name others\n");

  // A symbolic link in the work tree to the device, and the device on the command line.
  TestRepo linked = repo_with_config("rules: [zero.yaml]\n");
  fs::create_symlink("/dev/zero", linked.path() / "zero.yaml");
  MentorRun via_link = check_head(linked);
  CHECK(via_link.code == 2);
  CHECK(via_link.err.find("leads outside the repository") != std::string::npos);

  TestRepo plain = repo_with_config("");
  MentorRun cli_device = check_head(plain, {"--rules", "/dev/zero"});
  CHECK(cli_device.code == 2);
  CHECK(cli_device.err ==
        "git-mentor: error: rule file /dev/zero is not a regular file (a "
        "device, a FIFO, a socket or a directory is never read)\n");
}

TEST_CASE("a FIFO or a huge file named as a rule file is refused without hanging",
          "[e2e][security]") {
  TestRepo repo = repo_with_config("");
  TempDir dir;
  fs::path fifo = dir.path() / "rules.yaml";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  MentorRun run = check_head(repo, {"--rules", fifo.string()});
  CHECK(run.code == 2);
  CHECK(run.err.find("is not a regular file") != std::string::npos);

  fs::path huge = dir.path() / "huge.yaml";
  std::ofstream(huge) << std::string(1024 * 1024 + 1, '#');
  MentorRun big = check_head(repo, {"--rules", huge.string()});
  CHECK(big.code == 2);
  CHECK(big.err ==
        "git-mentor: error: rule file " + huge.string() + " is larger than 1048576 bytes\n");

  repo.write("big.yaml", std::string(1024 * 1024 + 1, '#'));
  repo.write(".git-mentor.yaml", "rules: [big.yaml]\n");
  MentorRun in_repo = check_head(repo);
  CHECK(in_repo.code == 2);
  CHECK(in_repo.err.find("is larger than 1048576 bytes") != std::string::npos);
}

// Row 5: files outside the repository, whatever path leads there.
TEST_CASE("the configuration cannot read a file outside the repository", "[e2e][security]") {
  Secret secret;
  TestRepo repo = repo_with_config("");
  fs::create_symlink(secret.path, repo.path() / "link.yaml");
  fs::create_directory_symlink(secret.dir.path(), repo.path() / "outside");
  std::string relative = fs::relative(secret.path, repo.path()).generic_string();
  for (const std::string& config : std::vector<std::string>{
           "rules: [" + secret.path.string() + "]\n", "rules: [" + relative + "]\n",
           "rules: [link.yaml]\n", "rules: [outside]\n", "rules: ['outside/*.yaml']\n",
           "utils: [" + secret.path.string() + "]\n", "rules: [.git/config]\n"}) {
    INFO(config);
    repo.write(".git-mentor.yaml", config);
    MentorRun run = check_head(repo);
    CHECK(run.code == 2);
    CHECK(run.err.find("leads outside the repository") != std::string::npos);
    CHECK(run.err.find(kSecret) == std::string::npos);
  }

  // An sgconfig.yml in the repository whose ruleDirs leave it.
  repo.write("project/sgconfig.yml", "ruleDirs: [" + secret.dir.path().string() + "]\n");
  repo.write(".git-mentor.yaml", "rules: [project]\n");
  MentorRun project = check_head(repo);
  CHECK(project.code == 2);
  CHECK(project.err.find("leads outside the repository") != std::string::npos);
  CHECK(project.err.find(kSecret) == std::string::npos);

  // The same file on the user's own command line is read (and its error quotes it).
  repo.write(".git-mentor.yaml", "");
  MentorRun own = check_head(repo, {"--rules", secret.path.string()});
  CHECK(own.code == 2);
  CHECK(own.err.find(kSecret) != std::string::npos);
}

TEST_CASE("a bare repository's configuration cannot follow a link in HEAD", "[e2e][security]") {
  Secret secret;
  TestRepo repo(true);
  repo.write(".git-mentor.yaml", "rules: [link.yaml]\n");
  fs::create_symlink(secret.path, repo.work_tree() / "link.yaml");
  repo.write("app.py", "x = 1\n");
  repo.commit("start");
  MentorRun run = check_head(repo);
  CHECK(run.code == 2);
  CHECK(run.err ==
        "git-mentor: error: rule file link.yaml is a symbolic link in HEAD: it is not followed\n");

  repo.write(".git-mentor.yaml", "rules: [../token.yaml]\n");
  repo.commit("parent directory");
  MentorRun parent = check_head(repo);
  CHECK(parent.code == 2);
  CHECK(parent.err.find("is outside the repository") != std::string::npos);
}

TEST_CASE("a configuration file that links out of the repository is refused", "[e2e][security]") {
  Secret secret;
  TestRepo repo;
  repo.write("app.py", "x = 1\n");
  repo.commit("start");
  fs::create_symlink(secret.path, repo.path() / ".git-mentor.yaml");
  MentorRun run = check_head(repo);
  CHECK(run.code == 2);
  CHECK(run.err.find("configuration file .git-mentor.yaml is outside the repository") !=
        std::string::npos);
  CHECK(run.err.find(kSecret) == std::string::npos);
}

// Row 6: control characters and line breaks from every part of a repository.
TEST_CASE("no repository text reaches the terminal or the CI log raw", "[e2e][security]") {
  TestRepo repo;
  repo.write(".mentor/rules.yaml", kCaptureRule);
  repo.write(".git-mentor.yaml", "rules: [.mentor]\n");
  repo.write("base.py", "x = 1\n");
  std::string base = repo.commit("rules");
  // File contents: a call whose captured arguments hold a line break and a forged command.
  repo.write("a\x1b]0;title\x07.py",
             "print(\"a\",\n\"::error file=x.py,line=1::forged\", \"\x1b]52;c;aGk=\x07\")\n");
  // A path with a line break and a forged command after it.
  repo.write("b\n::warning file=y.py::forged.py", "print(1)\n");
  // A path that itself starts with a workflow command.
  repo.write("::notice file=z.py::forged.py", "print(2)\n");
  repo.commit("subject \x1b[2J\x1b]52;c;aGk=\x07 clears",
              Author{"Eve \x1b]0;pwned\x07\n::error::name", "eve@example.com"});

  std::string range = base + "..HEAD";
  MentorRun text = run_binary({"-C", repo.path().string(), "check", range, "--record"});
  CHECK(text.code == 1);
  check_lines_safe(text.out);
  check_lines_safe(text.err);
  CHECK(text.out.find("a\\x1b]0;title\\x07.py:1:1: error: print(\"a\",\\n\"::error "
                      "file=x.py,line=1::forged\", \"\\x1b]52;c;aGk=\\x07\") left in [no-print]") !=
        std::string::npos);
  CHECK(text.out.find("b\\n::warning file=y.py::forged.py:1:1:") != std::string::npos);
  CHECK(text.out.find("\\x3a:notice file=z.py::forged.py:1:1:") != std::string::npos);
  CHECK(text.out.find("Eve \\x1b]0;pwned\\x07") != std::string::npos);  // git drops the \\n
  CHECK(text.out.find("subject \\x1b[2J\\x1b]52;c;aGk=\\x07 clears") != std::string::npos);

  MentorRun log = run_mentor({"-C", repo.path().string(), "log", range});
  CHECK(log.code == 0);
  CHECK(log.out.find("forged") != std::string::npos);
  check_lines_safe(log.out);
  check_lines_safe(log.err);

  MentorRun list = run_binary({"-C", repo.path().string(), "review", "start", range});
  CHECK(list.code == 0);
  check_lines_safe(list.out);
  check_lines_safe(list.err);

  MentorRun summary = run_mentor({"-C", repo.path().string(), "summary", range});
  CHECK(summary.code == 0);
  check_lines_safe(summary.out);

  MentorRun explain = run_mentor({"-C", repo.path().string(), "rules", "explain", "no-print"});
  CHECK(explain.code == 0);
  check_lines_safe(explain.out);

  // GitHub annotations: each finding is one command of ours, nothing forged starts a line.
  MentorRun github = run_mentor({"-C", repo.path().string(), "check", range, "--format", "github"});
  std::istringstream lines(github.out);
  std::string line;
  std::size_t commands = 0;
  while (std::getline(lines, line)) {
    INFO(line);
    for (char c : line)
      CHECK(static_cast<unsigned char>(c) >= 0x20);
    if (line.starts_with("::")) {
      ++commands;
      CHECK(line.starts_with("::error file="));
    } else {
      CHECK(line.starts_with("git-mentor: "));
    }
  }
  CHECK(commands == 3);

  // The pre-push hook prints the same findings on stderr.
  std::istringstream in("refs/heads/main " + repo.git({"rev-parse", "HEAD"}).substr(0, 40) +
                        " refs/heads/main " + base + "\n");
  std::ostringstream out;
  std::ostringstream err;
  int code = cli::run({"-C", repo.path().string(), "hook", "pre-push", "origin", "url"},
                      cli::Streams{out, err, false, false, &in});
  CHECK(code == 1);
  check_lines_safe(err.str());
  CHECK(err.str().find("forged") != std::string::npos);
}

TEST_CASE("errors quoting the repository are terminal-safe and bounded", "[e2e][security]") {
  TestRepo repo =
      repo_with_config("languages: {py: \"\\e]0;title\\a" + std::string(5000, 'k') + "\"}\n");
  MentorRun run = check_head(repo);
  CHECK(run.code == 2);
  check_lines_safe(run.err);
  CHECK(run.err.find("unknown language '\\x1b]0;title\\x07kkk") != std::string::npos);
  CHECK(run.err.size() < 2200);
  CHECK(run.err.find("more bytes)") != std::string::npos);
}

// Row 7: a remote that is an option.
TEST_CASE("sync never passes a remote as an option to git", "[e2e][security][sync]") {
  TestRepo repo = repo_with_config("");
  TempDir dir;
  fs::path pwned = dir.path() / "pwned";
  std::string upload_pack = "--upload-pack=touch " + pwned.string() + ";false";
  MentorRun run = run_mentor({"-C", repo.path().string(), "sync", "--", upload_pack});
  CHECK(run.code == 2);
  CHECK(run.err == "git-mentor: error: remote '" + upload_pack +
                       "' starts with '-': it would be an option to git, not a remote; name a "
                       "remote (`git remote`) or a URL\n");
  CHECK_FALSE(fs::exists(pwned));

  // A transport that runs a command is refused by git, as configured.
  MentorRun ext =
      run_mentor({"-C", repo.path().string(), "sync", "ext::sh -c touch% " + pwned.string()});
  CHECK(ext.code == 2);
  CHECK_FALSE(fs::exists(pwned));
}

namespace {

// A work clone of a bare remote with git-mentor's hooks installed and the binary on PATH.
struct HookedClone {
  TestRepo remote{true};
  TempDir clone_dir;
  Environment env;
  int clones = 0;
  TestRepo work = make();

  TestRepo make() {
    remote.write("app.py", "x = 1\n");
    remote.write(".mentor/rules.yaml", kPrintRules);
    remote.write(".git-mentor.yaml", "rules: [.mentor]\n");
    remote.commit("start");
    remote.write("app.py", "x = 2\n");
    remote.commit("second");
    return adopt_clone({});
  }

  TestRepo adopt_clone(std::vector<std::string> options) {
    std::vector<std::string> argv{"git", "clone", "-q"};
    argv.insert(argv.end(), options.begin(), options.end());
    std::string name = "work" + std::to_string(++clones);
    argv.push_back("file://" + remote.path().string());
    argv.push_back(name);
    REQUIRE(run_command(argv, clone_dir.path()).exit_code == 0);
    TestRepo repo = TestRepo::adopt(clone_dir.path() / name);
    REQUIRE(run_in_process({"-C", repo.path().string(), "hook", "install"}).code == 0);
    env = repo.env();
    std::string bin_dir = fs::path(GIT_MENTOR_BINARY).parent_path().string();
    env.emplace_back("PATH", bin_dir + ":" + std::getenv("PATH"));
    return repo;
  }

  CommandResult push(TestRepo& repo, std::vector<std::string> args) {
    std::vector<std::string> argv{"git", "push", "-q"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, repo.path(), "", env);
  }
};

}  // namespace

// Row 8: tags of trees and blobs.
TEST_CASE("pre-push lets tags of a tree or a blob through", "[e2e][security][hook]") {
  HookedClone fx;
  std::string tree = fx.work.git({"rev-parse", "HEAD^{tree}"}).substr(0, 40);
  std::string blob = fx.work.git({"rev-parse", "HEAD:app.py"}).substr(0, 40);
  fx.work.git({"tag", "tree-tag", tree});
  fx.work.git({"tag", "-a", "-m", "annotated", "blob-tag", blob});
  CommandResult result = fx.push(fx.work, {"origin", "tree-tag", "blob-tag"});
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.err.find("unknown revision") == std::string::npos);
  CHECK(run_command({"git", "rev-parse", "-q", "--verify", "refs/tags/blob-tag"}, fx.remote.path())
            .exit_code == 0);
}

// Row 9: a shallow clone.
TEST_CASE("a shallow clone is reviewed as far as it reaches", "[e2e][security][shallow]") {
  HookedClone fx;
  TestRepo shallow = fx.adopt_clone({"--depth", "1"});
  REQUIRE(fs::exists(shallow.git_dir() / "shallow"));
  std::string tip = shallow.git({"rev-parse", "HEAD"}).substr(0, 40);

  // Nothing new: nothing to review, and nothing fails.
  MentorRun check = run_mentor({"-C", shallow.path().string(), "check"});
  CHECK(check.code == 0);
  CHECK(check.err.empty());
  // The boundary commit itself: said, not reviewed.
  MentorRun boundary = run_mentor({"-C", shallow.path().string(), "check", "HEAD"});
  CHECK(boundary.code == 0);
  CHECK(boundary.err.find("not reviewed: 1 commit at the boundary of this shallow clone (" +
                          tip.substr(0, 12) + ")") != std::string::npos);
  CHECK(run_mentor({"-C", shallow.path().string(), "log"}).code == 0);
  CHECK(run_mentor({"-C", shallow.path().string(), "summary"}).code == 0);

  // New commits on top are reviewed, and the hook lets a clean push through.
  shallow.write("new.py", "y = 1\n");
  shallow.commit("clean");
  MentorRun range = run_mentor({"-C", shallow.path().string(), "check", "HEAD~1..HEAD"});
  CHECK(range.code == 0);
  CommandResult clean = fx.push(shallow, {"origin", "main"});
  INFO(clean.err);
  CHECK(clean.exit_code == 0);

  shallow.write("bad.py", "print('x')\n");
  shallow.commit("bad");
  CommandResult bad = fx.push(shallow, {"origin", "main"});
  CHECK(bad.exit_code != 0);
  CHECK(bad.err.find("bad.py:1:1: error:") != std::string::npos);
}

// Row 10: a dangling symbolic link as the existing hook.
TEST_CASE("hook install sets aside a dangling symlink hook like any other", "[e2e][security]") {
  TestRepo repo;
  repo.write("a.py", "a = 1\n");
  repo.commit("a");
  fs::path hook = repo.git_dir() / "hooks" / "pre-push";
  fs::create_directories(hook.parent_path());
  fs::create_symlink("/nonexistent/hook", hook);

  MentorRun refused = run_mentor({"-C", repo.path().string(), "hook", "install"});
  CHECK(refused.code == 2);
  CHECK(refused.err.find("exists and is not git-mentor's") != std::string::npos);
  CHECK(fs::is_symlink(hook));
  CHECK(fs::read_symlink(hook) == "/nonexistent/hook");

  MentorRun forced = run_in_process({"-C", repo.path().string(), "hook", "install", "--force"});
  CHECK(forced.code == 0);
  fs::path backup = hook;
  backup += ".before-git-mentor";
  CHECK(fs::is_symlink(backup));
  CHECK(fs::read_symlink(backup) == "/nonexistent/hook");
  CHECK(fs::is_regular_file(fs::symlink_status(hook)));
}

// Row 11: messages that say what is wrong.
TEST_CASE("sync says in one line why the remote refused the push", "[e2e][security][sync]") {
  TestRepo remote(true);
  TempDir clone_dir;
  REQUIRE(run_command({"git", "clone", "-q", remote.path().string(), "work"}, clone_dir.path())
              .exit_code == 0);
  TestRepo work = TestRepo::adopt(clone_dir.path() / "work");
  work.write(".mentor/rules.yaml", kPrintRules);
  work.write(".git-mentor.yaml", "rules: [.mentor]\n");
  work.write("a.py", "print(1)\n");
  work.commit("a");
  REQUIRE(run_in_process({"-C", work.path().string(), "check", "HEAD", "--record"}).code == 1);
  fs::path hook = remote.git_dir() / "hooks" / "pre-receive";
  fs::create_directories(hook.parent_path());
  std::ofstream(hook) << "#!/bin/sh\necho 'notes are read-only here' >&2\nexit 1\n";
  fs::permissions(hook, fs::perms::owner_all);

  MentorRun run = run_mentor({"-C", work.path().string(), "sync"});
  CHECK(run.code == 2);
  CHECK(run.err ==
        "git-mentor: error: cannot push the record to 'origin': [remote rejected] (pre-receive "
        "hook declined); the remote said: notes are read-only here\n");
}

TEST_CASE("a note that is a tree is named in a warning", "[e2e][security][record]") {
  TestRepo repo;
  repo.write("a.py", "a = 1\n");
  std::string commit = repo.commit("a");
  std::string tree = repo.git({"rev-parse", "HEAD^{tree}"}).substr(0, 40);
  std::string notes_tree =
      repo.try_git({"mktree"}, "040000 tree " + tree + "\t" + commit + "\n").out.substr(0, 40);
  std::string notes_commit = repo.git({"commit-tree", "-m", "notes", notes_tree}).substr(0, 40);
  repo.git({"update-ref", "refs/notes/mentor", notes_commit});
  MentorRun log = run_mentor({"-C", repo.path().string(), "log"});
  CHECK(log.code == 0);
  CHECK(log.err.find("git-mentor: warning: the note of commit " + commit.substr(0, 12) +
                     " in refs/notes/mentor is not a blob (a tree or a submodule): it is no "
                     "note, and was ignored\n") != std::string::npos);
}

}  // namespace mentor::test
