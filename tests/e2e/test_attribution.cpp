// End-to-end tests of what counts as a commit's own finding (DESIGN §2): code moved to another
// file, comment and layout edits, copies.
#include "e2e/check_fixture.hpp"

namespace mentor::test {

namespace {

const std::string kHelper =
    "def helper(items):\n"
    "    for item in items:\n"
    "        print(item)\n";

}  // namespace

TEST_CASE("code moved to another file is not the mover's", "[e2e][check][attribution]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.py", "import os\n\n\n" + kHelper + "\n\ndef main():\n    return 1\n");
  std::string base = repo.commit("base");
  // Extract helper into a new module, re-indented into a class, and import it.
  repo.write("app.py", "import os\nfrom helpers import Tools\n\n\ndef main():\n    return 1\n");
  repo.write("helpers.py",
             "class Tools:\n"
             "    def helper(items):\n"
             "        for item in items:\n"
             "            print(item)\n");
  repo.commit("Extract helper");

  CHECK(findings_of(run_mentor(check_args(repo, rules, {base + "..HEAD", "--format", "json"})))
            .empty());
  // Looser scopes still see it.
  auto added = findings_of(run_mentor(
      check_args(repo, rules, {base + "..HEAD", "--format", "json", "--scope", "added"})));
  REQUIRE(added.size() == 1);
  CHECK(added[0]["path"] == "helpers.py");
}

TEST_CASE("a file deleted and its code pasted elsewhere is a move", "[e2e][check][attribution]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("old/util.py", kHelper);
  repo.write("app.py", "x = 1\n");
  std::string base = repo.commit("base");
  repo.remove("old/util.py");
  repo.write("app.py", "x = 1\n\n\n" + kHelper + "\n\nprint('new')\n");
  repo.commit("Inline util into app");

  auto findings =
      findings_of(run_mentor(check_args(repo, rules, {base + "..HEAD", "--format", "json"})));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["message"] == "print('new') left in");
}

TEST_CASE("code copied to another file is new code", "[e2e][check][attribution]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.py", kHelper);
  std::string base = repo.commit("base");
  repo.write("app.py", kHelper + "\n\nx = 1\n");  // app.py changed, its helper still there
  repo.write("copy.py", kHelper);
  repo.commit("Copy helper");

  auto findings =
      findings_of(run_mentor(check_args(repo, rules, {base + "..HEAD", "--format", "json"})));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["path"] == "copy.py");
}

TEST_CASE("moving to a file of another language is not a move", "[e2e][check][attribution]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("notes.txt", "print(x)\n");
  std::string base = repo.commit("base");
  repo.remove("notes.txt");
  repo.write("app.py", "print(x)\n");
  repo.commit("Make it code");
  CHECK(findings_of(run_mentor(check_args(repo, rules, {base + "..HEAD", "--format", "json"})))
            .size() == 1);
}

TEST_CASE("comment and layout edits on a line do not re-blame it", "[e2e][check][attribution]") {
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.py",
             "def f(x, y):\n"
             "    print(x)  # noqa: T201\n"
             "    print(x,\n"
             "          y)\n"
             "    print(y)\n");
  std::string base = repo.commit("base");
  repo.write("app.py",
             "def f(x, y):\n"
             "    print(x)\n"                 // the comment removed
             "    print(x,  # both values\n"  // a comment inside the call
             "          y)\n"
             "    print( y )  # why not\n");  // layout and a new comment
  std::string edit = repo.commit("Comments");

  CHECK(findings_of(run_mentor(check_args(repo, rules, {base + "..HEAD", "--format", "json"})))
            .empty());
  // The fingerprints do not change either: the record keeps one identity per finding.
  auto before = findings_of(
      run_mentor(check_args(repo, rules, {base, "--format", "json", "--scope", "file"})));
  auto after = findings_of(
      run_mentor(check_args(repo, rules, {edit, "--format", "json", "--scope", "file"})));
  REQUIRE(before.size() == 3);
  REQUIRE(after.size() == 3);
  for (std::size_t i = 0; i < 3; ++i)
    CHECK(before[i]["fingerprint"] == after[i]["fingerprint"]);
}

TEST_CASE("a finding without comments keeps the fingerprint of earlier versions",
          "[e2e][check][attribution]") {
  // Records made before comments were left out of fingerprints stay readable and comparable:
  // for code without comments, the fingerprint is the one earlier versions computed.
  TestRepo repo;
  RuleFile rules(kPrintRules);
  repo.write("app.py", "print(os.name)\n");
  repo.commit("first");
  auto findings = findings_of(run_mentor(check_args(repo, rules, {"HEAD", "--format", "json"})));
  REQUIRE(findings.size() == 1);
  // FNV-1a 64 of "no-print\0app.py\0print(os.name)".
  CHECK(findings[0]["fingerprint"] == "943c00178c774cb7");
}

}  // namespace mentor::test
