// Matches with the nodes of their metavariables.
#include "rules/match_details.hpp"

#include <algorithm>
#include <tuple>

#include "rules/match_context.hpp"
#include "rules/matcher.hpp"
#include "rules/meta_var_env.hpp"
#include "rules/node_kinds.hpp"
#include "rules/rule_engine.hpp"

namespace mentor::rules {

namespace {

BoundNode bound_node(TSNode node, std::string_view source) {
  TSPoint start = ts_node_start_point(node);
  TSPoint end = ts_node_end_point(node);
  return {std::string(lang::node_text(node, source)), ts_node_is_named(node),
          NodeRange{ts_node_start_byte(node), ts_node_end_byte(node), start.row, start.column,
                    end.row, end.column}};
}

std::vector<MetaVariable> variables_of(const MetaVarEnv& env, std::string_view source) {
  std::vector<MetaVariable> out;
  for (const auto& binding : env.bindings()) {
    MetaVariable variable{binding.name, binding.multi, {}};
    for (TSNode node : binding.nodes)
      variable.nodes.push_back(bound_node(node, source));
    out.push_back(std::move(variable));
  }
  return out;
}

// Whether a node of canonical kind `kind` may match `matcher` (its root kinds allow it).
bool may_match(const Matcher& matcher, TSSymbol kind) {
  const auto& kinds = matcher.root_kinds();
  return !kinds || std::binary_search(kinds->begin(), kinds->end(), kind);
}

}  // namespace

std::vector<DetailedMatch> match_rules_detailed(std::span<const Rule* const> rules,
                                                const lang::Tree& tree, std::string_view source) {
  std::vector<DetailedMatch> out;
  const KindTable& kinds = KindTable::of(tree.language().ts);
  TSNode root = tree.root();
  MatchContext context(source, kinds, root);
  MetaVarEnv env;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const Matcher* matcher = rules[i]->matcher.get();
    if (matcher == nullptr)
      continue;
    if (matcher->is_query()) {
      // A query's captures are known by their text only.
      for (auto& match : matcher->run_query(root, context)) {
        std::vector<MetaVariable> variables;
        for (const auto& [name, text] : match.captures)
          variables.push_back({name, false, {BoundNode{text, true, std::nullopt}}});
        out.push_back({i, std::move(match), std::move(variables)});
      }
      continue;
    }
    TreeCursor cursor(root);
    do {
      TSNode node = cursor.node();
      if (!may_match(*matcher, kinds.canonical(node)))
        continue;
      env.clear();
      if (matcher->matches(node, context, env))
        out.push_back({i, make_match(node, env.captures(source)), variables_of(env, source)});
    } while (cursor.next());
  }
  // As match_rules: by (start, end, rule), the first of equal keys kept.
  auto key = [](const DetailedMatch& m) {
    return std::make_tuple(m.match.start_byte, m.match.end_byte, m.rule);
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const DetailedMatch& a, const DetailedMatch& b) { return key(a) < key(b); });
  out.erase(
      std::unique(out.begin(), out.end(),
                  [&](const DetailedMatch& a, const DetailedMatch& b) { return key(a) == key(b); }),
      out.end());
  return out;
}

}  // namespace mentor::rules
