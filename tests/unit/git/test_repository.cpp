// Opening repositories and reading root files.
#include <catch2/catch.hpp>

#include "git/repository.hpp"
#include "support/temp_repo.hpp"
#include "util/error.hpp"

namespace mentor::test {

using git::Repository;

TEST_CASE("discover finds the repository from a subdirectory", "[git][repository]") {
  TestRepo repo;
  repo.write("src/deep/file.py", "x = 1\n");
  repo.commit("first");

  Repository opened = Repository::discover((repo.path() / "src" / "deep").string());
  CHECK_FALSE(opened.is_bare());
  CHECK(opened.git_dir() == (repo.path() / ".git").string() + "/");
  CHECK(opened.workdir() == repo.path().string() + "/");

  Repository again = Repository::open(opened.git_dir());
  CHECK(again.workdir() == opened.workdir());
}

TEST_CASE("discover outside a repository is a user error", "[git][repository]") {
  TempDir dir;
  try {
    Repository::discover(dir.path().string());
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "not a git repository: " + dir.path().string());
    CHECK(e.pos().file.empty());
  }
  CHECK_THROWS_AS(Repository::discover((dir.path() / "missing").string()), Error);
  CHECK_THROWS_AS(Repository::open(dir.path().string()), Error);
}

TEST_CASE("read_root_file reads the work tree", "[git][repository]") {
  TestRepo repo;
  repo.write(".git-mentor.yaml", "fail_on: error\n");
  repo.commit("config");
  repo.write(".git-mentor.yaml", "fail_on: warning\r\n\xff");  // uncommitted, any bytes
  repo.write("dir/x", "");

  Repository opened = Repository::discover(repo.path().string());
  CHECK(opened.read_root_file(".git-mentor.yaml") == std::string("fail_on: warning\r\n\xff"));
  CHECK(opened.read_root_file("missing.yaml") == std::nullopt);
  CHECK(opened.read_root_file("dir") == std::nullopt);
  CHECK(opened.read_root_file("dir/x") == std::string());
}

TEST_CASE("a bare repository reads root files from HEAD", "[git][repository]") {
  TestRepo repo(true);
  Repository unborn = Repository::discover(repo.path().string());
  CHECK(unborn.is_bare());
  CHECK(unborn.read_root_file(".git-mentor.yaml") == std::nullopt);

  repo.write(".git-mentor.yaml", "fail_on: never\n");
  repo.write("sub/file.txt", "text\n");
  repo.commit("config");

  Repository opened = Repository::discover(repo.path().string());
  CHECK(opened.is_bare());
  CHECK(opened.workdir().empty());
  CHECK(opened.git_dir() == repo.path().string() + "/");
  CHECK(opened.read_root_file(".git-mentor.yaml") == std::string("fail_on: never\n"));
  CHECK(opened.read_root_file("sub/file.txt") == std::string("text\n"));
  CHECK(opened.read_root_file("sub") == std::nullopt);
  CHECK(opened.read_root_file("missing") == std::nullopt);
}

TEST_CASE("open_objects opens without a work tree", "[git][repository]") {
  TestRepo repo;
  repo.write("a.py", "x = 1\n");
  repo.commit("first");
  Repository normal = Repository::discover(repo.path().string());
  Repository objects = Repository::open_objects(normal.git_dir());
  CHECK(objects.is_bare());
  CHECK(objects.workdir().empty());
  CHECK(objects.git_dir() == normal.git_dir());
  CHECK(objects.read_root_file("a.py") == std::string("x = 1\n"));
  CHECK_THROWS_AS(Repository::open_objects(repo.path().string() + "/missing"), Error);
}

TEST_CASE("repositories move", "[git][repository]") {
  TestRepo repo;
  Repository a = Repository::discover(repo.path().string());
  std::string git_dir = a.git_dir();
  Repository b = std::move(a);
  CHECK(b.git_dir() == git_dir);
  TestRepo other;
  Repository c = Repository::discover(other.path().string());
  c = std::move(b);
  CHECK(c.git_dir() == git_dir);
}

TEST_CASE("test support: TestRepo is deterministic and binary safe", "[git][support]") {
  TestRepo first;
  TestRepo second;
  for (TestRepo* repo : {&first, &second}) {
    repo->write("a.bin", std::string("\0\x01\r\n\xff", 5));
    repo->commit("one");
  }
  CHECK(first.git({"rev-parse", "HEAD"}) == second.git({"rev-parse", "HEAD"}));
  CHECK(first.read("a.bin") == std::string("\0\x01\r\n\xff", 5));
  CHECK(first.git({"log", "-1", "--format=%an <%ae>"}) == "Mentee Example <mentee@example.com>\n");

  std::string id = first.commit("two", Author{"Other Person", "other@example.com"});
  CHECK(id.size() == 40);
  CHECK(first.git({"log", "-1", "--format=%an <%ae> %cn"}) ==
        "Other Person <other@example.com> Other Person\n");
  first.commit("three");
  CHECK(first.git({"log", "-1", "--format=%an"}) == "Mentee Example\n");
  CHECK(first.try_git({"rev-parse", "no-such-ref"}).exit_code != 0);
}

TEST_CASE("test support: run_command", "[git][support]") {
  TempDir dir;
  CommandResult cat = run_command({"cat"}, dir.path(), "from stdin\n");
  CHECK(cat.exit_code == 0);
  CHECK(cat.out == "from stdin\n");

  // Large output on both streams must not deadlock.
  CommandResult big = run_command(
      {"sh", "-c", "i=0; while [ $i -lt 20000 ]; do echo out$i; echo err$i >&2; i=$((i+1)); done"},
      dir.path());
  CHECK(big.exit_code == 0);
  CHECK(big.out.size() > 100000);
  CHECK(big.err.size() > 100000);

  CommandResult env = run_command({"sh", "-c", "pwd; echo $MENTOR_X; exit 3"}, dir.path(), "",
                                  {{"MENTOR_X", "set"}});
  CHECK(env.exit_code == 3);
  CHECK(env.out == dir.path().string() + "\nset\n");

  CHECK(run_command({"no-such-program-for-mentor"}, dir.path()).exit_code == 127);
}

}  // namespace mentor::test
