// The starter packs on realistic code: each pack's language has a clean, idiomatic file in
// tests/data/packs/<language>/, and the bundled rules report no mistake in it (praise may show).
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "e2e/check_fixture.hpp"

namespace mentor::test {

namespace fs = std::filesystem;

TEST_CASE("the bundled packs report no mistake in a clean realistic file of their language",
          "[e2e][rules][packs]") {
  const fs::path packs = fs::path(GIT_MENTOR_SOURCE_DIR) / "tests" / "data" / "packs";
  TestRepo repo;  // no configuration: the bundled packs
  repo.write("README", "clean code\n");
  std::string base = repo.commit("base");
  std::map<std::string, std::string> files;  // repository path -> language directory
  for (const auto& language : fs::directory_iterator(packs)) {
    for (const auto& file : fs::directory_iterator(language.path())) {
      std::ifstream in(file.path(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      std::string path =
          language.path().filename().string() + "/" + file.path().filename().string();
      repo.write(path, text.str());
      files[path] = language.path().filename().string();
    }
  }
  REQUIRE(files.size() >= 6);
  repo.commit("clean files");

  MentorRun run = run_mentor({"-C", repo.path().string(), "check", "--format", "json", "--fail-on",
                              "never", base + "..HEAD"});
  INFO(run.err);
  REQUIRE(run.code == 0);
  std::map<std::string, int> praised;
  for (const auto& f : nlohmann::json::parse(run.out)) {
    INFO(f.dump());
    CHECK(f["severity"] == "praise");
    praised[f["path"].get<std::string>()]++;
  }
  // The packs' praise rules see good code too.
  CHECK(!praised.empty());
}

}  // namespace mentor::test
