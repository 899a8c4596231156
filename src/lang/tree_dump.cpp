// Syntax trees as indented text.
#include "lang/tree_dump.hpp"

#include <vector>

#include <fmt/format.h>

#include "lang/parser.hpp"
#include "lang/tree_cursor.hpp"
#include "util/encoding.hpp"
#include "util/excerpt.hpp"

namespace mentor::lang {

namespace {

// The most bytes of a leaf's text a line shows.
constexpr std::size_t kMaxLeafText = 40;

void append_node(std::string& out, TSNode node, const char* field, std::size_t level,
                 std::string_view source) {
  if (level > kMaxDumpIndent) {
    out.append(kMaxDumpIndent * 2, ' ');
    out += fmt::format("[depth {}] ", level);
  } else {
    out.append(level * 2, ' ');
  }
  if (field != nullptr)
    out += util::terminal_safe(field) + ": ";
  TSPoint start = ts_node_start_point(node);
  TSPoint end = ts_node_end_point(node);
  out += fmt::format("{} ({},{})-({},{})", util::terminal_safe(ts_node_type(node)), start.row,
                     start.column, end.row, end.column);
  if (ts_node_is_named(node) && ts_node_child_count(node) == 0 && !ts_node_is_missing(node))
    out +=
        " \"" + util::terminal_safe(util::shortened(node_text(node, source), kMaxLeafText)) + "\"";
  if (ts_node_is_missing(node))
    out += " MISSING";
  out += '\n';
}

}  // namespace

std::string dump_tree(TSNode root, std::string_view source, const TreeDumpOptions& options) {
  std::string out;
  std::size_t shown = 0;
  std::size_t hidden = 0;
  // shown_above[d]: the shown nodes among the ancestors of a node at cursor depth d.
  std::vector<std::size_t> shown_above{0};
  TreeCursor cursor(root);
  do {
    unsigned depth = cursor.depth();
    TSNode node = cursor.node();
    bool listed = !options.named_only || ts_node_is_named(node);
    if (shown_above.size() < depth + 2)
      shown_above.resize(depth + 2);
    shown_above[depth + 1] = shown_above[depth] + (listed ? 1 : 0);
    if (!listed)
      continue;
    if (shown == options.max_nodes) {
      ++hidden;
      continue;
    }
    ++shown;
    const char* field = depth == 0 ? nullptr : ts_tree_cursor_current_field_name(cursor.get());
    append_node(out, node, field, shown_above[depth], source);
  } while (cursor.next());
  if (hidden > 0)
    out += fmt::format("... {} more node{} not shown (a dump stops at {} nodes)\n", hidden,
                       hidden == 1 ? "" : "s", options.max_nodes);
  return out;
}

}  // namespace mentor::lang
