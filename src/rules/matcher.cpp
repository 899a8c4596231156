// Evaluation of compiled rule trees (ast-grep crates/config/src/rule semantics).
#include "rules/matcher.hpp"

#include <algorithm>

namespace mentor::rules {

namespace {

// Matches the siblings or ancestors produced by `next` starting from `node`, honouring stopBy:
// neighbor tries only the first, end all of them, a stop rule all up to and including the first
// that matches the stop rule.
template <typename Next, typename Try, typename Stop>
bool search(TSNode node, Relation::StopBy stop_by, Next next, Try try_node, Stop stops) {
  TSNode current = next(node);
  while (!ts_node_is_null(current)) {
    if (try_node(current))
      return true;
    if (stop_by == Relation::StopBy::neighbor)
      return false;
    if (stop_by == Relation::StopBy::rule && stops(current))
      return false;
    current = next(current);
  }
  return false;
}

std::vector<TSSymbol> intersect(const std::vector<TSSymbol>& a, const std::vector<TSSymbol>& b) {
  std::vector<TSSymbol> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

std::vector<TSSymbol> unite(const std::vector<TSSymbol>& a, const std::vector<TSSymbol>& b) {
  std::vector<TSSymbol> out;
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

}  // namespace

bool NthChild::matches_position(int position) const {
  if (step == 0)
    return position == offset;
  int n = position - offset;
  return n % step == 0 && n / step >= 0;
}

Match make_match(TSNode node, std::vector<std::pair<std::string, std::string>> captures) {
  Match match;
  match.start_byte = ts_node_start_byte(node);
  match.end_byte = ts_node_end_byte(node);
  TSPoint start = ts_node_start_point(node);
  TSPoint end = ts_node_end_point(node);
  match.start_row = start.row;
  match.start_column = start.column;
  match.end_row = end.row;
  match.end_column = end.column;
  match.captures = std::move(captures);
  return match;
}

const UtilRule* UtilLibrary::find(std::string_view id) const {
  auto it = std::lower_bound(utils.begin(), utils.end(), id,
                             [](const auto& util, std::string_view key) { return util->id < key; });
  return it != utils.end() && (*it)->id == id ? it->get() : nullptr;
}

Matcher::Matcher(const lang::Language& language, RuleNode root,
                 std::vector<std::unique_ptr<UtilRule>> utils, std::vector<Constraint> constraints,
                 std::shared_ptr<const UtilLibrary> shared)
    : language_(&language),
      root_(std::move(root)),
      utils_(std::move(utils)),
      shared_(std::move(shared)),
      constraints_(std::move(constraints)) {
  root_kinds_ = kinds_of(*root_, 0);
}

Matcher::Matcher(const lang::Language& language, QueryRule query,
                 std::vector<Constraint> constraints, std::shared_ptr<const UtilLibrary> shared)
    : language_(&language),
      shared_(std::move(shared)),
      query_(std::move(query)),
      constraints_(std::move(constraints)) {}

std::optional<std::vector<TSSymbol>> Matcher::kinds_of(const RuleNode& rule,
                                                       std::size_t depth) const {
  switch (rule.type) {
    case RuleNode::Type::pattern:
      if (auto kind = rule.pattern->root_kind())
        return std::vector<TSSymbol>{*kind};
      return std::nullopt;
    case RuleNode::Type::kind:
      return std::vector<TSSymbol>{rule.kind};
    case RuleNode::Type::nth_child:
      // Only nodes matching `ofRule` are counted, so only they can match.
      if (rule.nth_child->of_rule)
        return kinds_of(*rule.nth_child->of_rule, depth + 1);
      return std::nullopt;
    case RuleNode::Type::all: {
      std::optional<std::vector<TSSymbol>> out;
      for (const auto& child : rule.children) {
        auto kinds = kinds_of(child, depth + 1);
        if (!kinds)
          continue;
        out = out ? intersect(*out, *kinds) : *kinds;
      }
      return out;
    }
    case RuleNode::Type::any: {
      std::vector<TSSymbol> out;
      for (const auto& child : rule.children) {
        auto kinds = kinds_of(child, depth + 1);
        if (!kinds)
          return std::nullopt;
        out = unite(out, *kinds);
      }
      return out;
    }
    case RuleNode::Type::matches:
      // Utilities cannot refer to each other in a cycle (the compiler rejects it); the depth
      // limit only guards against a bug there.
      if (depth > 64)
        return std::nullopt;
      return kinds_of(rule.util->rule, depth + 1);
    case RuleNode::Type::regex:
    case RuleNode::Type::relation:
    case RuleNode::Type::not_:
      return std::nullopt;
  }
  return std::nullopt;
}

bool Matcher::matches(TSNode node, MatchContext& context, MetaVarEnv& env) const {
  if (!root_)
    return false;
  std::size_t mark = env.mark();
  if (!eval(*root_, node, context, env) || !satisfies(constraints_, context, env)) {
    env.rewind(mark);
    return false;
  }
  return true;
}

bool Matcher::satisfies(const std::vector<Constraint>& constraints, MatchContext& context,
                        const MetaVarEnv& env) const {
  for (const auto& constraint : constraints) {
    const Binding* binding = env.find(constraint.name);
    if (binding != nullptr &&
        !check_constraint(constraint, binding->nodes, binding->multi, context)) {
      return false;
    }
  }
  return true;
}

bool Matcher::check_constraint(const Constraint& constraint, const std::vector<TSNode>& nodes,
                               bool multi, MatchContext& context) const {
  MetaVarEnv scratch;
  if (multi && constraint.rule.type == RuleNode::Type::regex) {
    // A regex constrains the text of the whole sequence, from its first to its last node.
    std::string_view text;
    if (!nodes.empty()) {
      std::uint32_t start = ts_node_start_byte(nodes.front());
      std::uint32_t end = ts_node_end_byte(nodes.back());
      text = context.source.substr(start, end - start);
    }
    return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *constraint.rule.regex);
  }
  for (TSNode node : nodes) {
    if (multi && !ts_node_is_named(node))
      continue;  // the separators of a $$$ sequence
    if (!eval(constraint.rule, node, context, scratch))
      return false;
    scratch.clear();
  }
  return true;
}

bool Matcher::eval(const RuleNode& rule, TSNode node, MatchContext& context,
                   MetaVarEnv& env) const {
  switch (rule.type) {
    case RuleNode::Type::pattern:
      return rule.pattern->match(node, context, env);
    case RuleNode::Type::kind:
      return context.kinds.canonical(node) == rule.kind;
    case RuleNode::Type::regex: {
      std::string_view text = context.text(node);
      return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *rule.regex);
    }
    case RuleNode::Type::nth_child:
      return eval_nth_child(*rule.nth_child, node, context, env);
    case RuleNode::Type::relation:
      return eval_relation(*rule.relation, node, context, env);
    case RuleNode::Type::all: {
      std::size_t mark = env.mark();
      for (const auto& child : rule.children) {
        if (!eval(child, node, context, env)) {
          env.rewind(mark);
          return false;
        }
      }
      return true;
    }
    case RuleNode::Type::any:
      for (const auto& child : rule.children) {
        std::size_t mark = env.mark();
        if (eval(child, node, context, env))
          return true;
        env.rewind(mark);
      }
      return false;
    case RuleNode::Type::not_: {
      std::size_t mark = env.mark();
      bool inner = eval(rule.children.front(), node, context, env);
      env.rewind(mark);
      return !inner;
    }
    case RuleNode::Type::matches: {
      // A shared utility's constraints hold where it matches, as ast-grep checks a global
      // utility's own constraints; its bindings stay in `env` for the rest of the rule.
      const UtilRule& util = *rule.util;
      if (util.constraints.empty())
        return eval(util.rule, node, context, env);
      std::size_t mark = env.mark();
      if (eval(util.rule, node, context, env) && satisfies(util.constraints, context, env))
        return true;
      env.rewind(mark);
      return false;
    }
  }
  return false;
}

bool Matcher::eval_relation(const Relation& relation, TSNode node, MatchContext& context,
                            MetaVarEnv& env) const {
  auto try_node = [&](TSNode candidate) {
    std::size_t mark = env.mark();
    if (eval(*relation.rule, candidate, context, env))
      return true;
    env.rewind(mark);
    return false;
  };
  auto stops = [&](TSNode candidate) {
    MetaVarEnv scratch;
    return eval(*relation.stop_rule, candidate, context, scratch);
  };
  switch (relation.type) {
    case Relation::Type::inside: {
      if (!relation.field) {
        return search(
            node, relation.stop_by, [](TSNode n) { return ts_node_parent(n); }, try_node, stops);
      }
      // The node must sit in `field` of the ancestor, reached through the previous ancestor.
      TSNode child = node;
      auto in_field = [&](TSNode ancestor) {
        TSNode expected = child;
        child = ancestor;
        TSNode in = ts_node_child_by_field_id(ancestor, *relation.field);
        return !ts_node_is_null(in) && ts_node_eq(in, expected) && try_node(ancestor);
      };
      return search(
          node, relation.stop_by, [](TSNode n) { return ts_node_parent(n); }, in_field, stops);
    }
    case Relation::Type::has: {
      if (!relation.field)
        return has_below(relation, node, context, env);
      TSNode in = ts_node_child_by_field_id(node, *relation.field);
      if (ts_node_is_null(in))
        return false;
      if (try_node(in))
        return true;
      if (relation.stop_by == Relation::StopBy::neighbor)
        return false;
      if (relation.stop_by == Relation::StopBy::rule && stops(in))
        return false;
      return has_below(relation, in, context, env);
    }
    case Relation::Type::precedes:
      return search(
          node, relation.stop_by, [](TSNode n) { return ts_node_next_sibling(n); }, try_node,
          stops);
    case Relation::Type::follows:
      return search(
          node, relation.stop_by, [](TSNode n) { return ts_node_prev_sibling(n); }, try_node,
          stops);
  }
  return false;
}

bool Matcher::eval_nth_child(const NthChild& nth_child, TSNode node, MatchContext& context,
                             MetaVarEnv& env) const {
  TSNode parent = ts_node_parent(node);
  if (ts_node_is_null(parent) || !ts_node_is_named(node))
    return false;
  // The counted siblings: named ones, and of those the ones matching `ofRule`. As in ast-grep,
  // each sibling is tried against the metavariables bound so far, and only the node's own match
  // adds bindings.
  std::vector<TSNode> counted;
  for (TSNode sibling : context.children(parent)) {
    if (!ts_node_is_named(sibling))
      continue;
    if (nth_child.of_rule) {
      std::size_t mark = env.mark();
      bool matched = eval(*nth_child.of_rule, sibling, context, env);
      env.rewind(mark);
      if (!matched)
        continue;
    }
    counted.push_back(sibling);
  }
  auto found = std::find_if(counted.begin(), counted.end(),
                            [&](TSNode sibling) { return ts_node_eq(sibling, node); });
  if (found == counted.end())
    return false;
  auto index = found - counted.begin();
  if (nth_child.reverse)
    index = static_cast<std::ptrdiff_t>(counted.size()) - 1 - index;
  if (!nth_child.matches_position(static_cast<int>(index) + 1))
    return false;
  return !nth_child.of_rule || eval(*nth_child.of_rule, node, context, env);
}

bool Matcher::has_below(const Relation& relation, TSNode node, MatchContext& context,
                        MetaVarEnv& env) const {
  std::vector<TSNode> children = context.children(node);
  for (TSNode child : children) {
    std::size_t mark = env.mark();
    if (eval(*relation.rule, child, context, env))
      return true;
    env.rewind(mark);
    if (relation.stop_by == Relation::StopBy::neighbor)
      continue;
    if (relation.stop_by == Relation::StopBy::rule) {
      MetaVarEnv scratch;
      if (eval(*relation.stop_rule, child, context, scratch))
        continue;
    }
    if (has_below(relation, child, context, env))
      return true;
  }
  return false;
}

std::vector<Match> Matcher::run_query(TSNode root, MatchContext& context, std::uint32_t start_byte,
                                      std::uint32_t end_byte) const {
  std::vector<Match> out;
  if (!query_)
    return out;
  for (auto& found : query_->run(root, context, start_byte, end_byte)) {
    bool ok = true;
    for (const auto& constraint : constraints_) {
      std::vector<TSNode> nodes;
      for (const auto& [name, node] : found.captures) {
        if (name == constraint.name)
          nodes.push_back(node);
      }
      if (!nodes.empty() && !check_constraint(constraint, nodes, false, context)) {
        ok = false;
        break;
      }
    }
    if (!ok)
      continue;
    std::vector<std::pair<std::string, std::string>> captures;
    captures.reserve(found.captures.size());
    for (const auto& [name, node] : found.captures)
      captures.emplace_back(name, std::string(context.text(node)));
    out.push_back(make_match(found.node, std::move(captures)));
  }
  return out;
}

}  // namespace mentor::rules
