// NotesRef: notes as sets of lines, written with compare-and-swap.
#include <barrier>
#include <thread>

#include <catch2/catch.hpp>

#include "git/notes_ref.hpp"
#include "git/repository.hpp"
#include "support/temp_repo.hpp"

namespace mentor::test {

TEST_CASE("blob_id is the id git hash-object gives", "[git][notes]") {
  TestRepo repo;
  CHECK(git::blob_id("abc:def") ==
        repo.try_git({"hash-object", "--stdin"}, "abc:def").out.substr(0, 40));
}

TEST_CASE("writers that race to create the ref lose no line", "[git][notes]") {
  TestRepo repo;
  std::string commit = repo.commit("annotated");
  commit.resize(40);
  const std::string git_dir = repo.git_dir().string();
  constexpr int kWriters = 8;
  constexpr int kRounds = 40;
  for (int round = 0; round < kRounds; ++round) {
    const std::string ref = "refs/notes/race" + std::to_string(round);
    // Every writer opens its own repository, then all add at the same moment to a ref that does
    // not exist yet: the first creation is where a check outside the ref's lock would lose one.
    std::barrier start(kWriters);
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w) {
      writers.emplace_back([&, w] {
        git::Repository opened = git::Repository::open(git_dir);
        git::NotesRef notes(opened, ref);
        start.arrive_and_wait();
        notes.add({{commit, {"line " + std::to_string(w)}}}, "test");
      });
    }
    for (auto& writer : writers)
      writer.join();
    git::Repository opened = git::Repository::open(git_dir);
    git::NotesRef notes(opened, ref);
    git::NotesIndex index = notes.index();
    REQUIRE(index.size() == 1);
    INFO("round " << round);
    REQUIRE(notes.read_lines(index.begin()->second).size() == kWriters);
  }
}

}  // namespace mentor::test
