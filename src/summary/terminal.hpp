// Text from the repository for a terminal (report/escape.hpp does Markdown and HTML).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mentor::summary {

// `text` with control characters (C0, DEL and C1: escape sequences included) and invalid UTF-8
// as U+FFFD and line breaks and tabs as spaces, so a name or a message can neither move the
// cursor, recolour the terminal nor break a table row.
std::string terminal_safe(std::string_view text);

// The width of `text` on a terminal, counting code points.
std::size_t display_width(std::string_view text);

}  // namespace mentor::summary
