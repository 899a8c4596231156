// Owned tree-sitter parsers and trees.
#pragma once

#include <memory>
#include <string_view>

#include <tree_sitter/api.h>

#include "lang/language.hpp"

namespace mentor::lang {

struct TreeDeleter {
  void operator()(TSTree* tree) const { ts_tree_delete(tree); }
};
struct ParserDeleter {
  void operator()(TSParser* parser) const { ts_parser_delete(parser); }
};
struct QueryDeleter {
  void operator()(TSQuery* query) const { ts_query_delete(query); }
};
struct QueryCursorDeleter {
  void operator()(TSQueryCursor* cursor) const { ts_query_cursor_delete(cursor); }
};

using TreePtr = std::unique_ptr<TSTree, TreeDeleter>;
using QueryPtr = std::unique_ptr<TSQuery, QueryDeleter>;
using QueryCursorPtr = std::unique_ptr<TSQueryCursor, QueryCursorDeleter>;

// A syntax tree together with the language it was parsed with. The source text is not owned:
// the caller keeps it alive as long as it reads node text.
class Tree {
 public:
  Tree(TreePtr tree, const Language* language) : tree_(std::move(tree)), language_(language) {}
  TSNode root() const { return ts_tree_root_node(tree_.get()); }
  const Language& language() const { return *language_; }
  const TSTree* get() const { return tree_.get(); }

 private:
  TreePtr tree_;
  const Language* language_;
};

// One parser; not thread-safe, so use one per thread. Reuses its internal buffers across parses.
class Parser {
 public:
  Parser();
  Parser(Parser&&) noexcept = default;
  Parser& operator=(Parser&&) noexcept = default;

  // Parses `source` as `language`. Never returns an empty tree: syntax errors become ERROR nodes.
  // Throws mentor::Error if the grammar's ABI is not supported by the runtime.
  Tree parse(const Language& language, std::string_view source);

 private:
  std::unique_ptr<TSParser, ParserDeleter> parser_;
  const Language* current_ = nullptr;
};

// The UTF-8 text of `node` inside `source`.
inline std::string_view node_text(TSNode node, std::string_view source) {
  uint32_t start = ts_node_start_byte(node);
  uint32_t end = ts_node_end_byte(node);
  if (start > source.size())
    return {};
  if (end > source.size())
    end = static_cast<uint32_t>(source.size());
  return source.substr(start, end - start);
}

}  // namespace mentor::lang
