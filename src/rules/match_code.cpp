// The code a match covers, comments left out.
#include "rules/match_code.hpp"

#include <algorithm>
#include <utility>

#include "rules/match_context.hpp"
#include "rules/node_kinds.hpp"

namespace mentor::rules {

MatchCode match_code(const lang::Tree& tree, std::string_view source, std::uint32_t start,
                     std::uint32_t end) {
  MatchCode code;
  end = static_cast<std::uint32_t>(std::min<std::size_t>(end, source.size()));
  start = std::min(start, end);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> cuts;  // comment byte ranges, in order

  TSNode top = ts_node_descendant_for_byte_range(tree.root(), start, end);
  TreeCursor cursor(top);
  bool descend = false;
  do {
    TSNode node = cursor.node();
    std::uint32_t node_start = ts_node_start_byte(node);
    std::uint32_t node_end = ts_node_end_byte(node);
    bool inside = node_start < end && node_end > start;
    descend = false;
    if (inside && is_comment(node)) {
      // A comment that holds the whole range is what the match is about: keep it.
      if (node_start > start || node_end < end)
        cuts.emplace_back(std::max(node_start, start), std::min(node_end, end));
    } else if (inside && ts_node_child_count(node) > 0) {
      descend = true;
    } else if (inside && node_end > node_start) {
      code.tokens.push_back(source.substr(node_start, node_end - node_start));
    }
  } while (cursor.next(descend));

  code.text.reserve(end - start);
  std::uint32_t at = start;
  for (const auto& [cut_start, cut_end] : cuts) {
    if (cut_start < at)
      continue;
    code.text.append(source.substr(at, cut_start - at));
    code.text += ' ';
    at = cut_end;
  }
  code.text.append(source.substr(at, end - at));
  if (code.tokens.empty() && cuts.empty() && end > start)
    code.tokens.push_back(source.substr(start, end - start));
  return code;
}

}  // namespace mentor::rules
