// Metavariable bindings.
#include "rules/meta_var_env.hpp"

#include "rules/match_context.hpp"

namespace mentor::rules {

bool same_code(TSNode a, TSNode b, MatchContext& context) {
  if (ts_node_eq(a, b))
    return true;
  // As ast-grep: when either node has no named child, the texts decide, whatever the kinds
  // (`xs` is an `identifier` in `xs = ...` and an `expression` leaf elsewhere in some grammars;
  // `kind` is an `identifier` and a `property_identifier` in `const kind = o.kind`).
  if (ts_node_named_child_count(a) == 0 || ts_node_named_child_count(b) == 0)
    return context.text(a) == context.text(b);
  if (context.kinds.canonical(a) != context.kinds.canonical(b))
    return false;
  std::uint32_t count = ts_node_child_count(a);
  if (count != ts_node_child_count(b))
    return false;
  std::vector<TSNode> left = context.children(a);
  std::vector<TSNode> right = context.children(b);
  for (std::size_t i = 0; i < left.size(); ++i) {
    if (!same_code(left[i], right[i], context))
      return false;
  }
  return true;
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
        text = std::string(source.substr(start, end - start));
    }
    out.emplace_back(binding.name, std::move(text));
  }
  return out;
}

}  // namespace mentor::rules
