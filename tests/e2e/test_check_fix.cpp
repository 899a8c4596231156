// End to end: a rule's fix reaches the finding (`--format json` shows it as "fix").
#include "e2e/check_fixture.hpp"

namespace mentor::test {

TEST_CASE("check gives each finding of a rule with a fix its replacement", "[e2e][check][fix]") {
  TestRepo repo;
  RuleFile rules(R"y(
id: py-none
language: python
severity: warning
rule:
  pattern: $X == None
fix: $X is None
)y");
  repo.write("app.py", "user = load()\nif user == None:\n    login()\n");
  repo.commit("first");

  MentorRun run = run_mentor(check_args(repo, rules, {"HEAD", "--format", "json"}));
  auto findings = findings_of(run);
  REQUIRE(findings.size() == 1);
  const auto& fix = findings[0]["fix"];
  CHECK(fix["replacement"] == "user is None");
  CHECK(fix["start_byte"] == 17);
  CHECK(fix["end_byte"] == 29);

  // The same again, from the review cache this time.
  auto again = findings_of(run_mentor(check_args(repo, rules, {"HEAD", "--format", "json"})));
  REQUIRE(again.size() == 1);
  CHECK(again[0]["fix"] == fix);
}

}  // namespace mentor::test
