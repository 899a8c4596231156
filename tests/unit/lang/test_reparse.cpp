#include <catch2/catch.hpp>

#include "lang/language.hpp"
#include "lang/parser.hpp"

using namespace mentor;

namespace {

// The tree `reparse` gives for `after`, from a parse of `before` and the diff's hunks.
bool reparses_like_a_full_parse(std::string_view language, std::string_view before,
                                std::string_view after, std::vector<lang::LineEdit> edits) {
  lang::Parser parser;
  const lang::Language& lang = *lang::find_language(language);
  lang::Tree old = parser.parse(lang, before);
  lang::Tree incremental = parser.reparse(old, before, after, edits);
  lang::Tree full = parser.parse(lang, after);
  return lang::same_tree(incremental, full);
}

}  // namespace

TEST_CASE("reparse gives the tree of a full parse", "[lang][reparse]") {
  std::string before = "def f(x):\n    return x\n\n\ndef g():\n    pass\n";
  // @@ -2 +2,2 @@: a line replaced by two.
  std::string changed = "def f(x):\n    y = x + 1\n    return y\n\n\ndef g():\n    pass\n";
  CHECK(reparses_like_a_full_parse("python", before, changed, {{2, 1, 2, 2}}));
  // @@ -0,0 +1 @@: a line inserted at the top; @@ -6,0 +7 @@ appended at the end.
  std::string around = "import os\n" + before + "x = 1\n";
  CHECK(reparses_like_a_full_parse("python", before, around, {{0, 0, 1, 1}, {6, 0, 8, 1}}));
  // @@ -4,3 +3,0 @@: lines deleted.
  std::string shorter = "def f(x):\n    return x\n\n";
  CHECK(reparses_like_a_full_parse("python", before, shorter, {{4, 3, 3, 0}}));
  // A last line without its newline, changed.
  CHECK(reparses_like_a_full_parse("javascript", "let a = 1;\nlet b = 2;", "let a = 1;\nlet b = 3;",
                                   {{2, 1, 2, 1}}));
}

TEST_CASE("reparse falls back to a full parse when the edits do not fit the texts",
          "[lang][reparse]") {
  std::string before = "a = 1\nb = 2\n";
  std::string after = "a = 1\nb = 3\nc = 4\n";
  // The hunk says one line changed, but a line was also added: the texts disagree with it.
  CHECK(reparses_like_a_full_parse("python", before, after, {{2, 1, 2, 1}}));
  // Out of range.
  CHECK(reparses_like_a_full_parse("python", before, after, {{9, 1, 9, 1}}));
  // No edits at all for different texts.
  CHECK(reparses_like_a_full_parse("python", before, after, {}));
}

TEST_CASE("same_tree tells different trees apart", "[lang][reparse]") {
  lang::Parser parser;
  const lang::Language& python = *lang::find_language("python");
  std::string a = "x = 1\n";
  std::string b = "x = (1)\n";
  CHECK(lang::same_tree(parser.parse(python, a), parser.parse(python, a)));
  CHECK_FALSE(lang::same_tree(parser.parse(python, a), parser.parse(python, b)));
}
