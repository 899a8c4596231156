// Shared utility rules: ast-grep's global utility rules (`utilDirs` in sgconfig.yml), rule
// objects in files of their own that every rule of the same language may use with `matches`.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <vector>

#include "lang/language.hpp"

namespace mentor::rules {

struct UtilLibrary;

// The compiled shared utilities of a run, one library per language. Cheap to copy: the
// libraries are immutable and shared, also with the rules compiled against them.
class SharedUtils {
 public:
  // Adds the library of its language; a language has at most one.
  void add(std::shared_ptr<const UtilLibrary> library);

  // The utilities of `language`, or nullptr when it has none.
  std::shared_ptr<const UtilLibrary> of(const lang::Language& language) const;

  // The languages that have utilities.
  std::vector<const lang::Language*> languages() const;

  // How many utilities there are, in every language.
  std::size_t size() const;
  bool empty() const { return libraries_.empty(); }

 private:
  std::map<const lang::Language*, std::shared_ptr<const UtilLibrary>> libraries_;
};

}  // namespace mentor::rules
