// End-to-end tests of `git mentor check` on real repositories.
#include <fstream>

#include "e2e/check_fixture.hpp"

namespace mentor::test {

TEST_CASE("check reports what a root commit adds", "[e2e][check]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.py", "import os\nprint(os.name)\n");
  std::string root = repo.commit("first");

  MentorRun run = run_mentor(check_args(repo, rules, {"HEAD", "--format", "json"}));
  CHECK(run.code == 1);  // no-print is an error
  auto findings = findings_of(run);
  REQUIRE(findings.size() == 1);
  const auto& f = findings[0];
  CHECK(f["rule"] == "no-print");
  CHECK(f["severity"] == "error");
  CHECK(f["message"] == "print(os.name) left in");
  CHECK(f["path"] == "app.py");
  CHECK(f["line"] == 2);
  CHECK(f["column"] == 1);
  CHECK(f["end_line"] == 2);
  CHECK(f["end_column"] == 15);
  CHECK(f["commit"] == root);
  CHECK(f["author"] == "Mentee Example <mentee@example.com>");
  CHECK(f["skill"] == "readability");
  CHECK(f["fingerprint"].get<std::string>().size() == 16);
}

TEST_CASE("check prints compiler-style text with the source line and a caret", "[e2e][check]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.py", "x = 1\n");
  std::string base = repo.commit("base");
  repo.write("app.py", "x = 1\nif x:\n    print(x)\n");
  std::string head = repo.commit("Add a print");

  MentorRun run = run_mentor(check_args(repo, rules, {base + "..HEAD"}));
  CHECK(run.code == 1);
  CHECK(run.err.empty());
  std::string expected = "commit " + head.substr(0, 12) +
                         " (Mentee Example <mentee@example.com>) Add a print\n"
                         "app.py:3:5: error: print(x) left in [no-print]\n"
                         "      print(x)\n"
                         "      ^~~~~~~~\n"
                         "1 finding (1 error) in 1 of 1 commit\n";
  CHECK(run.out == expected);
}

TEST_CASE("a moved function is not introduced, but is on added lines", "[e2e][check][scope]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.py", "def helper():\n    print('debug')\n\n\ndef main():\n    return 1\n");
  std::string base = repo.commit("base");
  // Move helper below main, re-indented inside a class: same code, new lines.
  repo.write("app.py",
             "def main():\n    return 1\n\n\nclass Tools:\n    def helper():\n"
             "        print('debug')\n");
  repo.commit("move helper");

  MentorRun introduced = run_mentor(check_args(repo, rules, {base + "..HEAD", "--format", "json"}));
  CHECK(introduced.code == 0);
  CHECK(findings_of(introduced).empty());

  MentorRun added = run_mentor(
      check_args(repo, rules, {base + "..HEAD", "--format", "json", "--scope", "added"}));
  CHECK(added.code == 1);
  auto findings = findings_of(added);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["line"] == 7);
}

TEST_CASE("a second copy of an existing finding is introduced", "[e2e][check][scope]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.py", "print(1)\n");
  std::string base = repo.commit("base");
  repo.write("app.py", "print(1)\nprint(1)\n");
  repo.commit("duplicate");
  auto findings =
      findings_of(run_mentor(check_args(repo, rules, {base + "..HEAD", "--format", "json"})));
  CHECK(findings.size() == 1);
}

TEST_CASE("a change that makes an unchanged line part of a finding is reported",
          "[e2e][check][scope]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.py", "value = compute(\n    1,\n)\n");
  std::string base = repo.commit("base");
  repo.write("app.py", "value = print(\n    1,\n)\n");
  repo.commit("print instead");
  auto findings =
      findings_of(run_mentor(check_args(repo, rules, {base + "..HEAD", "--format", "json"})));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["line"] == 1);
  CHECK(findings[0]["end_line"] == 3);
}

TEST_CASE("scope file reports old findings in changed files", "[e2e][check][scope]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.py", "print(1)\n");
  std::string base = repo.commit("base");
  repo.write("app.py", "print(1)\nx = 2\n");
  repo.commit("unrelated");
  CHECK(findings_of(run_mentor(check_args(repo, rules, {base + "..HEAD", "--format", "json"})))
            .empty());
  CHECK(findings_of(run_mentor(check_args(
                        repo, rules, {base + "..HEAD", "--format", "json", "--scope", "file"})))
            .size() == 1);
}

TEST_CASE("a clean merge has no findings: it is blamed only for what no parent had",
          "[e2e][check][merge]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.py", "x = 1\n");
  std::string base = repo.commit("base");
  repo.git({"checkout", "-q", "-b", "topic"});
  repo.write("topic.py", "print('topic')\n");
  std::string topic = repo.commit("topic work");
  repo.git({"checkout", "-q", "main"});
  repo.write("main.py", "y = 2\n");
  repo.commit("main work");
  repo.git({"merge", "-q", "--no-ff", "-m", "Merge topic", "topic"});
  std::string merge = repo.git({"rev-parse", "HEAD"}).substr(0, 40);

  // The merge brings topic.py relative to its first parent, but the topic commit wrote it.
  CHECK(findings_of(run_mentor(check_args(repo, rules, {merge, "--format", "json"}))).empty());
  auto all =
      findings_of(run_mentor(check_args(repo, rules, {base + "..HEAD", "--format", "json"})));
  REQUIRE(all.size() == 1);
  CHECK(all[0]["commit"] == topic);
}

TEST_CASE("a merge is blamed for the lines it adds itself", "[e2e][check][merge]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.py", "a = 1\nb = 2\nc = 3\nd = 4\n");
  repo.commit("base");
  repo.git({"checkout", "-q", "-b", "topic"});
  repo.write("app.py", "a = 1\nb = 2\nc = 3\nd = 4\nprint('topic')\n");
  repo.commit("topic work");
  repo.git({"checkout", "-q", "main"});
  repo.write("app.py", "print('main')\na = 1\nb = 2\nc = 3\nd = 4\n");
  repo.commit("main work");
  repo.git({"merge", "-q", "--no-ff", "--no-commit", "topic"});
  // An "evil merge": besides both sides, a line of its own, and one a side had, moved.
  repo.write("app.py",
             "a = 1\nprint('main')\nb = 2\nprint('merge')\nc = 3\nd = 4\nprint('topic')\n");
  std::string merge = repo.commit("Merge topic");

  auto findings = findings_of(run_mentor(check_args(repo, rules, {merge, "--format", "json"})));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["line"] == 4);
  CHECK(findings[0]["message"] == "print('merge') left in");
}

TEST_CASE("a rename with an edit reports only the edit", "[e2e][check]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  std::string body;
  for (int i = 0; i < 20; ++i)
    body += "value_" + std::to_string(i) + " = " + std::to_string(i) + "\n";
  repo.write("old_name.py", "print('old')\n" + body);
  std::string base = repo.commit("base");
  repo.rename("old_name.py", "pkg/new_name.py");
  repo.write("pkg/new_name.py", "print('old')\n" + body + "print('new')\n");
  repo.commit("rename and edit");

  auto findings =
      findings_of(run_mentor(check_args(repo, rules, {base + "..HEAD", "--format", "json"})));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["path"] == "pkg/new_name.py");
  CHECK(findings[0]["line"] == 22);
}

TEST_CASE("deleted, binary and unsupported files are handled", "[e2e][check]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("gone.py", "print('bye')\n");
  std::string base = repo.commit("base");
  repo.remove("gone.py");
  repo.write("data.py", std::string("print(1)\n") + std::string(1, '\0') + "\x01\x02 binary");
  repo.write("notes.txt", "print('not python')\n");
  repo.write("script.rb", "print 'ruby'\n");
  repo.commit("delete, binary, unsupported");

  MentorRun run = run_mentor(check_args(repo, rules, {base + "..HEAD", "--format", "json"}));
  CHECK(run.code == 0);
  CHECK(findings_of(run).empty());
  CHECK(run.err.find("skipped data.py") != std::string::npos);
  CHECK(run.err.find("binary file") != std::string::npos);
  CHECK(run.err.find("notes.txt") == std::string::npos);
}

TEST_CASE("files over max_file_bytes are skipped with a note", "[e2e][check][config]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write(".git-mentor.yaml", "max_file_bytes: 64\n");
  std::string base = repo.commit("config");
  repo.write("big.py", "print(1)\n" + std::string(100, '#') + "\n");
  repo.write("small.py", "print(2)\n");
  repo.commit("sizes");
  MentorRun run = run_mentor(check_args(repo, rules, {base + "..HEAD", "--format", "json"}));
  auto findings = findings_of(run);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["path"] == "small.py");
  CHECK(run.err.find("skipped big.py") != std::string::npos);
  CHECK(run.err.find("larger than max_file_bytes (64)") != std::string::npos);
}

TEST_CASE("CRLF line endings and non-UTF-8 bytes", "[e2e][check]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("crlf.py", "x = 1\r\nprint(x)\r\n");
  repo.write("latin1.py", "s = '\xe9t\xe9'\nprint(s, '\xff')\n");
  repo.commit("encodings");
  MentorRun run = run_mentor(check_args(repo, rules, {"HEAD", "--format", "json"}));
  auto findings = findings_of(run);  // parses: invalid UTF-8 was replaced
  REQUIRE(findings.size() == 2);
  CHECK(findings[0]["path"] == "crlf.py");
  CHECK(findings[0]["line"] == 2);
  CHECK(findings[0]["end_column"] == 9);
  CHECK(findings[1]["path"] == "latin1.py");
  CHECK(findings[1]["line"] == 2);

  MentorRun text = run_mentor(check_args(repo, rules, {"HEAD"}));
  CHECK(text.out.find("crlf.py:2:1: error: print(x) left in [no-print]\n  print(x)\n") !=
        std::string::npos);
}

TEST_CASE("an empty range reviews nothing", "[e2e][check]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.py", "print(1)\n");
  repo.commit("first");
  MentorRun run = run_mentor(check_args(repo, rules, {"HEAD..HEAD"}));
  CHECK(run.code == 0);
  CHECK(run.out == "0 findings in 0 of 0 commits\n");
  CHECK(
      findings_of(run_mentor(check_args(repo, rules, {"HEAD..HEAD", "--format", "json"}))).empty());
}

TEST_CASE("a bare repository is reviewed without a work tree", "[e2e][check]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.js", "const x = 1;\nconsole.log(x);\n");
  std::string head = repo.commit("first");
  TempDir bare_dir;
  std::filesystem::path bare = bare_dir.path() / "bare.git";
  REQUIRE(run_command({"git", "clone", "-q", "--bare", repo.path().string(), bare.string()},
                      bare_dir.path())
              .exit_code == 0);
  MentorRun run = run_mentor(
      {"-C", bare.string(), "check", "--rules", rules.path(), "HEAD", "--format", "json"});
  CHECK(run.code == 0);  // a warning does not block by default
  auto findings = findings_of(run);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["rule"] == "no-console-log");
  CHECK(findings[0]["commit"] == head);
}

TEST_CASE("the fail-on option and fail_on decide the exit code", "[e2e][check]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.js", "console.log(1);\n");
  repo.commit("warning only");
  CHECK(run_mentor(check_args(repo, rules, {"HEAD"})).code == 0);
  CHECK(run_mentor(check_args(repo, rules, {"HEAD", "--fail-on", "warning"})).code == 1);
  repo.write(".git-mentor.yaml", "fail_on: warning\n");
  repo.write("app.py", "print(1)\n");
  repo.commit("config and an error");
  CHECK(run_mentor(check_args(repo, rules, {"HEAD~1..HEAD"})).code == 1);
  CHECK(run_mentor(check_args(repo, rules, {"HEAD~1..HEAD", "--fail-on", "never"})).code == 0);
}

TEST_CASE("the default range is what no remote has: a new branch is reviewed whole",
          "[e2e][check]") {
  TestRepo remote(true);
  remote.write("base.py", "x = 1\n");
  remote.commit("base");
  TempDir clone_dir;
  REQUIRE(run_command({"git", "clone", "-q", remote.path().string(), "work"}, clone_dir.path())
              .exit_code == 0);
  TestRepo clone = TestRepo::adopt(clone_dir.path() / "work");
  RuleFile rules(kPrintRules);
  auto paths = [&] {
    std::vector<std::string> out;
    for (const auto& f : findings_of(run_mentor(
             {"-C", clone.path().string(), "check", "--rules", rules.path(), "--format", "json"})))
      out.push_back(f["path"].get<std::string>());
    return out;
  };
  clone.write("a.py", "print('a')\n");
  clone.commit("a");
  REQUIRE(clone.try_git({"push", "-q", "origin", "HEAD"}).exit_code == 0);
  CHECK(paths().empty());  // everything is on the remote

  // A new branch without upstream: every commit the remote lacks, not HEAD alone.
  clone.git({"checkout", "-q", "-b", "topic"});
  clone.write("b.py", "print('b')\n");
  clone.commit("b");
  clone.write("c.py", "print('c')\n");
  clone.commit("c");
  CHECK(paths() == std::vector<std::string>{"b.py", "c.py"});

  // Once b is on the remote (on another branch), c alone is left.
  REQUIRE(clone.try_git({"push", "-q", "origin", "HEAD~1:refs/heads/part"}).exit_code == 0);
  CHECK(paths() == std::vector<std::string>{"c.py"});
  MentorRun run = run_mentor({"-C", clone.path().string(), "check", "--rules", rules.path()});
  CHECK(run.code == 1);
  CHECK(run.err.find("has no commits") == std::string::npos);
}

TEST_CASE("the default range without remotes is HEAD alone", "[e2e][check]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("a.py", "print('a')\n");
  repo.commit("a");
  repo.write("b.py", "print('b')\n");
  repo.commit("b");
  auto findings = findings_of(run_mentor(
      {"-C", repo.path().string(), "check", "--rules", rules.path(), "--format", "json"}));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["path"] == "b.py");
}

TEST_CASE("an empty range says so and suggests the reversed one", "[e2e][check]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  for (int i = 0; i < 4; ++i) {
    repo.write("a" + std::to_string(i) + ".py", "x = 1\n");
    repo.commit("commit " + std::to_string(i));
  }
  MentorRun run = run_mentor(check_args(repo, rules, {"HEAD..HEAD~3"}));
  CHECK(run.code == 0);
  CHECK(run.out == "0 findings in 0 of 0 commits\n");
  CHECK(run.err ==
        "git-mentor: HEAD..HEAD~3 has no commits; did you mean HEAD~3..HEAD (3 "
        "commits)?\n");

  run = run_mentor(check_args(repo, rules, {"HEAD..HEAD~1", "--format", "json"}));
  CHECK(run.code == 0);
  CHECK(findings_of(run).empty());
  CHECK(run.err ==
        "git-mentor: HEAD..HEAD~1 has no commits; did you mean HEAD~1..HEAD (1 "
        "commit)?\n");

  // Nothing to suggest: the reverse is empty too.
  run = run_mentor(check_args(repo, rules, {"HEAD..HEAD"}));
  CHECK(run.code == 0);
  CHECK(run.err == "git-mentor: HEAD..HEAD has no commits\n");

  // Control characters in what is printed become '?'.
  repo.write("b.py", "y = 1\n");
  repo.commit("fix \x1b[31mred\x1b[0m");
  repo.write("c.py", "z = 1\n");
  repo.commit("after");
  run = run_mentor(check_args(repo, rules, {"HEAD..HEAD^{/\x1b.31m}"}));
  CHECK(run.code == 0);
  CHECK(run.err ==
        "git-mentor: HEAD..HEAD^{/\\x1b.31m} has no commits; did you mean "
        "HEAD^{/\\x1b.31m}..HEAD (1 commit)?\n");
}

TEST_CASE("output does not depend on the number of jobs", "[e2e][check]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  std::string base = repo.commit("empty");
  for (int i = 0; i < 12; ++i) {
    repo.write("m" + std::to_string(i % 4) + ".py",
               "print(" + std::to_string(i) + ")\n" +
                   std::string(static_cast<std::size_t>(i), '\n') + "print('x')\n");
    repo.commit("commit " + std::to_string(i));
  }
  auto serial = run_in_process(check_args(repo, rules, {base + "..HEAD", "--jobs", "1"}));
  auto parallel = run_in_process(check_args(repo, rules, {base + "..HEAD", "--jobs", "4"}));
  CHECK(serial.code == 1);
  CHECK(serial.out == parallel.out);
}

TEST_CASE("config rules, ignores and language overrides", "[e2e][check][config]") {
  TestRepo repo;
  repo.write(".mentor/print.yaml", kPrintRules);
  repo.write(".git-mentor.yaml",
             "rules: [.mentor]\nignores: [\"vendor/**\"]\nlanguages: { pyw: python }\n");
  std::string base = repo.commit("config");
  repo.write("vendor/lib.py", "print('vendored')\n");
  repo.write("tool.pyw", "print('windows')\n");
  repo.commit("code");
  auto findings = findings_of(
      run_mentor({"-C", repo.path().string(), "check", base + "..HEAD", "--format", "json"}));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["path"] == "tool.pyw");
}

TEST_CASE("the bundled rules are used when none are configured", "[e2e][check]") {
  TestRepo repo;
  repo.write("app.py", "try:\n    run()\nexcept:\n    pass\n");
  repo.commit("bare except");
  auto findings =
      findings_of(run_mentor({"-C", repo.path().string(), "check", "HEAD", "--format", "json"}));
  CHECK_FALSE(findings.empty());
}

}  // namespace mentor::test

namespace mentor::test {

TEST_CASE("colour only when asked for or on a terminal", "[e2e][check]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.py", "print(1)\n");
  repo.commit("first");
  // Not a terminal: plain text.
  MentorRun plain = run_mentor(check_args(repo, rules, {"HEAD"}));
  CHECK(plain.out.find('\x1b') == std::string::npos);
  MentorRun colored = run_mentor(check_args(repo, rules, {"HEAD", "--color", "always"}));
  CHECK(colored.out.find("\x1b[1;31merror\x1b[0m") != std::string::npos);
  // On a terminal, NO_COLOR turns colour off.
  std::ostringstream out;
  std::ostringstream err;
  auto args = check_args(repo, rules, {"HEAD"});
  setenv("NO_COLOR", "1", 1);
  cli::run(args, cli::Streams{out, err, true, false});
  unsetenv("NO_COLOR");
  CHECK(out.str().find('\x1b') == std::string::npos);
  std::ostringstream tty_out;
  cli::run(args, cli::Streams{tty_out, err, true, false});
  CHECK(tty_out.str().find('\x1b') != std::string::npos);
}

}  // namespace mentor::test

namespace mentor::test {

TEST_CASE("check gates on the tip: a mistake fixed later is shown, not blocking",
          "[e2e][check][tip]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.py", "x = 1\n");
  std::string base = repo.commit("base");
  repo.write("app.py", "x = 1\nprint(x)\n");
  std::string bad = repo.commit("debug print");
  repo.write("app.py", "x = 1\nprint(x)  # keep for now\n");
  repo.commit("comment it");
  std::string range = base + "..HEAD";

  // Still there at the tip (a comment does not change the code): blocking.
  MentorRun still = run_mentor(check_args(repo, rules, {range, "--format", "json"}));
  CHECK(still.code == 1);
  REQUIRE(findings_of(still).size() == 1);
  CHECK_FALSE(findings_of(still)[0].contains("fixed_later"));

  repo.write("app.py", "x = 1\n");
  repo.commit("remove the print");
  MentorRun fixed = run_mentor(check_args(repo, rules, {range, "--format", "json"}));
  CHECK(fixed.code == 0);
  auto findings = findings_of(fixed);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["commit"] == bad);
  CHECK(findings[0]["fixed_later"] == true);
  MentorRun text = run_mentor(check_args(repo, rules, {range}));
  CHECK(text.code == 0);
  CHECK(text.out.find("app.py:2:1: error (fixed later): print(x) left in [no-print]") !=
        std::string::npos);
  // The bad commit alone is its own tip.
  CHECK(run_mentor(check_args(repo, rules, {bad, "--format", "json"})).code == 1);
}

}  // namespace mentor::test
