#include <catch2/catch.hpp>

#include "util/yaml_load.hpp"

using namespace mentor;

namespace {

std::string repeat(std::string_view text, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i)
    out += text;
  return out;
}

// The error load_yaml_documents throws for `text`, as "file:line:col: message".
std::string error_of(const std::string& text) {
  try {
    util::load_yaml_documents(text, "f.yaml");
  } catch (const Error& e) {
    return e.describe();
  }
  return "no error";
}

}  // namespace

TEST_CASE("yaml: ordinary documents load", "[util]") {
  auto documents = util::load_yaml_documents("a: 1\n---\nb: [1, 2]\n", "f.yaml");
  REQUIRE(documents.size() == 2);
  CHECK(documents[1]["b"][1].as<int>() == 2);
  CHECK(util::load_yaml("", "f.yaml").IsNull());
}

TEST_CASE("yaml: nesting is bounded", "[util]") {
  std::string at_bound = repeat("[", util::kMaxYamlDepth) + repeat("]", util::kMaxYamlDepth);
  CHECK_NOTHROW(util::load_yaml_documents(at_bound, "f.yaml"));
  std::string past = "[" + at_bound + "]";
  CHECK(error_of(past) == "f.yaml:1:65: YAML nests deeper than 64 levels");
  // Far deeper than yaml-cpp's own recursion limit, in flow and block style.
  CHECK(error_of(repeat("[", 100'000)).find("YAML nests deeper than 64 levels") !=
        std::string::npos);
  CHECK(error_of(repeat("- ", 100'000) + "x\n").find("YAML nests deeper than 64 levels") !=
        std::string::npos);
  CHECK(error_of(repeat("{a: ", 100'000)).find("YAML nests deeper than 64 levels") !=
        std::string::npos);
}

TEST_CASE("yaml: aliases that expand too far are refused", "[util]") {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 9; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k)
      text += (k > 0 ? ", *a" : "*a") + std::to_string(i - 1);
    text += "]\n";
  }
  CHECK(error_of(text).find("YAML too large: more than 100000 nodes once aliases are expanded") !=
        std::string::npos);
  CHECK(error_of(text).starts_with("f.yaml:"));
  // A few aliases are fine.
  CHECK_NOTHROW(util::load_yaml_documents("a: &x [1, 2]\nb: *x\nc: *x\n", "f.yaml"));
}

TEST_CASE("yaml: a syntax error names its place", "[util]") {
  CHECK(error_of("a: [1, 2\n").starts_with("f.yaml:"));
  CHECK(error_of("a: [1, 2\n").find("invalid YAML: ") != std::string::npos);
}

TEST_CASE("yaml: text on which yaml-cpp's LoadAll would never return is refused", "[util]") {
  // yaml-cpp 0.7 reports an empty document for a stray `,` without consuming it, forever (the
  // fuzzer found `\0,\x96\x93}\n...` through .git-mentor.yaml).
  for (std::string text :
       {std::string(",}\n"), std::string(",\n"), std::string("\0,\x96\x93}\n\xa9\x01", 8)}) {
    INFO(text);
    std::string said = error_of(text);
    CHECK(said.starts_with("f.yaml:1:"));
    CHECK(said.ends_with(": invalid YAML: a token that starts no node"));
  }
  CHECK(util::load_yaml_documents("a: 1\n---\nb: 2\n---\n", "f.yaml").size() == 3);
}
