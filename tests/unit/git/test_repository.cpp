// Opening repositories and reading root files.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <optional>

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

namespace {

std::optional<std::string> read_root(const Repository& repo, const std::string& path,
                                     std::uint64_t max_bytes = 1000) {
  return repo.read_root_file(path, max_bytes, "file");
}

// The message of the mentor::Error that reading `path` throws; empty when nothing is thrown.
std::string refusal(const Repository& repo, const std::string& path,
                    std::uint64_t max_bytes = 1000) {
  try {
    read_root(repo, path, max_bytes);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("read_root_file reads the work tree", "[git][repository]") {
  TestRepo repo;
  repo.write(".git-mentor.yaml", "fail_on: error\n");
  repo.commit("config");
  repo.write(".git-mentor.yaml", "fail_on: warning\r\n\xff");  // uncommitted, any bytes
  repo.write("dir/x", "");

  Repository opened = Repository::discover(repo.path().string());
  CHECK(read_root(opened, ".git-mentor.yaml") == std::string("fail_on: warning\r\n\xff"));
  CHECK(read_root(opened, "missing.yaml") == std::nullopt);
  CHECK(read_root(opened, "dir/x") == std::string());
  CHECK(refusal(opened, "dir") == "file " + (repo.path() / "dir").string() +
                                      " is not a regular file (a device, a FIFO, a socket or a "
                                      "directory is never read)");
}

TEST_CASE("read_root_file never leaves the work tree", "[git][repository][security]") {
  TempDir outside;
  std::filesystem::path secret = outside.path() / "secret.txt";
  { std::ofstream(secret) << "gho_SECRET_TOKEN_VALUE\n"; }
  TestRepo repo;
  repo.write("inside.yaml", "fail_on: never\n");
  std::filesystem::create_symlink(secret, repo.path() / "link.yaml");
  std::filesystem::create_symlink("inside.yaml", repo.path() / "near.yaml");
  std::filesystem::create_symlink("/dev/zero", repo.path() / "zero.yaml");
  std::filesystem::create_directory_symlink(outside.path(), repo.path() / "out");
  Repository opened = Repository::discover(repo.path().string());

  CHECK(read_root(opened, "near.yaml") == std::string("fail_on: never\n"));  // stays inside
  for (const std::string& path : std::vector<std::string>{
           "link.yaml", "out/secret.txt", "../secret.txt", secret.string(), ".git/config"}) {
    INFO(path);
    std::string message = refusal(opened, path);
    CHECK(message.find("is outside the repository") != std::string::npos);
    CHECK(message.find("SECRET") == std::string::npos);
  }
  CHECK(refusal(opened, "zero.yaml").find("outside the repository") != std::string::npos);
  repo.write("big.yaml", std::string(1001, 'x'));
  CHECK(refusal(opened, "big.yaml") ==
        "file " + (repo.path() / "big.yaml").string() + " is larger than 1000 bytes");
  CHECK(read_root(opened, "big.yaml", 1001)->size() == 1001);
}

TEST_CASE("a bare repository reads root files from HEAD", "[git][repository]") {
  TestRepo repo(true);
  Repository unborn = Repository::discover(repo.path().string());
  CHECK(unborn.is_bare());
  CHECK(read_root(unborn, ".git-mentor.yaml") == std::nullopt);

  repo.write(".git-mentor.yaml", "fail_on: never\n");
  repo.write("sub/file.txt", "text\n");
  std::filesystem::create_symlink("/etc/passwd", repo.work_tree() / "link.yaml");
  repo.write("big.yaml", std::string(1001, 'x'));
  repo.commit("config");

  Repository opened = Repository::discover(repo.path().string());
  CHECK(opened.is_bare());
  CHECK(opened.workdir().empty());
  CHECK(opened.git_dir() == repo.path().string() + "/");
  CHECK(read_root(opened, ".git-mentor.yaml") == std::string("fail_on: never\n"));
  CHECK(read_root(opened, "sub/file.txt") == std::string("text\n"));
  CHECK(read_root(opened, "missing") == std::nullopt);
  CHECK(refusal(opened, "sub") == "file sub is not a file in HEAD");
  CHECK(refusal(opened, "link.yaml") ==
        "file link.yaml is a symbolic link in HEAD: it is not followed");
  CHECK(refusal(opened, "big.yaml") == "file big.yaml is larger than 1000 bytes");
  CHECK(refusal(opened, "../x").find("is outside the repository") != std::string::npos);
  CHECK(refusal(opened, "/etc/passwd").find("is outside the repository") != std::string::npos);
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
  CHECK(read_root(objects, "a.py") == std::string("x = 1\n"));
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
