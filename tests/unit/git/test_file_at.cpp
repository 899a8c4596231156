#include <catch2/catch.hpp>

#include "git/file_at.hpp"
#include "support/temp_repo.hpp"

using namespace mentor;
using mentor::test::TestRepo;

TEST_CASE("read_file_at reads a file of a commit, within a size limit", "[git][file_at]") {
  TestRepo repo;
  repo.write("src/a.py", "x = 1\n");
  std::string id = repo.commit("first");
  git::Repository opened = git::Repository::discover(repo.path().string());
  CHECK(git::read_file_at(opened, id, "src/a.py") == "x = 1\n");
  CHECK(git::read_file_at(opened, id, "src/a.py", 6) == "x = 1\n");
  // Larger than the limit: not read.
  CHECK_FALSE(git::read_file_at(opened, id, "src/a.py", 5));
  CHECK_FALSE(git::read_file_at(opened, id, "missing.py"));
  CHECK_FALSE(git::read_file_at(opened, id, "src"));  // a tree, not a file
}
