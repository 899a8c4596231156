// A rule's fix of one match, placed in the file as a Finding carries it.
#include "review/suggested_fix.hpp"

#include <algorithm>

#include "rules/fix.hpp"

namespace mentor::review {

namespace {

// The 0-based line holding byte `offset`.
std::size_t line_of(std::span<const std::uint32_t> starts, std::uint32_t offset) {
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  return static_cast<std::size_t>(it - starts.begin()) - 1;
}

}  // namespace

std::optional<Fix> suggested_fix(std::string_view source,
                                 std::span<const std::uint32_t> line_starts,
                                 const rules::FixEdit& edit) {
  if (line_starts.empty() || edit.start_byte > edit.end_byte || edit.end_byte > source.size() ||
      edit.end_byte - edit.start_byte > rules::kMaxFixBytes)
    return std::nullopt;
  std::size_t first = line_of(line_starts, edit.start_byte);
  std::size_t last = line_of(line_starts, edit.end_byte);
  Fix fix;
  fix.start_byte = edit.start_byte;
  fix.end_byte = edit.end_byte;
  fix.line = static_cast<std::uint32_t>(first + 1);
  fix.column = edit.start_byte - line_starts[first] + 1;
  fix.end_line = static_cast<std::uint32_t>(last + 1);
  fix.end_column = edit.end_byte - line_starts[last] + 1;
  fix.original = std::string(source.substr(edit.start_byte, edit.end_byte - edit.start_byte));
  fix.replacement = edit.text;
  std::size_t lines_start = line_starts[first];
  std::size_t lines_end = source.find('\n', edit.end_byte);
  if (lines_end == std::string_view::npos)
    lines_end = source.size();
  if (lines_end > edit.end_byte && source[lines_end - 1] == '\r')
    --lines_end;
  std::string_view before = source.substr(lines_start, edit.start_byte - lines_start);
  std::string_view after = source.substr(edit.end_byte, lines_end - edit.end_byte);
  fix.old_lines = std::string(source.substr(lines_start, lines_end - lines_start));
  fix.new_lines.reserve(before.size() + fix.replacement.size() + after.size());
  fix.new_lines.append(before).append(fix.replacement).append(after);
  return fix;
}

}  // namespace mentor::review
