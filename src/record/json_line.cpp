// The common form of stored lines.
#include "record/json_line.hpp"

namespace mentor::record {

std::string canonical_line(const nlohmann::ordered_json& json) {
  return json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

LineObject parse_line_object(std::string_view line) {
  LineObject parsed{nlohmann::json::parse(line, nullptr, false), {}};
  const nlohmann::json& json = parsed.json;
  if (json.is_discarded() || !json.is_object()) {
    parsed.problem = "not a JSON object";
    return parsed;
  }
  auto version = json.find("v");
  if (version == json.end() || !version->is_number_integer()) {
    parsed.problem = "no format version \"v\"";
  } else if (version->get<long long>() != kFormatVersion) {
    parsed.problem = "format version " + std::to_string(version->get<long long>()) +
                     ", this git-mentor reads version " + std::to_string(kFormatVersion);
  }
  return parsed;
}

std::optional<std::string> string_member(const nlohmann::json& json, const char* key) {
  auto it = json.find(key);
  if (it == json.end() || !it->is_string())
    return std::nullopt;
  return it->get<std::string>();
}

}  // namespace mentor::record
