// Grouping of a run's rules.
#include "review/rule_set.hpp"

#include "git/notes_ref.hpp"
#include "util/error.hpp"

namespace mentor::review {

void RuleSet::add(std::vector<rules::Rule> rules) {
  std::map<std::string_view, const SourcePos*> seen;
  for (const auto& rule : rules) {
    const SourcePos* first = nullptr;
    if (auto it = by_id_.find(rule.id); it != by_id_.end())
      first = &it->second->origin;
    if (auto it = seen.find(rule.id); it != seen.end())
      first = it->second;
    if (first != nullptr) {
      throw Error("duplicate rule id '" + rule.id + "' (first defined at " + first->file + ":" +
                      std::to_string(first->line) + ")",
                  rule.origin);
    }
    seen.emplace(rule.id, &rule.origin);
  }
  const auto& stored = storage_.emplace_back(std::move(rules));
  for (const auto& rule : stored) {
    order_.push_back(&rule);
    by_id_.emplace(rule.id, &rule);
    by_language_[rule.language].push_back(&rule);
  }
}

std::vector<const rules::Rule*> RuleSet::for_file(const lang::Language& language,
                                                  std::string_view path) const {
  std::vector<const rules::Rule*> out;
  auto it = by_language_.find(&language);
  if (it == by_language_.end())
    return out;
  for (const auto* rule : it->second) {
    if (rule->applies_to(path))
      out.push_back(rule);
  }
  return out;
}

bool RuleSet::has_language(const lang::Language& language) const {
  return by_language_.contains(&language);
}

const rules::Rule* RuleSet::find(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

void RuleSet::note_source(std::string_view name, std::string_view text) {
  sources_.emplace_back(std::string(name), git::blob_id(text));
}

void RuleSet::note_static_source(std::string_view name, std::string_view text) {
  static_sources_.emplace_back(name, text);
}

std::string RuleSet::source_digest() const {
  std::string all;
  for (const auto& [name, id] : sources_)
    all.append(name).append(1, '\0').append(id).append(1, '\n');
  for (const auto& [name, text] : static_sources_)
    all.append(name).append(1, '\0').append(git::blob_id(text)).append(1, '\n');
  for (const rules::Rule* rule : order_)
    all.append("rule ").append(rule->id).append(1, '\n');
  return git::blob_id(all);
}

}  // namespace mentor::review
