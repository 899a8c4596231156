// Text widths and tables on a terminal (util::terminal_safe makes repository text safe to show
// there).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mentor::summary {

// The width of `text` on a terminal, counting code points.
std::size_t display_width(std::string_view text);

// A table cell from repository text: util::terminal_safe, and a tab as one space so that columns
// line up.
std::string table_cell(std::string_view text);

// A table for the terminal: columns separated by two spaces, a column right-aligned where
// `right_aligned` has an 'r' at its index. Cells must be terminal-safe already (table_cell).
class Table {
 public:
  Table(std::vector<std::string> header, std::string right_aligned)
      : rows_{std::move(header)}, right_(std::move(right_aligned)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }

  // Every row, each line starting with `indent`, trailing spaces trimmed.
  std::string render(std::string_view indent) const;

 private:
  std::vector<std::vector<std::string>> rows_;
  std::string right_;  // 'r' per right-aligned column
};

}  // namespace mentor::summary
