// What every line of git-mentor's notes has in common: one compact JSON object with a format
// version `v` (docs/storage.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace mentor::record {

// The `v` of every line this version writes. A reader skips lines of a newer version.
inline constexpr int kFormatVersion = 1;

// The stored form: no insignificant whitespace, keys in the order given, so the same content
// always gives the same bytes.
std::string canonical_line(const nlohmann::ordered_json& json);

// A stored line parsed: the object, or (when `problem` is not empty) why it is not a git-mentor
// line of kFormatVersion.
struct LineObject {
  nlohmann::json json;
  std::string problem;
};
LineObject parse_line_object(std::string_view line);

// The string member `key` of `json`; nullopt when missing or not a string.
std::optional<std::string> string_member(const nlohmann::json& json, const char* key);

}  // namespace mentor::record
