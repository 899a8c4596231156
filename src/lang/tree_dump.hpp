// A syntax tree as indented text: what `git mentor rules try --debug=ast|cst` prints.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <tree_sitter/api.h>

namespace mentor::lang {

struct TreeDumpOptions {
  bool named_only = false;       // ast: named nodes only; cst: every node, anonymous ones too
  std::size_t max_nodes = 2000;  // nodes shown; the others are only counted
};

// Levels of indentation a dump shows; a deeper node is shown at this indentation, its line
// starting with "[depth N] ".
inline constexpr std::size_t kMaxDumpIndent = 40;

// The tree below `root` (its text is `source`), one node a line in preorder, as ast-grep's
// --debug-query=ast|cst prints it: two spaces per level, `field: ` when the node is in a field
// of its parent, its kind, its range `(row,col)-(row,col)` (0-based, columns in bytes); then, for
// a named leaf, its text in double quotes (shortened), and ` MISSING` for a node the parser
// inserted. With named_only, levels count shown nodes only. Past options.max_nodes, a last line
// says how many nodes were not shown. Kinds and texts go through util::terminal_safe, so the
// result is safe for a terminal. Walks with a cursor: the call stack does not grow with the
// depth of the tree.
std::string dump_tree(TSNode root, std::string_view source, const TreeDumpOptions& options = {});

}  // namespace mentor::lang
