// Byte-exact text encodings for storing arbitrary bytes in JSON.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mentor::util {

// Whether `bytes` is well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool is_utf8(std::string_view bytes);

// Standard base64 (RFC 4648, with padding).
std::string base64_encode(std::string_view bytes);
// nullopt when `text` is not well-formed padded base64.
std::optional<std::string> base64_decode(std::string_view text);

// `text` from a repository (a path, a name, a subject, a message with captured code, a file's
// line) made safe to print anywhere on one line of a terminal or a line-oriented CI log: the one
// function every text output uses for such text.
// - control characters are shown visibly: \n \r for line breaks, \xNN for the other C0 controls
//   (ESC, which starts terminal sequences, is \x1b) and DEL, \u0085 for C1 controls (U+0080 to
//   U+009F), \u2028 for Unicode line and paragraph separators and the bidirectional controls
//   (U+202A..U+202E, U+2066..U+2069) that reorder what is shown; tab is kept;
// - a byte that is not part of valid UTF-8 is shown as \xNN;
// - when the text, after leading blanks, starts with a CI workflow command marker (`::`, as in
//   `::error file=...`, or `##[`), its first character is shown as \x3a or \x23, so that the
//   text cannot be taken for a command even at the start of a line.
// So the result holds no line break and no escape sequence; everything else is kept as it is.
std::string terminal_safe(std::string_view text);

}  // namespace mentor::util
