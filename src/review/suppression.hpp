// Inline suppression comments: a mentor (or mentee) says a finding is deliberate.
//
//   x = eval(expr)  # mentor: ignore[py-eval] the expression comes from our own config
//   # mentor: ignore[py-eval, py-bare-except] reason
//   // mentor: ignore          (every rule)
//   // ast-grep-ignore         (every rule, ast-grep's form)
//   // ast-grep-ignore: js-eval, js-no-var
//
// A comment covers findings that start on its own line or on the line after it. Suppressed
// findings are still reported and recorded, marked suppressed; they never block.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/parser.hpp"

namespace mentor::review {

struct Suppression {
  std::uint32_t line = 0;        // 1-based line of the comment
  std::uint32_t column = 0;      // 1-based byte column where the directive starts
  std::uint32_t end_column = 0;  // one past the comment's last byte on that line
  bool all_rules = false;
  std::vector<std::string> ids;  // when not all_rules
  std::string reason;            // free text after the directive; may be empty
  std::string directive;         // as written, e.g. "mentor: ignore[py-eval]"

  bool covers(std::string_view rule_id, std::uint32_t finding_line) const;
};

// The directive in one comment's text, if any (line and columns left 0).
std::optional<Suppression> parse_suppression(std::string_view comment);

// Every suppression comment in `tree` (of `source`). Cheap when `source` has none: the tree is
// walked only when the text contains a directive.
std::vector<Suppression> find_suppressions(const lang::Tree& tree, std::string_view source);

}  // namespace mentor::review
