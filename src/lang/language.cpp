// The compiled-in grammars and the extension map.
#include "lang/language.hpp"

#include <algorithm>
#include <array>

extern "C" {
const TSLanguage* tree_sitter_c();
const TSLanguage* tree_sitter_cpp();
const TSLanguage* tree_sitter_go();
const TSLanguage* tree_sitter_java();
const TSLanguage* tree_sitter_javascript();
const TSLanguage* tree_sitter_python();
const TSLanguage* tree_sitter_rust();
const TSLanguage* tree_sitter_tsx();
const TSLanguage* tree_sitter_typescript();
}

namespace mentor::lang {

namespace {

// ast-grep's expando character: `$` is not an identifier character in these languages, so
// metavariables are rewritten to U+00B5 before a pattern is parsed.
constexpr char32_t kMicro = U'\u00B5';

// Python's hard keywords (the language reference, "Keywords"); soft keywords such as `match`,
// `case`, `type` and `print` in Python 2 code are names too.
constexpr std::array<std::string_view, 32> kPythonKeywords = {
    "and",    "as",   "assert", "async",  "await",  "break",   "class",    "continue",
    "def",    "del",  "elif",   "else",   "except", "finally", "for",      "from",
    "global", "if",   "import", "in",     "is",     "lambda",  "nonlocal", "not",
    "or",     "pass", "raise",  "return", "try",    "while",   "with",     "yield"};

const std::array<Language, 9>& languages() {
  static const std::array<Language, 9> table = {{
      {"c", tree_sitter_c(), kMicro},
      {"cpp", tree_sitter_cpp(), kMicro},
      {"go", tree_sitter_go(), kMicro},
      {"java", tree_sitter_java(), U'$'},
      {"javascript", tree_sitter_javascript(), U'$'},
      {"python", tree_sitter_python(), kMicro, kPythonKeywords},
      {"rust", tree_sitter_rust(), kMicro},
      {"tsx", tree_sitter_tsx(), U'$'},
      {"typescript", tree_sitter_typescript(), U'$'},
  }};
  return table;
}

struct Alias {
  std::string_view alias;
  std::string_view name;
};

constexpr std::array<Alias, 8> kAliases = {{
    {"c++", "cpp"},
    {"golang", "go"},
    {"js", "javascript"},
    {"jsx", "javascript"},
    {"py", "python"},
    {"python3", "python"},
    {"rs", "rust"},
    {"ts", "typescript"},
}};

struct Extension {
  std::string_view extension;
  std::string_view language;
};

constexpr std::array<Extension, 24> kExtensions = {{
    {"c", "c"},
    {"h", "c"},
    {"cc", "cpp"},
    {"cpp", "cpp"},
    {"cxx", "cpp"},
    {"c++", "cpp"},
    {"hpp", "cpp"},
    {"hh", "cpp"},
    {"hxx", "cpp"},
    {"h++", "cpp"},
    {"ipp", "cpp"},
    {"go", "go"},
    {"java", "java"},
    {"js", "javascript"},
    {"mjs", "javascript"},
    {"cjs", "javascript"},
    {"jsx", "javascript"},
    {"py", "python"},
    {"pyi", "python"},
    {"rs", "rust"},
    {"ts", "typescript"},
    {"mts", "typescript"},
    {"cts", "typescript"},
    {"tsx", "tsx"},
}};

}  // namespace

std::span<const Language> all_languages() {
  return languages();
}

const Language* find_language(std::string_view name) {
  for (const auto& alias : kAliases) {
    if (alias.alias == name) {
      name = alias.name;
      break;
    }
  }
  for (const auto& language : languages()) {
    if (language.name == name)
      return &language;
  }
  return nullptr;
}

LanguageMap::LanguageMap() {
  for (const auto& entry : kExtensions) {
    by_extension_.emplace(std::string(entry.extension), find_language(entry.language));
  }
}

void LanguageMap::set(std::string extension, const Language* language) {
  if (language == nullptr) {
    by_extension_.erase(extension);
  } else {
    by_extension_[std::move(extension)] = language;
  }
}

std::string LanguageMap::describe() const {
  std::string out;
  for (const auto& [extension, language] : by_extension_)
    out.append(extension).append(1, '=').append(language->name).append(1, '\n');
  return out;
}

const Language* LanguageMap::for_path(std::string_view path) const {
  std::size_t slash = path.rfind('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  std::size_t dot = base.rfind('.');
  if (dot == std::string_view::npos || dot == 0)
    return nullptr;
  auto it = by_extension_.find(base.substr(dot + 1));
  return it == by_extension_.end() ? nullptr : it->second;
}

}  // namespace mentor::lang
