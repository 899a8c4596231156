// `git mentor fix` and the fixes in every format, end to end, with a rule that has `fix:`.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli/cli.hpp"
#include "e2e/check_fixture.hpp"
#include "support/temp_repo.hpp"

namespace mentor::test {

namespace {

namespace fs = std::filesystem;

constexpr const char* kFixRules = R"(id: no-print
language: python
severity: error
message: "print($A) left in"
lesson: Use logging.
rule:
  pattern: print($A)
fix: logging.info($A)
)";

std::vector<std::string> fix_args(const TestRepo& repo, const RuleFile& rules,
                                  std::vector<std::string> extra) {
  std::vector<std::string> args{"-C", repo.path().string(), "fix", "--rules", rules.path()};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// A repository whose HEAD has app.py without print, and whose working tree adds two.
TestRepo repo_with_prints() {
  TestRepo repo;
  repo.write("app.py", "import logging\n");
  repo.commit("init");
  repo.write("app.py", "import logging\nprint(1)\nx = 2\nprint(x)\n");
  return repo;
}

// cli::run in this process with `answers` on a standard input that is a terminal.
MentorRun run_on_terminal(const std::vector<std::string>& args, const std::string& answers) {
  std::ostringstream out;
  std::ostringstream err;
  std::istringstream in(answers);
  cli::Streams streams{out, err, false, false};
  streams.in = &in;
  streams.in_is_terminal = true;
  int code = cli::run(args, streams);
  return {code, out.str(), err.str()};
}

}  // namespace

TEST_CASE("fix --dry-run shows the diffs and changes nothing", "[e2e][fix-e2e]") {
  TestRepo repo = repo_with_prints();
  RuleFile rules(kFixRules);
  MentorRun run = run_mentor(fix_args(repo, rules, {"--dry-run"}));
  INFO(run.out << run.err);
  CHECK(run.code == 0);
  CHECK(run.out ==
        "app.py:2:1: print(1) left in [no-print]\n"
        "  - print(1)\n"
        "  + logging.info(1)\n"
        "app.py:4:1: print(x) left in [no-print]\n"
        "  - print(x)\n"
        "  + logging.info(x)\n");
  CHECK(run.err == "git-mentor: 2 fixes shown, none applied (--dry-run)\n");
  CHECK(repo.read("app.py") == "import logging\nprint(1)\nx = 2\nprint(x)\n");
}

TEST_CASE("fix without a terminal and without --yes applies nothing and exits 1",
          "[e2e][fix-e2e]") {
  TestRepo repo = repo_with_prints();
  RuleFile rules(kFixRules);
  MentorRun run = run_mentor(fix_args(repo, rules, {}));
  CHECK(run.code == 1);
  CHECK(run.out.find("  + logging.info(x)\n") != std::string::npos);
  CHECK(run.err.find("2 fixes not applied: not on a terminal") != std::string::npos);
  CHECK(repo.read("app.py") == "import logging\nprint(1)\nx = 2\nprint(x)\n");
}

TEST_CASE("fix --yes rewrites the working-tree file only", "[e2e][fix-e2e]") {
  TestRepo repo = repo_with_prints();
  repo.write("run.py", "print('go')\n");
  fs::permissions(repo.work_tree() / "run.py", fs::perms::owner_exec, fs::perm_options::add);
  repo.git({"add", "run.py"});
  const std::string head = repo.git({"rev-parse", "HEAD"});
  const std::string index = repo.git({"ls-files", "-s"});
  RuleFile rules(kFixRules);
  MentorRun run = run_in_process(fix_args(repo, rules, {"--yes"}));
  INFO(run.out << run.err);
  CHECK(run.code == 0);
  CHECK(run.err == "git-mentor: applied 3 fixes\n");
  CHECK(repo.read("app.py") == "import logging\nlogging.info(1)\nx = 2\nlogging.info(x)\n");
  CHECK(repo.read("run.py") == "logging.info('go')\n");
  CHECK((fs::status(repo.work_tree() / "run.py").permissions() & fs::perms::owner_exec) !=
        fs::perms::none);
  // Commits and the index are left alone.
  CHECK(repo.git({"rev-parse", "HEAD"}) == head);
  CHECK(repo.git({"ls-files", "-s"}) == index);
  // Nothing left to fix.
  MentorRun again = run_in_process(fix_args(repo, rules, {"--yes"}));
  CHECK(again.code == 0);
  CHECK(again.err == "git-mentor: no fix to apply\n");
}

TEST_CASE("fix PATH limits the files, and a path outside the work tree is an error",
          "[e2e][fix-e2e]") {
  TestRepo repo = repo_with_prints();
  repo.write("lib/other.py", "print(3)\n");
  RuleFile rules(kFixRules);
  MentorRun run = run_in_process(fix_args(repo, rules, {"--yes", "lib"}));
  CHECK(run.code == 0);
  CHECK(repo.read("lib/other.py") == "logging.info(3)\n");
  CHECK(repo.read("app.py") == "import logging\nprint(1)\nx = 2\nprint(x)\n");
  MentorRun outside = run_in_process(fix_args(repo, rules, {"--yes", "../elsewhere"}));
  CHECK(outside.code == 2);
}

TEST_CASE("fix on a terminal asks for each fix: y, n, a, q", "[e2e][fix-e2e]") {
  RuleFile rules(kFixRules);
  {
    TestRepo repo = repo_with_prints();
    MentorRun run = run_on_terminal(fix_args(repo, rules, {}), "n\ny\n");
    CHECK(run.code == 1);  // one declined
    CHECK(repo.read("app.py") == "import logging\nprint(1)\nx = 2\nlogging.info(x)\n");
    CHECK(run.err.find("Apply this fix? [y,n,a,q] ") != std::string::npos);
    CHECK(run.err.find("applied 1 fix, left 1") != std::string::npos);
  }
  {
    TestRepo repo = repo_with_prints();
    MentorRun run = run_on_terminal(fix_args(repo, rules, {}), "a\n");
    CHECK(run.code == 0);
    CHECK(repo.read("app.py") == "import logging\nlogging.info(1)\nx = 2\nlogging.info(x)\n");
  }
  {
    TestRepo repo = repo_with_prints();
    MentorRun run = run_on_terminal(fix_args(repo, rules, {}), "q\n");
    CHECK(run.code == 1);
    CHECK(repo.read("app.py") == "import logging\nprint(1)\nx = 2\nprint(x)\n");
  }
}

TEST_CASE("fix keeps CRLF line endings and UTF-8 text", "[e2e][fix-e2e]") {
  TestRepo repo;
  repo.write("app.py", "import logging\r\n");
  repo.commit("init");
  repo.write("app.py", "import logging\r\ns = 'h\xc3\xa9'\r\nprint(s)\r\n");
  RuleFile rules(kFixRules);
  MentorRun run = run_in_process(fix_args(repo, rules, {"--yes"}));
  INFO(run.out << run.err);
  CHECK(run.code == 0);
  CHECK(repo.read("app.py") == "import logging\r\ns = 'h\xc3\xa9'\r\nlogging.info(s)\r\n");
}

TEST_CASE("check shows a commit's fixes in text, JSON and SARIF", "[e2e][fix-e2e]") {
  TestRepo repo;
  repo.write("app.py", "import logging\n");
  repo.commit("init");
  repo.write("app.py", "import logging\nprint(1)\n");
  repo.commit("add print");
  RuleFile rules(kFixRules);

  MentorRun text = run_mentor(check_args(repo, rules, {"HEAD", "--color", "never"}));
  CHECK(text.out.find("  suggested fix:\n  - print(1)\n  + logging.info(1)\n") !=
        std::string::npos);

  nlohmann::json json =
      findings_of(run_mentor(check_args(repo, rules, {"HEAD", "--format", "json"})));
  REQUIRE(json.size() == 1);
  CHECK(json[0]["fix"]["replacement"] == "logging.info(1)");
  CHECK(json[0]["fix"]["start_byte"] == 15);
  CHECK(json[0]["fix"]["end_byte"] == 23);

  MentorRun sarif = run_mentor(check_args(repo, rules, {"HEAD", "--format", "sarif"}));
  nlohmann::json log = nlohmann::json::parse(sarif.out);
  const nlohmann::json& replacement =
      log["runs"][0]["results"][0]["fixes"][0]["artifactChanges"][0]["replacements"][0];
  CHECK(replacement["insertedContent"]["text"] == "logging.info(1)");
  CHECK(replacement["deletedRegion"]["startLine"] == 2);

  MentorRun markdown = run_mentor(check_args(repo, rules, {"HEAD", "--format", "markdown"}));
  CHECK(markdown.out.find("```suggestion\n  logging.info(1)\n  ```") != std::string::npos);
}

TEST_CASE("the pre-commit hook shows the fix under the finding", "[e2e][fix-e2e]") {
  TestRepo repo;
  repo.write("app.py", "import logging\n");
  repo.commit("init");
  repo.write(".mentor/no-print.yaml", kFixRules);
  repo.write(".git-mentor.yaml", "rules:\n  - .mentor/no-print.yaml\n");
  repo.write("app.py", "import logging\nprint(1)\n");
  repo.git({"add", "app.py"});
  MentorRun run = run_in_process({"-C", repo.path().string(), "hook", "pre-commit"});
  CHECK(run.code == 1);
  CHECK(run.err.find("      - print(1)\n      + logging.info(1)\n") != std::string::npos);
}

TEST_CASE("fixAfter: 2 shows the fix from the author's second recorded or reviewed occurrence",
          "[e2e][fix-e2e]") {
  TestRepo repo;
  repo.write("app.py", "import logging\n");
  repo.commit("init");
  repo.write("app.py", "import logging\nprint(1)\n");
  repo.commit("first print");
  RuleFile rules(std::string(kFixRules) + "fixAfter: 2\n");

  // The first occurrence ever: the finding, without its fix.
  nlohmann::json first =
      findings_of(run_mentor(check_args(repo, rules, {"HEAD", "--format", "json"})));
  REQUIRE(first.size() == 1);
  CHECK_FALSE(first[0].contains("fix"));

  // Two in one run: the earlier commit's is the first occurrence, the later one shows its fix.
  repo.write("app.py", "import logging\nprint(1)\nprint(2)\n");
  repo.commit("second print");
  nlohmann::json both =
      findings_of(run_mentor(check_args(repo, rules, {"HEAD~2..HEAD", "--format", "json"})));
  REQUIRE(both.size() == 2);
  int with_fix = 0;
  for (const auto& f : both)
    with_fix += f.contains("fix") ? 1 : 0;
  CHECK(with_fix == 1);

  // Once the first is recorded, reviewing the second alone shows its fix: the record counts.
  MentorRun record = run_in_process(check_args(repo, rules, {"HEAD~2..HEAD~1", "--record"}));
  CHECK(record.code == 1);
  nlohmann::json second =
      findings_of(run_mentor(check_args(repo, rules, {"HEAD", "--format", "json"})));
  REQUIRE(second.size() == 1);
  CHECK(second[0]["fix"]["replacement"] == "logging.info(2)");
  // Another author's record does not count for this one.
  TestRepo other;
  other.write("app.py", "print(3)\n");
  other.commit("other");
  nlohmann::json alone =
      findings_of(run_mentor(check_args(other, rules, {"HEAD", "--format", "json"})));
  REQUIRE(alone.size() == 1);
  CHECK_FALSE(alone[0].contains("fix"));
}

TEST_CASE("fixAfter must be a whole number from 1 to 1000 on a rule with a fix", "[e2e][fix-e2e]") {
  TestRepo repo;
  repo.write("app.py", "print(1)\n");
  repo.commit("init");
  RuleFile zero(std::string(kFixRules) + "fixAfter: 0\n");
  MentorRun run = run_mentor(check_args(repo, zero, {"HEAD"}));
  CHECK(run.code == 2);
  CHECK(run.err.find(":9:11: error: rule 'no-print': 'fixAfter' must be a whole number") !=
        std::string::npos);
  RuleFile no_fix("id: no-print\nlanguage: python\nrule:\n  pattern: print($A)\nfixAfter: 2\n");
  run = run_mentor(check_args(repo, no_fix, {"HEAD"}));
  CHECK(run.code == 2);
  CHECK(
      run.err.find(":5:11: error: rule 'no-print': 'fixAfter' is set but the rule has no 'fix'") !=
      std::string::npos);
}

}  // namespace mentor::test
