// What the hooks tell the person pushing or committing, through real `git push` and
// `git commit` runs of the installed hook scripts.
#include <filesystem>

#include <fmt/format.h>

#include "e2e/check_fixture.hpp"

namespace mentor::test {

namespace {

// Two blocking rules, an info rule and a praise rule, with lessons of several sentences.
constexpr const char* kLessonRules = R"(id: no-print
language: python
severity: error
message: "print($$$ARGS) left in"
lesson: |
  Use logging instead, e.g. logging.debug(...), so that the output can be
  turned off. Print goes to standard output, where nobody reads it.
rule:
  pattern: print($$$ARGS)
---
id: no-eval
language: python
severity: error
message: eval of $X
lesson: |
  Never eval text that came from outside. It runs whatever code the text holds.
rule:
  pattern: eval($X)
---
id: assert-check
language: python
severity: info
message: assert $X is skipped under python -O
lesson: Asserts vanish under `python -O`. Raise an exception for real checks.
rule:
  pattern: assert $X
---
id: uses-logging
language: python
severity: praise
message: logging used
lesson: Logging it is. Well done.
rule:
  pattern: logging.info($$$A)
)";

// A clone of a bare remote with git-mentor's hooks installed and the binary on PATH.
struct HookFixture {
  TestRepo remote{true};
  TempDir clone_dir;
  TestRepo work = clone();
  Environment env;

  TestRepo clone() {
    REQUIRE(run_command({"git", "clone", "-q", remote.path().string(), "work"}, clone_dir.path())
                .exit_code == 0);
    TestRepo repo = TestRepo::adopt(clone_dir.path() / "work");
    repo.git({"symbolic-ref", "HEAD", "refs/heads/main"});
    return repo;
  }

  HookFixture() {
    REQUIRE(run_in_process(
                {"-C", work.path().string(), "hook", "install", "--pre-push", "--pre-commit"})
                .code == 0);
    env = work.env();
    std::string bin_dir = std::filesystem::path(GIT_MENTOR_BINARY).parent_path().string();
    env.emplace_back("PATH", bin_dir + ":" + std::getenv("PATH"));
    work.write(".mentor/rules.yaml", kLessonRules);
    work.write(".git-mentor.yaml", "rules: [.mentor]\n");
    work.write("app.py", "x = 1\n");
    REQUIRE(git({"add", "-A"}).exit_code == 0);
    REQUIRE(git({"commit", "-q", "-m", "mentor's start"}).exit_code == 0);
    REQUIRE(git({"push", "-q", "origin", "main"}).exit_code == 0);
  }

  // git with the hooks able to run git-mentor.
  CommandResult git(const std::vector<std::string>& args) {
    std::vector<std::string> argv{"git"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, work.path(), "", env);
  }

  // Writes, stages and commits through `git commit` (running the pre-commit hook); returns the
  // new commit id.
  std::string commit(const std::string& path, const std::string& text, const std::string& subject) {
    work.write(path, text);
    REQUIRE(git({"add", "-A"}).exit_code == 0);
    CommandResult result = git({"commit", "-q", "--no-verify", "-m", subject});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return work.git({"rev-parse", "HEAD"}).substr(0, 40);
  }
};

}  // namespace

TEST_CASE("pre-push groups findings by commit, blocking first, at their places at the tip",
          "[e2e][hook][hook-report]") {
  HookFixture fx;
  std::string a = fx.commit("loader.py",
                            "def load(path):\n"
                            "    print(path)\n"
                            "    print(\"debug\")\n"
                            "    return path\n",
                            "Add the loader");
  std::string b = fx.commit("loader.py",
                            "import json\n\n\n"
                            "def parse(text):\n"
                            "    assert text\n"
                            "    return eval(text)\n\n\n"
                            "def load(path):\n"
                            "    print(path)\n"
                            "    print(\"debug\")\n"
                            "    return path\n",
                            "Parse settings");
  std::string c = fx.commit("loader.py",
                            "import json\n"
                            "import logging\n\n\n"
                            "def parse(text):\n"
                            "    assert text\n"
                            "    return eval(text)\n\n\n"
                            "def load(path):\n"
                            "    print(path)\n"
                            "    logging.info(\"loading %s\", path)\n"
                            "    return path\n",
                            "Log instead of the debug print");
  CommandResult result = fx.git({"push", "-q", "origin", "main"});
  CHECK(result.exit_code != 0);
  std::string expected = fmt::format(
      "git-mentor: 2 findings block this push (fail_on: error):\n"
      "  {0} Add the loader\n"
      "    loader.py:11:5: error: print(path) left in [no-print]\n"
      "      Use logging instead, e.g. logging.debug(...), so that the output can be turned "
      "off.\n"
      "  {1} Parse settings\n"
      "    loader.py:7:12: error: eval of text [no-eval]\n"
      "      Never eval text that came from outside.\n"
      "\n"
      "git-mentor: 3 findings do not block this push:\n"
      "  {0} Add the loader\n"
      "    loader.py:3:5: error (fixed later in this push): print(\"debug\") left in [no-print]\n"
      "      Use logging instead, e.g. logging.debug(...), so that the output can be turned "
      "off.\n"
      "  {1} Parse settings\n"
      // At the tip, where `import logging` moved it down a line.
      "    loader.py:6:5: info: assert text is skipped under python -O [assert-check]\n"
      "      Asserts vanish under `python -O`.\n"
      "  {2} Log instead of the debug print\n"
      "    loader.py:12:5: praise: logging used [uses-logging]\n"
      "      Logging it is.\n"
      "\n"
      "git-mentor: push refused: 2 blocking findings in 3 commits being pushed.\n"
      "git-mentor: findings are shown where their code is at the tip of this push; those whose "
      "code is gone there, where their commit put them.\n"
      "git-mentor: why they matter:\n"
      "    git mentor rules explain no-eval\n"
      "    git mentor rules explain no-print\n"
      "git-mentor: fix them in a new commit and push again (a finding a later commit of the "
      "push removes no longer blocks),\n"
      "git-mentor: or skip this check once: git push --no-verify\n",
      a.substr(0, 8), b.substr(0, 8), c.substr(0, 8));
  INFO(result.err);
  CHECK(result.err.find(expected) == 0);
}

TEST_CASE("pre-push shows two findings of the same code at their own places at the tip",
          "[e2e][hook][hook-report]") {
  HookFixture fx;
  fx.commit("a.py", "def f():\n    print(1)\n\n\ndef g():\n    print(1)\n", "Two prints");
  fx.commit("a.py", "import os\n\n\ndef f():\n    print(1)\n\n\ndef g():\n    print(1)\n",
            "Import os");
  CommandResult result = fx.git({"push", "-q", "origin", "main"});
  CHECK(result.exit_code != 0);
  CHECK(result.err.find("    a.py:5:5: error: print(1) left in [no-print]\n") != std::string::npos);
  CHECK(result.err.find("    a.py:9:5: error: print(1) left in [no-print]\n") != std::string::npos);
}

TEST_CASE("pre-push finds at the tip a finding whose file later commits left alone",
          "[e2e][hook][hook-report][tip]") {
  // a.py is the same blob at the tip as c1 left it: its finding is there without a parse. b.py
  // changed after c2: its finding is looked for in the tip's files, a line lower.
  HookFixture fx;
  fx.commit("a.py", "def f():\n    print(1)\n", "Print in a");
  fx.commit("b.py", "def g():\n    print(1)\n", "Print in b");
  fx.commit("b.py", "import os\n\n\ndef g():\n    print(1)\n", "Import os");
  fx.commit("c.py", "z = 3\n", "Another file");
  CommandResult result = fx.git({"push", "-q", "origin", "main"});
  CHECK(result.exit_code != 0);
  INFO(result.err);
  CHECK(result.err.find("git-mentor: 2 findings block this push") != std::string::npos);
  CHECK(result.err.find("    a.py:2:5: error: print(1) left in [no-print]\n") != std::string::npos);
  CHECK(result.err.find("    b.py:5:5: error: print(1) left in [no-print]\n") != std::string::npos);
  CHECK(result.err.find("fixed later") == std::string::npos);
}

TEST_CASE("pre-push with findings that do not block says so and lets the push through",
          "[e2e][hook][hook-report]") {
  HookFixture fx;
  fx.commit("a.py", "def f(x):\n    assert x\n    logging.info(x)\n", "Check the input");
  CommandResult result = fx.git({"push", "-q", "origin", "main"});
  CHECK(result.exit_code == 0);
  CHECK(result.err.find("git-mentor: 2 findings do not block this push:\n") == 0);
  CHECK(result.err.find("refused") == std::string::npos);
  CHECK(result.err.find("--no-verify") == std::string::npos);
}

TEST_CASE("pre-commit says that it refused the commit, why, and how to skip it once",
          "[e2e][hook][hook-report]") {
  HookFixture fx;
  fx.work.write("app.py", "x = 1\nprint(x)\n");
  REQUIRE(fx.git({"add", "app.py"}).exit_code == 0);
  std::string before = fx.work.git({"rev-parse", "HEAD"});
  CommandResult result = fx.git({"commit", "-q", "-m", "debug print"});
  CHECK(result.exit_code != 0);
  CHECK(result.err ==
        "git-mentor: 1 finding blocks this commit (fail_on: error):\n"
        "  staged changes\n"
        "    app.py:2:1: error: print(x) left in [no-print]\n"
        "      Use logging instead, e.g. logging.debug(...), so that the output can be turned "
        "off.\n"
        "\n"
        "git-mentor: commit refused: 1 blocking finding in the staged changes.\n"
        "git-mentor: why it matters:\n"
        "    git mentor rules explain no-print\n"
        "git-mentor: fix it, `git add` the fix and commit again,\n"
        "git-mentor: or skip this check once: git commit --no-verify\n");
  CHECK(fx.work.git({"rev-parse", "HEAD"}) == before);

  // Fixed and staged again: the commit goes through without a word.
  fx.work.write("app.py", "x = 1\n");
  fx.work.write("b.py", "y = 2\n");
  REQUIRE(fx.git({"add", "-A"}).exit_code == 0);
  CommandResult clean = fx.git({"commit", "-q", "-m", "no print"});
  CHECK(clean.exit_code == 0);
  CHECK(clean.err.empty());
}

}  // namespace mentor::test
