// An owned tree-sitter cursor and the preorder walk every tree traversal uses.
#pragma once

#include <tree_sitter/api.h>

namespace mentor::lang {

// An owned TSTreeCursor.
class TreeCursor {
 public:
  explicit TreeCursor(TSNode node) : cursor_(ts_tree_cursor_new(node)) {}
  ~TreeCursor() { ts_tree_cursor_delete(&cursor_); }
  TreeCursor(const TreeCursor&) = delete;
  TreeCursor& operator=(const TreeCursor&) = delete;

  TSTreeCursor* get() { return &cursor_; }
  TSNode node() const { return ts_tree_cursor_current_node(&cursor_); }

  // One step of a preorder walk of the subtree the cursor started at, without recursion: into
  // the current node's first child when `descend` (and it has one), else to the next node after
  // its subtree. False once the walk is over; it never leaves the starting node.
  bool next(bool descend = true) {
    if (descend && ts_tree_cursor_goto_first_child(&cursor_)) {
      ++depth_;
      return true;
    }
    while (depth_ > 0) {
      if (ts_tree_cursor_goto_next_sibling(&cursor_))
        return true;
      ts_tree_cursor_goto_parent(&cursor_);
      --depth_;
    }
    return false;
  }

  // Levels below the starting node of the current node, for walks made with next().
  unsigned depth() const { return depth_; }

 private:
  TSTreeCursor cursor_;
  unsigned depth_ = 0;  // below the starting node, for next()
};

}  // namespace mentor::lang
