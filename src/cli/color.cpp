// Colour or not.
#include "cli/color.hpp"

#include <cstdlib>

namespace mentor::cli {

bool use_color(std::string_view when, bool is_terminal) {
  if (when == "always")
    return true;
  if (when == "never")
    return false;
  const char* no_color = std::getenv("NO_COLOR");
  return is_terminal && (no_color == nullptr || *no_color == '\0');
}

}  // namespace mentor::cli
