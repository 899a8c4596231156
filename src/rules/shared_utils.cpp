// The shared utility rules of a run.
#include "rules/shared_utils.hpp"

#include <stdexcept>

#include "rules/matcher.hpp"

namespace mentor::rules {

void SharedUtils::add(std::shared_ptr<const UtilLibrary> library) {
  const lang::Language* language = library->language;
  if (!libraries_.emplace(language, std::move(library)).second)
    throw std::logic_error("two utility libraries for one language");
}

std::shared_ptr<const UtilLibrary> SharedUtils::of(const lang::Language& language) const {
  auto it = libraries_.find(&language);
  return it == libraries_.end() ? nullptr : it->second;
}

std::vector<const lang::Language*> SharedUtils::languages() const {
  std::vector<const lang::Language*> out;
  for (const auto& [language, library] : libraries_)
    out.push_back(language);
  return out;
}

std::size_t SharedUtils::size() const {
  std::size_t count = 0;
  for (const auto& [language, library] : libraries_)
    count += library->utils.size();
  return count;
}

}  // namespace mentor::rules
