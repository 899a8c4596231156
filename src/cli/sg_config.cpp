// Reading ast-grep's sgconfig.yml.
#include "cli/sg_config.hpp"

#include <yaml-cpp/yaml.h>

#include "util/error.hpp"
#include "util/suggest.hpp"
#include "util/yaml_load.hpp"
#include "util/yaml_pos.hpp"

namespace mentor::cli {

namespace {

using util::pos_of;

std::vector<std::string> directories(const YAML::Node& node, std::string_view key,
                                     const std::string& file) {
  std::vector<std::string> out;
  if (node.IsNull())
    return out;
  if (!node.IsSequence())
    throw Error(fmt_key(key) + " must be a list of directories", pos_of(node, file));
  for (const auto& item : node) {
    if (!item.IsScalar())
      throw Error(fmt_key(key) + " must be a list of directories", pos_of(item, file));
    out.push_back(item.Scalar());
  }
  return out;
}

}  // namespace

AstGrepProject parse_sg_config(std::string_view yaml_text, const std::string& file_name) {
  YAML::Node root = util::load_yaml(yaml_text, file_name);
  AstGrepProject project;
  if (root.IsNull())
    return project;
  if (!root.IsMap())
    throw Error("an sgconfig.yml must be a map of keys", pos_of(root, file_name));
  for (const auto& entry : root) {
    if (!entry.first.IsScalar())
      continue;
    const std::string& key = entry.first.Scalar();
    const YAML::Node& value = entry.second;
    if (key == "ruleDirs") {
      project.rule_dirs = directories(value, key, file_name);
    } else if (key == "utilDirs") {
      project.util_dirs = directories(value, key, file_name);
    } else if (key == "testConfigs" && !value.IsNull()) {
      if (!value.IsSequence())
        throw Error("'testConfigs' must be a list of {testDir: DIR}", pos_of(value, file_name));
      for (const auto& test : value) {
        YAML::Node dir = test.IsMap() ? test["testDir"] : test;
        if (!dir || !dir.IsScalar())
          throw Error("each of 'testConfigs' needs a 'testDir'", pos_of(test, file_name));
        project.test_dirs.push_back(dir.Scalar());
      }
    }
  }
  return project;
}

}  // namespace mentor::cli
