// Resolving RANGE arguments to commits.
#include <catch2/catch.hpp>

#include "git/commit_range.hpp"
#include "git/repository.hpp"
#include "support/temp_repo.hpp"
#include "util/error.hpp"

namespace mentor::test {

namespace {

using Ids = std::vector<std::string>;

Ids resolve(const TestRepo& repo, const Ids& ranges) {
  git::Repository opened = git::Repository::discover(repo.path().string());
  return git::resolve_commits(opened, ranges);
}

// The message of the Error that resolving `ranges` throws; empty when none is thrown.
std::string error_of(const TestRepo& repo, const Ids& ranges) {
  try {
    resolve(repo, ranges);
  } catch (const Error& e) {
    CHECK(e.pos().file.empty());
    return e.what();
  }
  return {};
}

// main: c1 - c2 - c3 - m(merge of c3 and t2) - c4;  topic: c2 - t1 - t2
struct History {
  TestRepo repo;
  std::string c1, c2, c3, t1, t2, m, c4;

  History() {
    c1 = commit("a.py", "c1");
    c2 = commit("a.py", "c2");
    repo.git({"checkout", "-q", "-b", "topic"});
    t1 = commit("t.py", "t1");
    t2 = commit("t.py", "t2");
    repo.git({"checkout", "-q", "main"});
    c3 = commit("a.py", "c3");
    repo.git({"merge", "-q", "--no-ff", "-m", "merge", "topic"});
    m = repo.git({"rev-parse", "HEAD"}).substr(0, 40);
    c4 = commit("a.py", "c4");
  }

  std::string commit(const std::string& file, const std::string& text) {
    repo.write(file, text + "\n");
    return repo.commit(text);
  }
};

}  // namespace

TEST_CASE("a single commit stands for itself", "[git][range]") {
  History h;
  CHECK(resolve(h.repo, {"HEAD"}) == Ids{h.c4});
  CHECK(resolve(h.repo, {h.c2}) == Ids{h.c2});
  CHECK(resolve(h.repo, {h.c2.substr(0, 10)}) == Ids{h.c2});
  CHECK(resolve(h.repo, {"topic"}) == Ids{h.t2});
  CHECK(resolve(h.repo, {"HEAD~1"}) == Ids{h.m});
}

TEST_CASE("A..B is what B reaches and A does not, oldest first", "[git][range]") {
  History h;
  CHECK(resolve(h.repo, {h.c1 + "..HEAD"}) == Ids{h.c2, h.t1, h.t2, h.c3, h.m, h.c4});
  CHECK(resolve(h.repo, {h.c3 + "..HEAD"}) == Ids{h.t1, h.t2, h.m, h.c4});
  CHECK(resolve(h.repo, {"HEAD~1..HEAD"}) == Ids{h.c4});
  CHECK(resolve(h.repo, {h.m + ".."}) == Ids{h.c4});  // an empty end is HEAD
  CHECK(resolve(h.repo, {"..topic"}).empty());
  CHECK(resolve(h.repo, {"topic..main"}) == Ids{h.c3, h.m, h.c4});
}

TEST_CASE("an empty range is empty", "[git][range]") {
  History h;
  CHECK(resolve(h.repo, {"HEAD..HEAD"}).empty());
  CHECK(resolve(h.repo, {"HEAD.."}).empty());
  CHECK(resolve(h.repo, {"main..topic"}).empty());
}

TEST_CASE("A...B is the symmetric difference", "[git][range]") {
  TestRepo repo;
  repo.write("a.py", "1\n");
  std::string base = repo.commit("base");
  repo.git({"checkout", "-q", "-b", "topic"});
  repo.write("t.py", "1\n");
  std::string t1 = repo.commit("t1");
  repo.git({"checkout", "-q", "main"});
  repo.write("a.py", "2\n");
  std::string m1 = repo.commit("m1");
  repo.write("a.py", "3\n");
  std::string m2 = repo.commit("m2");
  CHECK(resolve(repo, {"main...topic"}) == Ids{t1, m1, m2});
  CHECK(resolve(repo, {"topic...main"}) == Ids{t1, m1, m2});
  CHECK(resolve(repo, {"...topic"}) == Ids{t1, m1, m2});
  CHECK(resolve(repo, {"main...main"}).empty());
}

TEST_CASE("^A excludes what A reaches from every argument", "[git][range]") {
  History h;
  CHECK(resolve(h.repo, {"^" + h.c3, "HEAD"}) == resolve(h.repo, {h.c3 + "..HEAD"}));
  CHECK(resolve(h.repo, {"HEAD", "^" + h.c3}) == Ids{h.t1, h.t2, h.m, h.c4});
  CHECK(resolve(h.repo, {"^topic", "main"}) == Ids{h.c3, h.m, h.c4});
  CHECK(resolve(h.repo, {"^topic", h.c1 + "..HEAD"}) == Ids{h.c3, h.m, h.c4});
  CHECK(resolve(h.repo, {"^HEAD"}).empty());
}

TEST_CASE("several arguments are combined, ordered and deduplicated", "[git][range]") {
  History h;
  CHECK(resolve(h.repo, {h.c3, h.c1}) == Ids{h.c1, h.c3});
  CHECK(resolve(h.repo, {"HEAD", "HEAD", "main"}) == Ids{h.c4});
  CHECK(resolve(h.repo, {h.c4, "HEAD~1..HEAD", h.c1}) == Ids{h.c1, h.c4});
  CHECK(resolve(h.repo, {h.c3 + "..HEAD", h.c2 + "..topic"}) == Ids{h.t1, h.t2, h.m, h.c4});
  CHECK(resolve(h.repo, {h.t2, h.c1 + ".." + h.c2, h.t1}) == Ids{h.c2, h.t1, h.t2});
  // Deterministic.
  CHECK(resolve(h.repo, {h.c1 + "..HEAD", h.c1}) == resolve(h.repo, {h.c1 + "..HEAD", h.c1}));
}

TEST_CASE("tags and other revisions resolve to commits", "[git][range]") {
  History h;
  h.repo.git({"tag", "-a", "-m", "release", "v1", h.c2});
  h.repo.git({"tag", "light", h.c3});
  CHECK(resolve(h.repo, {"v1"}) == Ids{h.c2});
  CHECK(resolve(h.repo, {"v1..light"}) == Ids{h.c3});
  CHECK(resolve(h.repo, {"HEAD^{/^c3}"}) == Ids{h.c3});
  // Dots inside a single revision do not make it a range.
  CHECK(resolve(h.repo, {"HEAD^{/^c..*}"}) == Ids{h.c4});
}

TEST_CASE("unknown revisions are user errors", "[git][range]") {
  History h;
  CHECK(error_of(h.repo, {"no-such-branch"}) == "unknown revision 'no-such-branch'");
  CHECK(error_of(h.repo, {"no-such-branch..HEAD"}) == "unknown revision 'no-such-branch'");
  CHECK(error_of(h.repo, {"HEAD..nope"}) == "unknown revision 'nope'");
  CHECK(error_of(h.repo, {"HEAD...nope"}) == "unknown revision 'nope'");
  CHECK(error_of(h.repo, {"^nope", "HEAD"}) == "unknown revision 'nope'");
  CHECK(error_of(h.repo, {"HEAD", "@{upstream}..HEAD"}) == "unknown revision '@{upstream}'");
  std::string blob = h.repo.git({"rev-parse", "HEAD:a.py"}).substr(0, 40);
  CHECK(error_of(h.repo, {blob}) == "unknown revision '" + blob + "'");
}

TEST_CASE("no arguments: HEAD --not --remotes, else HEAD", "[git][range]") {
  TestRepo upstream;
  upstream.write("base.py", "x = 1\n");
  upstream.commit("base");
  TempDir clone_dir;
  REQUIRE(run_command({"git", "clone", "-q", upstream.path().string(), "work"}, clone_dir.path(),
                      "", upstream.env())
              .exit_code == 0);
  TestRepo clone = TestRepo::adopt(clone_dir.path() / "work");
  CHECK(resolve(clone, {}).empty());  // everything is on the remote

  clone.write("a.py", "a\n");
  std::string a = clone.commit("a");
  clone.write("b.py", "b\n");
  std::string b = clone.commit("b");
  CHECK(resolve(clone, {}) == Ids{a, b});
  CHECK(resolve(clone, {"@{upstream}..HEAD"}) == Ids{a, b});
  CHECK(resolve(clone, {"@{u}..HEAD"}) == Ids{a, b});
  CHECK(resolve(clone, {"main@{upstream}..main"}) == Ids{a, b});
  CHECK(resolve(clone, {"@{u}~0..HEAD"}) == Ids{a, b});  // libgit2's own revparse
  CHECK(error_of(clone, {"nope@{u}..HEAD"}) == "unknown revision 'nope@{u}'");

  // A branch without upstream: everything no remote has, not HEAD alone.
  clone.git({"checkout", "-q", "-b", "no-upstream"});
  CHECK(resolve(clone, {}) == Ids{a, b});
  CHECK(error_of(clone, {"@{u}..HEAD"}) == "unknown revision '@{u}'");

  // What reaches any remote-tracking ref is left out, whatever the branch's upstream says.
  clone.git({"push", "-q", "origin", "HEAD:refs/heads/shared"});
  CHECK(resolve(clone, {}).empty());
  clone.git({"branch", "--set-upstream-to", "main"});  // a local branch as upstream
  clone.write("c.py", "c\n");
  std::string c = clone.commit("c");
  CHECK(resolve(clone, {}) == Ids{c});

  clone.git({"checkout", "-q", "--detach", a});
  CHECK(resolve(clone, {}).empty());
  clone.git({"checkout", "-q", "--detach", c});
  CHECK(resolve(clone, {}) == Ids{c});

  // The remote-tracking refs of a second remote count too.
  TempDir other_dir;
  REQUIRE(run_command({"git", "init", "-q", "--bare", "other.git"}, other_dir.path()).exit_code ==
          0);
  clone.git({"remote", "add", "other", (other_dir.path() / "other.git").string()});
  clone.git({"push", "-q", "other", c + ":refs/heads/c"});
  clone.git({"fetch", "-q", "other"});
  CHECK(resolve(clone, {}).empty());
  CHECK(resolve(clone, {"HEAD"}) == Ids{c});
}

TEST_CASE("no arguments and no remote-tracking refs: HEAD alone", "[git][range]") {
  TestRepo repo;
  repo.write("a.py", "a\n");
  repo.commit("a");
  repo.write("b.py", "b\n");
  std::string b = repo.commit("b");
  CHECK(resolve(repo, {}) == Ids{b});
  // A remote that was never fetched has no remote-tracking refs either.
  repo.git({"remote", "add", "origin", "/nonexistent/remote.git"});
  CHECK(resolve(repo, {}) == Ids{b});
}

TEST_CASE("reversed_range swaps the ends of A..B", "[git][range]") {
  CHECK(git::reversed_range("HEAD..HEAD~3") == "HEAD~3..HEAD");
  CHECK(git::reversed_range("..main") == "main..");
  CHECK(git::reversed_range("main..") == "..main");
  CHECK_FALSE(git::reversed_range("A...B"));
  CHECK_FALSE(git::reversed_range("HEAD"));
  CHECK_FALSE(git::reversed_range("a..b..c"));
}

TEST_CASE("an unborn HEAD", "[git][range]") {
  TestRepo repo;
  CHECK(resolve(repo, {}).empty());
  CHECK(error_of(repo, {"HEAD"}) == "unknown revision 'HEAD'");
  TestRepo bare(true);
  CHECK(resolve(bare, {}).empty());
}

TEST_CASE("ranges in a bare repository", "[git][range]") {
  TestRepo repo(true);
  repo.write("a.py", "1\n");
  std::string first = repo.commit("first");
  repo.write("a.py", "2\n");
  std::string second = repo.commit("second");
  CHECK(resolve(repo, {}) == Ids{second});
  CHECK(resolve(repo, {"HEAD~1..HEAD"}) == Ids{second});
  CHECK(resolve(repo, {"main~1", "main"}) == Ids{first, second});
}

}  // namespace mentor::test
