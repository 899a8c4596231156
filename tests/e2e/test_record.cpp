// check --record, git mentor log and git mentor sync: the record in git notes, through real
// repositories, real remotes on the local file system and the real binary.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <set>
#include <thread>

#include "e2e/check_fixture.hpp"
#include "record/findings_record.hpp"

extern char** environ;

namespace mentor::test {

namespace {

const std::string kRef = "refs/notes/mentor";

// A repository with a clean base commit and then `count` commits, each adding one print() line
// to app.py (one no-print finding each), made quickly with git fast-import.
std::string make_history(TestRepo& repo, int count) {
  repo.write("app.py", "x = 1\n");
  std::string base = repo.commit("base");
  std::string stream;
  std::string content = "x = 1\n";
  for (int i = 0; i < count; ++i) {
    content += "print(" + std::to_string(i) + ")\n";
    std::string message = "change " + std::to_string(i) + "\n";
    stream += "commit refs/heads/main\n";
    stream += "committer Mentee Example <mentee@example.com> " + std::to_string(1704067200 + i) +
              " +0000\n";
    stream += "data " + std::to_string(message.size()) + "\n" + message;
    if (i == 0)
      stream += "from " + base + "\n";
    stream += "M 100644 inline app.py\ndata " + std::to_string(content.size()) + "\n" + content;
  }
  REQUIRE(repo.try_git({"fast-import", "--quiet"}, stream).exit_code == 0);
  repo.git({"reset", "-q", "--hard", "main"});
  return base;
}

std::set<std::pair<std::string, int>> recorded(const std::string& dir, std::string* err = nullptr) {
  MentorRun run = run_in_process({"-C", dir, "log", "--format", "json"});
  REQUIRE(run.code == 0);
  if (err != nullptr)
    *err = run.err;
  std::set<std::pair<std::string, int>> out;
  for (const auto& f : nlohmann::json::parse(run.out))
    out.emplace(f["commit"].get<std::string>(), f["line"].get<int>());
  return out;
}

std::set<std::pair<std::string, int>> expected(const std::string& dir, const std::string& range,
                                               const std::string& rules) {
  MentorRun run = run_in_process({"-C", dir, "check", "--format", "json", "--rules", rules, range});
  std::set<std::pair<std::string, int>> out;
  for (const auto& f : findings_of(run))
    out.emplace(f["commit"].get<std::string>(), f["line"].get<int>());
  return out;
}

std::string tip(TestRepo& repo) {
  return repo.try_git({"rev-parse", "--verify", "-q", kRef}).out;
}

// Every line of every note under refs/notes/mentor is a git-mentor line, and each note's lines
// are sorted and unique.
void check_notes_are_whole(TestRepo& repo) {
  if (tip(repo).empty())
    return;
  std::istringstream notes(repo.git({"notes", "--ref", kRef, "list"}));
  std::string blob;
  std::string commit;
  while (notes >> blob >> commit) {
    std::istringstream lines(repo.git({"cat-file", "blob", blob}));
    std::string line;
    std::string previous;
    while (std::getline(lines, line)) {
      INFO(line);
      CHECK(record::parse_line(line).kind != record::ParsedLine::Kind::foreign);
      CHECK(previous < line);
      previous = line;
    }
  }
}

// Starts the binary with `args`, kills it with SIGKILL after `delay` (unless it ended first).
void run_and_kill(const std::vector<std::string>& args, std::chrono::microseconds delay) {
  std::vector<std::string> argv{GIT_MENTOR_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> c_argv;
  for (auto& arg : argv)
    c_argv.push_back(arg.data());
  c_argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, c_argv[0], &actions, nullptr, c_argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(rc == 0);
  std::this_thread::sleep_for(delay);
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
}

}  // namespace

TEST_CASE("check --record writes sorted, unique, versioned lines, once", "[e2e][record]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  std::string base = make_history(repo, 3);
  std::string dir = repo.path().string();
  MentorRun first =
      run_in_process({"-C", dir, "check", "--record", "--rules", rules.path(), base + "..HEAD"});
  CHECK(first.code == 1);  // no-print is an error: recording does not change the verdict
  CHECK(first.err.find("git-mentor: 3 findings of 3 commits recorded in refs/notes/mentor") !=
        std::string::npos);
  std::string after_first = tip(repo);
  CHECK(repo.git({"rev-list", "--count", kRef}) == "1\n");

  std::string note = repo.git({"notes", "--ref", kRef, "show", "HEAD"});
  CHECK(note.find("{\"v\":1,\"type\":\"finding\",\"commit\":\"") == 0);
  CHECK(note.find("\"rule\":\"no-print\"") != std::string::npos);
  CHECK(note.find("\"author\":\"Mentee Example <mentee@example.com>\"") != std::string::npos);
  CHECK(note.find("{\"v\":1,\"type\":\"reviewed\"") != std::string::npos);
  check_notes_are_whole(repo);

  MentorRun again =
      run_binary({"-C", dir, "check", "--record", "--rules", rules.path(), base + "..HEAD"});
  CHECK(again.err.find("were already recorded") != std::string::npos);
  CHECK(tip(repo) == after_first);
  CHECK(recorded(dir) == expected(dir, base + "..HEAD", rules.path()));
}

TEST_CASE("check --record refuses --staged", "[e2e][record][errors]") {
  TestRepo repo;
  repo.write("a.py", "a = 1\n");
  repo.commit("a");
  MentorRun run = run_mentor({"-C", repo.path().string(), "check", "--staged", "--record"});
  CHECK(run.code == 2);
  CHECK(run.err.find("staged changes are not a commit yet") != std::string::npos);
}

TEST_CASE("eight concurrent recorders lose nothing", "[e2e][record]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  std::string base = make_history(repo, 40);
  std::string dir = repo.path().string();
  std::vector<std::string> ids;
  std::istringstream list(repo.git({"rev-list", "--reverse", base + "..HEAD"}));
  for (std::string id; list >> id;)
    ids.push_back(id);
  REQUIRE(ids.size() == 40);

  // Process i records commits 4i .. 4i+11: every commit is recorded by up to three of them.
  std::vector<CommandResult> results(8);
  std::vector<std::thread> writers;
  for (std::size_t i = 0; i < 8; ++i) {
    std::string from = i == 0 ? base : ids[4 * i - 1];
    std::string to = ids[std::min<std::size_t>(4 * i + 11, 39)];
    writers.emplace_back([&, i, from, to] {
      results[i] = run_command({GIT_MENTOR_BINARY, "-C", dir, "check", "--record", "-q",
                                "--fail-on", "never", "--rules", rules.path(), from + ".." + to},
                               dir);
    });
  }
  for (auto& writer : writers)
    writer.join();
  for (const auto& result : results) {
    INFO(result.err);
    CHECK(result.exit_code == 0);
  }
  CHECK(recorded(dir) == expected(dir, base + "..HEAD", rules.path()));
  CHECK(recorded(dir).size() == 40);
  check_notes_are_whole(repo);
}

TEST_CASE("a killed recording leaves a whole record and running again completes it",
          "[e2e][record]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  std::string base = make_history(repo, 250);  // three batches of at most 100 commits
  std::string dir = repo.path().string();
  std::vector<std::string> args{"-C",      dir,          "check",  "--record", "-q",
                                "--rules", rules.path(), "--jobs", "1",        base + "..HEAD"};
  auto want = expected(dir, base + "..HEAD", rules.path());
  REQUIRE(want.size() == 250);

  auto start = std::chrono::steady_clock::now();
  REQUIRE(run_command(
              [&] {
                std::vector<std::string> argv{GIT_MENTOR_BINARY};
                argv.insert(argv.end(), args.begin(), args.end());
                return argv;
              }(),
              dir)
              .exit_code == 1);
  auto full = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - start);
  std::size_t partial_records = 0;
  for (double fraction : {0.05, 0.25, 0.45, 0.65, 0.85, 0.97}) {
    repo.git({"update-ref", "-d", kRef});
    run_and_kill(args, std::chrono::microseconds(
                           static_cast<long>(static_cast<double>(full.count()) * fraction)));
    INFO("killed after " << fraction << " of a full run");
    CHECK(repo.try_git({"fsck", "--no-dangling", "--connectivity-only"}).exit_code == 0);
    check_notes_are_whole(repo);
    std::string warnings;
    auto partial = recorded(dir, &warnings);
    CHECK(warnings.empty());
    for (const auto& finding : partial)
      CHECK(want.count(finding) == 1);
    if (!partial.empty() && partial.size() < want.size())
      ++partial_records;
    run_in_process(args);
    CHECK(recorded(dir) == want);
  }
  CHECK(partial_records > 0);  // some kill landed between two batches
}

TEST_CASE("a stale lock left by a killed writer is removed, with a warning", "[e2e][record]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  std::string base = make_history(repo, 1);
  std::string dir = repo.path().string();
  std::filesystem::path lock = repo.git_dir() / "refs" / "notes" / "mentor.lock";
  std::filesystem::create_directories(lock.parent_path());
  std::ofstream(lock) << "0000000000000000000000000000000000000000\n";
  std::filesystem::last_write_time(
      lock, std::filesystem::file_time_type::clock::now() - std::chrono::minutes(5));
  MentorRun run =
      run_in_process({"-C", dir, "check", "--record", "--rules", rules.path(), base + "..HEAD"});
  CHECK(run.err.find("warning: removed " + lock.string() + ", a lock left by a process") !=
        std::string::npos);
  CHECK(recorded(dir).size() == 1);
}

TEST_CASE("foreign note lines are skipped with a warning and never removed", "[e2e][record]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  std::string base = make_history(repo, 2);
  std::string dir = repo.path().string();
  run_in_process({"-C", dir, "check", "--record", "--rules", rules.path(), "HEAD"});
  repo.git({"notes", "--ref", kRef, "append", "-m", "a hand-written remark", "HEAD"});
  repo.git({"notes", "--ref", kRef, "append", "-m", "{\"v\":9,\"type\":\"finding\"}", "HEAD"});

  std::string warnings;
  CHECK(recorded(dir, &warnings).size() == 1);
  std::string head = repo.git({"rev-parse", "HEAD"}).substr(0, 12);
  CHECK(warnings.find("warning: the note of " + head +
                      " in refs/notes/mentor, line 3: not a "
                      "JSON object; skipped (and kept)") != std::string::npos);
  CHECK(warnings.find("format version 9, this git-mentor reads version 1") != std::string::npos);

  // A later write to the same note keeps both lines.
  run_in_process({"-C", dir, "check", "--record", "--rules", rules.path(), base + "..HEAD"});
  std::string note = repo.git({"notes", "--ref", kRef, "show", "HEAD"});
  CHECK(note.find("a hand-written remark") != std::string::npos);
  CHECK(note.find("{\"v\":9,\"type\":\"finding\"}") != std::string::npos);
  CHECK(recorded(dir).size() == 2);
}

TEST_CASE("log lists recorded findings newest first, by mentee, as text or JSON", "[e2e][record]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write(".mailmap", "Mentee Example <mentee@example.com> <old@example.com>\n");
  repo.write("app.py", "x = 1\n");
  std::string base = repo.commit("base");
  repo.write("app.py", "x = 1\nprint('old address')\n");
  std::string old_address = repo.commit("old address", {"Mentee Old", "old@example.com"});
  repo.write("other.py", "print('other')\n");
  std::string other = repo.commit("someone else", {"Other Person", "other@example.com"});
  repo.write("app.py", "x = 1\nprint('old address')\nprint('new')\n");
  std::string latest = repo.commit("latest");
  std::string dir = repo.path().string();
  run_in_process({"-C", dir, "check", "--record", "--rules", rules.path(), base + "..HEAD"});

  MentorRun all = run_mentor({"-C", dir, "log"});
  CHECK(all.code == 0);
  CHECK(all.out.find(latest.substr(0, 12) + " Mentee Example <mentee@example.com>") == 0);
  CHECK(all.out.find(old_address.substr(0, 12) + " Mentee Example <mentee@example.com>") !=
        std::string::npos);  // .mailmap applies
  CHECK(all.out.find("  app.py:3:1: error: print('new') left in [no-print]") != std::string::npos);
  CHECK(all.out.find("3 findings in 3 commits; 3 of 4 commits reviewed and recorded") !=
        std::string::npos);

  MentorRun mine =
      run_mentor({"-C", dir, "log", "--mentee", "mentee@example.com", "--format", "json"});
  auto json = nlohmann::json::parse(mine.out);
  REQUIRE(json.size() == 2);
  CHECK(json[0]["commit"] == latest);
  CHECK(json[1]["commit"] == old_address);
  CHECK(json[1]["author"] == "Mentee Example <mentee@example.com>");

  MentorRun range = run_mentor({"-C", dir, "log", other + "..HEAD"});
  CHECK(range.out.find("1 finding in 1 commit") != std::string::npos);
}

TEST_CASE("mentees: limits whose commits are reviewed, after .mailmap", "[e2e][record]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write(".mailmap", "Mentee Example <mentee@example.com> <old@example.com>\n");
  repo.write(".git-mentor.yaml", "mentees: [mentee@example.com]\n");
  repo.write("app.py", "x = 1\n");
  std::string base = repo.commit("base");
  repo.write("a.py", "print('a')\n");
  repo.commit("by the mentee's old address", {"Mentee Old", "old@example.com"});
  repo.write("b.py", "print('b')\n");
  repo.commit("by someone else", {"Other Person", "other@example.com"});
  repo.write("c.py", "print('c')\n");
  repo.commit("by the mentee");

  MentorRun run = run_mentor({"-C", repo.path().string(), "check", "--format", "json", "--rules",
                              rules.path(), base + "..HEAD"});
  auto findings = findings_of(run);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0]["path"] == "a.py");
  CHECK(findings[0]["author"] == "Mentee Example <mentee@example.com>");
  CHECK(findings[1]["path"] == "c.py");
  CHECK(run.err.find("git-mentor: skipped 1 commit by authors who are not mentees") !=
        std::string::npos);
}

namespace {

struct SyncFixture {
  TestRepo remote{true};
  TempDir clones;
  RuleFile rules{kPrintRules};
  std::string base;

  SyncFixture() {
    TestRepo seed = clone("seed");
    base = make_history(seed, 3);
    seed.git({"push", "-q", "origin", "main"});
  }

  TestRepo clone(const std::string& name) {
    REQUIRE(run_command({"git", "clone", "-q", remote.path().string(), name}, clones.path())
                .exit_code == 0);
    TestRepo repo = TestRepo::adopt(clones.path() / name);
    return repo;
  }

  // Records the finding of the `n`th commit after base (1-based) in `repo`.
  void record(TestRepo& repo, int n) {
    std::string id = trim(repo.git({"rev-parse", "main~" + std::to_string(3 - n)}));
    MentorRun run = run_in_process(
        {"-C", repo.path().string(), "check", "--record", "--rules", rules.path(), id});
    REQUIRE(run.code == 1);
  }

  static std::string trim(std::string text) {
    while (!text.empty() && text.back() == '\n')
      text.pop_back();
    return text;
  }
};

}  // namespace

TEST_CASE("sync: two clones record different findings and both end with the union",
          "[e2e][record][sync]") {
  SyncFixture fx;
  TestRepo a = fx.clone("a");
  TestRepo b = fx.clone("b");
  fx.record(a, 1);
  fx.record(b, 2);
  fx.record(b, 3);

  MentorRun first = run_in_process({"-C", a.path().string(), "sync"});
  CHECK(first.code == 0);
  CHECK(first.out.find("refs/notes/mentor: new on origin; pushed") != std::string::npos);
  MentorRun second = run_in_process({"-C", b.path().string(), "sync"});
  CHECK(second.code == 0);
  CHECK(second.out.find("refs/notes/mentor: merged with origin's (union of lines); pushed") !=
        std::string::npos);
  MentorRun third = run_in_process({"-C", a.path().string(), "sync", "origin"});
  CHECK(third.out.find("refs/notes/mentor: fast-forwarded to origin's") != std::string::npos);

  for (TestRepo* clone : {&a, &b}) {
    CHECK(recorded(clone->path().string()).size() == 3);
    for (int n = 1; n <= 3; ++n) {
      std::string note =
          clone->git({"notes", "--ref", "mentor", "show", "main~" + std::to_string(3 - n)});
      CHECK(note.find("\"rule\":\"no-print\"") != std::string::npos);
    }
  }
  // The merge is a two-parent notes commit.
  CHECK(a.git({"rev-list", "--merges", "--count", kRef}) == "1\n");
  MentorRun idle = run_in_process({"-C", a.path().string(), "sync"});
  CHECK(idle.out.find("refs/notes/mentor: up to date with origin\n") != std::string::npos);
}

TEST_CASE("sync: a push rejected because the remote moved is fetched, merged and retried",
          "[e2e][record][sync]") {
  SyncFixture fx;
  TestRepo a = fx.clone("a");
  TestRepo b = fx.clone("b");
  TestRepo late = fx.clone("late");
  fx.record(a, 1);
  REQUIRE(run_in_process({"-C", a.path().string(), "sync"}).code == 0);
  REQUIRE(run_in_process({"-C", late.path().string(), "sync"}).code == 0);
  fx.record(late, 2);  // ready to land on the remote while b is syncing
  fx.record(b, 3);

  // b's git: the first push lets `late` push first, so b's push meets a remote that moved.
  TempDir bin;
  std::string real_git =
      SyncFixture::trim(run_command({"sh", "-c", "command -v git"}, bin.path()).out);
  std::filesystem::path marker = bin.path() / "raced";
  std::ofstream(bin.path() / "git")
      << "#!/bin/sh\n"
      << "case \" $* \" in *\" push \"*) is_push=1 ;; esac\n"
      << "if [ -n \"$is_push\" ] && [ ! -e '" << marker.string() << "' ]; then\n"
      << "  : > '" << marker.string() << "'\n"
      << "  '" << real_git << "' -C '" << late.path().string()
      << "' push -q origin refs/notes/mentor:refs/notes/mentor || exit 97\n"
      << "fi\n"
      << "exec '" << real_git << "' \"$@\"\n";
  std::filesystem::permissions(bin.path() / "git", std::filesystem::perms::owner_all);
  Environment env{{"PATH", bin.path().string() + ":" + std::getenv("PATH")}};
  CommandResult synced =
      run_command({GIT_MENTOR_BINARY, "-C", b.path().string(), "sync"}, b.path(), "", env);
  INFO(synced.err);
  CHECK(synced.exit_code == 0);
  CHECK(std::filesystem::exists(marker));
  CHECK(synced.out.find("(2 attempts: origin moved while syncing)") != std::string::npos);

  REQUIRE(run_in_process({"-C", a.path().string(), "sync"}).code == 0);
  CHECK(recorded(a.path().string()).size() == 3);
  CHECK(recorded(b.path().string()).size() == 3);
}

TEST_CASE("sync reports an unreachable remote", "[e2e][record][sync][errors]") {
  TestRepo repo;
  repo.write("a.py", "a = 1\n");
  repo.commit("a");
  MentorRun run = run_mentor({"-C", repo.path().string(), "sync", "nowhere"});
  CHECK(run.code == 2);
  CHECK(run.out.empty());
  CHECK(run.err.find("git-mentor: error: cannot reach remote 'nowhere': ") == 0);
}

}  // namespace mentor::test
