// The grammars compiled into git-mentor and the file-extension -> language map.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>

#include <tree_sitter/api.h>

namespace mentor::lang {

// A grammar compiled into the binary. Instances are static and live for the whole program.
struct Language {
  std::string_view name;  // canonical name used in rule files: "python", "tsx", ...
  const TSLanguage* ts;   // never null
  char32_t expando;       // character that replaces `$` in patterns when `$` is not valid in an
                          // identifier of this language (ast-grep's expando_char); '$' if valid
  // Keywords that are never a name in the language but that the pinned grammar still parses as
  // an identifier where the keyword cannot stand (Python's `except: pass` reads as an annotated
  // assignment to `except`). Newer grammars reserve them; until then patterns check them.
  std::span<const std::string_view> reserved = {};
};

// Every compiled-in language, sorted by name.
std::span<const Language> all_languages();

// The language named `name` or one of its aliases ("js", "ts", "py", "c++", "golang"...);
// nullptr if unknown.
const Language* find_language(std::string_view name);

// Maps a path's extension to a language. Starts with the built-in table; config may override.
class LanguageMap {
 public:
  LanguageMap();

  // Maps `extension` (without the dot, e.g. "pyi") to `language`; nullptr unmaps it.
  void set(std::string extension, const Language* language);

  // The language of `path` by its extension; nullptr when the extension is not mapped.
  const Language* for_path(std::string_view path) const;

  // Every mapping, "extension=language" one a line, sorted: equal texts map paths alike.
  std::string describe() const;

 private:
  std::map<std::string, const Language*, std::less<>> by_extension_;
};

}  // namespace mentor::lang
