// Where a YAML node was written, for errors that name file:line:col.
#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

#include "util/error.hpp"

namespace mentor::util {

// The 1-based position of `node` in `file`; line and column 0 when yaml-cpp has no mark (a
// node made in code, or a missing one).
inline SourcePos pos_of(const YAML::Node& node, const std::string& file) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null())
    return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

}  // namespace mentor::util
