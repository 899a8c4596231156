// What matching needs besides the rule and the node: the source text and scratch state.
#pragma once

#include <string_view>
#include <vector>

#include <tree_sitter/api.h>

#include "lang/parser.hpp"
#include "rules/node_kinds.hpp"

namespace mentor::rules {

// An owned TSTreeCursor.
class TreeCursor {
 public:
  explicit TreeCursor(TSNode node) : cursor_(ts_tree_cursor_new(node)) {}
  ~TreeCursor() { ts_tree_cursor_delete(&cursor_); }
  TreeCursor(const TreeCursor&) = delete;
  TreeCursor& operator=(const TreeCursor&) = delete;

  TSTreeCursor* get() { return &cursor_; }

 private:
  TSTreeCursor cursor_;
};

// Per-call matching state over one tree. Not shared between threads: each match_rules call
// makes its own.
struct MatchContext {
  MatchContext(std::string_view source_text, const KindTable& kind_table, TSNode root)
      : source(source_text), kinds(kind_table), cursor(root) {}

  std::string_view source;
  const KindTable& kinds;
  TreeCursor cursor;  // scratch cursor for listing children in O(children)

  std::string_view text(TSNode node) const { return lang::node_text(node, source); }

  // Every child of `node`, named or not, in order.
  std::vector<TSNode> children(TSNode node) {
    std::vector<TSNode> out;
    ts_tree_cursor_reset(cursor.get(), node);
    if (ts_tree_cursor_goto_first_child(cursor.get())) {
      do {
        out.push_back(ts_tree_cursor_current_node(cursor.get()));
      } while (ts_tree_cursor_goto_next_sibling(cursor.get()));
    }
    return out;
  }
};

}  // namespace mentor::rules
