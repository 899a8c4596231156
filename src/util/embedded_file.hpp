// Files of the source tree compiled into the binary (see cmake/EmbedRules.cmake).
#pragma once

#include <span>
#include <string_view>

namespace mentor {

struct EmbeddedFile {
  std::string_view path;  // as in the source tree: "rules/python/py-eval.yaml", "hooks/pre-push"
  std::string_view text;
};

// The bundled rule packs: rules/**/*.yaml, sorted by path, as written.
std::span<const EmbeddedFile> builtin_rule_files();

// A bundled rule file parsed at build time (tools/pack_rules.cpp).
struct PackedRuleFile {
  std::string_view path;    // as in EmbeddedFile
  std::string_view packed;  // rules::encode_rule_specs of its documents
};

// The bundled rule packs as builtin_rule_files() lists them, packed: what the program loads.
std::span<const PackedRuleFile> builtin_rule_packs();

// The hook scripts git mentor hook install writes: hooks/*, sorted by path.
std::span<const EmbeddedFile> hook_script_files();

// The JSON Schemas of rule files and .git-mentor.yaml: schemas/*.json, sorted by path.
std::span<const EmbeddedFile> schema_files();

}  // namespace mentor
