// Whether a command colours its output: one answer for every command.
#pragma once

#include <string_view>

namespace mentor::cli {

// `when` is a --color value: "always", "never" or "auto" (also ""). Auto colours a terminal
// unless NO_COLOR is set to a non-empty value (https://no-color.org).
bool use_color(std::string_view when, bool is_terminal);

}  // namespace mentor::cli
