// `git mentor rules list|explain|test`, through the real binary and in-process.
#include <filesystem>
#include <fstream>

#include "e2e/check_fixture.hpp"
#include "support/temp_repo.hpp"

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
  CHECK(run.out.find("3 examples in 1 rule: 1 passed, 2 failed\n") != std::string::npos);
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
  CHECK(passing.out == "3 examples in 1 rule: 3 passed, 0 failed\n");

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
  CHECK(failing.out.find("3 examples in 1 rule: 0 passed, 3 failed\n") != std::string::npos);

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

TEST_CASE("rules test counts examples, and lists rules without any as untested", "[e2e][rules]") {
  RuleFile rules(R"(id: no-print
language: python
rule:
  pattern: print($X)
examples:
  bad: ["print(1)\n"]
  good: ["log(1)\n"]
---
id: no-eval
language: python
rule:
  pattern: eval($X)
)");
  MentorRun run = run_mentor({"rules", "test", rules.path()});
  CHECK(run.code == 0);  // untested is not failed...
  CHECK(run.out == rules.path() +
                       ":9: Untested [no-eval]: no examples; add examples.bad (code it must "
                       "match) and examples.good (code it must not)\n"
                       "2 examples in 2 rules: 2 passed, 0 failed; 1 rule untested\n");
  MentorRun strict = run_mentor({"rules", "test", "--strict", rules.path()});
  CHECK(strict.code == 1);  // ...unless --strict
  CHECK(strict.out == run.out);
}

TEST_CASE("rules test says why a bad example was missed: the closest node, the part that failed",
          "[e2e][rules]") {
  RuleFile rules(R"(id: unguarded-open
language: python
message: open outside with
rule:
  pattern: open($F)
  not:
    inside:
      kind: with_statement
      stopBy: end
examples:
  bad:
    - "with x:\n    f = open(p)\n"
  good:
    - "f = open(p)\n"
)");
  MentorRun run = run_mentor({"rules", "test", rules.path()});
  INFO(run.out);
  CHECK(run.code == 1);
  const std::string& file = rules.path();
  CHECK(run.out == file +
                       ":1: Missing [unguarded-open]: a bad example the rule should match, did "
                       "not\n"
                       "    with x:\n"
                       "        f = open(p)\n"
                       "  closest node: call `open(p)` at 2:9\n"
                       "  did not hold: not (" +
                       file + ":7:5)\n  held: pattern (" + file + ":5:12)\n" + file +
                       ":1: Noisy [unguarded-open]: a good example the rule should not match, "
                       "did\n"
                       "    f = open(p)\n"
                       "  matched: call `open(p)` at 1:5\n"
                       "  held: pattern (" +
                       file + ":5:12), not (" + file +
                       ":7:5)\n"
                       "2 examples in 1 rule: 0 passed, 2 failed\n");
}

TEST_CASE("rules test names a failed constraint, a missing relation and a kind not in the example",
          "[e2e][rules]") {
  RuleFile rules(R"(id: console-log
language: javascript
rule:
  pattern: console.$M($$$A)
constraints:
  M:
    regex: ^log$
examples:
  bad: ["console.warn(1)\n"]
---
id: empty-catch
language: javascript
rule:
  kind: catch_clause
  has:
    kind: statement_block
    regex: ^\{\s*\}$
examples:
  bad:
    - "try { a() } catch (e) { log(e) }\n"
    - "let x = 1\n"
)");
  MentorRun run = run_mentor({"rules", "test", rules.path()});
  INFO(run.out);
  CHECK(run.code == 1);
  const std::string& file = rules.path();
  CHECK(run.out.find("  closest node: call_expression `console.warn(1)` at 1:1\n"
                     "  did not hold: constraints: M (" +
                     file + ":6:3)\n  held: pattern (" + file + ":4:12)\n") != std::string::npos);
  CHECK(run.out.find("  closest node: catch_clause `catch (e) { log(e) }` at 1:13\n"
                     "  did not hold: has (" +
                     file + ":16:5)\n  held: kind (" + file + ":14:9)\n") != std::string::npos);
  CHECK(run.out.find("    let x = 1\n  (no node of kind catch_clause in the example)\n") !=
        std::string::npos);
  CHECK(run.out.find("3 examples in 2 rules: 0 passed, 3 failed\n") != std::string::npos);
}

TEST_CASE("rules test escapes a hostile example and node text", "[e2e][rules][security]") {
  RuleFile rules(
      "id: no-print\nlanguage: python\nrule:\n  pattern: print($X)\n"
      "examples:\n  good: [\"print('\\e[31mred')\\n\"]\n");
  MentorRun run = run_mentor({"rules", "test", rules.path()});
  CHECK(run.code == 1);
  CHECK(run.out.find('\x1b') == std::string::npos);
  CHECK(run.out.find("matched: call `print('\\x1b[31mred')` at 1:1") != std::string::npos);
}

TEST_CASE("rules list filters by language, skill and severity", "[e2e][rules]") {
  TestRepo repo;  // the bundled packs
  MentorRun go = run_mentor({"-C", repo.path().string(), "rules", "list", "--language", "go",
                             "--skill", "error-handling"});
  INFO(go.out);
  CHECK(go.code == 0);
  std::istringstream lines(go.out);
  std::string line;
  std::getline(lines, line);
  CHECK(line.find("ID") == 0);
  std::size_t shown = 0;
  while (std::getline(lines, line)) {
    CHECK(line.find("go-") == 0);
    CHECK(line.find(" error-handling ") != std::string::npos);
    ++shown;
  }
  CHECK(shown >= 2);
  CHECK(go.out.find("go-empty-error-branch") != std::string::npos);
  CHECK(go.out.find("go-sleep-in-test") == std::string::npos);  // testing, not error-handling

  MentorRun praise = run_mentor({"-C", repo.path().string(), "rules", "list", "--language",
                                 "Python", "--severity", "praise"});
  CHECK(praise.code == 0);
  CHECK(praise.out.find("py-enumerate") != std::string::npos);
  CHECK(praise.out.find("py-bare-except") == std::string::npos);

  MentorRun unknown =
      run_mentor({"-C", repo.path().string(), "rules", "list", "--language", "pyton"});
  CHECK(unknown.code == 2);
  CHECK(unknown.err == "git-mentor: error: unknown language 'pyton' (did you mean 'python'?)\n");
  MentorRun severity =
      run_mentor({"-C", repo.path().string(), "rules", "list", "--severity", "fatal"});
  CHECK(severity.code == 2);
}

TEST_CASE("rules explain shows the bad and good examples after the lesson", "[e2e][rules]") {
  TestRepo repo;
  MentorRun run = run_mentor({"-C", repo.path().string(), "rules", "explain", "py-compare-none"});
  INFO(run.out);
  CHECK(run.code == 0);
  std::size_t lesson = run.out.find("PEP 8");
  std::size_t bad = run.out.find(
      "\nBad: (the rule matches)\n    if user == None:\n        login()\n"
      "\n    found = result != None\n");
  std::size_t good = run.out.find("\nGood: (the rule does not match)\n    if user is None:\n");
  CHECK(lesson != std::string::npos);
  CHECK(bad != std::string::npos);
  CHECK(good != std::string::npos);
  CHECK(lesson < bad);
  CHECK(bad < good);
  CHECK(good < run.out.find("Defined in"));
}

namespace {

std::filesystem::path source_path(const std::string& relative) {
  return std::filesystem::path(GIT_MENTOR_SOURCE_DIR) / relative;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs tests/schema/validate_schemas.py with `file` as an extra rule file.
CommandResult validate_rule_file(const std::filesystem::path& file) {
  return run_command({"python3", source_path("tests/schema/validate_schemas.py").string(),
                      source_path("").string(), "--rule-file", file.string()},
                     std::filesystem::current_path());
}

}  // namespace

TEST_CASE("rules new scaffolds a rule that loads, fails its examples and matches the schema",
          "[e2e][rules]") {
  TestRepo repo;
  MentorRun run = run_in_process({"-C", repo.path().string(), "rules", "new", "py-no-print",
                                  "--language", "python", "--skill", "readability"});
  INFO(run.out << run.err);
  REQUIRE(run.code == 0);
  CHECK(run.out.find("\nAdd .mentor/rules to `rules:` in .git-mentor.yaml") != std::string::npos);
  std::filesystem::path file = repo.path() / ".mentor" / "rules" / "py-no-print.yaml";
  std::filesystem::path schema = repo.path() / ".mentor" / "rules" / "rule.schema.json";
  CHECK(run.out.find("Wrote " + file.string() + " and " + schema.string()) == 0);
  std::string text = repo.read(".mentor/rules/py-no-print.yaml");
  CHECK(text.find("# yaml-language-server: $schema=rule.schema.json\n") == 0);
  CHECK(text.find("\nid: py-no-print\nlanguage: python\nseverity: warning\n") != std::string::npos);
  CHECK(text.find("\nskill: readability\nlesson: |\n") != std::string::npos);
  CHECK(repo.read(".mentor/rules/rule.schema.json") ==
        read_file(source_path("schemas/rule.schema.json")));

  // It loads, and fails honestly until filled in.
  MentorRun test = run_mentor({"-C", repo.path().string(), "rules", "test", ".mentor/rules"});
  CHECK(test.code == 1);
  CHECK(test.out.find("Missing [py-no-print]") != std::string::npos);
  CHECK(test.out.find("2 examples in 1 rule: 1 passed, 1 failed\n") != std::string::npos);

  CommandResult valid = validate_rule_file(file);
  INFO(valid.out << valid.err);
  CHECK(valid.exit_code == 0);

  // Never overwritten.
  repo.write(".mentor/rules/py-no-print.yaml", "mine\n");
  MentorRun again = run_mentor(
      {"-C", repo.path().string(), "rules", "new", "py-no-print", "--language", "python"});
  CHECK(again.code == 2);
  CHECK(again.err.find("py-no-print.yaml already exists") != std::string::npos);
  CHECK(repo.read(".mentor/rules/py-no-print.yaml") == "mine\n");
}

TEST_CASE("rules new validates the id and language, and honours --dir and the configuration",
          "[e2e][rules]") {
  TestRepo repo;
  MentorRun bad_id =
      run_mentor({"-C", repo.path().string(), "rules", "new", "No_Print", "--language", "python"});
  CHECK(bad_id.code == 2);
  CHECK(bad_id.err.find("rule id 'No_Print' must be kebab-case") != std::string::npos);
  MentorRun bad_language =
      run_mentor({"-C", repo.path().string(), "rules", "new", "no-print", "--language", "cobol"});
  CHECK(bad_language.code == 2);
  CHECK(bad_language.err.find("unknown language 'cobol' (known: bash, c, cpp, csharp,") !=
        std::string::npos);
  CHECK(!std::filesystem::exists(repo.path() / ".mentor"));

  // The first directory of `rules:` in .git-mentor.yaml inside the work tree.
  TempDir outside;
  repo.write(".git-mentor.yaml", "rules: [builtin, " + outside.path().string() + ", ../" +
                                     outside.path().filename().string() + ", .git, team/rules]\n");
  std::filesystem::create_directories(repo.path() / "team" / "rules");
  MentorRun configured = run_in_process(
      {"-C", repo.path().string(), "rules", "new", "go-no-panic", "--language", "golang"});
  CHECK(configured.code == 0);
  CHECK(repo.read("team/rules/go-no-panic.yaml").find("\nlanguage: go\n") != std::string::npos);
  CHECK(configured.out.find("Add .mentor/rules") == std::string::npos);
  CHECK(std::filesystem::is_empty(outside.path()));

  // --dir, relative to -C, and without a repository; an existing schema is kept.
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "mine");
  std::ofstream(dir.path() / "mine" / "rule.schema.json") << "{}";
  MentorRun elsewhere = run_in_process({"-C", dir.path().string(), "rules", "new", "ts-no-any",
                                        "--language", "typescript", "--dir", "mine"});
  INFO(elsewhere.err);
  CHECK(elsewhere.code == 0);
  CHECK(std::filesystem::exists(dir.path() / "mine" / "ts-no-any.yaml"));
  CHECK(read_file(dir.path() / "mine" / "rule.schema.json") == "{}");
  CHECK(elsewhere.out.find(" and ") == std::string::npos);
}

TEST_CASE("a scaffold compiles in every language", "[e2e][rules]") {
  TempDir dir;
  for (const char* language :
       {"c", "cpp", "go", "java", "javascript", "python", "rust", "tsx", "typescript"}) {
    std::string id = std::string("x-") + language;
    MentorRun run = run_in_process(
        {"-C", dir.path().string(), "rules", "new", id, "--language", language, "--dir", "r"});
    INFO(language << ": " << run.err);
    CHECK(run.code == 0);
  }
  MentorRun test = run_mentor({"-C", dir.path().string(), "rules", "test", "r"});
  INFO(test.out << test.err);
  CHECK(test.code == 1);
  CHECK(test.out.find("18 examples in 9 rules: 9 passed, 9 failed\n") != std::string::npos);
}

}  // namespace mentor::test
