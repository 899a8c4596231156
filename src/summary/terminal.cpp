// Text widths on a terminal.
#include "summary/terminal.hpp"

namespace mentor::summary {

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
      ++width;
  }
  return width;
}

}  // namespace mentor::summary
