// Shared utility rule files (ast-grep's `utilDirs`): `utils:` in .git-mentor.yaml, --utils, and
// ast-grep projects used as they are, through the real binary and in-process.
#include <filesystem>
#include <fstream>

#include "e2e/check_fixture.hpp"

namespace mentor::test {

namespace {

// A Python rule that reports what the shared utility `is-debug-print` matches.
constexpr const char* kRule = R"(id: no-debug-print
language: python
severity: error
message: "print($$$ARGS) left in"
skill: readability
rule:
  matches: is-debug-print
examples:
  bad: ["print(1)\n"]
  good: ["log(1)\n", "def show():\n    print(1)\n"]
)";

// Prints outside functions: a utility built on another utility of another file, with a local
// utility of its own.
constexpr const char* kUtil = R"(id: is-debug-print
language: python
utils:
  in-function:
    inside: {kind: function_definition, stopBy: end}
rule:
  all:
    - matches: is-print
    - not: {matches: in-function}
)";
constexpr const char* kIsPrint =
    "id: is-print\nlanguage: python\nrule:\n  pattern: print($$$ARGS)\n";

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::vector<std::string> rule_ids_of(const nlohmann::json& findings) {
  std::vector<std::string> ids;
  for (const auto& finding : findings)
    ids.push_back(finding["rule"].get<std::string>());
  return ids;
}

}  // namespace

TEST_CASE("utils in .git-mentor.yaml are shared by the rules and are not rules themselves",
          "[e2e][utils]") {
  TestRepo repo;
  repo.write(".mentor/no-debug-print.yaml", kRule);
  repo.write(".mentor/utils/is-debug-print.yml", kUtil);
  repo.write(".mentor/utils/is-print.yml", kIsPrint);
  // The utility directory sits inside the rules directory.
  repo.write(".git-mentor.yaml", "rules: [.mentor]\nutils: [.mentor/utils]\n");
  repo.write("app.py", "def show():\n    print('fine')\n\nprint('debug')\n");
  repo.commit("debug print");

  MentorRun run = run_mentor({"-C", repo.path().string(), "check", "--format", "json", "HEAD"});
  INFO(run.err);
  CHECK(run.code == 1);  // an error finding
  nlohmann::json findings = findings_of(run);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["rule"] == "no-debug-print");
  CHECK(findings[0]["line"] == 4);
  CHECK(findings[0]["message"] == "print('debug') left in");

  MentorRun list = run_mentor({"-C", repo.path().string(), "rules", "list"});
  CHECK(list.code == 0);
  CHECK(list.out.find("no-debug-print") != std::string::npos);
  CHECK(list.out.find("is-print") == std::string::npos);
  CHECK(list.out.find("is-debug-print") == std::string::npos);

  MentorRun test = run_mentor({"-C", repo.path().string(), "rules", "test"});
  CHECK(test.code == 0);
  CHECK(test.out == "3 examples in 1 rule: 3 passed, 0 failed\n");
}

TEST_CASE("the --utils option gives check and the rules commands the utility files",
          "[e2e][utils]") {
  TempDir dir;
  write_file(dir.path() / "rules/no-debug-print.yaml", kRule);
  write_file(dir.path() / "utils/is-debug-print.yml", kUtil);
  write_file(dir.path() / "utils/is-print.yml", kIsPrint);
  const std::string rules = (dir.path() / "rules").string();
  const std::string utils = (dir.path() / "utils").string();

  TestRepo repo;
  repo.write("app.py", "print('debug')\n");
  repo.commit("debug print");
  MentorRun check = run_mentor({"-C", repo.path().string(), "check", "--rules", rules, "--utils",
                                utils, "--format", "json", "HEAD"});
  CHECK(check.code == 1);
  CHECK(rule_ids_of(findings_of(check)) == std::vector<std::string>{"no-debug-print"});

  MentorRun test = run_mentor({"rules", "test", rules, "--utils", utils});
  CHECK(test.code == 0);
  CHECK(test.out == "3 examples in 1 rule: 3 passed, 0 failed\n");
  MentorRun explain =
      run_mentor({"rules", "--rules", rules, "--utils", utils, "explain", "no-debug-print"});
  CHECK(explain.code == 0);
  CHECK(explain.out.find("no-debug-print  (python error, skill: readability)") == 0);

  // Without them the rule cannot load.
  MentorRun missing = run_mentor({"rules", "test", rules});
  CHECK(missing.code == 2);
  CHECK(missing.out.empty());
  CHECK(missing.err == (dir.path() / "rules/no-debug-print.yaml").string() +
                           ":7:12: error: rule 'no-debug-print': 'matches' names no utility rule "
                           "'is-debug-print'\n");
}

TEST_CASE("utility file errors name the file, line and column and exit 2", "[e2e][utils]") {
  TempDir dir;
  write_file(dir.path() / "rules/no-debug-print.yaml", kRule);
  write_file(dir.path() / "utils/is-print.yml", kIsPrint);
  const std::string rules = (dir.path() / "rules").string();
  const std::string utils = (dir.path() / "utils").string();
  auto error_of = [&](const std::string& name, const std::string& text) {
    write_file(dir.path() / "utils" / name, text);
    MentorRun run = run_mentor({"rules", "test", rules, "--utils", utils});
    std::filesystem::remove(dir.path() / "utils" / name);
    INFO(run.err);
    CHECK(run.code == 2);
    CHECK(run.out.empty());
    return run.err;
  };
  const std::string file = (dir.path() / "utils/is-debug-print.yml").string();

  CHECK(error_of("is-debug-print.yml",
                 "id: is-debug-print\nlanguage: python\nmessage: debug\nrule: {kind: call}\n") ==
        file +
            ":3:1: error: utility rule 'is-debug-print': key 'message' has no place in a utility "
            "rule file, which holds only id, language, rule, constraints and utils; a rule that "
            "reports findings goes with the other rules\n");
  CHECK(error_of("is-debug-print.yml",
                 "id: is-debug-print\nlanguage: python\nrules: {kind: call}\n") ==
        file +
            ":3:1: error: utility rule 'is-debug-print': unknown key 'rules' (did you mean "
            "'rule'?)\n");
  // Reported at the second definition (files are read in order), naming the first one.
  CHECK(error_of("more.yml", "id: is-print\nlanguage: python\nrule: {kind: call}\n") ==
        (dir.path() / "utils/more.yml").string() +
            ":1:5: error: utility rule 'is-print': a utility rule of this id for python is "
            "already defined in " +
            (dir.path() / "utils/is-print.yml").string() + ":1\n");
  // A cycle is reported, not run forever.
  CHECK(error_of("is-debug-print.yml",
                 "id: is-debug-print\nlanguage: python\nrule:\n  any:\n"
                 "    - matches: is-debug-print\n    - kind: call\n") ==
        file +
            ":5:16: error: utility rule 'is-debug-print': it matches itself through "
            "'matches'\n");
}

TEST_CASE("an ast-grep project with utilDirs is used as it is", "[e2e][utils]") {
  // ast-grep's layout: sgconfig.yml naming the rule, utility and test directories.
  TempDir dir;
  write_file(dir.path() / "sgconfig.yml",
             "ruleDirs:\n  - rules\nutilDirs:\n  - utils\ntestConfigs:\n  - testDir: rule-tests\n");
  write_file(dir.path() / "rules/no-debug-print.yml",
             "id: no-debug-print\nlanguage: python\nseverity: warning\nmessage: debug print\n"
             "rule:\n  matches: is-debug-print\n");
  write_file(dir.path() / "utils/is-debug-print.yml", kUtil);
  write_file(dir.path() / "utils/is-print.yml", kIsPrint);
  write_file(dir.path() / "rule-tests/no-debug-print-test.yml",
             "id: no-debug-print\nvalid:\n  - \"def f():\\n    print(1)\\n\"\ninvalid:\n"
             "  - print(1)\n");
  write_file(dir.path() / "rule-tests/__snapshots__/no-debug-print-snapshot.yml",
             "id: no-debug-print\nsnapshots:\n  print(1):\n    labels: []\n");

  MentorRun test = run_mentor({"rules", "test", dir.path().string()});
  INFO(test.out << test.err);
  CHECK(test.code == 0);
  CHECK(test.out == "2 examples in 1 rule: 2 passed, 0 failed\n");

  TestRepo repo;
  repo.write("app.py", "print('debug')\n");
  repo.commit("debug print");
  MentorRun check = run_mentor({"-C", repo.path().string(), "check", "--rules", dir.path().string(),
                                "--format", "json", "HEAD"});
  CHECK(check.code == 0);  // a warning does not block
  CHECK(rule_ids_of(findings_of(check)) == std::vector<std::string>{"no-debug-print"});
}

TEST_CASE("the pre-push hook compiles only the utilities of the pushed languages",
          "[e2e][utils][hook]") {
  TestRepo remote{true};
  TempDir clone_dir;
  REQUIRE(run_command({"git", "clone", "-q", remote.path().string(), "work"}, clone_dir.path())
              .exit_code == 0);
  TestRepo work = TestRepo::adopt(clone_dir.path() / "work");
  work.git({"symbolic-ref", "HEAD", "refs/heads/main"});
  REQUIRE(run_in_process({"-C", work.path().string(), "hook", "install"}).code == 0);
  Environment env = work.env();
  std::string bin_dir = std::filesystem::path(GIT_MENTOR_BINARY).parent_path().string();
  env.emplace_back("PATH", bin_dir + ":" + std::getenv("PATH"));

  work.write(".mentor/rules/no-debug-print.yaml", kRule);
  work.write(".mentor/utils/is-debug-print.yml", kUtil);
  work.write(".mentor/utils/is-print.yml", kIsPrint);
  // A JavaScript utility with an invalid pattern: an error whenever it is compiled.
  work.write(".mentor/utils/js.yml",
             "id: js-broken\nlanguage: javascript\n"
             "rule: {pattern: 'a ==='}\n");
  work.write(".git-mentor.yaml", "rules: [.mentor/rules]\nutils: [.mentor/utils]\n");
  work.write("app.py", "x = 1\n");
  work.commit("mentor's start");
  auto push = [&] {
    return run_command({"git", "push", "-q", "origin", "main"}, work.path(), "", env);
  };
  REQUIRE(push().exit_code == 0);

  // A Python push: the Python utilities are compiled, the JavaScript one is not.
  work.write("app.py", "x = 1\nprint(x)\n");
  work.commit("debug print");
  CommandResult refused = push();
  INFO(refused.err);
  CHECK(refused.exit_code != 0);
  CHECK(refused.err.find("app.py:2:1: error: print(x) left in [no-debug-print]") !=
        std::string::npos);

  // `check` compiles every language, and reports the broken utility.
  MentorRun check = run_mentor({"-C", work.path().string(), "check", "HEAD"});
  CHECK(check.code == 2);
  CHECK(check.err.find("js.yml:3:") != std::string::npos);
  CHECK(check.err.find("utility rule 'js-broken'") != std::string::npos);
}

}  // namespace mentor::test
