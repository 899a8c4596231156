// The node index of a tree.
#include "rules/match_context.hpp"

#include <algorithm>

namespace mentor::rules {

NodeIndex::NodeIndex(TSNode root) : cursor_(root) {
  entries_.push_back({root, ts_node_start_byte(root), ts_node_end_byte(root)});
  by_id_.emplace(root.id, 0);
}

void NodeIndex::list_children(std::uint32_t at) {
  if (entries_[at].listed)
    return;
  auto first = static_cast<std::uint32_t>(entries_.size());
  TSTreeCursor* cursor = cursor_.get();
  ts_tree_cursor_reset(cursor, entries_[at].node);
  if (ts_tree_cursor_goto_first_child(cursor)) {
    do {
      TSNode child = ts_tree_cursor_current_node(cursor);
      Entry entry{child, ts_node_start_byte(child), ts_node_end_byte(child)};
      entry.parent = at;
      by_id_.emplace(child.id, static_cast<std::uint32_t>(entries_.size()));
      entries_.push_back(entry);
    } while (ts_tree_cursor_goto_next_sibling(cursor));
  }
  Entry& parent = entries_[at];
  parent.listed = true;
  parent.first_child = first;
  parent.child_count = static_cast<std::uint32_t>(entries_.size()) - first;
}

std::uint32_t NodeIndex::locate(TSNode node) {
  if (ts_node_is_null(node) || node.tree != entries_[0].node.tree)
    return kNone;
  std::uint32_t start = ts_node_start_byte(node);
  std::uint32_t end = ts_node_end_byte(node);
  auto known = by_id_.find(node.id);
  if (known != by_id_.end() && entries_[known->second].start == start)
    return known->second;
  if (complete_)
    return kNone;
  if (descended_ > kListAllAfter) {
    // Many walks down (a deep tree asked about level by level): list every node once instead,
    // so that the total stays linear in the tree's size.
    for (std::uint32_t at = 0; at < entries_.size(); ++at)
      list_children(at);
    complete_ = true;
    known = by_id_.find(node.id);
    return known != by_id_.end() && entries_[known->second].start == start ? known->second : kNone;
  }
  // Down from the root through each child whose range holds the node's. Siblings do not
  // overlap, so those are the last children starting at or before it, back to the first that
  // ends before it (more than one only around empty nodes).
  std::vector<std::uint32_t> open{0};
  while (!open.empty()) {
    std::uint32_t at = open.back();
    open.pop_back();
    ++descended_;
    list_children(at);
    auto first = entries_.begin() + entries_[at].first_child;
    auto last = first + entries_[at].child_count;
    auto after = std::upper_bound(
        first, last, start, [](std::uint32_t byte, const Entry& e) { return byte < e.start; });
    for (auto child = after; child != first;) {
      --child;
      if (child->end < end)
        break;
      auto index = static_cast<std::uint32_t>(child - entries_.begin());
      if (child->node.id == node.id && child->start == start)
        return index;
      open.push_back(index);
    }
  }
  return kNone;
}

TSNode NodeIndex::at(std::uint32_t index) const {
  return index == kNone ? TSNode{} : entries_[index].node;
}

TSNode NodeIndex::parent(TSNode node) {
  std::uint32_t index = locate(node);
  return index != kNone ? at(entries_[index].parent) : ts_node_parent(node);
}

TSNode NodeIndex::sibling(TSNode node, int step) {
  std::uint32_t index = locate(node);
  if (index == kNone)
    return step > 0 ? ts_node_next_sibling(node) : ts_node_prev_sibling(node);
  std::uint32_t parent = entries_[index].parent;
  if (parent == kNone)
    return TSNode{};
  const Entry& up = entries_[parent];
  std::int64_t at = static_cast<std::int64_t>(index) + step;
  return at >= up.first_child && at < static_cast<std::int64_t>(up.first_child) + up.child_count
             ? entries_[static_cast<std::size_t>(at)].node
             : TSNode{};
}

}  // namespace mentor::rules
