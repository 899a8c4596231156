// Bad input: one clear line on stderr (file:line:col where there is one), exit 2, nothing on
// stdout.
#include "e2e/check_fixture.hpp"

namespace mentor::test {

namespace {

// Runs check with `rules_yaml` as the only rule file and returns the run.
MentorRun check_with_rules(const std::string& rules_yaml) {
  TestRepo repo;
  repo.write("app.py", "print(1)\n");
  repo.commit("first");
  RuleFile rules(rules_yaml, "bad.yaml");
  return run_mentor({"-C", repo.path().string(), "check", "--rules", rules.path(), "HEAD"});
}

void expect_one_error_line(const MentorRun& run, const std::string& fragment) {
  INFO("stderr: " << run.err);
  CHECK(run.code == 2);
  CHECK(run.out.empty());
  CHECK(run.err.find(fragment) != std::string::npos);
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
}

}  // namespace

TEST_CASE("not a repository", "[e2e][errors]") {
  TempDir dir;
  MentorRun run = run_mentor({"-C", dir.path().string(), "check"});
  expect_one_error_line(run, "git-mentor: error: not a git repository");
}

TEST_CASE("unknown revision", "[e2e][errors]") {
  TestRepo repo;
  repo.write("app.py", "x = 1\n");
  repo.commit("first");
  MentorRun run = run_mentor({"-C", repo.path().string(), "check", "no-such-branch..HEAD"});
  expect_one_error_line(run, "unknown revision 'no-such-branch'");
}

TEST_CASE("missing rule file", "[e2e][errors]") {
  TestRepo repo;
  repo.write("app.py", "x = 1\n");
  repo.commit("first");
  MentorRun run = run_mentor(
      {"-C", repo.path().string(), "check", "--rules", "/nonexistent/rules.yaml", "HEAD"});
  expect_one_error_line(run, "rule file not found: /nonexistent/rules.yaml");
}

TEST_CASE("YAML syntax error", "[e2e][errors]") {
  MentorRun run = check_with_rules("id: x\nlanguage: python\nrule: {pattern: [unclosed\n");
  expect_one_error_line(run, "bad.yaml:");
  CHECK(run.err.find(": error: ") != std::string::npos);
}

TEST_CASE("unknown rule key, with a hint", "[e2e][errors]") {
  MentorRun run =
      check_with_rules("id: x\nlanguage: python\nmessage: m\nrule:\n  patern: print($A)\n");
  expect_one_error_line(run, "bad.yaml:5:3: error: ");
  CHECK(run.err.find("patern") != std::string::npos);
  CHECK(run.err.find("did you mean 'pattern'") != std::string::npos);
}

TEST_CASE("unknown language", "[e2e][errors]") {
  MentorRun run = check_with_rules("id: x\nlanguage: cobol\nmessage: m\nrule:\n  kind: call\n");
  expect_one_error_line(run, "bad.yaml:2:11: error: ");
  CHECK(run.err.find("cobol") != std::string::npos);
}

TEST_CASE("invalid query, with its position", "[e2e][errors]") {
  MentorRun run = check_with_rules(
      "id: x\nlanguage: python\nmessage: m\nquery: |\n  (call\n    function: (nosuchkind) @f) "
      "@match\n");
  expect_one_error_line(run, "bad.yaml:6:");
  CHECK(run.err.find("nosuchkind") != std::string::npos);
}

TEST_CASE("invalid pattern", "[e2e][errors]") {
  MentorRun run =
      check_with_rules("id: x\nlanguage: python\nmessage: m\nrule:\n  pattern: \"def (:\"\n");
  expect_one_error_line(run, "bad.yaml:5:");
}

TEST_CASE("bad configuration", "[e2e][errors][config]") {
  TestRepo repo;
  repo.write(".git-mentor.yaml", "fail_on: error\nrulez: [x]\n");
  repo.commit("config");
  MentorRun run = run_mentor({"-C", repo.path().string(), "check", "HEAD"});
  expect_one_error_line(run,
                        ".git-mentor.yaml:2:1: error: unknown key 'rulez' (did you mean 'rules'?)");
}

TEST_CASE("usage errors exit 2", "[e2e][errors]") {
  MentorRun run = run_mentor({"check", "--format", "xml"});
  CHECK(run.code == 2);
  CHECK(run.out.empty());
  CHECK(run.err.find("--format") != std::string::npos);
  CHECK(run_mentor({"frobnicate"}).code == 2);
  CHECK(run_mentor({}).code == 2);
}

TEST_CASE("help explains and exits 0", "[e2e][cli]") {
  MentorRun run = run_mentor({"check", "--help"});
  CHECK(run.code == 0);
  CHECK(run.out.find("--scope") != std::string::npos);
  CHECK(run.out.find("HEAD --not --remotes") != std::string::npos);
  CHECK(run_mentor({"--version"}).out.find("git-mentor ") == 0);
}

}  // namespace mentor::test
