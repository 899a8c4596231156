// ast-grep's project file, sgconfig.yml: where an ast-grep project keeps its rules, shared
// utility rules and rule tests, so that git-mentor can use such a project as it is.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace mentor::cli {

// The names ast-grep looks for, in its order.
inline constexpr std::array<std::string_view, 2> kSgConfigFiles = {"sgconfig.yml", "sgconfig.yaml"};

// The directories an sgconfig.yml names, as written (relative to its directory). Its other keys
// (customLanguages, languageGlobs, languageInjections...) are ignored.
struct AstGrepProject {
  std::vector<std::string> rule_dirs;  // ruleDirs
  std::vector<std::string> util_dirs;  // utilDirs
  std::vector<std::string> test_dirs;  // testConfigs[].testDir
};

// Parses an sgconfig.yml. Throws mentor::Error (file:line:col) for a YAML syntax error or a key
// above whose value has the wrong shape.
AstGrepProject parse_sg_config(std::string_view yaml_text, const std::string& file_name);

}  // namespace mentor::cli
