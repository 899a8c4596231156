// A suggested fix as a small diff of whole lines, for the terminal reports and `git mentor fix`.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "review/finding.hpp"

namespace mentor::report {

// The lines shown of each side of a fix's diff, at most.
constexpr std::size_t kFixDiffMaxLines = 12;

// `text` (Fix::old_lines or new_lines) split into lines without their terminators ("\n" or
// "\r\n"); a last line without one counts, an empty text has none.
std::vector<std::string_view> split_lines(std::string_view text);

// Writes the fix as `indent` + "- " + each old line, then `indent` + "+ " + each new line, red
// and green when `color`; at most `max_lines` of each side, then `indent` + "  … N more lines".
// Every line goes through util::terminal_safe.
void write_fix_diff(std::ostream& out, const review::Fix& fix, std::string_view indent, bool color,
                    std::size_t max_lines = kFixDiffMaxLines);

}  // namespace mentor::report
