// The rule packs bundled in rules/, compiled into the binary (see cmake/EmbedRules.cmake).
#pragma once

#include <span>
#include <string_view>

namespace mentor::rules {

struct BuiltinRuleFile {
  std::string_view path;  // "rules/python/bare-except.yaml"
  std::string_view text;  // the YAML
};

// Every bundled rule file, sorted by path.
std::span<const BuiltinRuleFile> builtin_rule_files();

}  // namespace mentor::rules
