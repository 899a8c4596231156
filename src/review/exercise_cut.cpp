// Cutting an exercise out of a file around a rule's match.
#include "review/exercise_cut.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "lang/tree_cursor.hpp"
#include "rules/rule_engine.hpp"

namespace mentor::review {

namespace {

bool is(TSNode node, std::string_view kind) {
  return !ts_node_is_null(node) && kind == ts_node_type(node);
}

bool is_function(const lang::Language& language, TSNode node) {
  return std::any_of(language.functions.begin(), language.functions.end(),
                     [&](std::string_view kind) { return !kind.empty() && is(node, kind); });
}

bool is_script(std::string_view language) {
  return language == "javascript" || language == "typescript" || language == "tsx";
}

// A JavaScript function expression or arrow function bound by `const f = ...` (or let/var): the
// whole declaration; a null node otherwise.
TSNode bound_declaration(TSNode node) {
  if (!is(node, "arrow_function") && !is(node, "function_expression") && !is(node, "function"))
    return TSNode{};
  TSNode declarator = ts_node_parent(node);
  if (!is(declarator, "variable_declarator"))
    return TSNode{};
  TSNode declaration = ts_node_parent(declarator);
  if (is(declaration, "lexical_declaration") || is(declaration, "variable_declaration"))
    return declaration;
  return TSNode{};
}

// The node to cut around [start, end): the smallest enclosing function, else the top-level
// statement holding it; null when that statement is one line (the match is at the top level).
TSNode enclosing(const lang::Tree& tree, std::uint32_t start, std::uint32_t end) {
  const std::string_view language = tree.language().name;
  TSNode root = tree.root();
  TSNode node = ts_node_descendant_for_byte_range(root, start, end);
  TSNode top{};
  for (; !ts_node_is_null(node) && !ts_node_eq(node, root); node = ts_node_parent(node)) {
    if (is_function(tree.language(), node)) {
      TSNode parent = ts_node_parent(node);
      if (language == "python" && is(parent, "decorated_definition"))
        return parent;
      return node;
    }
    if (is_script(language)) {
      TSNode declaration = bound_declaration(node);
      if (!ts_node_is_null(declaration))
        return declaration;
    }
    top = node;
  }
  if (ts_node_is_null(top))
    return top;
  // Comments and the like are not statements; a one-line statement is the top level itself.
  if (ts_node_start_point(top).row == ts_node_end_point(top).row)
    return TSNode{};
  return top;
}

// The lines of [start, end) widened to whole lines when only blanks precede `start` on its line,
// dedented by their common indentation.
std::string dedented(std::string_view source, std::uint32_t start, std::uint32_t end) {
  std::size_t line_start = source.rfind('\n', start == 0 ? 0 : start - 1);
  line_start = line_start == std::string_view::npos || start == 0 ? 0 : line_start + 1;
  std::string_view prefix = source.substr(line_start, start - line_start);
  const bool whole_first = prefix.find_first_not_of(" \t") == std::string_view::npos;
  std::string_view text =
      source.substr(whole_first ? line_start : start, end - (whole_first ? line_start : start));
  std::vector<std::string_view> lines;
  for (std::size_t at = 0; at <= text.size();) {
    std::size_t next = text.find('\n', at);
    if (next == std::string_view::npos) {
      lines.push_back(text.substr(at));
      break;
    }
    lines.push_back(text.substr(at, next - at));
    at = next + 1;
  }
  std::size_t indent = std::numeric_limits<std::size_t>::max();
  for (std::size_t i = whole_first ? 0 : 1; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    std::size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos)
      indent = std::min(indent, first);
  }
  if (indent == std::numeric_limits<std::size_t>::max())
    indent = 0;
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (i > 0 || whole_first)
      line.remove_prefix(std::min(indent, line.size()));
    out.append(line);
    out += '\n';
  }
  while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n')
    out.pop_back();
  return out;
}

std::string indented(std::string_view text, std::string_view by) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t next = text.find('\n', at);
    std::string_view line =
        text.substr(at, next == std::string_view::npos ? std::string_view::npos : next - at);
    if (!line.empty())
      out += by;
    out += line;
    out += '\n';
    at = next == std::string_view::npos ? text.size() : next + 1;
  }
  return out;
}

std::uint32_t lines_in(std::string_view text) {
  return static_cast<std::uint32_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

bool has_syntax_error(const lang::Tree& tree, std::uint32_t* row, std::uint32_t* column) {
  if (!ts_node_has_error(tree.root()))
    return false;
  // The innermost error or missing node on the first path to one: the closest to the mistake.
  TSNode found = tree.root();
  lang::TreeCursor cursor(tree.root());
  do {
    TSNode node = cursor.node();
    if (std::strcmp(ts_node_type(node), "ERROR") == 0 || ts_node_is_missing(node)) {
      found = node;
      bool inner = false;
      for (std::uint32_t i = 0; i < ts_node_child_count(node) && !inner; ++i)
        inner = ts_node_has_error(ts_node_child(node, i));
      if (!inner)
        break;
    }
  } while (cursor.next(ts_node_has_error(cursor.node())));
  TSPoint at = ts_node_start_point(found);
  if (row != nullptr)
    *row = at.row;
  if (column != nullptr)
    *column = at.column;
  return true;
}

std::string_view extension_of(const lang::Language& language) {
  return language.extension;
}

CutResult cut_exercise(const rules::Rule& rule, lang::Parser& parser, std::string_view source,
                       std::uint32_t line) {
  CutResult result;
  if (rule.language == nullptr || !rule.matcher) {
    result.why_not = "the rule has no language";
    return result;
  }
  lang::Tree tree = parser.parse(*rule.language, source);
  const rules::Rule* one[] = {&rule};
  std::vector<rules::RuleMatch> matches = rules::match_rules(one, tree, source);
  if (matches.empty()) {
    result.why_not = "the rule does not match the file at that commit";
    return result;
  }
  // The match nearest to the recorded line.
  const std::int64_t wanted = static_cast<std::int64_t>(line) - 1;
  auto nearest =
      std::min_element(matches.begin(), matches.end(), [&](const auto& a, const auto& b) {
        return std::llabs(a.match.start_row - wanted) < std::llabs(b.match.start_row - wanted);
      });
  const rules::Match& match = nearest->match;
  TSNode node = enclosing(tree, match.start_byte, match.end_byte);
  if (ts_node_is_null(node)) {
    result.why_not = fmt::format("the match on line {} is at the top level, in no function",
                                 match.start_row + 1);
    return result;
  }
  const std::uint32_t first_row = ts_node_start_point(node).row;
  if (ts_node_end_point(node).row - first_row + 1 > kMaxCutLines) {
    result.why_not = fmt::format("its function is longer than {} lines", kMaxCutLines);
    return result;
  }
  std::string code = dedented(source, ts_node_start_byte(node), ts_node_end_byte(node));
  std::uint32_t offset = 0;  // lines added above the cut
  const std::string_view language = rule.language->name;
  const bool method = is(node, "method_definition") && is_script(language);
  if (language == "java" || method) {
    code = "class Exercise {\n" + indented(code, language == "java" ? "    " : "  ") + "}\n";
    offset = 1;
  } else if (language == "go") {
    code = "package exercise\n\n" + code;
    offset = 2;
  }
  if (lines_in(code) > kMaxCutLines + offset + 1) {
    result.why_not = fmt::format("its function is longer than {} lines", kMaxCutLines);
    return result;
  }
  lang::Tree cut_tree = parser.parse(*rule.language, code);
  if (has_syntax_error(cut_tree)) {
    result.why_not = "the code cut out of the file does not parse on its own";
    return result;
  }
  if (rules::match_rules(one, cut_tree, code).empty()) {
    result.why_not = "the rule does not match the code cut out of the file on its own";
    return result;
  }
  result.cut =
      ExerciseCut{std::move(code), first_row + 1, match.start_row - first_row + 1 + offset};
  return result;
}

}  // namespace mentor::review
