// Owned tree-sitter parsers.
#include "lang/parser.hpp"

#include "util/error.hpp"

namespace mentor::lang {

Parser::Parser() : parser_(ts_parser_new()) {}

Tree Parser::parse(const Language& language, std::string_view source) {
  if (current_ != &language) {
    if (!ts_parser_set_language(parser_.get(), language.ts)) {
      throw Error("the " + std::string(language.name) + " grammar (ABI " +
                  std::to_string(ts_language_version(language.ts)) +
                  ") is not supported by this tree-sitter runtime");
    }
    current_ = &language;
  }
  TSTree* tree = ts_parser_parse_string(parser_.get(), nullptr, source.data(),
                                        static_cast<uint32_t>(source.size()));
  if (tree == nullptr)
    throw Error("tree-sitter failed to parse a " + std::string(language.name) + " file");
  return Tree(TreePtr(tree), &language);
}

}  // namespace mentor::lang
