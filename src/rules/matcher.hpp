// The compiled match logic of one rule: an ast-grep rule tree or a raw query, plus constraints.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>
#include <tree_sitter/api.h>

#include "lang/language.hpp"
#include "rules/match_context.hpp"
#include "rules/match_explain.hpp"
#include "rules/meta_var_env.hpp"
#include "rules/pattern.hpp"
#include "rules/query_rule.hpp"
#include "rules/rule.hpp"

namespace mentor::rules {

struct RuleNode;
struct UtilRule;

// `inside` / `has` / `precedes` / `follows` with ast-grep's stopBy and field.
struct Relation {
  enum class Type { inside, has, precedes, follows };
  enum class StopBy { neighbor, end, rule };

  Type type = Type::inside;
  StopBy stop_by = StopBy::neighbor;
  std::unique_ptr<RuleNode> rule;
  std::unique_ptr<RuleNode> stop_rule;  // StopBy::rule: the search stops after a node matching it
  std::optional<TSFieldId> field;
  // Every metavariable `rule` may bind or compare, through `matches` too (sorted); nullopt when
  // not known. When none of them is bound yet, the search's result does not depend on the
  // bindings, and a search beyond the neighbour is remembered per start node (see
  // annotate_relations).
  std::optional<std::vector<std::string>> names;
};

// `nthChild` (ast-grep semantics): the node's 1-based position among its parent's named
// children, or among those matching `of_rule`, counted from the end when `reverse`, is
// `step * n + offset` for some n >= 0 (exactly `offset` when `step` is 0).
struct NthChild {
  int step = 0;
  int offset = 0;
  std::unique_ptr<RuleNode> of_rule;
  bool reverse = false;

  bool matches_position(int position) const;
};

// One compiled rule object. A rule object with several keys is an `all` of its parts, in
// ast-grep's order: atomic (pattern, kind, regex, nthChild), composite (all, any, not, matches),
// then relational (inside, has, precedes, follows).
struct RuleNode {
  enum class Type { pattern, kind, regex, nth_child, relation, all, any, not_, matches };

  Type type = Type::all;
  std::optional<Pattern> pattern;
  TSSymbol kind = 0;
  // kind: a supertype's concrete kinds (`expression`: every kind of expression), canonical and
  // sorted; empty for a concrete kind.
  std::vector<TSSymbol> subtypes;
  std::unique_ptr<const RE2> regex;
  std::unique_ptr<NthChild> nth_child;
  std::unique_ptr<Relation> relation;
  std::vector<RuleNode> children;  // all / any; not: exactly one
  const UtilRule* util = nullptr;  // matches: a utility rule the matcher keeps alive
  SourcePos pos;                   // where the rule file writes this part (for explanations)
};

// A constraint on a metavariable (ast-grep `constraints:`).
struct Constraint {
  std::string name;
  RuleNode rule;
  SourcePos pos;  // the constraint's name in the rule file
};

// A rule object that `matches:` names: a rule's own utility (`utils:`), or a shared one from a
// utility rule file (ast-grep's global utils), which may have constraints and utilities of its
// own. Allocated once and never moved, so that `RuleNode::util` can point at it.
struct UtilRule {
  std::string id;
  RuleNode rule;
  std::vector<Constraint> constraints;            // checked after `rule` matched
  std::vector<std::unique_ptr<UtilRule>> locals;  // a shared utility's own `utils:`
};

// The shared utility rules of one language, compiled; immutable once built, and kept alive by
// the matchers of every rule that may use them.
struct UtilLibrary {
  const lang::Language* language = nullptr;
  std::vector<std::unique_ptr<UtilRule>> utils;  // sorted by id

  // nullptr when no utility of the language has this id.
  const UtilRule* find(std::string_view id) const;
};

class Matcher {
 public:
  // A matcher for an ast-grep rule tree with its own utility rules and constraints; `shared`
  // holds the shared utilities its `matches` may point at (nullptr when there are none).
  Matcher(const lang::Language& language, RuleNode root,
          std::vector<std::unique_ptr<UtilRule>> utils, std::vector<Constraint> constraints,
          std::shared_ptr<const UtilLibrary> shared = nullptr);
  // A matcher for a raw query; constraints apply to the captures of the same name.
  Matcher(const lang::Language& language, QueryRule query, std::vector<Constraint> constraints,
          std::shared_ptr<const UtilLibrary> shared = nullptr);

  const lang::Language& language() const { return *language_; }
  bool is_query() const { return query_.has_value(); }
  // The rule tree; nullptr for a raw query.
  const RuleNode* rule_tree() const { return root_ ? &*root_ : nullptr; }

  // The kinds a node must have to possibly match (sorted, canonical); nullopt if any kind can.
  // Only meaningful for rule trees.
  const std::optional<std::vector<TSSymbol>>& root_kinds() const { return root_kinds_; }

  // Rule trees: whether `node` matches, constraints included. On success the captured
  // metavariables are in `env`.
  bool matches(TSNode node, MatchContext& context, MetaVarEnv& env) const;

  // Why the rule tree does or does not match at `node`, for rule tests (see match_explain.hpp;
  // defined there, never called by match_rules). Empty for query rules.
  MatchExplanation explain(TSNode node, MatchContext& context) const;

  // A fix's expandStart / expandEnd: `expansion` is a follows (before `node`) or precedes (after
  // it) relation node; returns the sibling its search finds with the bindings of `env`, null if
  // none. Its rule may use this matcher's utilities.
  TSNode find_sibling(const RuleNode& expansion, TSNode node, MatchContext& context,
                      MetaVarEnv& env) const;

  // Query rules: every match below `root` that satisfies predicates and constraints, among nodes
  // intersecting the bytes [start_byte, end_byte).
  std::vector<Match> run_query(TSNode root, MatchContext& context, std::uint32_t start_byte = 0,
                               std::uint32_t end_byte = UINT32_MAX) const;

 private:
  bool eval(const RuleNode& rule, TSNode node, MatchContext& context, MetaVarEnv& env) const;
  bool eval_relation(const Relation& relation, TSNode node, MatchContext& context,
                     MetaVarEnv& env) const;
  bool eval_nth_child(const NthChild& nth_child, TSNode node, MatchContext& context,
                      MetaVarEnv& env) const;
  // The first descendant of `node` in preorder that the relation's rule matches, not looking
  // below nodes its stop rule matches (or below the children, for `neighbor`); null if none.
  // `bound` says the node was matched here and its bindings are in `env`; else `env` is left
  // as it was (the node came from a remembered search).
  TSNode find_below(const Relation& relation, TSNode node, MatchContext& context, MetaVarEnv& env,
                    bool& bound) const;
  // The first node of the chain `next(node)`, `next(next(node))`... (ancestors or siblings) that
  // the relation's rule matches, honouring stopBy; `bound` as for find_below. With `field`
  // (inside only), a candidate must also hold the previous node of the chain in that field.
  template <typename Next>
  TSNode find_along(const Relation& relation, TSNode node, MatchContext& context, MetaVarEnv& env,
                    bool& bound, Next next) const;
  // Whether the searches of `relation` may be remembered with the bindings of `env`.
  static bool rememberable(const Relation& relation, const MatchContext& context,
                           const MetaVarEnv& env);
  bool check_constraint(const Constraint& constraint, const std::vector<TSNode>& nodes, bool multi,
                        MatchContext& context) const;
  // Whether every constraint on a bound metavariable of `env` holds.
  bool satisfies(const std::vector<Constraint>& constraints, MatchContext& context,
                 const MetaVarEnv& env) const;
  std::optional<std::vector<TSSymbol>> kinds_of(const RuleNode& rule, std::size_t depth) const;

  const lang::Language* language_;
  std::optional<RuleNode> root_;
  std::vector<std::unique_ptr<UtilRule>> utils_;
  std::shared_ptr<const UtilLibrary> shared_;
  std::optional<QueryRule> query_;
  std::vector<Constraint> constraints_;
  std::optional<std::vector<TSSymbol>> root_kinds_;
};

// Fills Relation::names for every relation in `rule` (not those of the utilities it names,
// which are annotated with their own rule trees). Iterative.
void annotate_relations(RuleNode& rule);

// The Match of `node` with the given captures.
Match make_match(TSNode node, std::vector<std::pair<std::string, std::string>> captures);

}  // namespace mentor::rules
