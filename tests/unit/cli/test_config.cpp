#include <catch2/catch.hpp>

#include "cli/config.hpp"

using namespace mentor;

TEST_CASE("config keys are read", "[cli][config]") {
  auto config = cli::parse_config(
      "rules: [builtin, .mentor/rules]\nfail_on: warning\nignores: [\"vendor/**\"]\n"
      "max_file_bytes: 2048\nlanguages: { .pyw: python, h: cpp }\n",
      ".git-mentor.yaml");
  CHECK(config.rules == std::vector<std::string>{"builtin", ".mentor/rules"});
  CHECK(config.fail_on == cli::FailOn::warning);
  CHECK(config.ignores == std::vector<std::string>{"vendor/**"});
  CHECK(config.max_file_bytes == 2048);
  REQUIRE(config.languages.size() == 2);
  CHECK(config.languages[0] == std::pair<std::string, std::string>{"pyw", "python"});
  CHECK(config.language_positions[1].line == 5);
}

TEST_CASE("an empty config is the defaults", "[cli][config]") {
  auto config = cli::parse_config("", "c.yaml");
  CHECK(config.rules.empty());
  CHECK_FALSE(config.fail_on);
  CHECK(config.max_file_bytes == 1024 * 1024);
}

namespace {

Error error_of(const std::string& yaml) {
  try {
    cli::parse_config(yaml, "c.yaml");
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error for: " << yaml);
  return Error("unreachable");
}

}  // namespace

TEST_CASE("config errors name the place", "[cli][config]") {
  auto e = error_of("fail_on: sometimes\n");
  CHECK(e.describe() == "c.yaml:1:10: fail_on must be one of error, warning, never");
  e = error_of("rules: x\nfailon: error\n");
  CHECK(e.describe() == "c.yaml:2:1: unknown key 'failon' (did you mean 'fail_on'?)");
  e = error_of("max_file_bytes: -3\n");
  CHECK(e.pos().line == 1);
  // A repository cannot make git-mentor read files of any size.
  CHECK(cli::parse_config("max_file_bytes: 67108864\n", "c.yaml").max_file_bytes == 67108864);
  e = error_of("max_file_bytes: 67108865\n");
  CHECK(e.describe() ==
        "c.yaml:1:17: max_file_bytes must be a positive number of bytes, at most "
        "67108864 (a repository cannot make git-mentor read larger files)");
  e = error_of("rules: [a, [b]]\n");
  CHECK(e.pos().column == 12);
  e = error_of("rules: [unclosed\n");
  CHECK(e.pos().file == "c.yaml");
  CHECK(e.pos().line >= 1);
}

TEST_CASE("config keys: not strings, written twice, nested too deep", "[cli][config]") {
  auto e = error_of("[]: x\n");
  CHECK(e.describe() == "c.yaml:1:1: keys must be strings");
  e = error_of("summary: {[1]: 2}\n");
  CHECK(e.describe() == "c.yaml:1:11: keys must be strings");
  e = error_of("fail_on: error\nrules: [builtin]\nfail_on: never\n");
  CHECK(e.describe() == "c.yaml:3:1: duplicate key 'fail_on'");
  e = error_of("summary: {recurring: 3, recurring: 4}\n");
  CHECK(e.describe() == "c.yaml:1:25: duplicate key 'recurring' in summary");
  e = error_of("mentees: " + std::string(100, '[') + std::string(100, ']') + "\n");
  CHECK(e.pos().file == "c.yaml");
  CHECK(std::string(e.what()).find("nests deeper than") != std::string::npos);
}
