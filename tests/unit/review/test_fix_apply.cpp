// Applying suggested fixes to a file's text.
#include <catch2/catch.hpp>

#include <vector>

#include "review/fix_apply.hpp"

namespace mentor::review {

namespace {

// A fix of bytes [start, end) of `text` into `replacement` (positions other than bytes unused).
Fix fix_of(std::string_view text, std::uint32_t start, std::uint32_t end, std::string replacement) {
  Fix fix;
  fix.start_byte = start;
  fix.end_byte = end;
  fix.original = std::string(text.substr(start, end - start));
  fix.replacement = std::move(replacement);
  return fix;
}

}  // namespace

TEST_CASE("apply_fixes edits from the end backwards, whatever the order given", "[review][fix]") {
  const std::string text = "a = f(1)\nb = f(2)\n";
  std::vector<Fix> fixes{fix_of(text, 13, 17, "g(22)"), fix_of(text, 4, 8, "g(1)")};
  FixOutcome outcome = apply_fixes(text, fixes);
  CHECK(outcome.text == "a = g(1)\nb = g(22)\n");
  CHECK(outcome.applied == std::vector<std::size_t>{1, 0});
  CHECK(outcome.skipped.empty());
}

TEST_CASE("apply_fixes skips a fix that overlaps one taken before it", "[review][fix]") {
  const std::string text = "abcdefgh";
  std::vector<Fix> fixes{fix_of(text, 2, 5, "X"), fix_of(text, 4, 6, "Y"), fix_of(text, 5, 6, "Z"),
                         fix_of(text, 5, 5, "!")};
  FixOutcome outcome = apply_fixes(text, fixes);
  // [2,5) taken; [4,6) overlaps it; [5,6) touches its end only: taken; the insertion at 5
  // comes at the start of [5,6): skipped, as its order against it is unclear.
  CHECK(outcome.text == "abXZgh");
  CHECK(outcome.applied == std::vector<std::size_t>{0, 2});
  REQUIRE(outcome.skipped.size() == 2);
  CHECK(outcome.skipped[0].index == 1);
  CHECK(outcome.skipped[0].reason == "overlaps another fix");
  CHECK(outcome.skipped[1].index == 3);
}

TEST_CASE("apply_fixes drops a duplicate of a fix it applies", "[review][fix]") {
  const std::string text = "print(x)";
  std::vector<Fix> fixes{fix_of(text, 0, 5, "log"), fix_of(text, 0, 5, "log")};
  FixOutcome outcome = apply_fixes(text, fixes);
  CHECK(outcome.text == "log(x)");
  CHECK(outcome.applied.size() == 1);
  CHECK(outcome.skipped.empty());
}

TEST_CASE("apply_fixes skips where the text no longer holds the original", "[review][fix]") {
  const std::string reviewed = "x = old(1)\n";
  std::vector<Fix> fixes{fix_of(reviewed, 4, 10, "new(1)"), fix_of(reviewed, 0, 1, "y")};
  FixOutcome outcome = apply_fixes("x = edited(1)\n", fixes);
  CHECK(outcome.text == "y = edited(1)\n");
  REQUIRE(outcome.skipped.size() == 1);
  CHECK(outcome.skipped[0].index == 0);
  CHECK(outcome.skipped[0].reason == "the file changed there since it was reviewed");

  // A range past the end of a file that shrank.
  FixOutcome shorter = apply_fixes("x", fixes);
  CHECK(shorter.text == "y");
  CHECK(shorter.skipped.size() == 1);
  // A malformed range.
  Fix reversed = fix_of(reviewed, 4, 10, "z");
  reversed.start_byte = 11;
  CHECK(apply_fixes(reviewed, std::vector<Fix>{reversed}).skipped.size() == 1);
}

TEST_CASE("apply_fixes keeps CRLF line endings and other bytes as they are", "[review][fix]") {
  const std::string text = "a = 1\r\nprint(a)\r\nb = \xff\r\n";
  std::vector<Fix> fixes{fix_of(text, 7, 12, "log")};
  FixOutcome outcome = apply_fixes(text, fixes);
  CHECK(outcome.text == "a = 1\r\nlog(a)\r\nb = \xff\r\n");
}

TEST_CASE("apply_fixes replaces multi-byte UTF-8 text by bytes", "[review][fix]") {
  const std::string text = "s = \"héllo\" + \"wörld\"\n";  // é and ö are two bytes each
  std::size_t second = text.find("\"w");
  std::vector<Fix> fixes{
      fix_of(text, static_cast<std::uint32_t>(second),
             static_cast<std::uint32_t>(second + std::string("\"wörld\"").size()), "\"мир\""),
      fix_of(text, 4, 12, "'héllo'")};
  FixOutcome outcome = apply_fixes(text, fixes);
  CHECK(outcome.text == "s = 'héllo' + \"мир\"\n");
  CHECK(outcome.skipped.empty());
}

TEST_CASE("apply_fixes of nothing returns the text", "[review][fix]") {
  CHECK(apply_fixes("abc", {}).text == "abc");
}

}  // namespace mentor::review
