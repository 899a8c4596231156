// Names of the review scopes.
#include "review/scope.hpp"

namespace mentor::review {

std::string_view to_string(Scope scope) {
  switch (scope) {
    case Scope::introduced:
      return "introduced";
    case Scope::added:
      return "added";
    case Scope::file:
      return "file";
  }
  return "introduced";
}

std::optional<Scope> scope_from_string(std::string_view name) {
  if (name == "introduced")
    return Scope::introduced;
  if (name == "added")
    return Scope::added;
  if (name == "file")
    return Scope::file;
  return std::nullopt;
}

}  // namespace mentor::review
