// Stage one of rule loading: plain structs that mirror a rule file's YAML, with the position of
// every value so that compilation (stage two) can point at the exact place of a problem.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/error.hpp"

namespace mentor::rules {

// Where the characters of a YAML scalar are in the file.
struct ScalarSpan {
  enum class Style { plain, quoted, block };

  SourcePos start;  // the scalar's first character, or its `|` / `>` indicator
  Style style = Style::plain;
  int content_line = 0;  // block scalars: 1-based line of the first content line
  int indent = 0;        // block scalars: 0-based column where content lines start

  // The file position of byte `offset` of the scalar's value. Exact for plain scalars, block
  // scalars and quoted scalars without escapes; otherwise the best guess on the same line.
  SourcePos at(std::string_view value, std::size_t offset) const;
};

// A string value of the YAML with its location.
struct Text {
  std::string value;
  ScalarSpan span;

  const SourcePos& pos() const { return span.start; }
  SourcePos at(std::size_t offset) const { return span.at(value, offset); }
};

// `pattern:` is a string or an object {context, selector, strictness}.
struct PatternSpec {
  Text source;  // the pattern string, or the context
  std::optional<Text> selector;
  std::optional<Text> strictness;
};

struct RelationSpec;
struct NthChildSpec;

// One ast-grep rule object. Every key is optional; at least one matcher must be present.
struct RuleSpec {
  SourcePos pos;
  std::optional<PatternSpec> pattern;
  std::optional<Text> kind;
  std::optional<Text> regex;
  std::unique_ptr<NthChildSpec> nth_child;
  std::unique_ptr<RelationSpec> inside;
  std::unique_ptr<RelationSpec> has;
  std::unique_ptr<RelationSpec> precedes;
  std::unique_ptr<RelationSpec> follows;
  std::optional<std::vector<RuleSpec>> all;
  std::optional<std::vector<RuleSpec>> any;
  std::unique_ptr<RuleSpec> not_;
  std::optional<Text> matches;
};

// `stopBy:` of a relational rule: `neighbor` (default), `end`, or a rule object.
struct StopBySpec {
  enum class Kind { neighbor, end, rule };
  Kind kind = Kind::neighbor;
  std::unique_ptr<RuleSpec> rule;
};

// `inside` / `has` / `precedes` / `follows`: a rule object plus stopBy and field.
struct RelationSpec {
  RuleSpec rule;
  StopBySpec stop_by;
  std::optional<Text> field;
};

// `nthChild:` a position (a number or a CSS-style `An+B` formula), or an object with
// `position`, `ofRule` (count only the siblings matching it) and `reverse` (count from the end).
struct NthChildSpec {
  Text position;
  std::unique_ptr<RuleSpec> of_rule;
  bool reverse = false;
};

// A named rule under `constraints:` (metavariable name) or `utils:` (utility id).
struct NamedRuleSpec {
  Text name;
  RuleSpec rule;
};

// `fix:` a template string, or an object {template, expandStart, expandEnd} whose expansions are
// relational rule objects (a rule plus stopBy) tried on the match's siblings before / after it.
struct FixSpec {
  Text template_text;
  std::unique_ptr<RelationSpec> expand_start;
  std::unique_ptr<RelationSpec> expand_end;
};

// One entry of `transform:` NAME: {substring | replace | convert: {...}}, or ast-grep 0.51's
// string form `NAME: substring($A, startChar=1)`. Values are checked by compile_rule.
struct TransformSpec {
  Text name;  // the variable it defines, without '$'
  Text kind;  // "substring", "replace" or "convert", where it is written
  Text source;
  std::optional<Text> start_char;  // substring
  std::optional<Text> end_char;
  std::optional<Text> replace;  // replace: the regex
  std::optional<Text> by;
  std::optional<Text> to_case;  // convert
  std::vector<Text> separated_by;
};

// One YAML document of a rule file.
struct RuleFileSpec {
  SourcePos origin;  // where the document starts
  std::optional<Text> id;
  std::optional<Text> language;
  std::optional<Text> severity;
  std::optional<Text> message;
  std::optional<Text> skill;
  std::optional<Text> lesson;  // `lesson:` or ast-grep's `note:`
  std::optional<Text> url;
  std::vector<Text> files;
  std::vector<Text> ignores;
  std::vector<Text> bad_examples;
  std::vector<Text> good_examples;
  std::vector<Text> fixed_examples;  // `examples.fixed`: each bad example once fixed
  std::optional<RuleSpec> rule;
  std::optional<Text> query;
  std::vector<NamedRuleSpec> constraints;
  std::vector<NamedRuleSpec> utils;
  std::optional<FixSpec> fix;
  std::vector<TransformSpec> transforms;
  std::optional<Text> fix_after;  // `fixAfter`: show the fix from the author's N-th occurrence
};

}  // namespace mentor::rules
