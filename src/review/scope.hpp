// Which matches in a commit's files count as the commit's findings (DESIGN §2).
#pragma once

#include <optional>
#include <string_view>

namespace mentor::review {

enum class Scope {
  introduced,  // overlaps an added line and its fingerprint is new to the file (the default)
  added,       // overlaps an added line
  file,        // anywhere in a changed file
};

std::string_view to_string(Scope scope);
// nullopt for an unknown name.
std::optional<Scope> scope_from_string(std::string_view name);

}  // namespace mentor::review
