// git's notes-rewriting configuration: reading it, matching its values, adding one.
#include <catch2/catch.hpp>

#include "git/notes_rewrite.hpp"
#include "git/repository.hpp"
#include "support/temp_repo.hpp"

namespace mentor::test {

TEST_CASE("rewrite values cover refs as git matches them", "[git][notes_rewrite]") {
  using git::rewrite_value_covers;
  CHECK(rewrite_value_covers("refs/notes/mentor", "refs/notes/mentor"));
  CHECK_FALSE(rewrite_value_covers("refs/notes/mentor", "refs/notes/mentor-reviews"));
  CHECK_FALSE(rewrite_value_covers("mentor", "refs/notes/mentor"));  // no glob: the full name
  CHECK(rewrite_value_covers("refs/notes/*", "refs/notes/mentor-reviews"));
  CHECK(rewrite_value_covers("refs/*", "refs/notes/mentor"));  // '*' also matches '/'
  CHECK(rewrite_value_covers("notes/mentor*", "refs/notes/mentor-reviews"));  // "refs/" added
  CHECK(rewrite_value_covers("refs/notes/mentor-review[s]", "refs/notes/mentor-reviews"));
  CHECK_FALSE(rewrite_value_covers("refs/notes/commits", "refs/notes/mentor"));
  CHECK_FALSE(rewrite_value_covers("refs/heads/*", "refs/notes/mentor"));

  CHECK(git::split_env_refs("refs/notes/a::refs/notes/b") ==
        std::vector<std::string>{"refs/notes/a", "refs/notes/b"});
  CHECK(git::rewrite_values_cover(git::split_env_refs("refs/notes/x:refs/notes/m*"),
                                  "refs/notes/mentor"));
}

TEST_CASE("add_rewrite_ref adds a value and keeps the others", "[git][notes_rewrite]") {
  TestRepo repo;
  repo.git({"config", "--add", "notes.rewriteRef", "refs/notes/commits"});
  repo.git({"config", "notes.rewrite.amend", "false"});
  git::Repository opened = git::Repository::discover(repo.path().string());
  git::RewriteSettings before = git::read_rewrite_settings(opened);
  CHECK(before.config_refs == std::vector<std::string>{"refs/notes/commits"});
  CHECK(before.rebase);
  CHECK_FALSE(before.amend);

  CHECK(git::add_rewrite_ref(opened, "refs/notes/mentor"));
  CHECK(git::add_rewrite_ref(opened, "refs/notes/mentor-reviews"));
  CHECK(repo.git({"config", "--get-all", "notes.rewriteRef"}) ==
        "refs/notes/commits\nrefs/notes/mentor\nrefs/notes/mentor-reviews\n");
  CHECK(git::read_rewrite_settings(opened).config_refs ==
        std::vector<std::string>{"refs/notes/commits", "refs/notes/mentor",
                                 "refs/notes/mentor-reviews"});
  // Adding it again leaves one value.
  CHECK(git::add_rewrite_ref(opened, "refs/notes/mentor"));
  CHECK(repo.git({"config", "--get-all", "notes.rewriteRef"}) ==
        "refs/notes/commits\nrefs/notes/mentor\nrefs/notes/mentor-reviews\n");

  CHECK_FALSE(git::reference_exists(opened, "refs/notes/mentor"));
  repo.commit("c");
  repo.git({"notes", "--ref", "mentor", "add", "-m", "x", "HEAD"});
  CHECK(git::reference_exists(opened, "refs/notes/mentor"));
}

}  // namespace mentor::test
