// Runs compiled rules over one parsed file: one tree walk for rule trees, a query cursor for
// query rules.
#include "rules/rule_engine.hpp"

#include <algorithm>
#include <tuple>

#include "rules/fix.hpp"
#include "rules/match_context.hpp"
#include "rules/matcher.hpp"
#include "rules/meta_var_env.hpp"
#include "rules/node_kinds.hpp"

namespace mentor::rules {

namespace {

// Rule indexes by the canonical kind a node must have; `any_kind` rules are tried on every node.
struct KindIndex {
  std::vector<std::vector<std::size_t>> by_kind;
  std::vector<std::size_t> any_kind;
  bool empty = true;
};

KindIndex index_rules(std::span<const Rule* const> rules, const KindTable& kinds) {
  KindIndex index;
  index.by_kind.resize(kinds.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const Matcher* matcher = rules[i]->matcher.get();
    if (matcher == nullptr || matcher->is_query())
      continue;
    index.empty = false;
    const auto& root_kinds = matcher->root_kinds();
    bool indexable =
        root_kinds.has_value() && std::all_of(root_kinds->begin(), root_kinds->end(),
                                              [&](TSSymbol kind) { return kind < kinds.size(); });
    if (!indexable) {
      index.any_kind.push_back(i);
      continue;
    }
    for (TSSymbol kind : *root_kinds)
      index.by_kind[kind].push_back(i);
  }
  return index;
}

// Whether [start, end) intersects one of `ranges` (sorted, disjoint); empty `ranges` = all.
bool intersects(std::span<const ByteRange> ranges, std::uint32_t start, std::uint32_t end) {
  if (ranges.empty())
    return true;
  // The first range that ends after `start`.
  auto it = std::upper_bound(ranges.begin(), ranges.end(), start,
                             [](std::uint32_t byte, const ByteRange& r) { return byte < r.end; });
  return it != ranges.end() && (it->start < end || (start == end && it->start <= start));
}

}  // namespace

std::vector<RuleMatch> match_rules(std::span<const Rule* const> rules, const lang::Tree& tree,
                                   std::string_view source, std::span<const ByteRange> within) {
  std::vector<RuleMatch> out;
  if (rules.empty())
    return out;
  const KindTable& kinds = KindTable::of(tree.language().ts);
  TSNode root = tree.root();
  MatchContext context(source, kinds, root);

  for (std::size_t i = 0; i < rules.size(); ++i) {
    const Matcher* matcher = rules[i]->matcher.get();
    if (matcher == nullptr || !matcher->is_query())
      continue;
    if (within.empty()) {
      for (auto& match : matcher->run_query(root, context))
        out.push_back(RuleMatch{i, std::move(match)});
      continue;
    }
    for (const ByteRange& range : within) {
      for (auto& match : matcher->run_query(root, context, range.start, range.end))
        out.push_back(RuleMatch{i, std::move(match)});
    }
  }

  KindIndex index = index_rules(rules, kinds);
  if (!index.empty) {
    MetaVarEnv env;
    auto try_rule = [&](std::size_t i, TSNode node) {
      env.clear();
      const Matcher& matcher = *rules[i]->matcher;
      if (!matcher.matches(node, context, env))
        return;
      RuleMatch m{i, make_match(node, env.captures(source))};
      if (rules[i]->fixer)
        m.match.fix = rules[i]->fixer->apply(node, env, context, matcher);
      out.push_back(std::move(m));
    };
    TreeCursor walker(root);
    TSTreeCursor* cursor = walker.get();
    bool done = false;
    while (!done) {
      TSNode node = ts_tree_cursor_current_node(cursor);
      if (!intersects(within, ts_node_start_byte(node), ts_node_end_byte(node))) {
        // Nothing below a node outside the ranges can intersect them either.
        while (!ts_tree_cursor_goto_next_sibling(cursor)) {
          if (!ts_tree_cursor_goto_parent(cursor)) {
            done = true;
            break;
          }
        }
        continue;
      }
      TSSymbol kind = kinds.canonical(node);
      if (kind < index.by_kind.size()) {
        for (std::size_t i : index.by_kind[kind])
          try_rule(i, node);
      }
      for (std::size_t i : index.any_kind)
        try_rule(i, node);
      if (ts_tree_cursor_goto_first_child(cursor))
        continue;
      while (!ts_tree_cursor_goto_next_sibling(cursor)) {
        if (!ts_tree_cursor_goto_parent(cursor)) {
          done = true;
          break;
        }
      }
    }
  }

  auto key = [](const RuleMatch& m) {
    return std::make_tuple(m.match.start_byte, m.match.end_byte, m.rule);
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const RuleMatch& a, const RuleMatch& b) { return key(a) < key(b); });
  out.erase(std::unique(out.begin(), out.end(),
                        [&](const RuleMatch& a, const RuleMatch& b) { return key(a) == key(b); }),
            out.end());
  return out;
}

}  // namespace mentor::rules
