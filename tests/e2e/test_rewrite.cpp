// Recorded findings and verdicts follow rewritten commits: real `git rebase`, `git commit
// --amend` and squashes, with notes carried by notes.rewriteRef or found again by patch-id.
#include "e2e/check_fixture.hpp"

namespace mentor::test {

TEST_CASE("recording sets notes.rewriteRef for the refs that exist, keeping the user's values",
          "[e2e][rewrite]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("a.py", "print('a')\n");
  repo.commit("a");
  repo.git({"config", "--add", "notes.rewriteRef", "refs/notes/commits"});
  std::string dir = repo.path().string();
  // Nothing recorded yet: git would warn on every rebase about a notes ref that does not exist.
  REQUIRE(run_in_process({"-C", dir, "hook", "install"}).code == 0);
  CHECK(repo.git({"config", "--get-all", "notes.rewriteRef"}) == "refs/notes/commits\n");

  MentorRun run = run_in_process({"-C", dir, "check", "--record", "--rules", rules.path()});
  CHECK(run.err.find("warning") == std::string::npos);
  CHECK(repo.git({"config", "--get-all", "notes.rewriteRef"}) ==
        "refs/notes/commits\nrefs/notes/mentor\n");
  // Idempotent.
  run_in_process({"-C", dir, "check", "--record", "--rules", rules.path()});
  CHECK(repo.git({"config", "--get-all", "notes.rewriteRef"}) ==
        "refs/notes/commits\nrefs/notes/mentor\n");

  // The reviews ref is added once it exists (here: git made it), when hooks are installed.
  repo.git({"notes", "--ref", "mentor-reviews", "add", "-m", "x", "HEAD"});
  MentorRun install = run_in_process({"-C", dir, "hook", "install"});
  CHECK(install.out.find("added refs/notes/mentor-reviews to notes.rewriteRef") !=
        std::string::npos);
  CHECK(repo.git({"config", "--get-all", "notes.rewriteRef"}) ==
        "refs/notes/commits\nrefs/notes/mentor\nrefs/notes/mentor-reviews\n");
  // An amend then copies both notes, and git warns only about the user's ref, which does not
  // exist: the reason git-mentor adds a ref once it exists.
  CommandResult amend = repo.try_git({"commit", "-q", "--amend", "-m", "a, amended"});
  CHECK(amend.exit_code == 0);
  CHECK(amend.err == "warning: notes ref refs/notes/commits is invalid\n");
  CHECK_FALSE(repo.git({"notes", "--ref", "mentor", "show", "HEAD"}).empty());
  CHECK(repo.git({"notes", "--ref", "mentor-reviews", "show", "HEAD"}) == "x\n");
}

TEST_CASE("a glob in notes.rewriteRef covers the record refs: nothing is added", "[e2e][rewrite]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("a.py", "print('a')\n");
  repo.commit("a");
  repo.git({"config", "notes.rewriteRef", "refs/notes/*"});
  std::string dir = repo.path().string();
  run_in_process({"-C", dir, "check", "--record", "--rules", rules.path()});
  CHECK(repo.git({"config", "--get-all", "notes.rewriteRef"}) == "refs/notes/*\n");
}

TEST_CASE("rewriting turned off is not fought: one warning says how to turn it on",
          "[e2e][rewrite]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("a.py", "print('a')\n");
  repo.commit("a");
  repo.git({"config", "notes.rewrite.rebase", "false"});
  std::string dir = repo.path().string();
  MentorRun run = run_mentor({"-C", dir, "check", "--record", "--rules", rules.path(), "-q"});
  CHECK(run.err ==
        "git-mentor: warning: recorded findings will not follow rewritten (rebased, amended) "
        "commits through their notes: notes.rewrite.rebase is false (`git config "
        "notes.rewrite.rebase true` turns it on); git-mentor looks for them by patch-id "
        "instead\n");
  CHECK(repo.git({"config", "notes.rewrite.rebase"}) == "false\n");

  // GIT_NOTES_REWRITE_REF replaces notes.rewriteRef where it is set.
  repo.git({"config", "--unset", "notes.rewrite.rebase"});
  CommandResult env = run_command(
      {GIT_MENTOR_BINARY, "-C", dir, "check", "--record", "--rules", rules.path(), "-q"}, dir, "",
      {{"GIT_NOTES_REWRITE_REF", "refs/notes/commits"}});
  CHECK(env.err.find("GIT_NOTES_REWRITE_REF is set and replaces notes.rewriteRef, without "
                     "refs/notes/mentor and refs/notes/mentor-reviews (add "
                     "refs/notes/mentor:refs/notes/mentor-reviews to it, or unset it)") !=
        std::string::npos);
  CommandResult covered = run_command(
      {GIT_MENTOR_BINARY, "-C", dir, "check", "--record", "--rules", rules.path(), "-q"}, dir, "",
      {{"GIT_NOTES_REWRITE_REF", "refs/notes/mentor*"}});
  CHECK(covered.err.empty());
}

}  // namespace mentor::test
