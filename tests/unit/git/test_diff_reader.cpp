// Reading a commit's changed files and added lines.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <thread>

#include "git/diff_reader.hpp"
#include "git/repository.hpp"
#include "support/temp_repo.hpp"
#include "util/error.hpp"

namespace mentor::test {

namespace {

using git::ChangedFile;
using git::CommitChanges;
using git::LineRange;
// "3,8-9,12-13": the ranges in a form Catch2 prints and compares.
std::string str(const std::vector<LineRange>& ranges) {
  std::string out;
  for (const LineRange& range : ranges) {
    if (!out.empty())
      out += ',';
    out += std::to_string(range.first);
    if (range.last != range.first)
      out += '-' + std::to_string(range.last);
  }
  return out;
}

CommitChanges changes_of(TestRepo& repo, const std::string& id, git::DiffOptions options = {}) {
  git::Repository opened = git::Repository::discover(repo.path().string());
  return git::read_commit_changes(opened, id, options);
}

// "1\n2\n...\nN\n"
std::string numbered(int n) {
  std::string text;
  for (int i = 1; i <= n; ++i)
    text += std::to_string(i) + "\n";
  return text;
}

std::string blob_id(TestRepo& repo, const std::string& rev_path) {
  std::string out = repo.git({"rev-parse", rev_path});
  return out.substr(0, 40);
}

}  // namespace

TEST_CASE("a root commit adds every line of every file", "[git][diff]") {
  TestRepo repo;
  repo.write("b.py", "x = 1\ny = 2\nz = 3\n");
  repo.write("a/one.txt", "only line, no newline");
  repo.write("empty.txt", "");
  std::string id = repo.commit("Root commit\n\nWith a body.");

  CommitChanges changes = changes_of(repo, id);
  CHECK(changes.commit.id == id);
  CHECK(changes.commit.author_name == "Mentee Example");
  CHECK(changes.commit.author_email == "mentee@example.com");
  CHECK(std::to_string(changes.commit.author_time) + "\n" ==
        repo.git({"log", "-1", "--format=%at"}));
  CHECK(changes.commit.summary == "Root commit");
  CHECK(changes.commit.parents.empty());
  CHECK(changes.skipped.empty());

  REQUIRE(changes.files.size() == 3);
  CHECK(changes.files[0].path == "a/one.txt");
  CHECK(str(changes.files[0].added) == "1");
  CHECK(changes.files[1].path == "b.py");
  CHECK(changes.files[1].status == ChangedFile::Status::added);
  CHECK(changes.files[1].old_path.empty());
  CHECK(changes.files[1].old_blob.empty());
  CHECK(changes.files[1].new_blob == blob_id(repo, "HEAD:b.py"));
  CHECK(str(changes.files[1].added) == "1-3");
  CHECK(changes.files[2].path == "empty.txt");
  CHECK(changes.files[2].added.empty());
}

TEST_CASE("a modification adds exactly the new lines", "[git][diff]") {
  TestRepo repo;
  repo.write("app.py", numbered(10));
  std::string base = repo.commit("base");
  // Change line 3, insert two lines after 7, append two at the end, delete line 9.
  repo.write("app.py", "1\n2\nthree\n4\n5\n6\n7\nnew a\nnew b\n8\n10\n11\n12\n");
  repo.write("untouched.py", "");
  std::string id = repo.commit("edit");

  CommitChanges changes = changes_of(repo, id);
  CHECK(changes.commit.parents == std::vector<std::string>{base});
  REQUIRE(changes.files.size() == 2);
  const ChangedFile& file = changes.files[0];
  CHECK(file.path == "app.py");
  CHECK(file.status == ChangedFile::Status::modified);
  CHECK(file.old_path == "app.py");
  CHECK(file.old_blob == blob_id(repo, base + ":app.py"));
  CHECK(file.new_blob == blob_id(repo, id + ":app.py"));
  CHECK(str(file.added) == "3,8-9,12-13");
}

TEST_CASE("a last line without newline counts as changed when a line is appended", "[git][diff]") {
  TestRepo repo;
  repo.write("a.py", "a\nb");
  repo.commit("base");
  repo.write("a.py", "a\nb\nc\n");
  CommitChanges changes = changes_of(repo, repo.commit("append"));
  REQUIRE(changes.files.size() == 1);
  CHECK(str(changes.files[0].added) == "2-3");
}

TEST_CASE("a rename with an edit is followed", "[git][diff]") {
  TestRepo repo;
  std::string body = numbered(20);
  repo.write("old_name.py", body);
  std::string base = repo.commit("base");
  repo.rename("old_name.py", "pkg/new_name.py");
  std::string edited = body;
  edited.replace(edited.find("5\n"), 2, "five\n");
  repo.write("pkg/new_name.py", edited + "21\n");
  std::string id = repo.commit("rename and edit");

  std::vector<std::string> asked;
  git::DiffOptions options;
  options.wanted = [&](std::string_view path) {
    asked.emplace_back(path);
    return true;
  };
  CommitChanges changes = changes_of(repo, id, options);
  // Asked about the post-image path, and about the pre-image path for the parent's versions.
  REQUIRE_FALSE(asked.empty());
  CHECK(std::all_of(asked.begin(), asked.end(), [](const std::string& path) {
    return path == "pkg/new_name.py" || path == "old_name.py";
  }));
  REQUIRE(changes.sides.size() == 1);
  REQUIRE(changes.sides[0].before.size() == 1);
  CHECK(changes.sides[0].before[0].path == "old_name.py");
  REQUIRE(changes.sides[0].after.size() == 1);
  CHECK(changes.sides[0].after[0].path == "pkg/new_name.py");
  REQUIRE(changes.files.size() == 1);
  const ChangedFile& file = changes.files[0];
  CHECK(file.status == ChangedFile::Status::renamed);
  CHECK(file.path == "pkg/new_name.py");
  CHECK(file.old_path == "old_name.py");
  CHECK(file.old_blob == blob_id(repo, base + ":old_name.py"));
  CHECK(str(file.added) == "5,21");
}

TEST_CASE("renames are not detected when no added file is wanted", "[git][diff]") {
  TestRepo repo;
  repo.write("a.py", numbered(20));
  repo.write("notes.txt", numbered(20));
  repo.commit("base");
  repo.rename("notes.txt", "docs/notes.txt");
  repo.rename("a.py", "b.py");
  std::string id = repo.commit("renames");
  git::DiffOptions only_py;
  only_py.wanted = [](std::string_view path) { return path.ends_with(".py"); };
  CommitChanges changes = changes_of(repo, id, only_py);
  REQUIRE(changes.files.size() == 1);
  CHECK(changes.files[0].status == ChangedFile::Status::renamed);
  CHECK(changes.files[0].old_path == "a.py");

  git::DiffOptions nothing;
  nothing.wanted = [](std::string_view) { return false; };
  CHECK(changes_of(repo, id, nothing).files.empty());
}

TEST_CASE("a pure rename adds no lines", "[git][diff]") {
  TestRepo repo;
  repo.write("a.py", numbered(5));
  repo.commit("base");
  repo.rename("a.py", "b.py");
  CommitChanges changes = changes_of(repo, repo.commit("rename"));
  REQUIRE(changes.files.size() == 1);
  CHECK(changes.files[0].status == ChangedFile::Status::renamed);
  CHECK(changes.files[0].old_path == "a.py");
  CHECK(changes.files[0].added.empty());
}

TEST_CASE("deleted files are not listed", "[git][diff]") {
  TestRepo repo;
  repo.write("gone.py", "print('bye')\n");
  repo.write("kept.py", "x = 1\n");
  repo.commit("base");
  repo.remove("gone.py");
  repo.write("kept.py", "x = 2\n");
  CommitChanges changes = changes_of(repo, repo.commit("delete"));
  REQUIRE(changes.files.size() == 1);
  CHECK(changes.files[0].path == "kept.py");
  CHECK(changes.skipped.empty());

  repo.remove("kept.py");
  CommitChanges only_delete = changes_of(repo, repo.commit("delete all"));
  CHECK(only_delete.files.empty());
  CHECK(only_delete.skipped.empty());
}

TEST_CASE("binary files are skipped", "[git][diff]") {
  TestRepo repo;
  repo.write("data.py", std::string("print(1)\n\0\x01\x02binary", 18));
  repo.write("text.py", "print(2)\n");
  std::string id = repo.commit("binary");
  CommitChanges changes = changes_of(repo, id);
  REQUIRE(changes.files.size() == 1);
  CHECK(changes.files[0].path == "text.py");
  REQUIRE(changes.skipped.size() == 1);
  CHECK(changes.skipped[0].path == "data.py");
  CHECK(changes.skipped[0].reason == "binary file");

  // Modified binary too.
  repo.write("data.py", std::string("print(3)\n\0\x01\x02binary", 18));
  changes = changes_of(repo, repo.commit("binary edit"));
  CHECK(changes.files.empty());
  REQUIRE(changes.skipped.size() == 1);
  CHECK(changes.skipped[0].reason == "binary file");
}

TEST_CASE("files marked binary in .gitattributes are skipped", "[git][diff]") {
  TestRepo repo;
  repo.write(".gitattributes", "*.dat binary\n");
  repo.write("table.dat", "plain text\n");
  std::string id = repo.commit("attributes");
  CommitChanges changes = changes_of(repo, id);
  REQUIRE(changes.skipped.size() == 1);
  CHECK(changes.skipped[0].path == "table.dat");
  CHECK(changes.skipped[0].reason == "binary file");

  // Also without a work tree (libgit2 then reads the attributes from the index).
  std::string git_dir = git::Repository::discover(repo.path().string()).git_dir();
  CommitChanges objects = git::read_commit_changes(git::Repository::open_objects(git_dir), id, {});
  CHECK(objects.skipped.size() == 1);
  CHECK(objects.files.size() == 1);
}

TEST_CASE("files over max_file_bytes are skipped", "[git][diff]") {
  TestRepo repo;
  repo.write("big.py", "print(1)\n" + std::string(100, '#') + "\n");
  repo.write("edge.py", std::string(63, 'x') + "\n");  // exactly 64 bytes: kept
  repo.write("small.py", "print(2)\n");
  git::DiffOptions options;
  options.max_file_bytes = 64;
  CommitChanges changes = changes_of(repo, repo.commit("sizes"), options);
  REQUIRE(changes.files.size() == 2);
  CHECK(changes.files[0].path == "edge.py");
  CHECK(changes.files[1].path == "small.py");
  REQUIRE(changes.skipped.size() == 1);
  CHECK(changes.skipped[0].path == "big.py");
  CHECK(changes.skipped[0].reason == "larger than max_file_bytes (64)");
}

TEST_CASE("CRLF files and non-UTF-8 bytes are just bytes", "[git][diff]") {
  TestRepo repo;
  repo.write("crlf.py", "x = 1\r\ny = 2\r\n");
  repo.write("latin1.py", "s = '\xe9t\xe9'\n");
  repo.commit("base");
  std::string crlf = "x = 1\r\nprint(x)\r\ny = 2\r\nz = 3\r\n";
  std::string latin1 = "s = '\xe9t\xe9'\nprint(s, '\xff\xfe')\n";
  repo.write("crlf.py", crlf);
  repo.write("latin1.py", latin1);
  CommitChanges changes = changes_of(repo, repo.commit("encodings"));
  CHECK(changes.skipped.empty());
  REQUIRE(changes.files.size() == 2);
  CHECK(changes.files[0].path == "crlf.py");
  CHECK(str(changes.files[0].added) == "2,4");
  CHECK(changes.files[1].path == "latin1.py");
  CHECK(str(changes.files[1].added) == "2");

  git::Repository opened = git::Repository::discover(repo.path().string());
  CHECK(git::read_blob(opened, changes.files[0].new_blob) == crlf);
  CHECK(git::read_blob(opened, changes.files[1].new_blob) == latin1);
}

TEST_CASE("a clean merge adds no line: it is diffed against every parent", "[git][diff]") {
  TestRepo repo;
  repo.write("app.py", "x = 1\n");
  repo.commit("base");
  repo.git({"checkout", "-q", "-b", "topic"});
  repo.write("topic.py", "print('topic')\n");
  std::string topic = repo.commit("topic work");
  repo.git({"checkout", "-q", "main"});
  repo.write("main.py", "y = 2\n");
  std::string main_tip = repo.commit("main work");
  repo.git({"merge", "-q", "--no-ff", "-m", "Merge topic", "topic"});
  std::string merge = repo.git({"rev-parse", "HEAD"}).substr(0, 40);

  CommitChanges changes = changes_of(repo, merge);
  CHECK(changes.commit.parents == std::vector<std::string>{main_tip, topic});
  CHECK(changes.commit.summary == "Merge topic");
  CHECK(changes.files.empty());
  REQUIRE(changes.sides.size() == 2);
  // Against main, the merge brings topic.py; against topic, main.py.
  REQUIRE(changes.sides[0].after.size() == 1);
  CHECK(changes.sides[0].after[0].path == "topic.py");
  CHECK(changes.sides[0].before.empty());
  REQUIRE(changes.sides[1].after.size() == 1);
  CHECK(changes.sides[1].after[0].path == "main.py");
}

TEST_CASE("a merge lists only the lines none of its parents has", "[git][diff]") {
  TestRepo repo;
  repo.write("app.py", "a = 1\nb = 2\nc = 3\nd = 4\ne = 5\n");
  repo.commit("base");
  repo.git({"checkout", "-q", "-b", "topic"});
  repo.write("app.py", "a = 1\nb = 2\nc = 3\nd = 4\ne = 5\ntopic = 6\n");
  repo.commit("topic work");
  repo.git({"checkout", "-q", "main"});
  repo.write("app.py", "main = 0\na = 1\nb = 2\nc = 3\nd = 4\ne = 5\n");
  repo.commit("main work");
  repo.git({"merge", "-q", "--no-ff", "--no-commit", "topic"});
  // Both sides' lines, and one line of the merge's own (as a conflict resolution adds).
  repo.write("app.py", "main = 0\na = 1\nb = 2\nmerged = 9\nc = 3\nd = 4\ne = 5\ntopic = 6\n");
  std::string merge = repo.commit("Merge topic");

  CommitChanges changes = changes_of(repo, merge);
  REQUIRE(changes.commit.parents.size() == 2);
  REQUIRE(changes.files.size() == 1);
  CHECK(changes.files[0].path == "app.py");
  CHECK(str(changes.files[0].added) == "4");
  REQUIRE(changes.sides.size() == 2);
  for (const auto& side : changes.sides) {
    REQUIRE(side.before.size() == 1);
    CHECK(side.before[0].path == "app.py");
  }
}

TEST_CASE("a deleted file is a version of the parent side", "[git][diff]") {
  TestRepo repo;
  repo.write("a.py", "def helper():\n    pass\n");
  repo.write("notes.txt", "x\n");
  repo.commit("base");
  repo.remove("a.py");
  repo.remove("notes.txt");
  repo.write("b.py", "def helper():\n    pass\n\n\nx = 1\n");
  std::string id = repo.commit("move");
  git::DiffOptions options;
  options.wanted = [](std::string_view path) { return path.ends_with(".py"); };
  CommitChanges changes = changes_of(repo, id, options);
  REQUIRE(changes.sides.size() == 1);
  REQUIRE(changes.sides[0].before.size() == 1);
  CHECK(changes.sides[0].before[0].path == "a.py");
}

TEST_CASE("a bare repository is read like any other", "[git][diff]") {
  TestRepo repo;
  repo.write("app.js", "const x = 1;\nconsole.log(x);\n");
  std::string id = repo.commit("first");
  TempDir dir;
  std::filesystem::path bare = dir.path() / "bare.git";
  REQUIRE(
      run_command({"git", "clone", "-q", "--bare", repo.path().string(), bare.string()}, dir.path())
          .exit_code == 0);
  git::Repository opened = git::Repository::discover(bare.string());
  REQUIRE(opened.is_bare());
  CommitChanges changes = git::read_commit_changes(opened, id, {});
  REQUIRE(changes.files.size() == 1);
  CHECK(changes.files[0].path == "app.js");
  CHECK(str(changes.files[0].added) == "1-2");
  CHECK(git::read_blob(opened, changes.files[0].new_blob) == "const x = 1;\nconsole.log(x);\n");
}

TEST_CASE("wanted() decides which files are diffed or skipped", "[git][diff]") {
  TestRepo repo;
  repo.write("app.py", "print(1)\n");
  repo.write("notes.txt", "text\n");
  repo.write("blob.bin", std::string("\0\0\0", 3));
  repo.write("huge.txt", std::string(200, 'x'));
  repo.write("link.py", "");
  std::string id = repo.commit("mixed");

  std::atomic<int> calls{0};
  git::DiffOptions options;
  options.max_file_bytes = 100;
  options.wanted = [&](std::string_view path) {
    ++calls;
    return path.size() > 3 && path.substr(path.size() - 3) == ".py";
  };
  CommitChanges changes = changes_of(repo, id, options);
  CHECK(calls == 5);
  REQUIRE(changes.files.size() == 2);
  CHECK(changes.files[0].path == "app.py");
  CHECK(changes.files[1].path == "link.py");
  CHECK(changes.skipped.empty());  // unwanted binary and huge files are not even reported
}

TEST_CASE("symbolic links and empty commits yield no files", "[git][diff]") {
  TestRepo repo;
  repo.write("target.py", "x = 1\n");
  repo.commit("base");
  std::filesystem::create_symlink("target.py", repo.path() / "link.py");
  CommitChanges changes = changes_of(repo, repo.commit("symlink"));
  CHECK(changes.files.empty());
  CHECK(changes.skipped.empty());
  CHECK(changes_of(repo, repo.commit("nothing")).files.empty());
}

TEST_CASE("missing objects are errors", "[git][diff]") {
  TestRepo repo;
  repo.write("a.py", "x = 1\n");
  std::string id = repo.commit("first");
  git::Repository opened = git::Repository::discover(repo.path().string());
  std::string missing(40, '0');
  CHECK_THROWS_AS(git::read_commit_changes(opened, missing, {}), Error);
  CHECK_THROWS_AS(git::read_commit_changes(opened, "HEAD", {}), Error);
  CHECK_THROWS_AS(git::read_blob(opened, missing), Error);
  // A commit id is not a blob.
  CHECK_THROWS_AS(git::read_blob(opened, id), Error);
}

TEST_CASE("each thread can read with its own repository", "[git][diff]") {
  TestRepo repo;
  std::vector<std::string> ids;
  for (int i = 0; i < 12; ++i) {
    repo.write("m" + std::to_string(i % 3) + ".py", numbered(i + 1));
    ids.push_back(repo.commit("commit " + std::to_string(i)));
  }
  git::Repository serial_repo = git::Repository::discover(repo.path().string());
  std::vector<std::vector<std::string>> expected;
  for (const auto& id : ids) {
    std::vector<std::string> per_file;
    for (const auto& file : git::read_commit_changes(serial_repo, id, {}).files)
      per_file.push_back(file.path + ':' + str(file.added));
    expected.push_back(per_file);
  }

  std::string git_dir = serial_repo.git_dir();
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      git::Repository own = git::Repository::open(git_dir);
      for (int round = 0; round < 5; ++round) {
        for (std::size_t i = 0; i < ids.size(); ++i) {
          std::vector<std::string> per_file;
          for (const auto& file : git::read_commit_changes(own, ids[i], {}).files)
            per_file.push_back(file.path + ':' + str(file.added));
          if (per_file != expected[i])
            ++mismatches;
        }
      }
    });
  }
  for (auto& thread : threads)
    thread.join();
  CHECK(mismatches == 0);
}

}  // namespace mentor::test
