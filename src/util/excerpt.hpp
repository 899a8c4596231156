// Bounded excerpts of long text: what a finding shows of its line, what a message shows of a
// captured metavariable.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mentor::util {

// The most bytes of a source line a finding keeps (the window around the match).
inline constexpr std::size_t kMaxExcerptBytes = 240;

// The most bytes of a captured metavariable's text a message shows.
inline constexpr std::size_t kMaxCaptureBytes = 120;

// What a report shows of a line: `text` is the line's bytes [start, start + text.size()),
// cut at character boundaries.
struct Excerpt {
  std::string text;
  std::size_t start = 0;  // bytes of the line before `text`
  bool cut_end = false;   // the line goes on after `text`
};

// `line` whole when it has at most `max_bytes` bytes; otherwise a window of at most
// `max_bytes` bytes that starts a little before byte `from` (the match) and holds as much of
// [from, to) as fits.
Excerpt excerpt(std::string_view line, std::size_t from, std::size_t to,
                std::size_t max_bytes = kMaxExcerptBytes);

// UTF-16 code units of `text`; a byte that is not part of valid UTF-8 counts one (it shows as
// one U+FFFD).
std::size_t utf16_units(std::string_view text);

// `text` whole when it has at most `max_bytes` bytes; otherwise its first bytes up to a
// character boundary, then "...".
std::string shortened(std::string_view text, std::size_t max_bytes = kMaxCaptureBytes);

}  // namespace mentor::util
