// Matcher::explain: the parts of a rule tree that hold at a node and the first that does not.
// Only rule tests call it; match_rules never does.
#include "rules/match_explain.hpp"

#include <fmt/format.h>

#include "rules/matcher.hpp"

namespace mentor::rules {

namespace {

std::string describe(const RuleNode& node) {
  switch (node.type) {
    case RuleNode::Type::pattern:
      return "pattern";
    case RuleNode::Type::kind:
      return "kind";
    case RuleNode::Type::regex:
      return "regex";
    case RuleNode::Type::nth_child:
      return "nthChild";
    case RuleNode::Type::relation:
      switch (node.relation->type) {
        case Relation::Type::inside:
          return "inside";
        case Relation::Type::has:
          return "has";
        case Relation::Type::precedes:
          return "precedes";
        case Relation::Type::follows:
          return "follows";
      }
      return "relation";
    case RuleNode::Type::all:
      return "all";
    case RuleNode::Type::any:
      return "any";
    case RuleNode::Type::not_:
      return "not";
    case RuleNode::Type::matches:
      return "matches: " + node.util->id;
  }
  return "rule";
}

// The parts of `root` in evaluation order, `all` lists flattened. Iterative; the rule tree was
// bounded by the YAML it came from.
std::vector<const RuleNode*> parts_of(const RuleNode& root) {
  std::vector<const RuleNode*> parts;
  std::vector<const RuleNode*> stack{&root};
  while (!stack.empty()) {
    const RuleNode* node = stack.back();
    stack.pop_back();
    if (node->type != RuleNode::Type::all) {
      parts.push_back(node);
      continue;
    }
    for (auto it = node->children.rbegin(); it != node->children.rend(); ++it)
      stack.push_back(&*it);
  }
  return parts;
}

}  // namespace

MatchExplanation Matcher::explain(TSNode node, MatchContext& context) const {
  MatchExplanation out;
  if (!root_)
    return out;
  auto record = [&](bool held, RulePart part) {
    if (held) {
      out.held.push_back(std::move(part));
      return;
    }
    ++out.failures;
    if (!out.failed)
      out.failed = std::move(part);
  };
  MetaVarEnv env;
  for (const RuleNode* part : parts_of(*root_)) {
    std::size_t mark = env.mark();
    bool held = eval(*part, node, context, env);
    if (!held)
      env.rewind(mark);
    std::string what = describe(*part);
    if (!held && part->type == RuleNode::Type::any)
      what += fmt::format(" (none of its {} rules)", part->children.size());
    record(held, RulePart{std::move(what), part->pos});
  }
  for (const auto& constraint : constraints_) {
    const Binding* binding = env.find(constraint.name);
    if (binding == nullptr)
      continue;
    bool held = check_constraint(constraint, binding->nodes, binding->multi, context);
    record(held, RulePart{"constraints: " + constraint.name, constraint.pos});
  }
  return out;
}

}  // namespace mentor::rules
