// Parsing of .git-mentor.yaml.
#include "cli/config.hpp"

#include <array>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "cli/summary_config.hpp"
#include "util/suggest.hpp"

#include "util/yaml_load.hpp"
#include "util/yaml_pos.hpp"

namespace mentor::cli {

std::optional<FailOn> fail_on_from_string(std::string_view name) {
  if (name == "error")
    return FailOn::error;
  if (name == "warning")
    return FailOn::warning;
  if (name == "never")
    return FailOn::never;
  return std::nullopt;
}

namespace {

using util::pos_of;

std::vector<std::string> string_list(const YAML::Node& node, std::string_view key,
                                     const std::string& file) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.as<std::string>());
    return out;
  }
  if (!node.IsSequence()) {
    throw Error(fmt_key(key) + " must be a list of strings", pos_of(node, file));
  }
  for (const auto& item : node) {
    if (!item.IsScalar()) {
      throw Error(fmt_key(key) + " must be a list of strings", pos_of(item, file));
    }
    out.push_back(item.as<std::string>());
  }
  return out;
}

}  // namespace

Config parse_config(std::string_view yaml_text, const std::string& file_name) {
  static constexpr std::array<std::string_view, 8> kKeys = {
      "rules", "utils", "fail_on", "ignores", "max_file_bytes", "languages", "mentees", "summary"};
  // The repository's own file: bounded nesting and aliases, as rule files.
  YAML::Node root = util::load_yaml(yaml_text, file_name);
  Config config;
  if (root.IsNull())
    return config;
  if (!root.IsMap())
    throw Error("the configuration must be a mapping of keys", pos_of(root, file_name));
  if (auto duplicate = util::find_duplicate_key(root)) {
    throw Error("duplicate key '" + duplicate->second.Scalar() + "'",
                pos_of(duplicate->second, file_name));
  }

  for (const auto& entry : root) {
    if (!entry.first.IsScalar())
      throw Error("keys must be strings", pos_of(entry.first, file_name));
    const std::string key = entry.first.Scalar();
    const YAML::Node& value = entry.second;
    if (key == "rules") {
      config.rules = string_list(value, key, file_name);
    } else if (key == "utils") {
      config.utils = string_list(value, key, file_name);
    } else if (key == "ignores") {
      config.ignores = string_list(value, key, file_name);
    } else if (key == "mentees") {
      config.mentees = string_list(value, key, file_name);
    } else if (key == "fail_on") {
      auto fail_on = value.IsScalar() ? fail_on_from_string(value.Scalar()) : std::nullopt;
      if (!fail_on) {
        throw Error("fail_on must be one of error, warning, never", pos_of(value, file_name));
      }
      config.fail_on = fail_on;
    } else if (key == "max_file_bytes") {
      std::uint64_t bytes = 0;
      if (!value.IsScalar() || !YAML::convert<std::uint64_t>::decode(value, bytes) || bytes == 0 ||
          bytes > kMaxFileBytesLimit) {
        throw Error(fmt::format("max_file_bytes must be a positive number of bytes, at most {} "
                                "(a repository cannot make git-mentor read larger files)",
                                kMaxFileBytesLimit),
                    pos_of(value, file_name));
      }
      config.max_file_bytes = bytes;
    } else if (key == "languages") {
      if (!value.IsMap()) {
        throw Error("languages must map file extensions to language names",
                    pos_of(value, file_name));
      }
      for (const auto& mapping : value) {
        if (!mapping.second.IsScalar()) {
          throw Error("languages must map file extensions to language names",
                      pos_of(mapping.second, file_name));
        }
        std::string extension = mapping.first.as<std::string>();
        if (!extension.empty() && extension.front() == '.')
          extension.erase(0, 1);
        config.languages.emplace_back(extension, mapping.second.as<std::string>());
        config.language_positions.push_back(pos_of(mapping.second, file_name));
      }
    } else if (key == "summary") {
      config.summary = parse_summary_settings(value, file_name);
    } else {
      throw Error("unknown key '" + key + "'" + did_you_mean(key, kKeys),
                  pos_of(entry.first, file_name));
    }
  }
  return config;
}

}  // namespace mentor::cli
