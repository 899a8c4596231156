// Reading what git writes on the pre-push hook's standard input.
#include <sstream>

#include <catch2/catch.hpp>

#include "cli/pre_push_input.hpp"
#include "util/error.hpp"

using namespace mentor;

namespace {

std::vector<git::PushedRef> read(const std::string& text) {
  std::istringstream in(text);
  return cli::read_pre_push_input(in);
}

Error error_of(const std::string& text) {
  try {
    read(text);
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error for: " << text);
  return Error("");
}

const std::string kZero(40, '0');
const std::string kA(40, 'a');
const std::string kB(40, 'b');

}  // namespace

TEST_CASE("pre-push lines are read in order, empty lines skipped", "[cli][pre-push]") {
  auto refs = read("refs/heads/main " + kA + " refs/heads/main " + kB + "\n\n" + "(delete) " +
                   kZero + " refs/heads/old " + kA + "\n");
  REQUIRE(refs.size() == 2);
  CHECK(refs[0].local_ref == "refs/heads/main");
  CHECK(refs[0].local_sha == kA);
  CHECK(refs[0].remote_ref == "refs/heads/main");
  CHECK(refs[0].remote_sha == kB);
  CHECK(refs[1].local_ref == "(delete)");
  CHECK(refs[1].local_sha == kZero);
  CHECK(refs[1].remote_ref == "refs/heads/old");
}

TEST_CASE("pre-push fields may be separated by any blanks and end with CR", "[cli][pre-push]") {
  auto refs = read("refs/heads/a\t" + kA + "  refs/heads/b " + kZero + "\r\n" + "refs/heads/c " +
                   kB + " refs/heads/c " + kA);
  REQUIRE(refs.size() == 2);
  CHECK(refs[0].remote_ref == "refs/heads/b");
  CHECK(refs[0].remote_sha == kZero);
  CHECK(refs[1].local_ref == "refs/heads/c");  // the last line needs no newline
  CHECK(read("").empty());
}

TEST_CASE("a pre-push line without four fields is an error at its line", "[cli][pre-push]") {
  Error missing = error_of("refs/heads/main " + kA + " refs/heads/main " + kB + "\n" +
                           "refs/heads/topic " + kA + " refs/heads/topic\n");
  CHECK(missing.pos().file == "<stdin>");
  CHECK(missing.pos().line == 2);
  CHECK(std::string(missing.what()).find("malformed pre-push line") != std::string::npos);

  Error extra = error_of("\n\nrefs/heads/a " + kA + " refs/heads/a " + kB + " more\n");
  CHECK(extra.pos().line == 3);
}
