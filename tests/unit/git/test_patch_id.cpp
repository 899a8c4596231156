// Patch-ids of commits, checked against the real `git patch-id --stable`.
#include <filesystem>

#include <catch2/catch.hpp>

#include "git/patch_id.hpp"
#include "git/repository.hpp"
#include "support/temp_repo.hpp"

namespace mentor::test {

namespace {

// What `git diff-tree -p --root ID | git patch-id --stable` prints for ID (40-hex), or "" when it
// prints nothing.
std::string git_patch_id(TestRepo& repo, const std::string& id) {
  std::string diff = repo.git({"diff-tree", "-p", "--root", id});
  CommandResult result =
      run_command({"git", "patch-id", "--stable"}, repo.path(), diff, repo.env());
  REQUIRE(result.exit_code == 0);
  return result.out.substr(0, result.out.find(' '));
}

std::optional<std::string> patch_id(const TestRepo& repo, const std::string& id) {
  git::Repository opened = git::Repository::discover(repo.path().string());
  return git::patch_id(opened, id);
}

}  // namespace

TEST_CASE("patch_id matches git patch-id --stable", "[git][patch_id]") {
  TestRepo repo;
  std::vector<std::pair<std::string, std::string>> commits;  // what, id
  repo.write("a.py", "x = 1\ny = 2\n");
  repo.write("b.py", "b = 1\n");
  commits.emplace_back("root commit", repo.commit("root"));
  repo.write("a.py", "x = 1\ny = 3\nz = 4\n");
  commits.emplace_back("an edit", repo.commit("edit"));
  repo.write("a.py", "x = 1\ny = 3\nz = 4\nw = 5\n");
  repo.write("b.py", "b = 2\n");
  repo.write("c/d.py", "d = 1\n");
  commits.emplace_back("three files", repo.commit("three files"));
  repo.write("a.py", "x  =  1\ny = 3\n\tz = 4\nw = 5\n");
  commits.emplace_back("whitespace only", repo.commit("whitespace"));
  repo.rename("b.py", "e.py");
  commits.emplace_back("a rename", repo.commit("rename"));
  repo.remove("c");
  commits.emplace_back("a deletion", repo.commit("delete"));
  std::string lines;
  for (int i = 0; i < 40; ++i)
    lines += "line " + std::to_string(i) + "\n";
  repo.write("long.txt", lines);
  commits.emplace_back("a new file", repo.commit("long"));
  lines.replace(lines.find("line 3\n"), 7, "line three\n");
  lines.replace(lines.find("line 30\n"), 8, "line thirty\n");
  repo.write("long.txt", lines);
  commits.emplace_back("two hunks", repo.commit("two hunks"));

  namespace fs = std::filesystem;
  fs::permissions(repo.work_tree() / "a.py", fs::perms::owner_exec, fs::perm_options::add);
  commits.emplace_back("a mode change", repo.commit("mode"));
  repo.write("a.py", "x = 9\n");
  fs::permissions(repo.work_tree() / "a.py", fs::perms::owner_exec, fs::perm_options::remove);
  commits.emplace_back("a mode change with an edit", repo.commit("mode and edit"));
  commits.emplace_back("nothing changed", repo.commit("empty"));

  for (const auto& [what, id] : commits) {
    INFO(what);
    CHECK(patch_id(repo, id).value_or("") == git_patch_id(repo, id));
  }

  // Binary files: libgit2 hashes them otherwise than `git patch-id` hashes "Binary files ...
  // differ", but still tells one binary change from another.
  repo.write("data.bin", std::string("\0\1\2binary\0", 10));
  std::string binary = repo.commit("binary");
  repo.write("data.bin", std::string("\0\1\3binary\0", 10));
  std::string binary_edit = repo.commit("binary edit");
  REQUIRE(patch_id(repo, binary));
  REQUIRE(patch_id(repo, binary_edit));
  CHECK(patch_id(repo, binary) != patch_id(repo, binary_edit));
  CHECK(patch_id(repo, binary) != git_patch_id(repo, binary));
}

TEST_CASE("patch_id: a rebased commit keeps it, another change does not, a merge has none",
          "[git][patch_id]") {
  TestRepo repo;
  repo.write("a.py", "a = 1\n");
  repo.commit("base");
  repo.git({"checkout", "-q", "-b", "topic"});
  repo.write("t.py", "t = 1\n");
  std::string topic = repo.commit("topic");
  repo.git({"checkout", "-q", "main"});
  repo.write("m.py", "m = 1\n");
  repo.commit("main");
  repo.git({"checkout", "-q", "topic"});
  repo.git({"rebase", "-q", "main"});
  std::string rebased = repo.git({"rev-parse", "HEAD"}).substr(0, 40);
  REQUIRE(rebased != topic);
  CHECK(patch_id(repo, rebased) == patch_id(repo, topic));

  repo.write("t.py", "t = 2\n");
  repo.git({"add", "t.py"});
  repo.git({"commit", "-q", "--amend", "--no-edit"});
  std::string changed = repo.git({"rev-parse", "HEAD"}).substr(0, 40);
  CHECK(patch_id(repo, changed) != patch_id(repo, topic));

  repo.git({"checkout", "-q", "main"});
  repo.git({"merge", "-q", "--no-ff", "-m", "merge", "topic"});
  std::string merge = repo.git({"rev-parse", "HEAD"}).substr(0, 40);
  CHECK_FALSE(patch_id(repo, merge));
}

}  // namespace mentor::test
