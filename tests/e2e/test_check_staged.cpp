// `git mentor check --staged`: the index against HEAD, for a pre-commit hook.
#include "e2e/check_fixture.hpp"

namespace mentor::test {

TEST_CASE("check --staged reviews the index against HEAD", "[e2e][check][staged]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.py", "print('old')\nx = 1\n");
  repo.commit("base");
  repo.write("app.py", "print('old')\nx = 1\nprint('staged')\n");
  repo.git({"add", "app.py"});
  // Not staged: must not be reviewed.
  repo.write("app.py", "print('old')\nx = 1\nprint('staged')\nprint('unstaged')\n");
  repo.write("other.py", "print('untracked')\n");

  MentorRun run = run_mentor({"-C", repo.path().string(), "check", "--staged", "--rules",
                              rules.path(), "--format", "json"});
  CHECK(run.code == 1);
  auto findings = findings_of(run);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["path"] == "app.py");
  CHECK(findings[0]["line"] == 3);
  CHECK(findings[0]["message"] == "print('staged') left in");
  CHECK(findings[0]["commit"] == "");
  CHECK(findings[0]["author"] == "Mentee Example <mentee@example.com>");

  MentorRun text =
      run_mentor({"-C", repo.path().string(), "check", "--staged", "--rules", rules.path()});
  CHECK(text.out.find("staged changes (Mentee Example <mentee@example.com>)\n") == 0);
}

TEST_CASE("check --staged with an unborn HEAD reviews everything staged", "[e2e][check][staged]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("first.py", "print(1)\n");
  repo.git({"add", "first.py"});
  auto findings = findings_of(run_mentor({"-C", repo.path().string(), "check", "--staged",
                                          "--rules", rules.path(), "--format", "json"}));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["path"] == "first.py");
}

TEST_CASE("check --staged with nothing staged finds nothing", "[e2e][check][staged]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("a.py", "print(1)\n");
  repo.commit("a");
  MentorRun run =
      run_mentor({"-C", repo.path().string(), "check", "--staged", "--rules", rules.path()});
  CHECK(run.code == 0);
  CHECK(run.out == "0 findings in 0 of 1 commit\n");
}

TEST_CASE("check --staged refuses a range and a bare repository", "[e2e][check][staged][errors]") {
  TestRepo repo;
  repo.write("a.py", "x = 1\n");
  repo.commit("a");
  MentorRun with_range = run_mentor({"-C", repo.path().string(), "check", "--staged", "HEAD"});
  CHECK(with_range.code == 2);
  CHECK(with_range.err ==
        "git-mentor: error: --staged reviews the index against HEAD and takes no RANGE\n");
  TestRepo bare(true);
  MentorRun in_bare = run_mentor({"-C", bare.path().string(), "check", "--staged"});
  CHECK(in_bare.code == 2);
  CHECK(in_bare.err.find("--staged needs a work tree") != std::string::npos);
}

}  // namespace mentor::test
