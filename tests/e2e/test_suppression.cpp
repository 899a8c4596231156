// Inline suppression end to end: reported, recorded, never blocking.
#include <sstream>

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

TEST_CASE("the same finding blocks unless suppressed", "[e2e][suppression]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.py", "x = 1\n");
  std::string base = repo.commit("base");
  repo.write("app.py", "x = 1\nprint(x)\n");
  std::string plain = repo.commit("debug print");
  repo.write("app.py", "x = 1\nprint(x)\n# mentor: ignore[no-print] shown to the user\nprint(x)\n");
  std::string suppressed = repo.commit("deliberate print");
  std::string dir = repo.path().string();

  MentorRun blocked =
      run_mentor({"-C", dir, "check", "--rules", rules.path(), base + ".." + plain});
  CHECK(blocked.code == 1);
  MentorRun passed =
      run_mentor({"-C", dir, "check", "--rules", rules.path(), plain + ".." + suppressed});
  CHECK(passed.code == 0);
  CHECK(passed.out.find("app.py:4:1: error (suppressed): print(x) left in [no-print]") !=
        std::string::npos);
  MentorRun json = run_mentor({"-C", dir, "check", "--format", "json", "--fail-on", "warning",
                               "--rules", rules.path(), plain + ".." + suppressed});
  CHECK(json.code == 0);
  auto findings = findings_of(json);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["rule"] == "no-print");
  CHECK(findings[0]["suppressed"] == true);
  CHECK(findings[0]["suppression_reason"] == "shown to the user");
}

TEST_CASE("JavaScript line and block comments, mentor's and ast-grep's forms",
          "[e2e][suppression]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.js", "let x = 1;\n");
  std::string base = repo.commit("base");
  repo.write("app.js",
             "let x = 1;\n"
             "console.log(x); // mentor: ignore[no-console-log] CLI output\n"
             "/* mentor: ignore[no-console-log] also CLI output */\n"
             "console.log(x);\n"
             "// ast-grep-ignore: no-console-log\n"
             "console.log(x);\n"
             "console.log(x); // ast-grep-ignore\n"
             "console.log(x); // mentor: ignore[no-print]\n");
  repo.commit("logging");
  MentorRun run = run_mentor({"-C", repo.path().string(), "check", "--format", "json", "--fail-on",
                              "warning", "--rules", rules.path(), base + "..HEAD"});
  CHECK(run.code == 1);  // line 8: a comment for another rule does not suppress
  auto findings = findings_of(run);
  REQUIRE(findings.size() == 6);
  for (std::size_t i = 0; i < 4; ++i) {
    INFO(findings[i].dump());
    CHECK(findings[i]["suppressed"] == true);
  }
  CHECK(findings[0]["suppression_reason"] == "CLI output");
  CHECK(findings[1]["suppression_reason"] == "also CLI output");
  CHECK(findings[2]["suppression_reason"] == "");
  CHECK(findings[4]["line"] == 8);
  CHECK(findings[4]["rule"] == "no-console-log");
  CHECK(findings[4]["suppressed"] == false);
  CHECK_FALSE(findings[4].contains("suppression_reason"));
  CHECK(findings[5]["line"] == 8);
  CHECK(findings[5]["rule"] == "unused-suppression");
  CHECK(findings[5]["severity"] == "info");
}

TEST_CASE("an unused suppression is info on the commit that adds it, never on old lines",
          "[e2e][suppression]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.py", "x = 1\n");
  std::string base = repo.commit("base");
  repo.write("app.py", "x = 1  # mentor: ignore[no-print] was a print once\n");
  std::string adds = repo.commit("stale suppression");
  repo.write("app.py", "x = 1  # mentor: ignore[no-print] was a print once\ny = 2\n");
  std::string later = repo.commit("unrelated line");
  std::string dir = repo.path().string();

  MentorRun text = run_mentor(
      {"-C", dir, "check", "--fail-on", "warning", "--rules", rules.path(), base + ".." + adds});
  CHECK(text.code == 0);  // info never blocks
  CHECK(text.out.find("app.py:1:10: info: `mentor: ignore[no-print]` suppresses nothing here "
                      "[unused-suppression]") != std::string::npos);
  CHECK(text.out.find("1 finding (1 info) in 1 of 1 commit") != std::string::npos);

  for (const char* scope : {"introduced", "added", "file"}) {
    INFO(scope);
    MentorRun old = run_mentor({"-C", dir, "check", "--format", "json", "--scope", scope, "--rules",
                                rules.path(), adds + ".." + later});
    CHECK(old.code == 0);
    CHECK(findings_of(old).empty());
  }
}

TEST_CASE("pre-push prints a suppressed finding as suppressed and lets the push through",
          "[e2e][suppression][hook]") {
  TestRepo repo;
  repo.write(".mentor/rules.yaml", kPrintRules);
  repo.write(".git-mentor.yaml", "rules: [.mentor]\n");
  repo.write("app.py", "x = 1\n");
  std::string base = repo.commit("base");
  repo.write("app.py", "x = 1\nprint(x)  # mentor: ignore[no-print] the CLI's output\n");
  std::string head = repo.commit("deliberate print");

  std::istringstream refs("refs/heads/main " + head + " refs/heads/main " + base + "\n");
  std::ostringstream out;
  std::ostringstream err;
  cli::Streams streams{out, err, false, false, &refs};
  int code = cli::run({"-C", repo.path().string(), "hook", "pre-push", "origin"}, streams);
  INFO(err.str());
  CHECK(code == 0);
  CHECK(err.str().find("app.py:2:1: error (suppressed): print(x) left in [no-print]") !=
        std::string::npos);
  CHECK(err.str().find("push refused") == std::string::npos);
}

}  // namespace mentor::test
