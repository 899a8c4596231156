// An exercise cut from a file: the smallest enclosing function (or top-level block) around a
// rule's match, made to stand alone and to parse. Pure: text in, text out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lang/parser.hpp"
#include "rules/rule.hpp"

namespace mentor::review {

// The largest cut kept, in lines; a larger function is not an exercise.
inline constexpr std::uint32_t kMaxCutLines = 200;

struct ExerciseCut {
  std::string code;          // dedented, ending with a newline, parses without error
  std::uint32_t first_line;  // the line of `source` the cut starts at (1-based)
  std::uint32_t match_line;  // the line of the match in `code` (1-based)
};

// The result of cut_exercise: the cut, or why there is none.
struct CutResult {
  std::optional<ExerciseCut> cut;
  std::string why_not;  // when `cut` is empty: "the match is at the top level", ...
};

// Cuts from `source` the code around the match of `rule` nearest to `line` (1-based; a match
// starting on it first): the smallest enclosing named function or method (Python's with its
// decorators, a JavaScript function bound by `const f = ...` with its declaration), else the
// top-level statement holding the match when it spans several lines (a class, a loop). The text
// is dedented; a Java method (or a JavaScript/TypeScript class method) is wrapped in
// `class Exercise { ... }` and a Go function gets a `package exercise` line, so that it parses
// as a file. The cut is accepted only when it parses without error or missing nodes, the rule
// still matches it, and it has at most kMaxCutLines lines. Walks parents iteratively.
CutResult cut_exercise(const rules::Rule& rule, lang::Parser& parser, std::string_view source,
                       std::uint32_t line);

// Whether `tree` has an error or a missing node; `row` and `column` are set to the position of
// the innermost one on the first path to one (0-based row and byte column) when it has.
bool has_syntax_error(const lang::Tree& tree, std::uint32_t* row = nullptr,
                      std::uint32_t* column = nullptr);

// The file extension of a language's files ("py", "go", "rs", ...), without the dot.
std::string_view extension_of(const lang::Language& language);

}  // namespace mentor::review
