#include <catch2/catch.hpp>

#include "util/excerpt.hpp"

using namespace mentor;

TEST_CASE("excerpt: a short line is kept whole", "[util]") {
  util::Excerpt e = util::excerpt("int x = 1;", 4, 5);
  CHECK(e.text == "int x = 1;");
  CHECK(e.start == 0);
  CHECK_FALSE(e.cut_end);
}

TEST_CASE("excerpt: a long line keeps a window around the match", "[util]") {
  std::string line(10'000, 'x');
  line.replace(5'000, 4, "MARK");
  util::Excerpt e = util::excerpt(line, 5'000, 5'004);
  CHECK(e.text.size() <= util::kMaxExcerptBytes);
  CHECK(e.start < 5'000);
  CHECK(e.start + e.text.size() > 5'004);
  CHECK(e.text.substr(5'000 - e.start, 4) == "MARK");
  CHECK(e.cut_end);
}

TEST_CASE("excerpt: the end of a long line fills the window", "[util]") {
  std::string line(1'000, 'x');
  util::Excerpt e = util::excerpt(line, 990, 1'000);
  CHECK(e.text.size() == util::kMaxExcerptBytes);
  CHECK(e.start == 1'000 - util::kMaxExcerptBytes);
  CHECK_FALSE(e.cut_end);
}

TEST_CASE("excerpt: cuts fall on character boundaries", "[util]") {
  std::string line;
  for (int i = 0; i < 400; ++i)
    line += "\xC3\xA9";  // é, two bytes
  util::Excerpt e = util::excerpt(line, 401, 403);
  CHECK(e.start % 2 == 0);
  CHECK(e.text.size() % 2 == 0);
  CHECK(util::utf16_units(line.substr(0, e.start)) == e.start / 2);
}

TEST_CASE("excerpt: shortened text ends with an ellipsis", "[util]") {
  CHECK(util::shortened("abc", 5) == "abc");
  CHECK(util::shortened("abcdef", 5) == "abcde...");
  CHECK(util::shortened("ab\xC3\xA9", 3) == "ab...");
}
