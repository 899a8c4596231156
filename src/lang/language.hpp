// The grammars compiled into git-mentor and the file-extension -> language map.
#pragma once

#include <array>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include <tree_sitter/api.h>

namespace mentor::lang {

// A language's comments, for scans that do not parse: a line comment runs from `line` to the end
// of its line, a block comment from `open` to `close`. Empty markers: the language has none of
// that form.
struct CommentMarkers {
  std::string_view line;
  std::string_view open;
  std::string_view close;
};

// A grammar compiled into the binary, with what the rest of git-mentor needs to know of its
// language. Instances are static and live for the whole program.
struct Language {
  std::string_view name;  // canonical name used in rule files: "python", "tsx", ...
  const TSLanguage* ts;   // never null
  char32_t expando;       // character that replaces `$` in patterns when `$` is not valid in an
                          // identifier of this language (ast-grep's expando_char); '$' if valid
  CommentMarkers comments = {};
  // The kinds of a named function or method (unused entries empty), where practice cuts an
  // exercise out of a file.
  std::array<std::string_view, 4> functions = {};
  std::string_view extension = "txt";  // of a file of this language that git-mentor writes
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
