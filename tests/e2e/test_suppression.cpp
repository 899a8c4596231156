// Inline suppression end to end: reported, recorded, never blocking.
#include "e2e/check_fixture.hpp"

namespace mentor::test {

TEST_CASE("a suppressed finding is reported as suppressed and does not block",
          "[e2e][suppression]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.py", "x = 1\n");
  std::string base = repo.commit("base");
  repo.write("app.py", "x = 1\nprint(x)  # mentor: ignore[no-print] the CLI's output\n");
  repo.commit("deliberate print");
  std::string dir = repo.path().string();

  MentorRun json = run_mentor(
      {"-C", dir, "check", "--format", "json", "--rules", rules.path(), base + "..HEAD"});
  CHECK(json.code == 0);  // no-print is an error, but this one is suppressed
  auto findings = findings_of(json);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["suppressed"] == true);
  CHECK(findings[0]["suppression_reason"] == "the CLI's output");

  MentorRun text = run_mentor({"-C", dir, "check", "--rules", rules.path(), base + "..HEAD"});
  CHECK(text.code == 0);
  CHECK(text.out.find("app.py:2:1: error (suppressed): print(x) left in [no-print]") !=
        std::string::npos);
  CHECK(text.out.find("1 finding (1 suppressed) in 1 of 1 commit") != std::string::npos);

  run_in_process({"-C", dir, "check", "--record", "--rules", rules.path(), base + "..HEAD"});
  std::string note = repo.git({"notes", "--ref", "mentor", "show", "HEAD"});
  CHECK(note.find("\"suppressed\":true,\"suppression_reason\":\"the CLI's output\"") !=
        std::string::npos);
}

}  // namespace mentor::test
