// The metavariables bound while one rule is matched against one node.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tree_sitter/api.h>

namespace mentor::rules {

struct MatchContext;

// One bound metavariable: $X binds one node, $$$X a (possibly empty) sequence of sibling nodes.
struct Binding {
  std::string name;
  std::vector<TSNode> nodes;
  bool multi = false;
};

// Bindings in the order they were made. Matching code takes a mark() before a tentative match
// and rewinds to it when the match fails, so a failed branch never leaves bindings behind.
class MetaVarEnv {
 public:
  // Binds $name to `node`, or checks that `node` equals the node it is already bound to (same
  // kinds and leaf texts, ast-grep's rule for a repeated metavariable). False on a mismatch.
  bool bind_single(const std::string& name, TSNode node, MatchContext& context);

  // Binds $$$name to `nodes`, or checks that they equal the sequence already bound.
  bool bind_multi(const std::string& name, std::vector<TSNode> nodes, MatchContext& context);

  // The binding of `name`, or nullptr.
  const Binding* find(std::string_view name) const;

  std::size_t mark() const { return bindings_.size(); }
  void rewind(std::size_t mark) { bindings_.resize(mark); }
  void clear() { bindings_.clear(); }

  const std::vector<Binding>& bindings() const { return bindings_; }

  // (name, text) for every binding; a sequence's text runs from its first to its last node. A
  // text longer than util::kMaxCaptureBytes is shortened (util::shortened).
  std::vector<std::pair<std::string, std::string>> captures(std::string_view source) const;

 private:
  std::vector<Binding> bindings_;
};

// Whether two nodes are the same code: same kind and the same children all the way down, with
// equal text for leaves (so whitespace and comments between tokens do not matter). Iterative;
// counts its steps in `context`.
bool same_code(TSNode a, TSNode b, MatchContext& context);

}  // namespace mentor::rules
