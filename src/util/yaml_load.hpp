// YAML from untrusted text: every file a repository holds (rule files, utility rule files, rule
// tests, .git-mentor.yaml) is loaded here, with bounded nesting and bounded alias expansion.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "util/error.hpp"

namespace mentor::util {

// How deeply collections may nest in one document (a rule file needs about ten levels).
inline constexpr std::size_t kMaxYamlDepth = 64;

// How many nodes the documents of one file may have, counted as a walk over them sees them: an
// alias counts the nodes of what it names again each time it is used. yaml-cpp shares aliased
// nodes, so ten aliases of ten aliases... cost nothing to load and billions of steps to walk.
inline constexpr std::size_t kMaxYamlNodes = 100'000;

// The documents of `text`, loaded and then walked once (iteratively) to check both bounds.
// Throws mentor::Error at file:line:col: "invalid YAML: ..." for a syntax error, and for a
// document that nests deeper than kMaxYamlDepth or expands to more than kMaxYamlNodes nodes.
// Nesting deeper than yaml-cpp's own recursion limit (500) is reported the same way.
std::vector<YAML::Node> load_yaml_documents(std::string_view text, const std::string& file);

// The first document of `text` (a null node for empty text), under the same checks.
YAML::Node load_yaml(std::string_view text, const std::string& file);

}  // namespace mentor::util
