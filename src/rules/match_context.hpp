// What matching needs besides the rule and the node: the source text and scratch state.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <tree_sitter/api.h>

#include "lang/parser.hpp"
#include "lang/tree_cursor.hpp"
#include "rules/match_limits.hpp"
#include "rules/node_kinds.hpp"

namespace mentor::rules {

using lang::TreeCursor;

// The parent and the neighbours of a tree's nodes, in constant time once known, where
// ts_node_parent and ts_node_next_sibling walk down from the root (time that grows with the
// depth and the width of the tree). Filled as asked: a node is found by walking down from the
// root through the children whose byte range holds it (a binary search among each node's
// children, listed once by a cursor), so matching a few lines of a large file lists the
// children of their ancestors only, not the whole tree. A deep tree asked about level by level
// would make that quadratic: past a bound on the levels walked, every node is listed at once.
class NodeIndex {
 public:
  explicit NodeIndex(TSNode root);

  // As ts_node_parent / ts_node_next_sibling / ts_node_prev_sibling (null nodes when there is
  // none). A node of another tree is answered by those functions.
  TSNode parent(TSNode node);
  TSNode next_sibling(TSNode node) { return sibling(node, 1); }
  TSNode prev_sibling(TSNode node) { return sibling(node, -1); }

 private:
  static constexpr std::uint32_t kNone = UINT32_MAX;
  struct Entry {
    TSNode node;
    std::uint32_t start = 0;  // byte range
    std::uint32_t end = 0;
    std::uint32_t parent = kNone;
    std::uint32_t first_child = kNone;  // the children are entries first_child.. in order
    std::uint32_t child_count = 0;
    bool listed = false;  // its children are entries
  };

  // The sibling `step` places after `node` (1: the next, -1: the previous); null past either end.
  TSNode sibling(TSNode node, int step);
  // The entry of `node`; kNone when it is not a node of this tree.
  std::uint32_t locate(TSNode node);
  void list_children(std::uint32_t at);
  TSNode at(std::uint32_t index) const;

  // Levels walked down by locate() in all; past kListAllAfter every node is listed at once.
  static constexpr std::size_t kListAllAfter = std::size_t{1} << 16;
  std::size_t descended_ = 0;
  bool complete_ = false;  // every node is an entry
  TreeCursor cursor_;
  std::vector<Entry> entries_;
  std::unordered_map<const void*, std::uint32_t> by_id_;
};

// Per-call matching state over one tree. Not shared between threads: each match_rules call
// makes its own.
struct MatchContext {
  MatchContext(std::string_view source_text, const KindTable& kind_table, TSNode root)
      : source(source_text), kinds(kind_table), root_(root), cursor(root) {}

  std::string_view source;
  const KindTable& kinds;

 private:
  TSNode root_;
  std::unique_ptr<NodeIndex> index_;

 public:
  TreeCursor cursor;  // scratch cursor for listing children in O(children)
  std::uint64_t steps = 0;
  std::uint64_t step_budget = kMatchStepBudget;
  std::size_t depth = 0;  // nesting of rule evaluation
  // Results of relational searches: (relation, start node id) -> the node found, null if none.
  struct SearchKey {
    const void* relation;
    const void* node;
    bool operator==(const SearchKey&) const = default;
  };
  struct SearchHash {
    std::size_t operator()(const SearchKey& k) const {
      return std::hash<const void*>()(k.relation) * 31 + std::hash<const void*>()(k.node);
    }
  };
  std::unordered_map<SearchKey, TSNode, SearchHash> searches;

  std::string_view text(TSNode node) const { return lang::node_text(node, source); }

  // Counts `n` steps of work; throws MatchLimitExceeded past step_budget.
  void step(std::uint64_t n = 1) {
    steps += n;
    if (steps > step_budget) {
      throw MatchLimitExceeded("matching took more than " + std::to_string(step_budget) + " steps");
    }
  }

  // The tree's node index, built on first use.
  NodeIndex& index() {
    if (!index_)
      index_ = std::make_unique<NodeIndex>(root_);
    return *index_;
  }

  // Every child of `node`, named or not, in order.
  std::vector<TSNode> children(TSNode node) {
    std::vector<TSNode> out;
    ts_tree_cursor_reset(cursor.get(), node);
    if (ts_tree_cursor_goto_first_child(cursor.get())) {
      do {
        out.push_back(ts_tree_cursor_current_node(cursor.get()));
      } while (ts_tree_cursor_goto_next_sibling(cursor.get()));
    }
    step(out.size());
    return out;
  }
};

// Counts one level of rule evaluation for its lifetime; throws MatchLimitExceeded past
// kMaxMatchDepth.
class DepthGuard {
 public:
  explicit DepthGuard(MatchContext& context) : context_(context) {
    if (++context_.depth > kMaxMatchDepth) {
      --context_.depth;
      throw MatchLimitExceeded("rule evaluation nested deeper than " +
                               std::to_string(kMaxMatchDepth) +
                               " levels (a utility rule that reaches itself through a relation, "
                               "over a deeply nested tree)");
    }
  }
  ~DepthGuard() { --context_.depth; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;

 private:
  MatchContext& context_;
};

}  // namespace mentor::rules
