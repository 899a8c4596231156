// Bounded excerpts of long text.
#include "util/excerpt.hpp"

#include <algorithm>

#include "util/utf8.hpp"

namespace mentor::util {

namespace {

bool continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u;
}

// `at` moved back to the start of the character it falls in (at most 3 bytes back).
std::size_t char_start(std::string_view text, std::size_t at) {
  for (int i = 0; i < 3 && at > 0 && at < text.size() && continuation(text[at]); ++i)
    --at;
  return at;
}

}  // namespace

std::size_t utf16_units(std::string_view text) {
  std::size_t units = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::optional<char32_t> cp = next_code_point(text, i);
    units += cp && *cp >= 0x10000 ? 2u : 1u;
  }
  return units;
}

Excerpt excerpt(std::string_view line, std::size_t from, std::size_t to, std::size_t max_bytes) {
  Excerpt out;
  if (line.size() <= max_bytes) {
    out.text = std::string(line);
    return out;
  }
  from = std::min(from, line.size());
  to = std::clamp(to, from, line.size());
  // A sixth of the window before the match, the rest for the match and what follows it.
  std::size_t before = max_bytes / 6;
  std::size_t start = from > before ? from - before : 0;
  if (line.size() - start < max_bytes)
    start = line.size() - max_bytes;  // the end of the line fits: show as much as possible
  start = char_start(line, start);
  std::size_t end = std::min(line.size(), start + max_bytes);
  end = char_start(line, end);
  out.text = std::string(line.substr(start, end - start));
  out.start = start;
  out.cut_end = end < line.size();
  return out;
}

std::string shortened(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes)
    return std::string(text);
  return std::string(text.substr(0, char_start(text, max_bytes))) + "...";
}

}  // namespace mentor::util
