// Compiled patterns as text.
#include "rules/pattern_dump.hpp"

#include <set>
#include <utility>

#include <fmt/format.h>

#include "rules/matcher.hpp"
#include "util/encoding.hpp"
#include "util/excerpt.hpp"

namespace mentor::rules {

namespace {

std::string meta_var_line(const PatternNode& node) {
  switch (node.meta) {
    case PatternNode::MetaVar::capture:
      return node.named ? "MetaVar $" + node.name + "  (one named node)"
                        : "MetaVar $$" + node.name + "  (one node, named or not)";
    case PatternNode::MetaVar::dropped:
      return node.named ? std::string("MetaVar $_  (one named node, not bound)")
                        : std::string("MetaVar $$_  (one node, named or not, not bound)");
    case PatternNode::MetaVar::multiple:
      return "MetaVar $$$  (any number of nodes, not bound)";
    case PatternNode::MetaVar::multi_capture:
      return "MetaVar $$$" + node.name + "  (any number of nodes)";
  }
  return "MetaVar";
}

std::string_view strictness_name(Strictness strictness) {
  switch (strictness) {
    case Strictness::cst:
      return "cst";
    case Strictness::smart:
      return "smart";
    case Strictness::ast:
      return "ast";
    case Strictness::relaxed:
      return "relaxed";
    case Strictness::signature:
      return "signature";
  }
  return "smart";
}

}  // namespace

std::string dump_pattern(const Pattern& pattern, const lang::Language& language) {
  std::string out;
  if (auto selector = pattern.selector_kind()) {
    out += fmt::format("(selector: the first {} of the context)\n",
                       ts_language_symbol_name(language.ts, *selector));
  }
  if (pattern.strictness() != Strictness::smart)
    out += fmt::format("(strictness: {})\n", strictness_name(pattern.strictness()));
  std::vector<std::pair<const PatternNode*, std::size_t>> stack{{&pattern.root(), 0}};
  while (!stack.empty()) {
    auto [node, level] = stack.back();
    stack.pop_back();
    out.append(level * 2, ' ');
    switch (node->type) {
      case PatternNode::Type::meta_var:
        out += util::terminal_safe(meta_var_line(*node));
        break;
      case PatternNode::Type::terminal:
        if (node->named) {
          out += util::terminal_safe(ts_language_symbol_name(language.ts, node->kind)) + " " +
                 util::terminal_safe(util::shortened(node->text));
        } else {
          out += util::terminal_safe(node->text);
        }
        break;
      case PatternNode::Type::internal:
        out += util::terminal_safe(ts_language_symbol_name(language.ts, node->kind));
        break;
    }
    out += '\n';
    for (auto child = node->children.rbegin(); child != node->children.rend(); ++child)
      stack.emplace_back(&*child, level + 1);
  }
  return out;
}

std::vector<const Pattern*> patterns_of(const Rule& rule) {
  std::vector<const Pattern*> out;
  if (!rule.matcher || rule.matcher->rule_tree() == nullptr)
    return out;
  std::set<const UtilRule*> seen;
  std::vector<const RuleNode*> stack{rule.matcher->rule_tree()};
  while (!stack.empty()) {
    const RuleNode* node = stack.back();
    stack.pop_back();
    if (node->pattern)
      out.push_back(&*node->pattern);
    // Pushed in reverse, so that they come out in the order written.
    std::vector<const RuleNode*> next;
    for (const auto& child : node->children)
      next.push_back(&child);
    if (node->nth_child && node->nth_child->of_rule)
      next.push_back(node->nth_child->of_rule.get());
    if (node->relation) {
      if (node->relation->rule)
        next.push_back(node->relation->rule.get());
      if (node->relation->stop_rule)
        next.push_back(node->relation->stop_rule.get());
    }
    if (node->util != nullptr && seen.insert(node->util).second)
      next.push_back(&node->util->rule);
    for (auto it = next.rbegin(); it != next.rend(); ++it)
      stack.push_back(*it);
  }
  return out;
}

}  // namespace mentor::rules
