// Replacing a file's content at once, keeping its mode.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "cli/atomic_write.hpp"
#include "support/temp_repo.hpp"
#include "util/error.hpp"

namespace mentor::test {

namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir))
    ++n;
  return n;
}

}  // namespace

TEST_CASE("write_file_atomically replaces the content and keeps the mode", "[cli][fix]") {
  TempDir dir;
  fs::path file = dir.path() / "run.sh";
  std::ofstream(file, std::ios::binary) << "old\r\n";
  fs::permissions(file, fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read);
  const std::string bytes("new\r\n\0\xff", 7);
  cli::write_file_atomically(file, bytes);
  CHECK(read(file) == bytes);
  CHECK(fs::status(file).permissions() ==
        (fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read));
  CHECK(entries(dir.path()) == 1);  // no temporary file left
}

TEST_CASE("write_file_atomically fails without creating anything", "[cli][fix]") {
  TempDir dir;
  fs::path missing = dir.path() / "missing.py";
  CHECK_THROWS_AS(cli::write_file_atomically(missing, "x"), Error);
  CHECK(entries(dir.path()) == 0);
  CHECK_THROWS_WITH(cli::write_file_atomically(dir.path() / "no" / "dir.py", "x"),
                    Catch::Contains("cannot write"));
}

}  // namespace mentor::test
