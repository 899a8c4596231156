// Files of the source tree compiled into the binary (see cmake/EmbedRules.cmake).
#pragma once

#include <span>
#include <string_view>

namespace mentor {

struct EmbeddedFile {
  std::string_view path;  // as in the source tree: "rules/python/py-eval.yaml", "hooks/pre-push"
  std::string_view text;
};

// The bundled rule packs: rules/**/*.yaml, sorted by path.
std::span<const EmbeddedFile> builtin_rule_files();

// The hook scripts git mentor hook install writes: hooks/*, sorted by path.
std::span<const EmbeddedFile> hook_script_files();

}  // namespace mentor
