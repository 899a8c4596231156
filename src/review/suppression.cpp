// Finding and reading suppression comments.
#include "review/suppression.hpp"

#include <algorithm>

#include "rules/node_kinds.hpp"

namespace mentor::review {

namespace {

constexpr std::string_view kMentor = "mentor: ignore";
constexpr std::string_view kAstGrep = "ast-grep-ignore";

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() &&
         (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n'))
    text.remove_suffix(1);
  return text;
}

// The text of a comment without a block comment's closing "*/" (and what follows it).
std::string_view without_closer(std::string_view text) {
  std::size_t closer = text.find("*/");
  return closer == std::string_view::npos ? text : text.substr(0, closer);
}

std::vector<std::string> split_ids(std::string_view list) {
  std::vector<std::string> ids;
  while (!list.empty()) {
    std::size_t comma = list.find(',');
    std::string_view id = trim(list.substr(0, comma));
    if (!id.empty())
      ids.emplace_back(id);
    if (comma == std::string_view::npos)
      break;
    list.remove_prefix(comma + 1);
  }
  return ids;
}

void collect(TSNode node, std::vector<TSNode>& comments) {
  if (rules::is_comment(node)) {
    comments.push_back(node);
    return;
  }
  std::uint32_t count = ts_node_child_count(node);
  for (std::uint32_t i = 0; i < count; ++i)
    collect(ts_node_child(node, i), comments);
}

}  // namespace

bool Suppression::covers(std::string_view rule_id, std::uint32_t finding_line) const {
  if (finding_line != line && finding_line != line + 1)
    return false;
  return all_rules || std::find(ids.begin(), ids.end(), rule_id) != ids.end();
}

std::optional<Suppression> parse_suppression(std::string_view comment) {
  Suppression s;
  std::size_t at = comment.find(kMentor);
  if (at != std::string_view::npos) {
    std::string_view rest = comment.substr(at + kMentor.size());
    std::size_t directive_end = at + kMentor.size();
    if (!rest.empty() && rest.front() == '[') {
      std::size_t close = rest.find(']');
      if (close == std::string_view::npos)
        return std::nullopt;  // "mentor: ignore[x" is not a directive
      s.ids = split_ids(rest.substr(1, close - 1));
      rest.remove_prefix(close + 1);
      directive_end += close + 1;
    } else if (!rest.empty() && rest.front() != ' ' && rest.front() != '\t') {
      return std::nullopt;  // "mentor: ignored" is prose
    }
    s.all_rules = s.ids.empty();
    s.reason = std::string(trim(without_closer(rest)));
    s.directive = std::string(comment.substr(at, directive_end - at));
    s.column = static_cast<std::uint32_t>(at);
    return s;
  }
  at = comment.find(kAstGrep);
  if (at == std::string_view::npos)
    return std::nullopt;
  std::string_view rest = trim(without_closer(comment.substr(at + kAstGrep.size())));
  if (!rest.empty() && rest.front() == ':') {
    s.ids = split_ids(rest.substr(1));
  } else if (!rest.empty()) {
    return std::nullopt;
  }
  s.all_rules = s.ids.empty();
  s.directive = std::string(trim(without_closer(comment.substr(at))));
  s.column = static_cast<std::uint32_t>(at);
  return s;
}

std::vector<Suppression> find_suppressions(const lang::Tree& tree, std::string_view source) {
  std::vector<Suppression> out;
  if (source.find(kMentor) == std::string_view::npos &&
      source.find(kAstGrep) == std::string_view::npos) {
    return out;
  }
  std::vector<TSNode> comments;
  collect(tree.root(), comments);
  for (TSNode comment : comments) {
    std::uint32_t start = ts_node_start_byte(comment);
    std::uint32_t end = std::min<std::uint32_t>(ts_node_end_byte(comment),
                                                static_cast<std::uint32_t>(source.size()));
    std::string_view text = source.substr(start, end - start);
    // A block comment may span lines: only its first line carries a directive.
    text = text.substr(0, text.find('\n'));
    auto suppression = parse_suppression(text);
    if (!suppression)
      continue;
    TSPoint point = ts_node_start_point(comment);
    suppression->line = point.row + 1;
    suppression->column += point.column + 1;
    suppression->end_column = point.column + static_cast<std::uint32_t>(text.size()) + 1;
    out.push_back(std::move(*suppression));
  }
  return out;
}

}  // namespace mentor::review
