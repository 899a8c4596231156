// Inline suppression comments: a mentor (or mentee) says a finding is deliberate.
//
//   x = eval(expr)  # mentor: ignore[py-eval] the expression comes from our own config
//   # mentor: ignore[py-eval, py-bare-except] reason
//   // mentor: ignore          (every rule)
//   // ast-grep-ignore         (every rule, ast-grep's form)
//   // ast-grep-ignore: js-eval, js-no-var
//
// The directive, in the first line of any comment node of the file's language (its text up to a
// block comment's closing "*/"):
//
//   directive := "mentor:" WS* "ignore" ( "[" ids "]" | end | WS ) reason?
//              | "ast-grep-ignore" WS* ( ":" ids )? end
//   ids       := id ( "," id )*        ids are trimmed; empty ones are dropped
//   reason    := the rest of the line, trimmed, without one leading ":" or "-"
//
// "mentor:" and "ast-grep-ignore" must start a word (not follow a letter, digit, '-' or '_');
// the first valid "mentor:" directive wins over an "ast-grep-ignore". Without a list the
// directive covers every rule; an empty list ("ignore[]", "ast-grep-ignore:") covers none.
//
// A comment alone on its line (or lines, for a block comment) covers findings that start on the
// line after it; a comment that shares its line with code (`f();  # ...`, `/* ... */ f();`)
// covers findings that start on that line. Suppressed findings are still reported and recorded,
// marked suppressed; they never block.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/parser.hpp"

namespace mentor::review {

struct Suppression {
  std::uint32_t line = 0;        // 1-based line where the comment starts
  std::uint32_t next_line = 0;   // the line after the comment; 0 when it shares a line with code
  std::uint32_t column = 0;      // 1-based byte column where the directive starts
  std::uint32_t end_column = 0;  // one past the comment's last byte on `line`
  bool all_rules = false;
  std::vector<std::string> ids;  // when not all_rules; may be empty ("mentor: ignore[]")
  std::string reason;            // free text after the directive; may be empty
  std::string directive;         // as written, e.g. "mentor: ignore[py-eval]"

  // Whether a finding of `rule_id` that starts on `finding_line` is suppressed.
  bool covers(std::string_view rule_id, std::uint32_t finding_line) const;
  // The last line covered, for a window of lines that holds every covered finding's start.
  std::uint32_t last_line() const { return next_line != 0 ? next_line : line; }
};

// The directive in one line of comment text (comment markers included), if any. line and
// next_line are left 0; column and end_column are 0-based offsets into `comment`.
std::optional<Suppression> parse_suppression(std::string_view comment);

// Every suppression comment in `tree` (of `source`), in source order. Cheap when `source` has
// none: only the comments around the text's "mentor:" and "ast-grep-ignore" are looked at.
std::vector<Suppression> find_suppressions(const lang::Tree& tree, std::string_view source);

}  // namespace mentor::review
