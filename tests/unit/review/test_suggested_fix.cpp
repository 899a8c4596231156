// A rule's fix placed in the file as a Finding carries it.
#include <catch2/catch.hpp>

#include <vector>

#include "review/suggested_fix.hpp"
#include "rules/fix.hpp"

using namespace mentor;

namespace {

std::vector<std::uint32_t> line_starts(std::string_view text) {
  std::vector<std::uint32_t> starts{0};
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n')
      starts.push_back(static_cast<std::uint32_t>(i + 1));
  }
  return starts;
}

}  // namespace

TEST_CASE("suggested_fix: positions, the replaced text and the whole lines around it",
          "[review][fix]") {
  std::string source = "a = 1\nif x == None:\n    pass\n";
  auto starts = line_starts(source);
  rules::FixEdit edit{9, 18, "x is None"};
  auto fix = review::suggested_fix(source, starts, edit);
  REQUIRE(fix);
  CHECK(fix->line == 2);
  CHECK(fix->column == 4);
  CHECK(fix->end_line == 2);
  CHECK(fix->end_column == 13);
  CHECK(fix->original == "x == None");
  CHECK(fix->replacement == "x is None");
  CHECK(fix->old_lines == "if x == None:");
  CHECK(fix->new_lines == "if x is None:");

  // Over two lines, with a CRLF file, and a multi-line replacement.
  std::string crlf = "f(a,\r\n  b)\r\nz\r\n";
  auto crlf_fix = review::suggested_fix(crlf, line_starts(crlf), {0, 10, "g(\n  a, b)"});
  REQUIRE(crlf_fix);
  CHECK(crlf_fix->end_line == 2);
  CHECK(crlf_fix->end_column == 5);
  CHECK(crlf_fix->old_lines == "f(a,\r\n  b)");
  CHECK(crlf_fix->new_lines == "g(\n  a, b)");

  // An edit outside the text, or replacing more than the limit, gives no fix.
  CHECK_FALSE(review::suggested_fix(source, starts, {20, 40, ""}));
  std::string big(rules::kMaxFixBytes + 10, 'x');
  CHECK_FALSE(review::suggested_fix(big, line_starts(big),
                                    {0, static_cast<std::uint32_t>(big.size()), ""}));
}
