// The hooks/pre-push script with a real `git push` to a bare repository.
#include <filesystem>

#include "e2e/check_fixture.hpp"

namespace mentor::test {

namespace {

struct PushFixture {
  TestRepo remote{true};
  TempDir clone_dir;
  TestRepo work = clone();
  Environment env;

  TestRepo clone() {
    REQUIRE(run_command({"git", "clone", "-q", remote.path().string(), "work"}, clone_dir.path())
                .exit_code == 0);
    TestRepo repo = TestRepo::adopt(clone_dir.path() / "work");
    repo.git({"symbolic-ref", "HEAD", "refs/heads/main"});  // whatever init.defaultBranch says
    return repo;
  }

  PushFixture() {
    REQUIRE(run_in_process({"-C", work.path().string(), "hook", "install"}).code == 0);
    env = work.env();
    std::string bin_dir = std::filesystem::path(GIT_MENTOR_BINARY).parent_path().string();
    env.emplace_back("PATH", bin_dir + ":" + std::getenv("PATH"));
    work.write(".mentor/rules.yaml", kPrintRules);
    work.write(".git-mentor.yaml", "rules: [.mentor]\n");
    work.write("app.py", "x = 1\n");
    work.commit("mentor's start");
    REQUIRE(push({"origin", "main"}).exit_code == 0);
  }

  CommandResult push(std::vector<std::string> args) {
    std::vector<std::string> argv{"git", "push", "-q"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, work.path(), "", env);
  }

  std::string remote_head(const std::string& ref) {
    return run_command({"git", "rev-parse", "--verify", "-q", ref}, remote.path()).out;
  }
};

}  // namespace

TEST_CASE("pre-push refuses a blocking finding and nothing reaches the remote", "[e2e][hook]") {
  PushFixture fx;
  std::string before = fx.remote_head("main");
  fx.work.write("app.py", "x = 1\nprint(x)\n");
  fx.work.commit("debug print");
  CommandResult result = fx.push({"origin", "main"});
  CHECK(result.exit_code != 0);
  CHECK(result.err.find("app.py:2:1: error: print(x) left in [no-print]") != std::string::npos);
  CHECK(result.err.find("--no-verify") != std::string::npos);
  CHECK(fx.remote_head("main") == before);
}

TEST_CASE("pre-push lets a clean push through", "[e2e][hook]") {
  PushFixture fx;
  fx.work.write("app.py", "x = 2\n");
  std::string head = fx.work.commit("clean");
  CHECK(fx.push({"origin", "main"}).exit_code == 0);
  CHECK(fx.remote_head("main") == head + "\n");
}

TEST_CASE("pre-push on a new branch reviews only what the remote lacks", "[e2e][hook]") {
  PushFixture fx;
  // An old finding already on the remote's main must not block a new branch built on it.
  fx.work.write("old.py", "print('old')\n");
  fx.work.commit("old finding");
  REQUIRE(fx.push({"--no-verify", "origin", "main"}).exit_code == 0);
  fx.work.git({"checkout", "-q", "-b", "topic"});
  fx.work.write("new.py", "y = 1\n");
  std::string clean = fx.work.commit("clean topic work");
  CHECK(fx.push({"origin", "topic"}).exit_code == 0);
  CHECK(fx.remote_head("topic") == clean + "\n");
}

TEST_CASE("pre-push with two refs blocks on the second alone, and a delete passes", "[e2e][hook]") {
  PushFixture fx;
  fx.work.git({"checkout", "-q", "-b", "good"});
  fx.work.write("good.py", "ok = True\n");
  fx.work.commit("good");
  fx.work.git({"checkout", "-q", "-b", "bad", "main"});
  fx.work.write("bad.py", "print('bad')\n");
  fx.work.commit("bad");
  CommandResult result = fx.push({"origin", "good", "bad"});
  CHECK(result.exit_code != 0);
  CHECK(result.err.find("bad.py") != std::string::npos);
  CHECK(result.err.find("good.py") == std::string::npos);
  CHECK(fx.remote_head("bad").empty());

  REQUIRE(fx.push({"origin", "good"}).exit_code == 0);
  CHECK(fx.push({"origin", "--delete", "good"}).exit_code == 0);
  CHECK(fx.remote_head("good").empty());
}

TEST_CASE("pre-push prints each finding's lesson line", "[e2e][hook]") {
  PushFixture fx;
  fx.work.write("app.py", "x = 1\nprint(x)\n");
  fx.work.commit("debug print");
  CommandResult result = fx.push({"origin", "main"});
  CHECK(result.err.find("\n      Use logging.\n") != std::string::npos);
  CHECK(result.err.find("git mentor rules explain no-print") != std::string::npos);
}

TEST_CASE("pre-push reviews a tag's new history, not what the remote has", "[e2e][hook]") {
  PushFixture fx;
  fx.work.git({"tag", "-a", "-m", "old", "v1"});
  CHECK(fx.push({"origin", "v1"}).exit_code == 0);  // nothing new
  fx.work.write("bad.py", "print('release')\n");
  fx.work.commit("bad release");
  fx.work.git({"tag", "-a", "-m", "new", "v2"});
  CommandResult result = fx.push({"origin", "v2"});
  CHECK(result.exit_code != 0);
  CHECK(result.err.find("bad.py:1:1: error:") != std::string::npos);
  CHECK(fx.remote_head("v2").empty());
}

TEST_CASE("pre-push on a force push reviews what the remote lacks", "[e2e][hook]") {
  PushFixture fx;
  fx.work.write("a.py", "a = 1\n");
  fx.work.commit("a");
  REQUIRE(fx.push({"origin", "main"}).exit_code == 0);
  fx.work.git({"reset", "-q", "--hard", "HEAD~1"});
  fx.work.write("b.py", "print('b')\n");
  fx.work.commit("b instead of a");
  CommandResult result = fx.push({"--force", "origin", "main"});
  CHECK(result.exit_code != 0);
  CHECK(result.err.find("b.py:1:1: error:") != std::string::npos);
  CHECK(result.err.find("a.py") == std::string::npos);
}

TEST_CASE("hook pre-push rejects a malformed ref line", "[e2e][hook][errors]") {
  TestRepo repo;
  repo.write("a.py", "a = 1\n");
  repo.commit("a");
  std::istringstream in("refs/heads/main deadbeef\n");
  std::ostringstream out;
  std::ostringstream err;
  int code = cli::run({"-C", repo.path().string(), "hook", "pre-push", "origin", "url"},
                      cli::Streams{out, err, false, false, &in});
  CHECK(code == 2);
  CHECK(out.str().empty());
  CHECK(err.str().find("<stdin>:1: error: malformed pre-push line") == 0);
}

TEST_CASE("hook pre-push with nothing to push is silent", "[e2e][hook]") {
  TestRepo repo;
  repo.write("a.py", "print(1)\n");
  std::string head = repo.commit("a");
  std::string zeros(40, '0');
  // A deletion sends no commits.
  std::istringstream in("(delete) " + zeros + " refs/heads/old " + head + "\n");
  std::ostringstream out;
  std::ostringstream err;
  int code = cli::run({"-C", repo.path().string(), "hook", "pre-push", "origin", "url"},
                      cli::Streams{out, err, false, false, &in});
  CHECK(code == 0);
  CHECK(out.str().empty());
  CHECK(err.str().empty());
}

TEST_CASE("hook pre-push compiles only the languages the push touches", "[e2e][hook]") {
  TestRepo repo;
  // A Go rule that cannot compile: `check` must report it, a Python-only push need not pay for it.
  repo.write(".mentor/go.yaml", "id: go-broken\nlanguage: go\nrule:\n  pattern: 'func ('\n");
  repo.write(".mentor/py.yaml", kPrintRules);
  repo.write(".git-mentor.yaml", "rules: [.mentor]\n");
  std::string base = repo.commit("mentor's rules");
  repo.write("app.py", "print(1)\n");
  std::string head = repo.commit("python only");

  std::istringstream in("refs/heads/main " + head + " refs/heads/main " + base + "\n");
  std::ostringstream out;
  std::ostringstream err;
  int code = cli::run({"-C", repo.path().string(), "hook", "pre-push", "origin", "url"},
                      cli::Streams{out, err, false, false, &in});
  CHECK(code == 1);
  CHECK(err.str().find("app.py:1:1: error: print(1) left in [no-print]") != std::string::npos);

  MentorRun check = run_mentor({"-C", repo.path().string(), "check", base + "..HEAD"});
  CHECK(check.code == 2);
  CHECK(check.err.find("go.yaml:4:") != std::string::npos);
}

}  // namespace mentor::test

namespace mentor::test {

TEST_CASE("pre-push passes a mistake fixed by a later commit of the push", "[e2e][hook][tip]") {
  PushFixture fx;
  fx.work.write("app.py", "x = 1\nprint(x)\n");
  fx.work.commit("debug print");
  fx.work.write("app.py", "x = 1\n");
  std::string fix = fx.work.commit("remove the print");
  CommandResult result = fx.push({"origin", "main"});
  CHECK(result.exit_code == 0);
  // Still shown, marked, so that the mentee sees it.
  CHECK(result.err.find("app.py:2:1: error (fixed later in this push): print(x) left in") !=
        std::string::npos);
  CHECK(fx.remote_head("main") == fix + "\n");
}

TEST_CASE("pre-push refuses a mistake a later commit only moved", "[e2e][hook][tip]") {
  PushFixture fx;
  fx.work.write("app.py", "x = 1\nprint(x)\n");
  fx.work.commit("debug print");
  fx.work.write("app.py", "x = 1\n");
  fx.work.write("debug.py", "print(x)  # moved here\n");
  fx.work.commit("move the print");
  std::string before = fx.remote_head("main");
  CommandResult result = fx.push({"origin", "main"});
  CHECK(result.exit_code != 0);
  CHECK(result.err.find("push refused: 1 blocking finding") != std::string::npos);
  CHECK(fx.remote_head("main") == before);
}

}  // namespace mentor::test

namespace mentor::test {

TEST_CASE("pre-push prints repository text terminal-safe", "[e2e][hook]") {
  PushFixture fx;
  fx.work.write("red\x1b[31m.py", "x = 1\nprint('\x1b]0;title\x07')\n");
  fx.work.commit("escapes");
  CommandResult result = fx.push({"origin", "main"});
  CHECK(result.exit_code != 0);
  CHECK(result.err.find("red\\x1b[31m.py:2:1: error:") != std::string::npos);
  CHECK(result.err.find('\x1b') == std::string::npos);
  CHECK(result.err.find('\x07') == std::string::npos);
}

}  // namespace mentor::test
