// Columns as other tools count them. git-mentor's columns count bytes (1-based, an end column
// one past the last byte); SARIF viewers and GitHub count UTF-16 code units, which differ from
// bytes as soon as a line holds a character outside ASCII.
#pragma once

#include <cstdint>
#include <string_view>

#include "review/finding.hpp"

namespace mentor::report {

// The 1-based column, in UTF-16 code units, of the 1-based byte column `byte_column` of `line`
// (the line's text without its terminator). A character outside the BMP counts two units; a
// byte that is not part of valid UTF-8 counts one (it shows as one U+FFFD); a column inside a
// character counts that character as before it; a column past the end of the line counts the
// bytes beyond it one each.
std::uint32_t utf16_column(std::string_view line, std::uint32_t byte_column);

// The same for a byte column of the finding's line `f.line`, read from its excerpt
// (`f.source_line` may be a window of a long line). A column before the window or past its end
// counts the bytes between it and the window one each.
std::uint32_t utf16_column(const review::Finding& f, std::uint32_t byte_column);

}  // namespace mentor::report
