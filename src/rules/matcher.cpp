// Evaluation of compiled rule trees (ast-grep crates/config/src/rule semantics).
#include "rules/matcher.hpp"

#include <algorithm>
#include <set>

#include "util/excerpt.hpp"

namespace mentor::rules {

namespace {

// How many rule objects names_of looks at before it gives up.
constexpr std::size_t kMaxNamesWalk = 10'000;

// Every metavariable name matching `rule` may bind or compare: its patterns', and through
// `matches` those of the utilities it reaches with their constraints'; nullopt past
// kMaxNamesWalk rule objects.
std::optional<std::vector<std::string>> names_of(const RuleNode& rule) {
  std::vector<std::string> names;
  std::vector<const RuleNode*> stack{&rule};
  std::set<const UtilRule*> seen;
  std::size_t visited = 0;
  while (!stack.empty()) {
    const RuleNode* node = stack.back();
    stack.pop_back();
    if (++visited > kMaxNamesWalk)
      return std::nullopt;
    switch (node->type) {
      case RuleNode::Type::pattern:
        names.insert(names.end(), node->pattern->names().begin(), node->pattern->names().end());
        break;
      case RuleNode::Type::nth_child:
        if (node->nth_child->of_rule)
          stack.push_back(node->nth_child->of_rule.get());
        break;
      case RuleNode::Type::relation:
        stack.push_back(node->relation->rule.get());
        break;
      case RuleNode::Type::all:
      case RuleNode::Type::any:
      case RuleNode::Type::not_:
        for (const auto& child : node->children)
          stack.push_back(&child);
        break;
      case RuleNode::Type::matches:
        if (seen.insert(node->util).second) {
          stack.push_back(&node->util->rule);
          for (const auto& constraint : node->util->constraints)
            names.push_back(constraint.name);
        }
        break;
      case RuleNode::Type::kind:
      case RuleNode::Type::regex:
        break;
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
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

void annotate_relations(RuleNode& rule) {
  std::vector<RuleNode*> stack{&rule};
  while (!stack.empty()) {
    RuleNode* node = stack.back();
    stack.pop_back();
    if (node->relation) {
      node->relation->names = names_of(*node->relation->rule);
      stack.push_back(node->relation->rule.get());
      if (node->relation->stop_rule)
        stack.push_back(node->relation->stop_rule.get());
    }
    if (node->nth_child && node->nth_child->of_rule)
      stack.push_back(node->nth_child->of_rule.get());
    for (auto& child : node->children)
      stack.push_back(&child);
  }
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
  annotate_relations(*root_);
  for (auto& util : utils_)
    annotate_relations(util->rule);
  for (auto& constraint : constraints_)
    annotate_relations(constraint.rule);
  root_kinds_ = kinds_of(*root_, 0);
}

Matcher::Matcher(const lang::Language& language, QueryRule query,
                 std::vector<Constraint> constraints, std::shared_ptr<const UtilLibrary> shared)
    : language_(&language),
      shared_(std::move(shared)),
      query_(std::move(query)),
      constraints_(std::move(constraints)) {
  for (auto& constraint : constraints_)
    annotate_relations(constraint.rule);
}

std::optional<std::vector<TSSymbol>> Matcher::kinds_of(const RuleNode& rule,
                                                       std::size_t depth) const {
  switch (rule.type) {
    case RuleNode::Type::pattern:
      if (auto kind = rule.pattern->root_kind())
        return std::vector<TSSymbol>{*kind};
      return std::nullopt;
    case RuleNode::Type::kind:
      if (!rule.subtypes.empty())
        return rule.subtypes;
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
  DepthGuard depth(context);
  context.step();
  switch (rule.type) {
    case RuleNode::Type::pattern:
      return rule.pattern->match(node, context, env);
    case RuleNode::Type::kind:
      if (!rule.subtypes.empty())
        return std::binary_search(rule.subtypes.begin(), rule.subtypes.end(),
                                  context.kinds.canonical(node));
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

bool Matcher::rememberable(const Relation& relation, const MatchContext& context,
                           const MetaVarEnv& env) {
  if (relation.stop_by == Relation::StopBy::neighbor || !relation.names ||
      context.searches.size() >= kMaxRememberedSearches) {
    return false;
  }
  const std::vector<std::string>& names = *relation.names;
  return std::none_of(env.bindings().begin(), env.bindings().end(), [&](const Binding& b) {
    return std::binary_search(names.begin(), names.end(), b.name);
  });
}

template <typename Next>
TSNode Matcher::find_along(const Relation& relation, TSNode node, MatchContext& context,
                           MetaVarEnv& env, bool& bound, Next next) const {
  auto matches_rule = [&](TSNode previous, TSNode candidate) {
    if (relation.field) {
      TSNode in = ts_node_child_by_field_id(candidate, *relation.field);
      if (ts_node_is_null(in) || !ts_node_eq(in, previous))
        return false;
    }
    std::size_t mark = env.mark();
    if (eval(*relation.rule, candidate, context, env)) {
      bound = true;
      return true;
    }
    env.rewind(mark);
    return false;
  };
  auto stops = [&](TSNode candidate) {
    MetaVarEnv scratch;
    return relation.stop_by == Relation::StopBy::neighbor ||
           (relation.stop_by == Relation::StopBy::rule &&
            eval(*relation.stop_rule, candidate, context, scratch));
  };
  // Whether the result holds for any bindings: then the result from each node of the chain is
  // remembered, and a later search from one of them ends there.
  bool remember = rememberable(relation, context, env);
  std::vector<TSNode> path;  // the start nodes whose result is the one being searched
  TSNode found{};
  TSNode current = node;
  for (;;) {
    if (remember) {
      auto it = context.searches.find({&relation, current.id});
      if (it != context.searches.end()) {
        found = it->second;
        break;
      }
      path.push_back(current);
    }
    TSNode candidate = next(current);
    if (ts_node_is_null(candidate))
      break;
    context.step();
    if (matches_rule(current, candidate)) {
      found = candidate;
      break;
    }
    if (stops(candidate))
      break;
    current = candidate;
  }
  for (TSNode start : path)
    context.searches.insert_or_assign({&relation, start.id}, found);
  return found;
}

TSNode Matcher::find_below(const Relation& relation, TSNode node, MatchContext& context,
                           MetaVarEnv& env, bool& bound) const {
  auto matches_rule = [&](TSNode candidate) {
    std::size_t mark = env.mark();
    if (eval(*relation.rule, candidate, context, env)) {
      bound = true;
      return true;
    }
    env.rewind(mark);
    return false;
  };
  if (relation.stop_by == Relation::StopBy::neighbor) {
    for (TSNode child : context.children(node)) {
      if (matches_rule(child))
        return child;
    }
    return {};
  }
  bool remember = rememberable(relation, context, env);
  auto remembered = [&](TSNode start) -> const TSNode* {
    if (!remember)
      return nullptr;
    auto it = context.searches.find({&relation, start.id});
    return it == context.searches.end() ? nullptr : &it->second;
  };
  if (const TSNode* known = remembered(node))
    return *known;
  // A preorder walk with a cursor; `open` holds the nodes whose subtrees are being searched.
  TreeCursor walker(node);
  TSTreeCursor* cursor = walker.get();
  std::vector<TSNode> open{node};
  TSNode found{};
  if (ts_tree_cursor_goto_first_child(cursor)) {
    for (;;) {
      TSNode current = ts_tree_cursor_current_node(cursor);
      context.step();
      bool descend = true;
      if (matches_rule(current)) {
        found = current;
        break;
      }
      MetaVarEnv scratch;
      if (relation.stop_by == Relation::StopBy::rule &&
          eval(*relation.stop_rule, current, context, scratch)) {
        descend = false;
      } else if (const TSNode* known = remembered(current)) {
        if (!ts_node_is_null(*known)) {
          found = *known;
          break;
        }
        descend = false;
      }
      if (descend && ts_tree_cursor_goto_first_child(cursor)) {
        open.push_back(current);
        continue;
      }
      bool finished = false;
      while (!ts_tree_cursor_goto_next_sibling(cursor)) {
        // Every node below open.back() was tried: nothing there.
        if (remember)
          context.searches.insert_or_assign({&relation, open.back().id}, TSNode{});
        open.pop_back();
        if (open.empty()) {
          finished = true;
          break;
        }
        ts_tree_cursor_goto_parent(cursor);
      }
      if (finished)
        return {};
    }
  }
  if (remember) {
    for (TSNode start : open)
      context.searches.insert_or_assign({&relation, start.id}, found);
  }
  return found;
}

TSNode Matcher::find_sibling(const RuleNode& expansion, TSNode node, MatchContext& context,
                             MetaVarEnv& env) const {
  const Relation& relation = *expansion.relation;
  NodeIndex& index = context.index();
  bool bound = false;
  if (relation.type == Relation::Type::follows)
    return find_along(relation, node, context, env, bound,
                      [&](TSNode n) { return index.prev_sibling(n); });
  return find_along(relation, node, context, env, bound,
                    [&](TSNode n) { return index.next_sibling(n); });
}

bool Matcher::eval_relation(const Relation& relation, TSNode node, MatchContext& context,
                            MetaVarEnv& env) const {
  TSNode found{};
  bool bound = false;  // the search matched `found` itself and left its bindings in `env`
  switch (relation.type) {
    case Relation::Type::inside: {
      NodeIndex& index = context.index();
      found = find_along(relation, node, context, env, bound,
                         [&](TSNode n) { return index.parent(n); });
      break;
    }
    case Relation::Type::has: {
      if (!relation.field) {
        found = find_below(relation, node, context, env, bound);
        break;
      }
      TSNode in = ts_node_child_by_field_id(node, *relation.field);
      if (ts_node_is_null(in))
        return false;
      std::size_t mark = env.mark();
      if (eval(*relation.rule, in, context, env))
        return true;
      env.rewind(mark);
      MetaVarEnv scratch;
      if (relation.stop_by == Relation::StopBy::neighbor ||
          (relation.stop_by == Relation::StopBy::rule &&
           eval(*relation.stop_rule, in, context, scratch))) {
        return false;
      }
      found = find_below(relation, in, context, env, bound);
      break;
    }
    case Relation::Type::precedes: {
      NodeIndex& index = context.index();
      found = find_along(relation, node, context, env, bound,
                         [&](TSNode n) { return index.next_sibling(n); });
      break;
    }
    case Relation::Type::follows: {
      NodeIndex& index = context.index();
      found = find_along(relation, node, context, env, bound,
                         [&](TSNode n) { return index.prev_sibling(n); });
      break;
    }
  }
  if (ts_node_is_null(found))
    return false;
  // A remembered result: match the node found again for its bindings.
  return bound || eval(*relation.rule, found, context, env);
}

bool Matcher::eval_nth_child(const NthChild& nth_child, TSNode node, MatchContext& context,
                             MetaVarEnv& env) const {
  TSNode parent = context.index().parent(node);
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
      captures.emplace_back(name, util::shortened(context.text(node)));
    out.push_back(make_match(found.node, std::move(captures)));
  }
  return out;
}

}  // namespace mentor::rules
