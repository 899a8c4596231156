#include <catch2/catch.hpp>

#include "report/columns.hpp"
#include "report/escape.hpp"

using mentor::report::html_escape;
using mentor::report::markdown_escape;
using mentor::report::utf16_column;
using mentor::report::valid_utf8;

namespace {

const std::string kWordJoiner = "\xE2\x81\xA0";
const std::string kReplacement = "\xEF\xBF\xBD";

}  // namespace

TEST_CASE("markdown_escape leaves plain words alone", "[report][escape]") {
  CHECK(markdown_escape("Mentee Example") == "Mentee Example");
  CHECK(markdown_escape("caf\xC3\xA9 \xF0\x9F\x98\x80") == "caf\xC3\xA9 \xF0\x9F\x98\x80");
  CHECK(markdown_escape("") == "");
}

TEST_CASE("markdown_escape neutralises HTML", "[report][escape]") {
  CHECK(markdown_escape("<script>alert(1)</script>") ==
        "&lt;script&gt;alert\\(1\\)&lt;/script&gt;");
  CHECK(markdown_escape("a & b \"q\"") == "a &amp; b &quot;q&quot;");
  CHECK(markdown_escape("&lt;") == "&amp;lt;");  // an entity shows as written
}

TEST_CASE("markdown_escape escapes Markdown punctuation", "[report][escape]") {
  CHECK(markdown_escape("`code`") == "\\`code\\`");
  CHECK(markdown_escape("a | b") == "a \\| b");
  CHECK(markdown_escape("*bold* _em_ ~~del~~") == "\\*bold\\* \\_em\\_ \\~\\~del\\~\\~");
  CHECK(markdown_escape("[x](javascript:y)") == "\\[x\\]\\(javascript:y\\)");
  CHECK(markdown_escape("# h") == "\\# h");
  CHECK(markdown_escape("1. - + !") == "1\\. \\- \\+ \\!");
  CHECK(markdown_escape("\\") == "\\\\");
  CHECK(markdown_escape("$x$ {a}") == "\\$x\\$ \\{a\\}");
  CHECK(markdown_escape("100%") == "100%");
  CHECK(markdown_escape("a::b") == "a::b");
}

TEST_CASE("markdown_escape keeps the text on one line", "[report][escape]") {
  CHECK(markdown_escape("one\ntwo\r\nthree\rfour") == "one<br>two<br>three<br>four");
  CHECK(markdown_escape("tab\there") == "tab\there");
  CHECK(markdown_escape(std::string("nul\0esc\x1b", 8)) ==
        "nul" + kReplacement + "esc" + kReplacement);
}

TEST_CASE("markdown_escape defuses mentions but not e-mail addresses", "[report][escape]") {
  CHECK(markdown_escape("@octocat") == "@" + kWordJoiner + "octocat");
  CHECK(markdown_escape("ask @org/team") == "ask @" + kWordJoiner + "org/team");
  CHECK(markdown_escape("mentee@example.com") == "mentee@example\\.com");
  CHECK(markdown_escape("<a@b>") == "&lt;a@b&gt;");
  CHECK(markdown_escape("(@x)") == "\\(@" + kWordJoiner + "x\\)");
}

TEST_CASE("markdown_escape replaces invalid UTF-8", "[report][escape]") {
  CHECK(markdown_escape("caf\xE9") == "caf" + kReplacement);
  CHECK(markdown_escape("\xC0\xAF") == kReplacement + kReplacement);  // overlong '/'
  CHECK(markdown_escape("\xED\xA0\x80") ==
        kReplacement + kReplacement + kReplacement);  // a surrogate
}

TEST_CASE("html_escape", "[report][escape]") {
  CHECK(html_escape("<img src=x onerror='a'>&\"") ==
        "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;&quot;");
  CHECK(html_escape("line\nbreak\ttab") == "line\nbreak\ttab");
  CHECK(html_escape("bell\x07") == "bell" + kReplacement);
  CHECK(html_escape("\xFF ok") == kReplacement + " ok");
  CHECK(html_escape("| ` * _") == "| ` * _");  // not Markdown's business
}

TEST_CASE("valid_utf8 replaces each invalid byte", "[report][escape]") {
  CHECK(valid_utf8("ok \xC3\xA9") == "ok \xC3\xA9");
  CHECK(valid_utf8("a\xFF\xFE") == "a" + kReplacement + kReplacement);
  CHECK(valid_utf8("\xE2\x82") == kReplacement + kReplacement);  // truncated
  CHECK(valid_utf8("\xF4\x90\x80\x80") ==                        // above U+10FFFF
        kReplacement + kReplacement + kReplacement + kReplacement);
}

TEST_CASE("byte columns become UTF-16 columns", "[report][columns]") {
  CHECK(utf16_column("print(x)", 1) == 1);
  CHECK(utf16_column("print(x)", 9) == 9);  // one past the end
  // "é" is 2 bytes and 1 unit, "€" 3 bytes and 1 unit, "😀" 4 bytes and 2 units.
  std::string line = "s = '\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80'; print(s)";
  std::size_t print_byte = line.find("print");
  CHECK(utf16_column(line, static_cast<std::uint32_t>(print_byte + 1)) ==
        static_cast<std::uint32_t>(print_byte + 1 - (1 + 2 + 2)));
  CHECK(utf16_column(line, 6) == 6);    // the quote's end: before é
  CHECK(utf16_column(line, 8) == 7);    // after é
  CHECK(utf16_column(line, 11) == 8);   // after €
  CHECK(utf16_column(line, 15) == 10);  // after 😀
  // Invalid bytes count one each; columns past the end count bytes.
  CHECK(utf16_column("\xFF\xFEx", 3) == 3);
  CHECK(utf16_column("ab", 5) == 5);
  CHECK(utf16_column("", 1) == 1);
}
