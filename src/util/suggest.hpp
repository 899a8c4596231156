// "Did you mean ...?" hints for misspelt names.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace mentor {

// Levenshtein distance between `a` and `b`.
std::size_t edit_distance(std::string_view a, std::string_view b);

// " (did you mean 'x'?)" for the closest candidate within a small distance, else "".
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

// "'key'" — how a key is quoted in messages.
inline std::string fmt_key(std::string_view key) {
  return "'" + std::string(key) + "'";
}

}  // namespace mentor
