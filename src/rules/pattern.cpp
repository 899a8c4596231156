// Pattern compilation and ast-grep's structural match algorithm (crates/core/src/match_tree).
#include "rules/pattern.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "lang/parser.hpp"
#include "rules/match_context.hpp"
#include "rules/rule_error.hpp"
#include "util/suggest.hpp"

namespace mentor::rules {

namespace {

constexpr TSSymbol kErrorSymbol = static_cast<TSSymbol>(-1);

// How deeply the syntax tree of a pattern may nest. The functions below that walk a pattern's
// tree, and the match of a pattern against code, recurse once per level of it.
constexpr unsigned kMaxPatternDepth = 100;

// The depth of the tree below `root` (1 for a leaf), counted with a cursor.
unsigned tree_depth(TSNode root) {
  TreeCursor walker(root);
  TSTreeCursor* cursor = walker.get();
  unsigned depth = 1;
  unsigned deepest = 1;
  for (;;) {
    if (ts_tree_cursor_goto_first_child(cursor)) {
      deepest = std::max(deepest, ++depth);
      continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(cursor)) {
      if (depth == 1 || !ts_tree_cursor_goto_parent(cursor))
        return deepest;
      --depth;
    }
  }
}

// The names of the metavariables of `root` that bind, sorted and unique.
std::vector<std::string> bound_names(const PatternNode& root) {
  std::vector<std::string> names;
  std::vector<const PatternNode*> stack{&root};
  while (!stack.empty()) {
    const PatternNode* node = stack.back();
    stack.pop_back();
    if (node->type == PatternNode::Type::meta_var && !node->name.empty())
      names.push_back(node->name);
    for (const auto& child : node->children)
      stack.push_back(&child);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::string utf8(char32_t c) {
  std::string out;
  auto byte = [&](std::uint32_t value) {
    out += static_cast<char>(static_cast<unsigned char>(value));
  };
  auto code = static_cast<std::uint32_t>(c);
  if (code < 0x80) {
    byte(code);
  } else if (code < 0x800) {
    byte(0xC0 | (code >> 6));
    byte(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    byte(0xE0 | (code >> 12));
    byte(0x80 | ((code >> 6) & 0x3F));
    byte(0x80 | (code & 0x3F));
  } else {
    byte(0xF0 | (code >> 18));
    byte(0x80 | ((code >> 12) & 0x3F));
    byte(0x80 | ((code >> 6) & 0x3F));
    byte(0x80 | (code & 0x3F));
  }
  return out;
}

// The pattern text with metavariable sigils replaced by the expando, and for each byte of it the
// offset of the byte of the original text it came from.
struct Preprocessed {
  std::string text;
  std::vector<std::size_t> origin;  // text.size() + 1 entries

  std::size_t original_offset(std::uint32_t offset) const {
    return offset < origin.size() ? origin[offset] : origin.back();
  }
};

// ast-grep's pre_process_pattern: `$` becomes the expando when it starts a metavariable ($A,
// $$A, $$$A, $_, $$$), and stays `$` otherwise (e.g. `"$5"`).
Preprocessed preprocess(std::string_view source, const std::string& sigil) {
  Preprocessed out;
  std::size_t dollars = 0;
  auto emit_dollars = [&](std::size_t end, bool replace) {
    for (std::size_t k = end - dollars; k < end; ++k) {
      const std::string& piece = replace ? sigil : std::string("$");
      for (char c : piece) {
        out.text += c;
        out.origin.push_back(k);
      }
    }
    dollars = 0;
  };
  for (std::size_t i = 0; i < source.size(); ++i) {
    char c = source[i];
    if (c == '$') {
      ++dollars;
      continue;
    }
    bool replace = (c >= 'A' && c <= 'Z') || c == '_' || dollars == 3;
    emit_dollars(i, replace);
    out.text += c;
    out.origin.push_back(i);
  }
  emit_dollars(source.size(), dollars == 3);
  // A final newline ends the last statement in newline-terminated grammars (Go) instead of
  // leaving a MISSING terminator.
  if (!out.text.ends_with('\n')) {
    out.text += '\n';
    out.origin.push_back(source.size());
  }
  out.origin.push_back(source.size());
  return out;
}

bool is_meta_char(char c) {
  return (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9');
}

// ast-grep's extract_meta_var: whether `text` (after preprocessing) is a metavariable.
bool extract_meta_var(std::string_view text, const std::string& sigil, PatternNode& out) {
  std::string ellipsis = sigil + sigil + sigil;
  auto all_meta_chars = [](std::string_view s) {
    for (char c : s) {
      if (!is_meta_char(c))
        return false;
    }
    return true;
  };
  if (text == ellipsis) {
    out.meta = PatternNode::MetaVar::multiple;
    return true;
  }
  if (text.starts_with(ellipsis)) {
    std::string_view rest = text.substr(ellipsis.size());
    if (!all_meta_chars(rest))
      return false;
    if (rest.starts_with('_')) {
      out.meta = PatternNode::MetaVar::multiple;
    } else {
      out.meta = PatternNode::MetaVar::multi_capture;
      out.name = std::string(rest);
    }
    return true;
  }
  if (!text.starts_with(sigil))
    return false;
  std::string_view rest = text.substr(sigil.size());
  out.named = true;
  if (rest.starts_with(sigil)) {
    rest.remove_prefix(sigil.size());
    out.named = false;
  }
  if (rest.empty() || !(rest[0] == '_' || (rest[0] >= 'A' && rest[0] <= 'Z')) ||
      !all_meta_chars(rest))
    return false;
  if (rest.starts_with('_')) {
    out.meta = PatternNode::MetaVar::dropped;
  } else {
    out.meta = PatternNode::MetaVar::capture;
    out.name = std::string(rest);
  }
  return true;
}

// Whether a MISSING node is tolerated: a statement terminator the pattern author left out
// (`printf($A)` in C). ast-grep drops every MISSING node; git-mentor rejects other ones.
bool tolerated_missing(TSNode node) {
  return std::strcmp(ts_node_type(node), ";") == 0;
}

// ast-grep's is_single_node, extended to ignore a trailing zero-width or whitespace token.
bool is_single_node(TSNode node, std::string_view text) {
  std::uint32_t count = ts_node_child_count(node);
  if (count == 1)
    return true;
  if (count != 2)
    return false;
  TSNode second = ts_node_child(node, 1);
  if (ts_node_is_missing(second) || std::strlen(ts_node_type(second)) == 0)
    return true;
  if (ts_node_is_named(second))
    return false;
  std::string_view token = lang::node_text(second, text);
  return token.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// The first ERROR or intolerable MISSING node below `node`, if any. Two ERROR nodes are
// tolerated, as ast-grep accepts them: one that is exactly a metavariable (it becomes that
// metavariable, so `while ($C) { $$$BODY }` works in C, where a statement needs a `;`), and one
// that only wraps the single node of the pattern because the grammar cannot place it at the top
// level (a Rust method call without `;`); `top` says `node` is on that single-node chain.
// Recurses once per level: only for trees within kMaxPatternDepth.
std::optional<TSNode> find_syntax_error(TSNode node, std::string_view text,
                                        const std::string& sigil, bool top) {
  if (ts_node_symbol(node) == kErrorSymbol) {
    PatternNode meta_var;
    if (extract_meta_var(lang::node_text(node, text), sigil, meta_var))
      return std::nullopt;
    if (!top || !is_single_node(node, text))
      return node;
  }
  if (ts_node_is_missing(node) && !tolerated_missing(node))
    return node;
  if (!ts_node_has_error(node))
    return std::nullopt;
  bool child_top = top && is_single_node(node, text);
  std::uint32_t count = ts_node_child_count(node);
  for (std::uint32_t i = 0; i < count; ++i) {
    if (auto found = find_syntax_error(ts_node_child(node, i), text, sigil, child_top))
      return found;
  }
  return std::nullopt;
}

// The first node of kind `kind` in preorder.
std::optional<TSNode> find_kind(TSNode root, TSSymbol kind, const KindTable& kinds) {
  TreeCursor cursor(root);
  do {
    if (kinds.canonical(cursor.node()) == kind)
      return cursor.node();
  } while (cursor.next());
  return std::nullopt;
}

// The pattern node of `node`. Recurses once per level: only for trees within kMaxPatternDepth,
// which also bounds the recursion of TreeMatcher below.
PatternNode convert(TSNode node, std::string_view text, const std::string& sigil,
                    const KindTable& kinds) {
  PatternNode out;
  std::string_view node_text = lang::node_text(node, text);
  if (extract_meta_var(node_text, sigil, out)) {
    out.type = PatternNode::Type::meta_var;
    return out;
  }
  out.kind = kinds.canonical(node);
  out.named = ts_node_is_named(node);
  out.comment = is_comment(node);
  std::uint32_t count = ts_node_child_count(node);
  if (count == 0) {
    out.type = PatternNode::Type::terminal;
    out.text = std::string(node_text);
    return out;
  }
  out.type = PatternNode::Type::internal;
  for (std::uint32_t i = 0; i < count; ++i) {
    TSNode child = ts_node_child(node, i);
    if (!ts_node_is_missing(child))
      out.children.push_back(convert(child, text, sigil, kinds));
  }
  return out;
}

Strictness parse_strictness(const Text& text, std::string_view rule_id) {
  static constexpr std::array<std::string_view, 5> kNames = {"cst", "smart", "ast", "relaxed",
                                                             "signature"};
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == text.value)
      return static_cast<Strictness>(i);
  }
  throw rule_error(RuleErrorKind::invalid_pattern, rule_id,
                   "unknown strictness " + fmt_key(text.value) + did_you_mean(text.value, kNames),
                   text.pos());
}

std::string snippet(std::string_view text) {
  constexpr std::size_t kMax = 30;
  std::string out(text.substr(0, kMax));
  for (char& c : out) {
    if (c == '\n')
      c = ' ';
  }
  return text.size() > kMax ? out + "..." : out;
}

enum class One { matched_both, skip_both, skip_goal, skip_candidate, no_match };
enum class Flow { fallthrough, next, done, fail };

// One attempt to match a pattern node against a candidate; holds no state beyond the call.
class TreeMatcher {
 public:
  TreeMatcher(Strictness strictness, MatchContext& context, MetaVarEnv& env)
      : strictness_(strictness), context_(context), env_(env) {}

  One match_node(const PatternNode& goal, TSNode candidate) {
    context_.step();
    if (skips_comments() && is_comment(candidate) && !is_comment_goal(goal))
      return One::skip_candidate;
    switch (goal.type) {
      case PatternNode::Type::terminal:
        return match_terminal(goal, candidate);
      case PatternNode::Type::meta_var:
        return match_meta_var(goal, candidate) ? One::matched_both : One::no_match;
      case PatternNode::Type::internal:
        if (goal.kind != context_.kinds.canonical(candidate))
          return One::no_match;
        return match_children(goal.children, context_.children(candidate)) ? One::matched_both
                                                                           : One::no_match;
    }
    return One::no_match;
  }

 private:
  bool skips_comments() const {
    return strictness_ != Strictness::cst && strictness_ != Strictness::ast;
  }

  static bool is_comment_goal(const PatternNode& goal) {
    return goal.type != PatternNode::Type::meta_var && goal.comment;
  }

  bool skip_unnamed_or_comment(TSNode candidate) const {
    return !ts_node_is_named(candidate) || is_comment(candidate);
  }

  One match_terminal(const PatternNode& goal, TSNode candidate) {
    bool kind_matched = goal.kind == context_.kinds.canonical(candidate);
    if (kind_matched && (!goal.named || goal.text == context_.text(candidate)))
      return One::matched_both;
    bool skip_goal = false;
    bool skip_candidate = false;
    switch (strictness_) {
      case Strictness::cst:
        break;
      case Strictness::smart:
        skip_candidate = !ts_node_is_named(candidate);
        break;
      case Strictness::ast:
        skip_goal = !goal.named;
        skip_candidate = !ts_node_is_named(candidate);
        break;
      case Strictness::relaxed:
        skip_goal = !goal.named;
        skip_candidate = skip_unnamed_or_comment(candidate);
        break;
      case Strictness::signature:
        if (kind_matched)
          return One::matched_both;
        skip_goal = !goal.named;
        skip_candidate = skip_unnamed_or_comment(candidate);
        break;
    }
    if (skip_goal && skip_candidate)
      return One::skip_both;
    if (skip_goal)
      return One::skip_goal;
    if (skip_candidate)
      return One::skip_candidate;
    return One::no_match;
  }

  bool match_meta_var(const PatternNode& goal, TSNode candidate) {
    switch (goal.meta) {
      case PatternNode::MetaVar::capture:
        if (goal.named && !ts_node_is_named(candidate))
          return false;
        return env_.bind_single(goal.name, candidate, context_);
      case PatternNode::MetaVar::dropped:
        return !goal.named || ts_node_is_named(candidate);
      case PatternNode::MetaVar::multiple:
        return true;
      case PatternNode::MetaVar::multi_capture:
        return env_.bind_multi(goal.name, {candidate}, context_);
    }
    return false;
  }

  // Whether a candidate left over after the last goal is allowed: ast-grep's should_skip_trailing
  // as ast-grep 0.51 behaves, where `ast` also lets trailing unnamed nodes through (`[1, 2]`
  // matches `[1, 2,]`).
  bool skip_trailing(TSNode candidate) const {
    switch (strictness_) {
      case Strictness::cst:
        return false;
      case Strictness::ast:
        return !ts_node_is_named(candidate);
      case Strictness::smart:
        return true;
      case Strictness::relaxed:
      case Strictness::signature:
        return skip_unnamed_or_comment(candidate);
    }
    return false;
  }

  // Whether `goal` may be left unmatched when the candidates run out.
  bool skippable_goal(const PatternNode& goal) const {
    if (goal.is_ellipsis())
      return strictness_ != Strictness::cst;
    if (strictness_ == Strictness::ast || strictness_ == Strictness::relaxed ||
        strictness_ == Strictness::signature) {
      return goal.type == PatternNode::Type::internal ? false : !goal.named;
    }
    return false;
  }

  bool bind_ellipsis(const PatternNode& ellipsis, std::vector<TSNode> matched,
                     std::size_t skipped_trivial) {
    if (ellipsis.meta != PatternNode::MetaVar::multi_capture)
      return true;
    matched.resize(matched.size() > skipped_trivial ? matched.size() - skipped_trivial : 0);
    return env_.bind_multi(ellipsis.name, std::move(matched), context_);
  }

  // ast-grep's match_nodes_impl_recursive.
  bool match_children(const std::vector<PatternNode>& goals, const std::vector<TSNode>& cands) {
    std::size_t g = 0;
    std::size_t c = 0;
    if (cands.empty())
      return false;
    while (true) {
      Flow flow = match_ellipsis(goals, g, cands, c);
      if (flow == Flow::fail)
        return false;
      if (flow == Flow::done)
        return true;
      if (flow == Flow::next)
        continue;
      flow = match_single(goals, g, cands, c);
      if (flow == Flow::fail)
        return false;
      if (flow == Flow::done)
        return true;
      if (flow == Flow::next)
        continue;
      if (g < goals.size()) {
        ++g;
        ++c;
      }
      if (g >= goals.size()) {
        for (; c < cands.size(); ++c) {
          if (!skip_trailing(cands[c]))
            return false;
        }
        return true;
      }
      if (c >= cands.size())
        return false;
    }
  }

  // ast-grep's may_match_ellipsis_impl: `$$$` takes candidates lazily until the goal after it
  // matches.
  Flow match_ellipsis(const std::vector<PatternNode>& goals, std::size_t& g,
                      const std::vector<TSNode>& cands, std::size_t& c) {
    if (g >= goals.size())
      return Flow::done;
    if (!goals[g].is_ellipsis())
      return Flow::fallthrough;
    const PatternNode& ellipsis = goals[g];
    std::vector<TSNode> matched;
    ++g;
    auto take_rest = [&] {
      for (; c < cands.size(); ++c)
        matched.push_back(cands[c]);
    };
    if (g >= goals.size()) {
      take_rest();
      return bind_ellipsis(ellipsis, std::move(matched), 0) ? Flow::done : Flow::fail;
    }
    std::size_t skipped = 0;
    while (goals[g].is_trivial()) {
      ++g;
      ++skipped;
      if (g >= goals.size()) {
        take_rest();
        return bind_ellipsis(ellipsis, std::move(matched), skipped) ? Flow::done : Flow::fail;
      }
    }
    if (c >= cands.size())
      return Flow::fail;
    if (goals[g].is_ellipsis()) {
      matched.push_back(cands[c++]);
      if (c >= cands.size())
        return Flow::fail;
      return bind_ellipsis(ellipsis, std::move(matched), skipped) ? Flow::next : Flow::fail;
    }
    while (true) {
      std::size_t mark = env_.mark();
      One one = match_node(goals[g], cands[c]);
      env_.rewind(mark);
      if (one == One::matched_both)
        return bind_ellipsis(ellipsis, std::move(matched), skipped) ? Flow::fallthrough
                                                                    : Flow::fail;
      matched.push_back(cands[c++]);
      if (c >= cands.size())
        return Flow::fail;
    }
  }

  // ast-grep's match_single_node_while_skip_trivial.
  Flow match_single(const std::vector<PatternNode>& goals, std::size_t& g,
                    const std::vector<TSNode>& cands, std::size_t& c) {
    while (true) {
      if (c >= cands.size()) {
        for (; g < goals.size(); ++g) {
          if (!skippable_goal(goals[g]))
            return Flow::fail;
          if (goals[g].is_ellipsis() && !bind_ellipsis(goals[g], {}, 0))
            return Flow::fail;
        }
        return Flow::fallthrough;
      }
      std::size_t mark = env_.mark();
      One one = match_node(goals[g], cands[c]);
      if (one != One::matched_both)
        env_.rewind(mark);
      switch (one) {
        case One::matched_both:
          return Flow::fallthrough;
        case One::skip_goal:
          if (++g >= goals.size())
            return Flow::fallthrough;
          break;
        case One::skip_both:
          ++c;
          if (++g >= goals.size())
            return Flow::fallthrough;
          break;
        case One::skip_candidate:
          ++c;
          break;
        case One::no_match:
          return Flow::fail;
      }
    }
  }

  Strictness strictness_;
  MatchContext& context_;
  MetaVarEnv& env_;
};

}  // namespace

Pattern Pattern::compile(const PatternSpec& spec, const lang::Language& language,
                         std::string_view rule_id) {
  const Text& source = spec.source;
  const KindTable& kinds = KindTable::of(language.ts);
  std::string sigil = utf8(language.expando);
  Preprocessed pre = preprocess(source.value, sigil);

  Pattern pattern;
  if (spec.strictness)
    pattern.strictness_ = parse_strictness(*spec.strictness, rule_id);

  std::optional<TSSymbol> selector;
  if (spec.selector) {
    selector = kinds.find(spec.selector->value, true);
    if (!selector) {
      throw rule_error(RuleErrorKind::unknown_kind, rule_id,
                       "unknown node kind " + fmt_key(spec.selector->value) + " in " +
                           std::string(language.name),
                       spec.selector->pos());
    }
  }

  lang::Parser parser;
  lang::Tree tree = parser.parse(language, pre.text);
  TSNode root = tree.root();
  if (tree_depth(root) > kMaxPatternDepth) {
    throw rule_error(RuleErrorKind::invalid_pattern, rule_id,
                     "invalid pattern: its syntax tree nests deeper than " +
                         std::to_string(kMaxPatternDepth) + " levels",
                     source.pos());
  }
  if (auto bad = find_syntax_error(root, pre.text, sigil, true)) {
    std::size_t offset = pre.original_offset(ts_node_start_byte(*bad));
    std::string what = ts_node_is_missing(*bad)
                           ? "missing '" + std::string(ts_node_type(*bad)) + "'"
                           : "syntax error at '" + snippet(source.value.substr(offset)) + "'";
    throw rule_error(RuleErrorKind::invalid_pattern, rule_id,
                     "invalid pattern: " + what + " (the pattern must be valid " +
                         std::string(language.name) + " code)",
                     source.at(offset));
  }

  TSNode goal = root;
  if (selector) {
    auto found = find_kind(root, *selector, kinds);
    if (!found) {
      throw rule_error(
          RuleErrorKind::invalid_pattern, rule_id,
          "selector " + fmt_key(spec.selector->value) + " matches no node of the context",
          spec.selector->pos());
    }
    goal = *found;
    pattern.selector_kind_ = selector;
  } else {
    if (ts_node_child_count(root) == 0) {
      throw rule_error(RuleErrorKind::invalid_pattern, rule_id, "invalid pattern: it is empty",
                       source.pos());
    }
    if (!is_single_node(root, pre.text)) {
      throw rule_error(RuleErrorKind::invalid_pattern, rule_id,
                       "invalid pattern: it has more than one top-level node (use a rule with "
                       "'all'/'has', or a pattern object with 'context' and 'selector')",
                       source.pos());
    }
    while (is_single_node(goal, pre.text))
      goal = ts_node_child(goal, 0);
  }
  pattern.root_ = convert(goal, pre.text, sigil, kinds);
  pattern.names_ = bound_names(pattern.root_);
  pattern.code_ = std::move(pre.text);
  return pattern;
}

bool Pattern::match(TSNode node, MatchContext& context, MetaVarEnv& env) const {
  if (selector_kind_ && context.kinds.canonical(node) != *selector_kind_)
    return false;
  std::size_t mark = env.mark();
  TreeMatcher matcher(strictness_, context, env);
  if (matcher.match_node(root_, node) == One::matched_both)
    return true;
  env.rewind(mark);
  return false;
}

std::optional<TSSymbol> Pattern::root_kind() const {
  if (selector_kind_)
    return selector_kind_;
  if (root_.type == PatternNode::Type::meta_var)
    return std::nullopt;
  return root_.kind;
}

}  // namespace mentor::rules
