// ast-grep patterns: code with metavariables, matched structurally against syntax nodes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tree_sitter/api.h>

#include "lang/language.hpp"
#include "rules/match_context.hpp"
#include "rules/meta_var_env.hpp"
#include "rules/rule_spec.hpp"

namespace mentor::rules {

// How much of the target must the pattern spell out (ast-grep's `strictness`). `smart`, the
// default, lets the target have extra unnamed nodes; git-mentor also skips comments in it.
enum class Strictness { cst, smart, ast, relaxed, signature };

// One node of a compiled pattern.
struct PatternNode {
  enum class Type { meta_var, terminal, internal };
  enum class MetaVar {
    capture,        // $A: one named node ($$A: any node), bound by name
    dropped,        // $_: one node, not bound
    multiple,       // $$$: any number of nodes, not bound
    multi_capture,  // $$$A: any number of nodes, bound by name
  };

  Type type = Type::terminal;
  MetaVar meta = MetaVar::capture;
  std::string name;      // meta_var: the name without sigils
  bool named = true;     // meta_var: must match named nodes only; terminal: the node is named
  TSSymbol kind = 0;     // terminal/internal: canonical kind
  bool comment = false;  // terminal/internal: a comment node (never skipped in the target)
  std::string text;      // terminal: the token text
  std::vector<PatternNode> children;  // internal

  bool is_ellipsis() const {
    return type == Type::meta_var && (meta == MetaVar::multiple || meta == MetaVar::multi_capture);
  }
  bool is_trivial() const { return type == Type::terminal && !named; }
};

// A compiled pattern. Immutable; matching state lives in MatchContext and MetaVarEnv.
class Pattern {
 public:
  // Compiles `spec` for `language`: `$` is replaced by the language's expando character, the
  // code is parsed and the single top-level node becomes the pattern (for a contextual pattern,
  // the first node of kind `selector` in the context). Throws RuleError (invalid_pattern,
  // unknown_kind) positioned inside the YAML scalar.
  static Pattern compile(const PatternSpec& spec, const lang::Language& language,
                         std::string_view rule_id);

  // Whether `node` matches; on success the metavariables are added to `env`, on failure `env`
  // is unchanged.
  bool match(TSNode node, MatchContext& context, MetaVarEnv& env) const;

  // The only kind a matching node can have; nullopt if any kind can match (a bare `$A`).
  std::optional<TSSymbol> root_kind() const;

  // The names of the metavariables it binds ($A, $$$A), sorted.
  const std::vector<std::string>& names() const { return names_; }

  // What it was compiled into, for tools that show it (`rules try --debug`): the node a match
  // starts at (after `selector`), the selector's kind, the strictness, and the code that was
  // parsed (the pattern or context with metavariable sigils replaced by the expando).
  const PatternNode& root() const { return root_; }
  std::optional<TSSymbol> selector_kind() const { return selector_kind_; }
  Strictness strictness() const { return strictness_; }
  const std::string& code() const { return code_; }

 private:
  PatternNode root_;
  std::string code_;
  std::vector<std::string> names_;
  std::optional<TSSymbol> selector_kind_;
  Strictness strictness_ = Strictness::smart;
};

}  // namespace mentor::rules
