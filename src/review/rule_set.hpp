// The rules one run reviews with, grouped by language.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.hpp"

namespace mentor::review {

// Owns the rules of a run. Rule addresses are stable once the set is built (findings point at
// them), so add() everything first, then review.
class RuleSet {
 public:
  // Adds `rules`; throws mentor::Error at the second rule's origin when an id is already present.
  void add(std::vector<rules::Rule> rules);

  // Every rule, in the order added.
  const std::vector<const rules::Rule*>& all() const { return order_; }

  // The rules of `language` that apply to `path` (files/ignores globs).
  std::vector<const rules::Rule*> for_file(const lang::Language& language,
                                           std::string_view path) const;

  // Whether any rule is written for `language`.
  bool has_language(const lang::Language& language) const;

  // nullptr when unknown.
  const rules::Rule* find(std::string_view id) const;

  bool empty() const { return order_.empty(); }

 private:
  std::vector<std::vector<rules::Rule>> storage_;  // inner vectors are never resized after add
  std::vector<const rules::Rule*> order_;
  std::map<const lang::Language*, std::vector<const rules::Rule*>> by_language_;
  std::map<std::string, const rules::Rule*, std::less<>> by_id_;
};

}  // namespace mentor::review
