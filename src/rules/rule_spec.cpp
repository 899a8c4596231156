// Positions inside YAML scalars.
#include "rules/rule_spec.hpp"

namespace mentor::rules {

SourcePos ScalarSpan::at(std::string_view value, std::size_t offset) const {
  if (offset > value.size())
    offset = value.size();
  SourcePos pos = start;
  std::string_view before = value.substr(0, offset);
  std::size_t last_newline = before.rfind('\n');
  int column_in_line =
      static_cast<int>(last_newline == std::string_view::npos ? offset : offset - last_newline - 1);
  switch (style) {
    case Style::block: {
      int newlines = 0;
      for (char c : before)
        newlines += c == '\n' ? 1 : 0;
      pos.line = content_line + newlines;
      pos.column = indent + column_in_line + 1;
      break;
    }
    case Style::quoted:
      pos.column = start.column + 1 + column_in_line;
      break;
    case Style::plain:
      pos.column = start.column + column_in_line;
      break;
  }
  return pos;
}

}  // namespace mentor::rules
