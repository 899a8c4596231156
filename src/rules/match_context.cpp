// The node index of a tree.
#include "rules/match_context.hpp"

namespace mentor::rules {

NodeIndex::NodeIndex(TSNode root) {
  TreeCursor walker(root);
  TSTreeCursor* cursor = walker.get();
  // The index of each ancestor of the current node, and of the last child seen at each level.
  std::vector<std::uint32_t> ancestors;
  std::uint32_t previous = kNone;  // the previous sibling of the current node
  for (;;) {
    auto index = static_cast<std::uint32_t>(entries_.size());
    Entry entry{ts_tree_cursor_current_node(cursor)};
    entry.parent = ancestors.empty() ? kNone : ancestors.back();
    entry.prev = previous;
    if (previous != kNone)
      entries_[previous].next = index;
    by_id_.emplace(entry.node.id, index);
    entries_.push_back(entry);
    if (ts_tree_cursor_goto_first_child(cursor)) {
      ancestors.push_back(index);
      previous = kNone;
      continue;
    }
    previous = index;
    while (!ts_tree_cursor_goto_next_sibling(cursor)) {
      if (ancestors.empty() || !ts_tree_cursor_goto_parent(cursor))
        return;
      previous = ancestors.back();
      ancestors.pop_back();
    }
  }
}

const NodeIndex::Entry* NodeIndex::find(TSNode node) const {
  if (ts_node_is_null(node))
    return nullptr;
  auto it = by_id_.find(node.id);
  if (it == by_id_.end() || entries_[it->second].node.tree != node.tree)
    return nullptr;
  return &entries_[it->second];
}

TSNode NodeIndex::at(std::uint32_t index) const {
  return index == kNone ? TSNode{} : entries_[index].node;
}

TSNode NodeIndex::parent(TSNode node) const {
  const Entry* entry = find(node);
  return entry != nullptr ? at(entry->parent) : ts_node_parent(node);
}

TSNode NodeIndex::next_sibling(TSNode node) const {
  const Entry* entry = find(node);
  return entry != nullptr ? at(entry->next) : ts_node_next_sibling(node);
}

TSNode NodeIndex::prev_sibling(TSNode node) const {
  const Entry* entry = find(node);
  return entry != nullptr ? at(entry->prev) : ts_node_prev_sibling(node);
}

}  // namespace mentor::rules
