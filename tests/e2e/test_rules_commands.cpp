// `git mentor rules list|explain|test`, through the real binary and in-process.
#include <filesystem>
#include <fstream>

#include "e2e/check_fixture.hpp"

namespace mentor::test {

TEST_CASE("every bundled rule passes its own examples", "[e2e][rules]") {
  TestRepo repo;  // no configuration: the bundled packs
  MentorRun run = run_mentor({"-C", repo.path().string(), "rules", "test"});
  INFO(run.out);
  CHECK(run.code == 0);
  CHECK(run.out.find(" 0 failed") != std::string::npos);
  CHECK(run.out.find("Missing") == std::string::npos);
  CHECK(run.out.find("Noisy") == std::string::npos);
}

TEST_CASE("every bundled rule has a message, a skill, a lesson and examples", "[e2e][rules]") {
  TestRepo repo;
  MentorRun run = run_mentor({"-C", repo.path().string(), "rules", "list"});
  REQUIRE(run.code == 0);
  std::istringstream lines(run.out);
  std::string line;
  std::getline(lines, line);
  CHECK(line.find("ID") == 0);
  std::size_t rules = 0;
  while (std::getline(lines, line)) {
    std::string id = line.substr(0, line.find(' '));
    MentorRun explain = run_in_process({"-C", repo.path().string(), "rules", "explain", id});
    INFO(id << "\n" << explain.out);
    CHECK(explain.code == 0);
    CHECK(explain.out.find("(this rule has no lesson yet)") == std::string::npos);
    CHECK(explain.out.find("skill: -") == std::string::npos);
    ++rules;
  }
  CHECK(rules >= 18);
}

TEST_CASE("rules list shows id, language, severity, skill and source", "[e2e][rules]") {
  RuleFile rules(kPrintRules);
  MentorRun run = run_mentor({"rules", "list", "--rules", rules.path()});
  CHECK(run.code == 0);
  CHECK(run.out.find("no-print") != std::string::npos);
  CHECK(run.out.find("python") != std::string::npos);
  CHECK(run.out.find("error") != std::string::npos);
  CHECK(run.out.find("readability") != std::string::npos);
  CHECK(run.out.find(rules.path() + ":1") != std::string::npos);
  CHECK(run.out.find(rules.path() + ":10") != std::string::npos);  // the second document
}

TEST_CASE("rules explain prints the lesson, and an unknown id gets a hint", "[e2e][rules]") {
  TestRepo repo;
  MentorRun run = run_mentor({"-C", repo.path().string(), "rules", "explain", "py-bare-except"});
  CHECK(run.code == 0);
  CHECK(run.out.find("py-bare-except  (python warning, skill: error-handling)") == 0);
  CHECK(run.out.find("except ValueError:") != std::string::npos);
  CHECK(run.out.find("Defined in rules/python/py-bare-except.yaml:1") != std::string::npos);

  MentorRun unknown = run_mentor({"-C", repo.path().string(), "rules", "explain", "py-bare-exept"});
  CHECK(unknown.code == 2);
  CHECK(unknown.out.empty());
  CHECK(unknown.err ==
        "git-mentor: error: no rule with id 'py-bare-exept' (did you mean 'py-bare-except'?); "
        "`git mentor rules list` shows them all\n");
}

TEST_CASE("rules test reports Missing and Noisy examples with their snippet", "[e2e][rules]") {
  RuleFile rules(R"(id: no-print
language: python
message: print left in
rule:
  pattern: print($X)
examples:
  bad:
    - "print(1)\n"
    - "log(2)\n"
  good:
    - "print(3)\n"
)");
  MentorRun run = run_mentor({"rules", "test", rules.path()});
  CHECK(run.code == 1);
  CHECK(run.out.find("Missing [no-print]") != std::string::npos);
  CHECK(run.out.find("    log(2)") != std::string::npos);
  CHECK(run.out.find("Noisy [no-print]") != std::string::npos);
  CHECK(run.out.find("    print(3)") != std::string::npos);
  CHECK(run.out.find("1 rules, 3 examples: 0 passed, 1 failed") != std::string::npos);
}

TEST_CASE("rules test runs ast-grep test files next to the rules", "[e2e][rules]") {
  TempDir dir;
  auto write = [&](const std::string& name, const std::string& text) {
    std::filesystem::create_directories((dir.path() / name).parent_path());
    std::ofstream(dir.path() / name, std::ios::binary) << text;
  };
  // An ast-grep rule and its test file, as ast-grep's `sg new` lays them out.
  write("rules/no-console-log.yml",
        "id: no-console-log\nlanguage: javascript\nseverity: warning\n"
        "message: console.log left in\nnote: Use the logger.\nrule:\n"
        "  pattern: console.log($$$ARGS)\n");
  write("rule-tests/no-console-log-test.yml",
        "id: no-console-log\nvalid:\n  - logger.info(x)\ninvalid:\n  - console.log(x)\n"
        "  - console.log(a, b)\n");
  MentorRun passing =
      run_mentor({"-C", dir.path().string(), "rules", "test", "rules", "rule-tests"});
  INFO(passing.out);
  CHECK(passing.code == 0);
  CHECK(passing.out == "1 rules and 1 test files' cases, 3 examples: 2 passed, 0 failed\n");

  write("rule-tests/no-console-log-test.yml",
        "id: no-console-log\nvalid:\n  - console.log(x)\ninvalid:\n  - logger.info(x)\n"
        "---\nid: no-such-rule\nvalid: [x]\n");
  MentorRun failing =
      run_mentor({"-C", dir.path().string(), "rules", "test", "rules", "rule-tests"});
  CHECK(failing.code == 1);
  CHECK(failing.out.find("no-console-log-test.yml:1: Missing [no-console-log]") !=
        std::string::npos);
  CHECK(failing.out.find("    logger.info(x)") != std::string::npos);
  CHECK(failing.out.find("no-console-log-test.yml:1: Noisy [no-console-log]") != std::string::npos);
  CHECK(
      failing.out.find("no-console-log-test.yml:7: Missing [no-such-rule]: no rule with this id") !=
      std::string::npos);

  // check never mistakes a test file for a rule.
  TestRepo repo;
  repo.write("a.js", "console.log(1);\n");
  repo.commit("a");
  MentorRun check =
      run_mentor({"-C", repo.path().string(), "check", "--rules", (dir.path() / "rules").string(),
                  "--rules", (dir.path() / "rule-tests").string(), "HEAD"});
  CHECK(check.code == 0);
  CHECK(check.out.find("[no-console-log]") != std::string::npos);
}

}  // namespace mentor::test
