#include <catch2/catch.hpp>

#include "util/glob.hpp"

using mentor::util::glob_match;

TEST_CASE("glob: * and ? stay inside one path component", "[glob]") {
  CHECK(glob_match("src/*.py", "src/a.py"));
  CHECK_FALSE(glob_match("src/*.py", "src/sub/a.py"));
  CHECK(glob_match("src/?.py", "src/a.py"));
  CHECK_FALSE(glob_match("src/?.py", "src/ab.py"));
  CHECK_FALSE(glob_match("a?b", "a/b"));
  CHECK(glob_match("src/*", "src/a.py"));
}

TEST_CASE("glob: ** matches any number of directories", "[glob]") {
  CHECK(glob_match("src/**/*.py", "src/a.py"));
  CHECK(glob_match("src/**/*.py", "src/x/y/a.py"));
  CHECK_FALSE(glob_match("src/**/*.py", "lib/a.py"));
  CHECK(glob_match("**/test_*.py", "test_a.py"));
  CHECK(glob_match("**/test_*.py", "a/b/test_a.py"));
  CHECK(glob_match("vendor/**", "vendor/lib.py"));
  CHECK(glob_match("vendor/**", "vendor/a/b/lib.py"));
  CHECK_FALSE(glob_match("vendor/**", "src/vendor.py"));
  CHECK(glob_match("a/**/b", "a/b"));
  CHECK(glob_match("a/**/b", "a/x/y/b"));
}

TEST_CASE("glob: character classes and escapes", "[glob]") {
  CHECK(glob_match("[ab].py", "a.py"));
  CHECK_FALSE(glob_match("[ab].py", "c.py"));
  CHECK(glob_match("[a-c]x", "bx"));
  CHECK(glob_match("[!a-c]x", "dx"));
  CHECK_FALSE(glob_match("[^a-c]x", "ax"));
  CHECK(glob_match("[]]x", "]x"));
  CHECK(glob_match("\\*.py", "*.py"));
  CHECK_FALSE(glob_match("\\*.py", "a.py"));
  CHECK(glob_match("[abc", "[abc"));  // an unclosed class is literal
}

TEST_CASE("glob: gitignore-style basename and directory matching", "[glob]") {
  CHECK(glob_match("*.py", "a.py"));
  CHECK(glob_match("*.py", "deep/dir/a.py"));
  CHECK_FALSE(glob_match("*.py", "a.pyc"));
  CHECK(glob_match("vendor", "vendor/lib/x.py"));
  CHECK(glob_match("vendor/", "vendor/lib/x.py"));
  CHECK_FALSE(glob_match("vendor/", "vendor"));
  CHECK(glob_match("src/generated", "src/generated/x.py"));
  CHECK_FALSE(glob_match("/x.py", "sub/x.py"));
  CHECK(glob_match("/x.py", "x.py"));
  CHECK(glob_match("./src/*.py", "src/a.py"));
  CHECK_FALSE(glob_match("", "a.py"));
}

TEST_CASE("glob: many stars stay fast", "[glob]") {
  std::string path(200, 'a');
  CHECK_FALSE(glob_match("*a*a*a*a*a*a*a*a*a*a*a*b", path));
}
