// Text widths and tables on a terminal.
#include "summary/terminal.hpp"

#include <algorithm>

#include "util/encoding.hpp"

namespace mentor::summary {

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
      ++width;
  }
  return width;
}

std::string table_cell(std::string_view text) {
  std::string cell = util::terminal_safe(text);
  std::replace(cell.begin(), cell.end(), '\t', ' ');
  return cell;
}

std::string Table::render(std::string_view indent) const {
  std::vector<std::size_t> widths;
  for (const auto& row : rows_) {
    widths.resize(std::max(widths.size(), row.size()), 0);
    for (std::size_t i = 0; i < row.size(); ++i)
      widths[i] = std::max(widths[i], display_width(row[i]));
  }
  std::string out;
  for (const auto& row : rows_) {
    std::string line(indent);
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::size_t pad = widths[i] - display_width(row[i]);
      const bool right = i < right_.size() && right_[i] == 'r';
      if (i > 0)
        line += "  ";
      if (right)
        line.append(pad, ' ');
      line += row[i];
      if (!right && i + 1 < row.size())
        line.append(pad, ' ');
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    out += line + '\n';
  }
  return out;
}

}  // namespace mentor::summary
