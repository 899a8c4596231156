// Reading what the working tree changes against HEAD, file bytes as they are on disk.
#include <catch2/catch.hpp>

#include <filesystem>

#include "git/diff_reader.hpp"
#include "git/repository.hpp"
#include "support/temp_repo.hpp"
#include "util/error.hpp"

namespace mentor::test {

namespace {

std::size_t objects_on_disk(const std::filesystem::path& git_dir) {
  std::size_t n = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(git_dir / "objects"))
    n += entry.is_regular_file() ? 1U : 0U;
  return n;
}

const git::ChangedFile* find(const git::CommitChanges& changes, const std::string& path) {
  for (const auto& file : changes.files) {
    if (file.path == path)
      return &file;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("read_worktree_changes: modified, untracked and staged files as on disk",
          "[git][worktree]") {
  TestRepo repo;
  repo.write("a.py", "x = 1\n");
  repo.write("gone.py", "y = 2\n");
  repo.commit("init");
  repo.write("a.py", "x = 1\r\nz = 3\r\n");  // CRLF, not staged
  repo.write("new/b.py", "b = 1\n");         // untracked
  repo.write("staged.py", "s = 1\n");
  repo.git({"add", "staged.py"});
  repo.remove("gone.py");
  const std::size_t before = objects_on_disk(repo.git_dir());

  git::Repository opened = git::Repository::discover(repo.path().string());
  git::WorktreeChanges changes = git::read_worktree_changes(opened, {}, {});
  REQUIRE(changes.changes.commit.id.empty());
  REQUIRE(changes.changes.files.size() == 3);
  const git::ChangedFile* a = find(changes.changes, "a.py");
  REQUIRE(a != nullptr);
  CHECK(a->added.size() == 1);
  CHECK(a->added[0].first == 1);  // "x = 1\r" differs from HEAD's "x = 1"
  CHECK(a->added[0].last == 2);
  // The version read is the file's bytes, carriage returns included.
  CHECK(git::read_blob(changes.objects, a->new_blob) == "x = 1\r\nz = 3\r\n");
  CHECK(find(changes.changes, "new/b.py") != nullptr);
  CHECK(find(changes.changes, "staged.py") != nullptr);
  // The deleted file is on the parent side, not reviewed.
  REQUIRE(changes.changes.sides.size() == 1);
  CHECK(changes.changes.sides[0].before.size() == 2);  // a.py and gone.py
  // Nothing was written to the repository.
  CHECK(objects_on_disk(repo.git_dir()) == before);
  CHECK_THROWS(git::read_blob(opened, a->new_blob));
}

TEST_CASE("read_worktree_changes: limited to paths, filtered and bounded", "[git][worktree]") {
  TestRepo repo;
  repo.write("keep.txt", "k\n");
  repo.commit("init");
  repo.write("src/one.py", "1\n");
  repo.write("src/*.py", "literal star\n");
  repo.write("other.py", "2\n");
  repo.write("big.py", std::string(100, 'x') + "\n");
  git::Repository opened = git::Repository::discover(repo.path().string());

  git::WorktreeChanges only_src = git::read_worktree_changes(opened, {}, {"src/one.py"});
  REQUIRE(only_src.changes.files.size() == 1);
  CHECK(only_src.changes.files[0].path == "src/one.py");  // no glob: "src/*.py" is a name

  git::DiffOptions options;
  options.max_file_bytes = 50;
  options.wanted = [](std::string_view path) { return path != "other.py"; };
  git::WorktreeChanges all = git::read_worktree_changes(opened, options, {});
  std::vector<std::string> paths;
  for (const auto& file : all.changes.files)
    paths.push_back(file.path);
  CHECK(paths == std::vector<std::string>{"src/*.py", "src/one.py"});
  REQUIRE(all.changes.skipped.size() == 1);
  CHECK(all.changes.skipped[0].path == "big.py");
}

TEST_CASE("read_worktree_changes refuses a bare repository", "[git][worktree]") {
  TestRepo repo(true);
  git::Repository opened = git::Repository::discover(repo.path().string());
  CHECK_THROWS_AS(git::read_worktree_changes(opened, {}, {}), Error);
}

}  // namespace mentor::test
