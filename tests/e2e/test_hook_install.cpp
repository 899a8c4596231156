// `git mentor hook install|uninstall`, and the installed pre-commit hook with a real commit.
#include <filesystem>

#include "e2e/check_fixture.hpp"

namespace mentor::test {

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool executable(const fs::path& path) {
  return (fs::status(path).permissions() & fs::perms::owner_exec) != fs::perms::none;
}

}  // namespace

TEST_CASE("hook install writes executable scripts into .git/hooks", "[e2e][hook]") {
  TestRepo repo;
  MentorRun run =
      run_mentor({"-C", repo.path().string(), "hook", "install", "--pre-push", "--pre-commit"});
  CHECK(run.code == 0);
  fs::path hooks = repo.git_dir() / "hooks";
  CHECK(executable(hooks / "pre-push"));
  CHECK(executable(hooks / "pre-commit"));
  CHECK(read_file(hooks / "pre-push").find("exec git mentor hook pre-push") != std::string::npos);
  CHECK(read_file(hooks / "pre-commit").find("exec git mentor hook pre-commit") !=
        std::string::npos);
  // Installing again updates our own scripts without complaint.
  CHECK(run_in_process({"-C", repo.path().string(), "hook", "install"}).code == 0);
}

TEST_CASE("hook install honours core.hooksPath and linked worktrees", "[e2e][hook]") {
  TestRepo repo;
  repo.write("a.txt", "a\n");
  repo.commit("a");
  repo.git({"config", "core.hooksPath", "ci/hooks"});
  CHECK(run_in_process({"-C", repo.path().string(), "hook", "install"}).code == 0);
  CHECK(fs::exists(repo.path() / "ci" / "hooks" / "pre-push"));
  CHECK_FALSE(fs::exists(repo.git_dir() / "hooks" / "pre-push"));

  repo.git({"config", "--unset", "core.hooksPath"});
  TempDir other;
  repo.git({"worktree", "add", "-q", (other.path() / "wt").string()});
  CHECK(run_in_process({"-C", (other.path() / "wt").string(), "hook", "install"}).code == 0);
  // Worktrees share the main repository's hooks.
  CHECK(fs::exists(repo.git_dir() / "hooks" / "pre-push"));
}

TEST_CASE("a foreign hook is kept unless --force, and put back by uninstall", "[e2e][hook]") {
  TestRepo repo;
  fs::path hook = repo.git_dir() / "hooks" / "pre-push";
  fs::create_directories(hook.parent_path());
  std::ofstream(hook) << "#!/bin/sh\necho mine\n";

  MentorRun refused = run_mentor({"-C", repo.path().string(), "hook", "install"});
  CHECK(refused.code == 2);
  CHECK(refused.out.empty());
  CHECK(refused.err.find("is not git-mentor's") != std::string::npos);
  CHECK(refused.err.find("--force") != std::string::npos);
  CHECK(read_file(hook) == "#!/bin/sh\necho mine\n");

  CHECK(run_in_process({"-C", repo.path().string(), "hook", "install", "--force"}).code == 0);
  CHECK(read_file(hook).find("git mentor hook pre-push") != std::string::npos);
  fs::path backup = hook;
  backup += ".before-git-mentor";
  CHECK(read_file(backup) == "#!/bin/sh\necho mine\n");

  CHECK(run_in_process({"-C", repo.path().string(), "hook", "uninstall"}).code == 0);
  CHECK(read_file(hook) == "#!/bin/sh\necho mine\n");
  CHECK_FALSE(fs::exists(backup));
  // Uninstalling again leaves the foreign hook alone.
  MentorRun again = run_in_process({"-C", repo.path().string(), "hook", "uninstall"});
  CHECK(again.out.find("it is not git-mentor's") != std::string::npos);
  CHECK(fs::exists(hook));
}

TEST_CASE("hook install --force never overwrites a hook set aside earlier", "[e2e][hook]") {
  TestRepo repo;
  fs::path hook = repo.git_dir() / "hooks" / "pre-push";
  fs::path backup = hook;
  backup += ".before-git-mentor";
  fs::create_directories(hook.parent_path());
  std::ofstream(backup) << "#!/bin/sh\necho first\n";
  std::ofstream(hook) << "#!/bin/sh\necho second\n";

  MentorRun refused = run_mentor({"-C", repo.path().string(), "hook", "install", "--force"});
  CHECK(refused.code == 2);
  CHECK(refused.err.find("already holds a hook set aside earlier") != std::string::npos);
  CHECK(read_file(backup) == "#!/bin/sh\necho first\n");
  CHECK(read_file(hook) == "#!/bin/sh\necho second\n");
}

TEST_CASE("the installed pre-commit hook refuses a commit with a blocking finding", "[e2e][hook]") {
  TestRepo repo;
  repo.write(".mentor/rules.yaml", kPrintRules);
  repo.write(".git-mentor.yaml", "rules: [.mentor]\n");
  std::string base = repo.commit("config");
  REQUIRE(run_in_process({"-C", repo.path().string(), "hook", "install", "--pre-commit"}).code ==
          0);
  Environment env = repo.env();
  std::string bin_dir = fs::path(GIT_MENTOR_BINARY).parent_path().string();
  env.emplace_back("PATH", bin_dir + ":" + std::getenv("PATH"));

  repo.write("app.py", "print('debug')\n");
  repo.git({"add", "app.py"});
  CommandResult refused = run_command({"git", "commit", "-q", "-m", "debug"}, repo.path(), "", env);
  CHECK(refused.exit_code != 0);
  // git shows a pre-commit hook's output on its stderr.
  CHECK(refused.err.find("app.py:1:1: error: print('debug') left in [no-print]") !=
        std::string::npos);
  CHECK(repo.git({"rev-parse", "HEAD"}).substr(0, 40) == base);

  repo.write("app.py", "import logging\nlogging.info('ok')\n");
  repo.git({"add", "app.py"});
  CHECK(run_command({"git", "commit", "-q", "-m", "logging"}, repo.path(), "", env).exit_code == 0);
}

}  // namespace mentor::test
