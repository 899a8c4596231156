// A rule's suggested rewrite (ast-grep's `fix`, `transform`, `expandStart` and `expandEnd`):
// compiled from the rule file, then applied to each match.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <re2/re2.h>
#include <tree_sitter/api.h>

#include "rules/rule.hpp"

namespace mentor::rules {

class Matcher;
class MetaVarEnv;
struct MatchContext;
struct RuleNode;

// The most bytes a replacement may have; a fix that would be longer is dropped (no fix).
inline constexpr std::size_t kMaxFixBytes = 64 * 1024;

// ast-grep's `convert` cases and word separators.
enum class StringCase { lower, upper, capitalize, camel, snake, kebab, pascal };
enum class Separator { case_change, dash, dot, slash, space, underscore };

// nullopt for a name ast-grep does not have.
std::optional<StringCase> string_case_from_name(std::string_view name);
std::optional<Separator> separator_from_name(std::string_view name);

// `text` in `to_case`, its words split at `separators` (all of them when nullopt), as ast-grep
// does. Letters outside ASCII keep their case.
std::string convert_case(std::string_view text, StringCase to_case,
                         const std::optional<std::vector<Separator>>& separators);

// The characters [start, end) of `text` (UTF-8), negative indexes counting from the end, as
// ast-grep's `substring`; empty when the range is empty.
std::string substring_chars(std::string_view text, int start, std::optional<int> end);

// Every match of `regex` in `text` replaced by `by`, where `$1`, `${1}`, `$name`, `${name}` name
// groups (an unknown group is empty) and `$$` is a '$' (the Rust regex crate's syntax, which
// ast-grep uses).
std::string replace_all(std::string_view text, const RE2& regex, std::string_view by);

// One `transform:` entry: `name` is the text of `source` transformed.
struct Transform {
  enum class Kind { substring, replace, convert };
  Kind kind = Kind::substring;
  std::string name;
  std::string source;  // a metavariable or an earlier transform, without the '$'s
  int start_char = 0;
  std::optional<int> end_char;
  std::shared_ptr<const RE2> regex;
  std::string by;
  StringCase to_case = StringCase::lower;
  std::optional<std::vector<Separator>> separators;
};

// A fix template cut at its metavariables, as ast-grep's template fixer: `fragments` has one
// more element than `vars`, and the text is fragments[0] vars[0] fragments[1] ...
struct FixTemplate {
  struct Var {
    enum class Kind { single, multi, transformed };
    std::string name;
    Kind kind = Kind::single;
    // The indentation of the text since the previous variable (ast-grep's measure): the lines
    // of a multi-line capture are re-indented to it.
    std::size_t indent = 0;
  };
  std::vector<std::string> fragments;
  std::vector<Var> vars;

  // `$A` (and `$$A`) is a capture, unless `transformed` names it; `$$$A` is a sequence. A '$'
  // that starts no name stays as written.
  static FixTemplate parse(std::string_view text, const std::vector<std::string>& transformed);
};

// The spaces that start the line holding byte `offset` of `source` before any other character
// (ast-grep's get_indent_at_offset: only the 512 bytes before `offset` are looked at, and 0 when
// the line starts earlier than that).
std::size_t indent_at(std::string_view source, std::size_t offset);

// `text`, which starts at an offset whose indentation is `from`, with its lines after the first
// re-indented to `to` (ast-grep's indent_lines: spaces added, or removed where present).
std::string reindent(std::string_view text, std::size_t from, std::size_t to);

// The compiled fix of one rule. Immutable after compilation; `expand_start` / `expand_end` are
// relation rule nodes (follows / precedes) that may use the utilities of the rule's matcher, so
// the Fixer is used with that matcher only.
struct Fixer {
  FixTemplate fix_template;
  std::vector<Transform> transforms;  // in an order where each source is defined before use
  std::shared_ptr<const RuleNode> expand_start;
  std::shared_ptr<const RuleNode> expand_end;
  // `examples.fixed`: (bad example, the text it must become once fixed), checked by rules test.
  std::vector<std::pair<std::string, std::string>> expected;

  // The fix of the match of `node` with the bindings `env`, or nullopt when the replacement
  // would be longer than kMaxFixBytes.
  std::optional<FixEdit> apply(TSNode node, const MetaVarEnv& env, MatchContext& context,
                               const Matcher& matcher) const;

  // The replacement for a match that starts at byte `match_start` of `source`, with the
  // captures of `env` (their nodes index `source`); nullopt when longer than kMaxFixBytes.
  std::optional<std::string> render(std::string_view source, std::size_t match_start,
                                    const MetaVarEnv& env) const;
};

}  // namespace mentor::rules
