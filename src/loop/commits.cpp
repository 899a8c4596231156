// The record as the loop reads it (loop/commits.hpp).
#include "loop/commits.hpp"

#include <cctype>

namespace mentor::loop {

std::string author_key(const CommitInput& commit) {
  if (commit.author_email.empty())
    return "\n" + commit.author_name;
  std::string key = commit.author_email;
  for (char& c : key)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

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
