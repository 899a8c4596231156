// Where a YAML node was written, for errors that name file:line:col.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>

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

// A key written twice in one mapping: yaml-cpp keeps both entries and a lookup finds only one,
// so the other is silently lost. `first` and `second` are the two key nodes, in file order.
struct DuplicateKey {
  YAML::Node first;
  YAML::Node second;
};

// The first key of the mapping `map` that repeats an earlier one (scalar keys only).
inline std::optional<DuplicateKey> find_duplicate_key(const YAML::Node& map) {
  if (!map.IsMap())
    return std::nullopt;
  std::unordered_map<std::string, YAML::Node> seen;
  for (const auto& entry : map) {
    if (!entry.first.IsScalar())
      continue;
    auto [it, inserted] = seen.emplace(entry.first.Scalar(), entry.first);
    if (!inserted)
      return DuplicateKey{it->second, entry.first};
  }
  return std::nullopt;
}

}  // namespace mentor::util
