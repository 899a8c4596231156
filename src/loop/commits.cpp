// The record as the loop reads it (loop/commits.hpp).
#include "loop/commits.hpp"

namespace mentor::loop {

double severity_weight(std::string_view severity) {
  if (severity == "error")
    return 2.0;
  if (severity == "info")
    return 0.5;
  if (severity == "hint")
    return 0.25;
  return 1.0;  // warning, and anything unknown
}

}  // namespace mentor::loop
