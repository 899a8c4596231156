// Byte columns to UTF-16 columns.
#include "report/columns.hpp"

#include "util/utf8.hpp"

namespace mentor::report {

std::uint32_t utf16_column(std::string_view line, std::uint32_t byte_column) {
  if (byte_column == 0)
    return 0;
  const std::size_t offset = byte_column - 1;  // bytes before the column
  std::uint32_t units = 0;
  std::size_t i = 0;
  while (i < offset && i < line.size()) {
    std::optional<char32_t> cp = util::next_code_point(line, i);
    units += cp && *cp >= 0x10000 ? 2u : 1u;
  }
  if (offset > line.size())
    units += static_cast<std::uint32_t>(offset - line.size());
  return units + 1;
}

std::uint32_t utf16_column(const review::Finding& f, std::uint32_t byte_column) {
  if (f.excerpt_start == 0)
    return utf16_column(f.source_line, byte_column);
  if (byte_column <= f.excerpt_start)
    return byte_column;
  return f.excerpt_start_units + utf16_column(f.source_line, byte_column - f.excerpt_start);
}

}  // namespace mentor::report
