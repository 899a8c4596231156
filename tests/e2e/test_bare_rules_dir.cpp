// `.git-mentor.yaml` in a bare repository: its rule entries are read from HEAD's tree, where a
// rules directory works as it does on disk.
#include "e2e/check_fixture.hpp"

namespace mentor::test {

TEST_CASE("a bare repository's configured rules directory is read from HEAD",
          "[e2e][check][bare]") {
  TestRepo repo;
  repo.write(".git-mentor.yaml", "rules: [builtin, .mentor/rules]\n");
  repo.write(".mentor/rules/python/print.yaml", kPrintRules);
  repo.write(".mentor/rules/notes.txt", "not a rule file\n");
  repo.write("app.py", "x = 1\nprint(x)\n");
  repo.commit("rules and a print");
  TempDir bare_dir;
  std::filesystem::path bare = bare_dir.path() / "bare.git";
  REQUIRE(run_command({"git", "clone", "-q", "--bare", repo.path().string(), bare.string()},
                      bare_dir.path())
              .exit_code == 0);

  MentorRun run = run_mentor({"-C", bare.string(), "check", "HEAD", "--format", "json"});
  INFO(run.err);
  CHECK(run.code == 1);
  auto findings = findings_of(run);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0]["rule"] == "no-print");
  CHECK(findings[0]["line"] == 2);

  // The bundled packs are there too, and the directory's rules are listed with their file.
  MentorRun list = run_mentor({"-C", bare.string(), "rules", "list"});
  CHECK(list.code == 0);
  CHECK(list.out.find(".mentor/rules/python/print.yaml") != std::string::npos);
  CHECK(list.out.find("py-bare-except") != std::string::npos);
}

TEST_CASE("a bare repository's missing rules entry is named", "[e2e][check][bare][errors]") {
  TestRepo repo;
  repo.write(".git-mentor.yaml", "rules: [.mentor/nothing]\n");
  repo.write("app.py", "x = 1\n");
  repo.commit("config only");
  TempDir bare_dir;
  std::filesystem::path bare = bare_dir.path() / "bare.git";
  REQUIRE(run_command({"git", "clone", "-q", "--bare", repo.path().string(), bare.string()},
                      bare_dir.path())
              .exit_code == 0);
  MentorRun run = run_mentor({"-C", bare.string(), "check", "HEAD"});
  CHECK(run.code == 2);
  CHECK(run.err.find("not found in HEAD: .mentor/nothing") != std::string::npos);
}

}  // namespace mentor::test
