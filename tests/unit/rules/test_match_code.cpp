#include <catch2/catch.hpp>

#include "lang/language.hpp"
#include "lang/parser.hpp"
#include "rules/match_code.hpp"

using namespace mentor;

namespace {

rules::MatchCode code_of(std::string_view language, std::string_view source,
                         std::string_view part) {
  lang::Parser parser;
  lang::Tree tree = parser.parse(*lang::find_language(language), source);
  auto start = static_cast<std::uint32_t>(source.find(part));
  return rules::match_code(tree, source, start, start + static_cast<std::uint32_t>(part.size()));
}

}  // namespace

TEST_CASE("match_code leaves out the comments inside a match", "[rules][attribution]") {
  auto code = code_of("python", "x = f(a,  # first\n      b)\n", "f(a,  # first\n      b)");
  CHECK(code.text == "f(a,   \n      b)");
  CHECK(code.tokens == std::vector<std::string_view>{"f", "(", "a", ",", "b", ")"});

  auto block = code_of("javascript", "call(/* why */ x);\n", "call(/* why */ x)");
  CHECK(block.text == "call(  x)");
}

TEST_CASE("match_code keeps a match that is a comment", "[rules][attribution]") {
  auto code = code_of("python", "x = 1  # TODO: later\n", "# TODO: later");
  CHECK(code.text == "# TODO: later");
  CHECK(code.tokens == std::vector<std::string_view>{"# TODO: later"});
}

TEST_CASE("match_code walks a deeply nested tree without recursion", "[rules][attribution]") {
  constexpr int kDepth = 50000;
  std::string source = "x = " + std::string(kDepth, '(') + "1" + std::string(kDepth, ')') + "\n";
  lang::Parser parser;
  lang::Tree tree = parser.parse(*lang::find_language("python"), source);
  auto code = rules::match_code(tree, source, 4, static_cast<std::uint32_t>(source.size() - 1));
  CHECK(code.text.size() == source.size() - 5);
  CHECK_FALSE(code.tokens.empty());
}
