// Which findings are still there at the tip of a reviewed range.
#include "review/tip.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "git/file_at.hpp"
#include "git/graph.hpp"
#include "lang/parser.hpp"
#include "review/attribution.hpp"
#include "rules/match_limits.hpp"
#include "rules/rule_engine.hpp"

namespace mentor::review {

namespace {

using Key = std::pair<std::string, std::string>;  // rule id, code

// The (rule, code) pairs among `wanted` that occur at commit `head` in `paths`.
std::set<Key> present_at(
    const git::Repository& repo, const std::string& head, const std::set<std::string>& paths,
    const std::map<const lang::Language*, std::vector<const rules::Rule*>>& rules_by_language,
    const std::set<Key>& wanted, const ReviewOptions& options, lang::Parser& parser) {
  std::set<Key> present;
  for (const auto& path : paths) {
    const lang::Language* language = options.languages->for_path(path);
    auto rules = rules_by_language.find(language);
    if (rules == rules_by_language.end())
      continue;
    std::optional<std::string> text = git::read_file_at(repo, head, path, options.max_file_bytes);
    if (!text)
      continue;
    // A file that cannot be parsed or matched within the limits may hold anything: every
    // finding looked for stays (nothing is taken as fixed on its account).
    try {
      lang::Tree tree = parser.parse(*language, *text);
      std::vector<rules::RuleMatch> matches = rules::match_rules(rules->second, tree, *text);
      std::size_t covered = 0;
      for (const auto& m : matches)
        covered += m.match.end_byte - m.match.start_byte;
      if (covered > kMaxMatchedBytes)
        return wanted;
      for (const auto& m : matches) {
        Key key{rules->second[m.rule]->id, code_identity(tree, *text, m.match).code};
        if (wanted.count(key) != 0)
          present.insert(std::move(key));
      }
    } catch (const rules::MatchLimitExceeded&) {
      return wanted;
    } catch (const lang::ParseLimitExceeded&) {
      return wanted;
    }
  }
  return present;
}

}  // namespace

void mark_fixed_later(const git::Repository& repo, std::span<CommitReview> reviews,
                      const RuleSet& rules, const ReviewOptions& options,
                      const std::function<bool(const Finding&)>& asked) {
  // Suppressed findings never block; built-in findings (unused suppressions) have no rule in
  // `rules` to run again.
  auto looked_for = [&](const Finding& f) {
    return !f.suppressed && rules.find(f.rule->id) == f.rule && asked(f);
  };
  std::set<std::string> reviewed;
  std::set<std::string> parents;
  for (const auto& review : reviews) {
    reviewed.insert(review.commit.id);
    parents.insert(review.commit.parents.begin(), review.commit.parents.end());
  }
  std::vector<std::string> heads;
  for (const auto& id : reviewed) {
    if (parents.count(id) == 0)
      heads.push_back(id);
  }

  // What to look for: the findings of commits that are not heads themselves.
  std::set<Key> wanted;
  std::map<const lang::Language*, std::vector<const rules::Rule*>> rules_by_language;
  std::set<std::string> paths;
  for (const auto& review : reviews) {
    paths.insert(review.paths.begin(), review.paths.end());
    if (parents.count(review.commit.id) == 0)
      continue;
    for (const auto& f : review.findings) {
      if (!looked_for(f))
        continue;
      wanted.insert({f.rule->id, f.code});
      auto& list = rules_by_language[f.rule->language];
      if (std::find(list.begin(), list.end(), f.rule) == list.end())
        list.push_back(f.rule);
    }
  }
  if (wanted.empty())
    return;

  lang::Parser parser;
  std::map<std::string, std::set<Key>> present;  // by head
  for (const auto& head : heads)
    present[head] = present_at(repo, head, paths, rules_by_language, wanted, options, parser);

  for (auto& review : reviews) {
    if (parents.count(review.commit.id) == 0)
      continue;
    std::vector<const std::set<Key>*> later;
    for (const auto& head : heads) {
      if (git::reaches(repo, head, review.commit.id))
        later.push_back(&present[head]);
    }
    for (auto& f : review.findings) {
      if (!looked_for(f))
        continue;
      Key key{f.rule->id, f.code};
      f.fixed_later = std::none_of(later.begin(), later.end(),
                                   [&](const std::set<Key>* at) { return at->count(key) != 0; });
    }
  }
}

}  // namespace mentor::review
