// Which findings are still there at the tip of a reviewed range.
#include "review/tip.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
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

using Place = TipPlace;

// Where the (rule, code) pairs among `wanted` occur at commit `head` in `paths`, in file and
// line order.
std::map<Key, std::vector<Place>> present_at(
    const git::Repository& repo, const std::string& head, const std::set<std::string>& paths,
    const std::map<const lang::Language*, std::vector<const rules::Rule*>>& rules_by_language,
    const std::set<Key>& wanted, const ReviewOptions& options, lang::Parser& parser) {
  std::map<Key, std::vector<Place>> present;
  for (const auto& path : paths) {
    const lang::Language* language = options.languages->for_path(path);
    auto rules = rules_by_language.find(language);
    if (rules == rules_by_language.end())
      continue;
    std::optional<std::string> text = git::read_file_at(repo, head, path, options.max_file_bytes);
    if (!text)
      continue;
    // A file that cannot be parsed or matched within the limits may hold anything: every
    // finding looked for stays, with no place (nothing is taken as fixed on its account).
    auto everything = [&wanted] {
      std::map<Key, std::vector<Place>> all;
      for (const auto& key : wanted)
        all[key];
      return all;
    };
    try {
      lang::Tree tree = parser.parse(*language, *text);
      std::vector<rules::RuleMatch> matches = rules::match_rules(rules->second, tree, *text);
      std::size_t covered = 0;
      for (const auto& m : matches)
        covered += m.match.end_byte - m.match.start_byte;
      if (covered > kMaxMatchedBytes)
        return everything();
      for (const auto& m : matches) {
        Key key{rules->second[m.rule]->id, code_identity(tree, *text, m.match).code};
        if (wanted.count(key) != 0)
          present[std::move(key)].push_back(
              {path, m.match.start_row + 1, m.match.start_column + 1});
      }
    } catch (const rules::MatchLimitExceeded&) {
      return everything();
    } catch (const lang::ParseLimitExceeded&) {
      return everything();
    }
  }
  return present;
}

// The place among `places` (not empty) that most likely holds `f`'s code: in its file, the
// nearest line not yet taken by another finding (`taken`, one flag per place), else the nearest
// one; else the first place not taken, else the first. Marks it taken.
const Place& nearest(const std::vector<Place>& places, std::vector<bool>& taken, const Finding& f) {
  taken.resize(places.size(), false);
  std::size_t best = places.size();
  std::uint64_t best_score = UINT64_MAX;
  for (std::size_t k = 0; k < places.size(); ++k) {
    const Place& place = places[k];
    std::uint64_t distance = place.line > f.line ? place.line - f.line : f.line - place.line;
    // Another file ranks after every place in its own; a taken place after every free one.
    std::uint64_t score = (taken[k] ? 1ULL << 40 : 0) + (place.path != f.path ? 1ULL << 33 : 0) +
                          (place.path == f.path ? distance : k);
    if (score < best_score) {
      best = k;
      best_score = score;
    }
  }
  taken[best] = true;
  return places[best];
}

}  // namespace

void mark_fixed_later(const git::Repository& repo, std::span<CommitReview> reviews,
                      const RuleSet& rules, const ReviewOptions& options,
                      const std::function<bool(const Finding&)>& asked, TipPlaces* places) {
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

  if (places != nullptr) {
    places->assign(reviews.size(), {});
    for (std::size_t i = 0; i < reviews.size(); ++i) {
      auto& row = (*places)[i];
      row.resize(reviews[i].findings.size());
      // A head's own findings are where they are at the tip.
      if (parents.count(reviews[i].commit.id) != 0)
        continue;
      for (std::size_t j = 0; j < row.size(); ++j) {
        const Finding& f = reviews[i].findings[j];
        if (looked_for(f))
          row[j] = {f.path, f.line, f.column};
      }
    }
  }

  // The reviewed commits each head reaches through reviewed commits, from the parents the
  // reviews hold (one walk per head, no object read). A reviewed set is closed under that: a
  // path through a commit left out of the range would put the commit itself out of it. What
  // the walk does not find is asked of git, so the answer never depends on that.
  std::map<std::string, const CommitReview*> by_id;
  for (const auto& review : reviews)
    by_id.emplace(review.commit.id, &review);
  std::map<std::string, std::set<std::string>> reached;
  for (const auto& head : heads) {
    std::set<std::string>& seen = reached[head];
    std::vector<std::string> stack{head};
    while (!stack.empty()) {
      std::string id = std::move(stack.back());
      stack.pop_back();
      auto it = by_id.find(id);
      if (it == by_id.end() || !seen.insert(id).second)
        continue;
      for (const auto& parent : it->second->commit.parents)
        stack.push_back(parent);
    }
  }

  // A finding whose file a later head holds as its commit left it (the same blob) is there, at
  // the same place: the same rules match the same text alike. Only the others are looked for
  // by reading and parsing the heads' files, and only at the heads they need.
  std::map<std::pair<std::string, std::string>, std::optional<std::string>> blob_ids;
  auto blob_id = [&](const std::string& commit, const std::string& path) {
    auto [it, inserted] = blob_ids.try_emplace({commit, path});
    if (inserted)
      it->second = git::blob_id_at(repo, commit, path);
    return it->second;
  };
  struct Pending {
    std::size_t review = 0;
    std::size_t finding = 0;
    std::vector<std::string> later;  // the heads that descend from its commit, in order
  };
  std::vector<Pending> pending;
  std::map<std::string, std::set<Key>> wanted;  // by head
  std::map<const lang::Language*, std::vector<const rules::Rule*>> rules_by_language;
  std::vector<std::pair<std::string, const Finding*>> unchanged;  // (head, finding)
  for (std::size_t i = 0; i < reviews.size(); ++i) {
    CommitReview& review = reviews[i];
    if (parents.count(review.commit.id) == 0)
      continue;  // a head's findings are at the tip
    std::vector<std::string> later;
    for (const auto& head : heads) {
      if (reached[head].count(review.commit.id) != 0 || git::reaches(repo, head, review.commit.id))
        later.push_back(head);
    }
    for (std::size_t j = 0; j < review.findings.size(); ++j) {
      Finding& f = review.findings[j];
      if (!looked_for(f))
        continue;
      std::optional<std::string> own = blob_id(review.commit.id, f.path);
      auto same = std::find_if(later.begin(), later.end(), [&](const std::string& head) {
        return own && blob_id(head, f.path) == own;
      });
      if (same != later.end()) {
        f.fixed_later = false;
        if (places != nullptr)
          (*places)[i][j] = {f.path, f.line, f.column};
        unchanged.emplace_back(*same, &f);
        continue;
      }
      f.fixed_later = true;
      Key key{f.rule->id, f.code};
      for (const auto& head : later)
        wanted[head].insert(key);
      auto& list = rules_by_language[f.rule->language];
      if (std::find(list.begin(), list.end(), f.rule) == list.end())
        list.push_back(f.rule);
      pending.push_back({i, j, later});
    }
  }
  if (pending.empty())
    return;

  std::set<std::string> paths;
  for (const auto& review : reviews)
    paths.insert(review.paths.begin(), review.paths.end());
  lang::Parser parser;
  std::map<std::string, std::map<Key, std::vector<Place>>> present;  // by head
  for (const auto& [head, keys] : wanted)
    present[head] = present_at(repo, head, paths, rules_by_language, keys, options, parser);

  // Which places at each head a finding already took, so that two findings of the same code show
  // at two places when the tip has both; a finding found unchanged takes its own.
  std::map<const std::vector<Place>*, std::vector<bool>> taken;
  for (const auto& [head, f] : unchanged) {
    auto at = present.find(head);
    if (at == present.end())
      continue;
    auto found = at->second.find(Key{f->rule->id, f->code});
    if (found == at->second.end())
      continue;
    auto& flags = taken[&found->second];
    flags.resize(found->second.size(), false);
    for (std::size_t k = 0; k < found->second.size(); ++k) {
      const Place& place = found->second[k];
      if (place.path == f->path && place.line == f->line && place.column == f->column)
        flags[k] = true;
    }
  }
  for (const auto& p : pending) {
    Finding& f = reviews[p.review].findings[p.finding];
    Key key{f.rule->id, f.code};
    for (const auto& head : p.later) {
      const auto& at = present[head];
      auto found = at.find(key);
      if (found == at.end())
        continue;
      f.fixed_later = false;
      if (places != nullptr && !found->second.empty())
        (*places)[p.review][p.finding] = nearest(found->second, taken[&found->second], f);
      break;
    }
  }
}

}  // namespace mentor::review
