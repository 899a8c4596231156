// Fuzz target: .git-mentor.yaml. A text that parses gives a configuration whose globs are then
// matched (`ignores` and `mentees` against the `rules` entries and a few fixed paths, as a
// review matches them against paths and authors) and whose language names are looked up.
// mentor::Error (file:line:col) is the expected failure; any other exception is a bug.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "cli/config.hpp"
#include "fuzz_support.hpp"
#include "lang/language.hpp"
#include "util/error.hpp"
#include "util/glob.hpp"

using namespace mentor;

namespace {

constexpr std::array<std::string_view, 3> kPaths = {
    "src/app/main.py", "vendor/lib/deep/nested/file.js", "Mentee Example <mentee@example.org>"};

void match_globs(const std::vector<std::string>& globs, const cli::Config& config) {
  for (const std::string& glob : globs) {
    for (std::string_view path : kPaths)
      util::glob_match(glob, path);
    for (const std::string& path : config.rules)
      util::glob_match(glob, path);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = fuzz::as_text(data, size);
  cli::Config config;
  try {
    config = cli::parse_config(text, ".git-mentor.yaml");
  } catch (const Error& e) {
    fuzz::check(e.pos().file == ".git-mentor.yaml", "an error without its file");
    return 0;
  }
  fuzz::check(config.max_file_bytes > 0, "max_file_bytes of 0");
  fuzz::check(config.languages.size() == config.language_positions.size(),
              "a language mapping without its position");
  for (const auto& [extension, name] : config.languages)
    lang::find_language(name);
  match_globs(config.ignores, config);
  match_globs(config.mentees, config);
  return 0;
}
