// The compiled-in grammars and the extension map.
#include "lang/language.hpp"

#include <algorithm>
#include <array>

extern "C" {
const TSLanguage* tree_sitter_bash();
const TSLanguage* tree_sitter_c();
const TSLanguage* tree_sitter_c_sharp();
const TSLanguage* tree_sitter_cpp();
const TSLanguage* tree_sitter_css();
const TSLanguage* tree_sitter_elixir();
const TSLanguage* tree_sitter_go();
const TSLanguage* tree_sitter_haskell();
const TSLanguage* tree_sitter_hcl();
const TSLanguage* tree_sitter_html();
const TSLanguage* tree_sitter_java();
const TSLanguage* tree_sitter_javascript();
const TSLanguage* tree_sitter_json();
const TSLanguage* tree_sitter_kotlin();
const TSLanguage* tree_sitter_lua();
const TSLanguage* tree_sitter_php_only();
const TSLanguage* tree_sitter_python();
const TSLanguage* tree_sitter_ruby();
const TSLanguage* tree_sitter_rust();
const TSLanguage* tree_sitter_scala();
const TSLanguage* tree_sitter_solidity();
const TSLanguage* tree_sitter_swift();
const TSLanguage* tree_sitter_tsx();
const TSLanguage* tree_sitter_typescript();
const TSLanguage* tree_sitter_yaml();
}

namespace mentor::lang {

namespace {

// ast-grep's expando character: `$` is not an identifier character in these languages, so
// metavariables are rewritten to U+00B5 before a pattern is parsed.
constexpr char32_t kMicro = U'\u00B5';

constexpr CommentMarkers kHash{"#", {}, {}};
constexpr CommentMarkers kSlashes{"//", "/*", "*/"};

// The expando characters are ast-grep's (its `expando_char` of each language): `$` where it is
// an identifier character or where ast-grep does not replace it.
const std::array<Language, 25>& languages() {
  static const std::array<Language, 25> table = {{
      {"bash", tree_sitter_bash(), U'$', kHash, {"function_definition"}, "sh"},
      {"c", tree_sitter_c(), kMicro, kSlashes, {"function_definition"}, "c"},
      {"cpp", tree_sitter_cpp(), kMicro, kSlashes, {"function_definition"}, "cpp"},
      {"csharp",
       tree_sitter_c_sharp(),
       kMicro,
       kSlashes,
       {"method_declaration", "constructor_declaration", "local_function_statement"},
       "cs"},
      {"css", tree_sitter_css(), U'_', {{}, "/*", "*/"}, {}, "css"},
      {"elixir", tree_sitter_elixir(), kMicro, kHash, {}, "ex"},
      {"go",
       tree_sitter_go(),
       kMicro,
       kSlashes,
       {"function_declaration", "method_declaration"},
       "go"},
      {"haskell", tree_sitter_haskell(), kMicro, {"--", "{-", "-}"}, {"function"}, "hs"},
      {"hcl", tree_sitter_hcl(), kMicro, {"#", "/*", "*/"}, {}, "tf"},
      {"html", tree_sitter_html(), U'$', {{}, "<!--", "-->"}, {}, "html"},
      {"java",
       tree_sitter_java(),
       U'$',
       kSlashes,
       {"method_declaration", "constructor_declaration"},
       "java"},
      {"javascript",
       tree_sitter_javascript(),
       U'$',
       kSlashes,
       {"function_declaration", "method_definition", "generator_function_declaration"},
       "js"},
      {"json", tree_sitter_json(), U'$', {}, {}, "json"},
      {"kotlin", tree_sitter_kotlin(), kMicro, kSlashes, {"function_declaration"}, "kt"},
      {"lua", tree_sitter_lua(), U'$', {"--", {}, {}}, {"function_declaration"}, "lua"},
      {"php",
       tree_sitter_php_only(),
       kMicro,
       kSlashes,
       {"function_definition", "method_declaration"},
       "php"},
      {"python", tree_sitter_python(), kMicro, kHash, {"function_definition"}, "py"},
      {"ruby", tree_sitter_ruby(), kMicro, kHash, {"method", "singleton_method"}, "rb"},
      {"rust", tree_sitter_rust(), kMicro, kSlashes, {"function_item"}, "rs"},
      {"scala", tree_sitter_scala(), U'$', kSlashes, {"function_definition"}, "scala"},
      {"solidity",
       tree_sitter_solidity(),
       U'$',
       kSlashes,
       {"function_definition", "modifier_definition"},
       "sol"},
      {"swift", tree_sitter_swift(), kMicro, kSlashes, {"function_declaration"}, "swift"},
      {"tsx",
       tree_sitter_tsx(),
       U'$',
       kSlashes,
       {"function_declaration", "method_definition", "generator_function_declaration"},
       "tsx"},
      {"typescript",
       tree_sitter_typescript(),
       U'$',
       kSlashes,
       {"function_declaration", "method_definition", "generator_function_declaration"},
       "ts"},
      {"yaml", tree_sitter_yaml(), U'$', kHash, {}, "yaml"},
  }};
  return table;
}

struct Alias {
  std::string_view alias;
  std::string_view name;
};

constexpr std::array<Alias, 20> kAliases = {{
    {"c#", "csharp"},      {"c++", "cpp"},    {"cs", "csharp"},     {"ex", "elixir"},
    {"golang", "go"},      {"hs", "haskell"}, {"terraform", "hcl"}, {"js", "javascript"},
    {"jsx", "javascript"}, {"kt", "kotlin"},  {"py", "python"},     {"python3", "python"},
    {"rb", "ruby"},        {"rs", "rust"},    {"sh", "bash"},       {"shell", "bash"},
    {"ts", "typescript"},  {"yml", "yaml"},   {"zsh", "bash"},      {"exs", "elixir"},
}};

struct Extension {
  std::string_view extension;
  std::string_view language;
};

constexpr std::array<Extension, 56> kExtensions = {{
    {"bash", "bash"},     {"bats", "bash"},      {"sh", "bash"},        {"c", "c"},
    {"h", "c"},           {"cs", "csharp"},      {"cc", "cpp"},         {"cpp", "cpp"},
    {"cxx", "cpp"},       {"c++", "cpp"},        {"hpp", "cpp"},        {"hh", "cpp"},
    {"hxx", "cpp"},       {"h++", "cpp"},        {"ipp", "cpp"},        {"css", "css"},
    {"ex", "elixir"},     {"exs", "elixir"},     {"go", "go"},          {"hs", "haskell"},
    {"htm", "html"},      {"html", "html"},      {"xhtml", "html"},     {"java", "java"},
    {"js", "javascript"}, {"mjs", "javascript"}, {"cjs", "javascript"}, {"jsx", "javascript"},
    {"json", "json"},     {"kt", "kotlin"},      {"kts", "kotlin"},     {"ktm", "kotlin"},
    {"lua", "lua"},       {"php", "php"},        {"py", "python"},      {"pyi", "python"},
    {"rb", "ruby"},       {"rake", "ruby"},      {"gemspec", "ruby"},   {"ru", "ruby"},
    {"rs", "rust"},       {"scala", "scala"},    {"sc", "scala"},       {"sbt", "scala"},
    {"swift", "swift"},   {"ts", "typescript"},  {"mts", "typescript"}, {"cts", "typescript"},
    {"tsx", "tsx"},       {"yml", "yaml"},       {"yaml", "yaml"},      {"zsh", "bash"},
    {"hcl", "hcl"},       {"tf", "hcl"},         {"tfvars", "hcl"},     {"sol", "solidity"},
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
