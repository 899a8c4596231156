// Finding and reading suppression comments.
#include "review/suppression.hpp"

#include <algorithm>
#include <set>

#include "rules/match_context.hpp"
#include "rules/node_kinds.hpp"

namespace mentor::review {

namespace {

constexpr std::string_view kMentor = "mentor:";
constexpr std::string_view kIgnore = "ignore";
constexpr std::string_view kAstGrep = "ast-grep-ignore";

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_blank(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && (is_blank(text.back()) || text.back() == '\r' || text.back() == '\n'))
    text.remove_suffix(1);
  return text;
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

// The offsets of `word` in `text` where it starts a word.
std::vector<std::size_t> word_starts(std::string_view text, std::string_view word) {
  std::vector<std::size_t> out;
  for (std::size_t at = text.find(word); at != std::string_view::npos;
       at = text.find(word, at + 1)) {
    if (at == 0 || !is_word_char(text[at - 1]))
      out.push_back(at);
  }
  return out;
}

// "mentor:" WS* "ignore" ("[" ids "]" | end | WS) reason?, with "mentor:" at `at`.
std::optional<Suppression> parse_mentor(std::string_view text, std::size_t at) {
  std::size_t pos = at + kMentor.size();
  while (pos < text.size() && is_blank(text[pos]))
    ++pos;
  if (text.substr(pos, kIgnore.size()) != kIgnore)
    return std::nullopt;
  pos += kIgnore.size();
  Suppression s;
  if (pos < text.size() && text[pos] == '[') {
    std::size_t close = text.find(']', pos);
    if (close == std::string_view::npos)
      return std::nullopt;  // "mentor: ignore[x" is not a directive
    s.ids = split_ids(text.substr(pos + 1, close - pos - 1));
    pos = close + 1;
  } else if (pos < text.size() && !is_blank(text[pos])) {
    return std::nullopt;  // "mentor: ignored", "mentor: ignore-me" are prose
  } else {
    s.all_rules = true;
  }
  s.directive = std::string(text.substr(at, pos - at));
  std::string_view reason = trim(text.substr(pos));
  if (!reason.empty() && (reason.front() == ':' || reason.front() == '-'))
    reason = trim(reason.substr(1));
  s.reason = std::string(reason);
  s.column = static_cast<std::uint32_t>(at);
  return s;
}

// "ast-grep-ignore" WS* (":" ids)? end, with "ast-grep-ignore" at `at`.
std::optional<Suppression> parse_ast_grep(std::string_view text, std::size_t at) {
  std::string_view rest = trim(text.substr(at + kAstGrep.size()));
  Suppression s;
  if (rest.empty()) {
    s.all_rules = true;
  } else if (rest.front() == ':') {
    s.ids = split_ids(rest.substr(1));
  } else {
    return std::nullopt;  // "ast-grep-ignores", "ast-grep-ignore this" are prose
  }
  s.directive = std::string(trim(text.substr(at)));
  s.column = static_cast<std::uint32_t>(at);
  return s;
}

// The outermost comment nodes that hold one of the bytes at `hits` (sorted), in order (a Rust
// doc comment is a comment inside a comment). One cursor walk over the tree that skips the
// subtrees holding no hit: linear in the size of the tree however deep it is.
std::vector<TSNode> comments_at(TSNode root, const std::vector<std::size_t>& hits) {
  std::vector<TSNode> out;
  if (hits.empty())
    return out;
  auto holds_hit = [&](TSNode node) {
    auto it = std::lower_bound(hits.begin(), hits.end(), ts_node_start_byte(node));
    return it != hits.end() && *it < ts_node_end_byte(node);
  };
  rules::TreeCursor walker(root);
  TSTreeCursor* cursor = walker.get();
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(cursor);
    if (holds_hit(node)) {
      if (rules::is_comment(node))
        out.push_back(node);
      else if (ts_tree_cursor_goto_first_child(cursor))
        continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(cursor)) {
      if (!ts_tree_cursor_goto_parent(cursor))
        return out;
    }
  }
}

}  // namespace

bool Suppression::covers(std::string_view rule_id, std::uint32_t finding_line) const {
  if (finding_line != line && finding_line != next_line)
    return false;
  return all_rules || std::find(ids.begin(), ids.end(), rule_id) != ids.end();
}

std::optional<Suppression> parse_suppression(std::string_view comment) {
  // A block comment's directive ends at its closer.
  std::string_view text = comment.substr(0, comment.find("*/"));
  std::optional<Suppression> s;
  for (std::size_t at : word_starts(text, kMentor)) {
    if ((s = parse_mentor(text, at)))
      break;
  }
  if (!s) {
    for (std::size_t at : word_starts(text, kAstGrep)) {
      if ((s = parse_ast_grep(text, at)))
        break;
    }
  }
  if (s) {
    std::string_view line = comment;
    while (!line.empty() && (is_blank(line.back()) || line.back() == '\r'))
      line.remove_suffix(1);
    s->end_column = static_cast<std::uint32_t>(line.size());
  }
  return s;
}

std::vector<Suppression> find_suppressions(const lang::Tree& tree, std::string_view source) {
  std::vector<Suppression> out;
  std::set<std::uint32_t> seen;  // start bytes of the comments already read
  std::vector<std::size_t> hits = word_starts(source, kMentor);
  std::vector<std::size_t> ast_grep_hits = word_starts(source, kAstGrep);
  hits.insert(hits.end(), ast_grep_hits.begin(), ast_grep_hits.end());
  std::sort(hits.begin(), hits.end());
  for (TSNode comment : comments_at(tree.root(), hits)) {
    if (!seen.insert(ts_node_start_byte(comment)).second)
      continue;
    std::string_view text = lang::node_text(comment, source);
    // A block comment may span lines: only its first line carries a directive.
    text = text.substr(0, text.find('\n'));
    auto suppression = parse_suppression(text);
    if (!suppression)
      continue;
    TSPoint start = ts_node_start_point(comment);
    TSPoint end = ts_node_end_point(comment);
    std::uint32_t last_row = end.column == 0 && end.row > start.row ? end.row - 1 : end.row;
    // Alone on its line(s): only blanks before its start and after its end.
    std::uint32_t start_byte = ts_node_start_byte(comment);
    std::string_view before = source.substr(start_byte - start.column, start.column);
    // A grammar whose line comments hold their newline ends them at column 0 of the next line.
    std::string_view after;
    if (last_row == end.row) {
      after = source.substr(std::min<std::size_t>(ts_node_end_byte(comment), source.size()));
      after = after.substr(0, after.find('\n'));
    }
    bool alone =
        std::all_of(before.begin(), before.end(), is_blank) &&
        std::all_of(after.begin(), after.end(), [](char c) { return is_blank(c) || c == '\r'; });
    suppression->line = start.row + 1;
    suppression->next_line = alone ? last_row + 2 : 0;
    suppression->column += start.column + 1;
    suppression->end_column += start.column + 1;
    out.push_back(std::move(*suppression));
  }
  return out;
}

}  // namespace mentor::review
