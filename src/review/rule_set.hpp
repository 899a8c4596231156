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

  // Names a source the rules were compiled from (a rule or utility rule file's text, a bundled
  // pack), for source_digest(). `text` is hashed at once; with note_static_source, whose text
  // lives as long as the program, only when a digest is asked for.
  void note_source(std::string_view name, std::string_view text);
  void note_static_source(std::string_view name, std::string_view text);

  // The git blob id of a text naming every noted source with its content, in order, and the id
  // of every rule added: equal digests mean rules compiled from the same texts. What the
  // program does with them is not in it (see ReviewCache's key, which adds the version).
  std::string source_digest() const;

 private:
  std::vector<std::vector<rules::Rule>> storage_;  // inner vectors are never resized after add
  std::vector<const rules::Rule*> order_;
  std::map<const lang::Language*, std::vector<const rules::Rule*>> by_language_;
  std::map<std::string, const rules::Rule*, std::less<>> by_id_;
  std::vector<std::pair<std::string, std::string>> sources_;  // name, blob id
  std::vector<std::pair<std::string_view, std::string_view>> static_sources_;
};

}  // namespace mentor::review
