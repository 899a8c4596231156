// Text widths on a terminal (util::terminal_safe makes repository text safe to show there).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mentor::summary {

// The width of `text` on a terminal, counting code points.
std::size_t display_width(std::string_view text);

}  // namespace mentor::summary
