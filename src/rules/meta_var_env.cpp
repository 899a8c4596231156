// Metavariable bindings.
#include "rules/meta_var_env.hpp"

#include "rules/match_context.hpp"
#include "util/excerpt.hpp"

namespace mentor::rules {

bool same_code(TSNode a, TSNode b, MatchContext& context) {
  // Both trees walked in step with one cursor each.
  TreeCursor left_walker(a);
  TreeCursor right_walker(b);
  TSTreeCursor* left = left_walker.get();
  TSTreeCursor* right = right_walker.get();
  unsigned depth = 0;
  for (;;) {
    TSNode x = ts_tree_cursor_current_node(left);
    TSNode y = ts_tree_cursor_current_node(right);
    context.step();
    if (!ts_node_eq(x, y)) {
      // As ast-grep: when either node has no named child, the texts decide, whatever the kinds
      // (`xs` is an `identifier` on the left of `xs = append(xs, 1)` in Go and an expression
      // leaf in the call; `kind` is an `identifier` and a `property_identifier` in
      // `const kind = o.kind`).
      if (ts_node_named_child_count(x) == 0 || ts_node_named_child_count(y) == 0) {
        if (context.text(x) != context.text(y))
          return false;
      } else {
        if (context.kinds.canonical(x) != context.kinds.canonical(y) ||
            ts_node_child_count(x) != ts_node_child_count(y))
          return false;
        // Both have children (a named one at least): compare them in order.
        ts_tree_cursor_goto_first_child(left);
        ts_tree_cursor_goto_first_child(right);
        ++depth;
        continue;
      }
    }
    for (;;) {
      if (depth == 0)
        return true;
      bool next = ts_tree_cursor_goto_next_sibling(left);
      if (next != ts_tree_cursor_goto_next_sibling(right))
        return false;
      if (next)
        break;
      ts_tree_cursor_goto_parent(left);
      ts_tree_cursor_goto_parent(right);
      --depth;
    }
  }
}

bool MetaVarEnv::bind_single(const std::string& name, TSNode node, MatchContext& context) {
  if (const Binding* bound = find(name)) {
    return !bound->multi && bound->nodes.size() == 1 && same_code(bound->nodes[0], node, context);
  }
  bindings_.push_back(Binding{name, {node}, false});
  return true;
}

bool MetaVarEnv::bind_multi(const std::string& name, std::vector<TSNode> nodes,
                            MatchContext& context) {
  if (const Binding* bound = find(name)) {
    if (!bound->multi || bound->nodes.size() != nodes.size())
      return false;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (!same_code(bound->nodes[i], nodes[i], context))
        return false;
    }
    return true;
  }
  bindings_.push_back(Binding{name, std::move(nodes), true});
  return true;
}

const Binding* MetaVarEnv::find(std::string_view name) const {
  for (const auto& binding : bindings_) {
    if (binding.name == name)
      return &binding;
  }
  return nullptr;
}

std::vector<std::pair<std::string, std::string>> MetaVarEnv::captures(
    std::string_view source) const {
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(bindings_.size());
  for (const auto& binding : bindings_) {
    std::string text;
    if (!binding.nodes.empty()) {
      std::uint32_t start = ts_node_start_byte(binding.nodes.front());
      std::uint32_t end = ts_node_end_byte(binding.nodes.back());
      if (start <= end && end <= source.size())
        text = util::shortened(source.substr(start, end - start));
    }
    out.emplace_back(binding.name, std::move(text));
  }
  return out;
}

}  // namespace mentor::rules
