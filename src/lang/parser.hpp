// Owned tree-sitter parsers and trees.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include <tree_sitter/api.h>

#include "lang/language.hpp"
#include "util/error.hpp"

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

// One change between two versions of a text, by whole lines (a zero-context diff hunk):
// `old_lines` lines from line `old_start` became `new_lines` lines from `new_start` (1-based; a
// start whose count is 0 names the line before the change).
struct LineEdit {
  std::uint32_t old_start = 0;
  std::uint32_t old_lines = 0;
  std::uint32_t new_start = 0;
  std::uint32_t new_lines = 0;
};

// Whether two trees have the same nodes: kinds, fields aside, byte ranges, points and the
// missing/error flags, compared with cursors (no recursion).
bool same_tree(const Tree& a, const Tree& b);

// How long one parse may take before it is abandoned (tree-sitter's parse timeout), unless the
// environment variable GIT_MENTOR_PARSE_TIMEOUT_MS says otherwise (for tests).
inline constexpr std::uint64_t kParseTimeoutMicros = 10'000'000;

// Thrown when a parse takes longer than the parse timeout: the review skips that file.
class ParseLimitExceeded : public Error {
 public:
  explicit ParseLimitExceeded(const std::string& message) : Error(message) {}
};

// One parser; not thread-safe, so use one per thread. Reuses its internal buffers across parses.
// Each parse is bounded by the parse timeout: past it, parse() and reparse() throw
// ParseLimitExceeded and the parser is ready for the next parse.
class Parser {
 public:
  Parser();
  Parser(Parser&&) noexcept = default;
  Parser& operator=(Parser&&) noexcept = default;

  // Parses `source` as `language`. Never returns an empty tree: syntax errors become ERROR nodes.
  // Throws mentor::Error if the grammar's ABI is not supported by the runtime.
  Tree parse(const Language& language, std::string_view source);

  // Parses `source`, a later version of `old_source` that `old` was parsed from, by editing a copy
  // of `old` with `edits` (in order, as a diff lists them) and reparsing incrementally: subtrees
  // the edits do not touch are reused. The result is the tree parse() gives: when the edits do
  // not describe the two texts, or the new tree has a syntax error (where error recovery may
  // differ), it falls back to a full parse. `old` is left as it was.
  Tree reparse(const Tree& old, std::string_view old_source, std::string_view source,
               std::span<const LineEdit> edits);

 private:
  void use(const Language& language);
  // The tree tree-sitter gives; throws ParseLimitExceeded past the parse timeout.
  TSTree* run(const Language& language, const TSTree* old, std::string_view source);

  std::unique_ptr<TSParser, ParserDeleter> parser_;
  const Language* current_ = nullptr;
  std::uint64_t timeout_micros_ = kParseTimeoutMicros;
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
