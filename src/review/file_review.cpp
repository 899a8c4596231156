// Findings in one changed file.
#include "review/file_review.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>

#include "review/fingerprint.hpp"
#include "review/suppression.hpp"
#include "rules/rule_engine.hpp"
#include "util/suggest.hpp"

namespace mentor::review {

namespace {

// The 1-based lines a match covers. A node that ends at column 0 does not cover that line.
std::pair<std::uint32_t, std::uint32_t> covered_lines(const rules::Match& match) {
  std::uint32_t last = match.end_row;
  if (match.end_column == 0 && match.end_row > match.start_row)
    --last;
  return {match.start_row + 1, last + 1};
}

bool overlaps_added(const rules::Match& match, std::span<const git::LineRange> added) {
  auto [first, last] = covered_lines(match);
  // The first added range that does not end before `first`.
  auto it =
      std::lower_bound(added.begin(), added.end(), first,
                       [](const git::LineRange& r, std::uint32_t line) { return r.last < line; });
  return it != added.end() && it->first <= last;
}

// The bytes of the added lines (each line with its terminator), sorted and disjoint.
std::vector<rules::ByteRange> added_bytes(std::string_view source,
                                          std::span<const git::LineRange> added) {
  std::vector<rules::ByteRange> out;
  std::uint32_t line = 1;
  std::size_t offset = 0;
  auto next_line = [&] {
    std::size_t newline = source.find('\n', offset);
    offset = newline == std::string_view::npos ? source.size() : newline + 1;
    ++line;
  };
  for (const auto& range : added) {
    while (line < range.first && offset < source.size())
      next_line();
    std::size_t start = offset;
    while (line <= range.last && offset < source.size())
      next_line();
    if (offset > start) {
      out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(offset)});
    }
  }
  return out;
}

std::string_view line_at(std::string_view source, std::uint32_t start_byte) {
  if (start_byte > source.size())
    return {};
  std::size_t begin = 0;
  if (start_byte > 0) {
    std::size_t newline = source.rfind('\n', start_byte - 1);
    if (newline != std::string_view::npos)
      begin = newline + 1;
  }
  std::size_t end = source.find('\n', start_byte);
  if (end == std::string_view::npos)
    end = source.size();
  std::string_view line = source.substr(begin, end - begin);
  if (!line.empty() && line.back() == '\r')
    line.remove_suffix(1);
  return line;
}

std::string_view matched_text(std::string_view source, const rules::Match& match) {
  auto end = std::min<std::size_t>(match.end_byte, source.size());
  auto start = std::min<std::size_t>(match.start_byte, end);
  return source.substr(start, end - start);
}

std::string fingerprint_of(const rules::Rule& rule, std::string_view path, std::string_view source,
                           const rules::Match& match) {
  return fingerprint(rule.id, path, matched_text(source, match));
}

// The findings `scope` attributes to the change, before suppressions.
std::vector<Finding> attributed_findings(const FileChange& change,
                                         std::span<const rules::Rule* const> rules, Scope scope,
                                         lang::Parser& parser, const lang::Tree& tree) {
  std::vector<Finding> findings;
  // Under added/introduced only nodes on added lines can be findings: try those alone first.
  std::vector<rules::ByteRange> within;
  if (scope != Scope::file) {
    within = added_bytes(change.new_source, change.added);
    if (within.empty())
      return findings;
  }
  std::vector<rules::RuleMatch> matches =
      rules::match_rules(rules, tree, change.new_source, within);

  std::vector<const rules::RuleMatch*> kept;
  for (const auto& m : matches) {
    if (scope == Scope::file || overlaps_added(m.match, change.added))
      kept.push_back(&m);
  }
  if (kept.empty())
    return findings;

  std::vector<std::string> fingerprints;
  std::vector<std::string> texts;  // normalized matched text of each candidate
  fingerprints.reserve(kept.size());
  texts.reserve(kept.size());
  for (const auto* m : kept) {
    texts.push_back(normalize_code(matched_text(change.new_source, m->match)));
    fingerprints.push_back(fingerprint_normalized(rules[m->rule]->id, change.path, texts.back()));
  }

  std::vector<bool> report(kept.size(), true);
  // A fingerprint can occur in the parent only if its normalized text occurs in the parent's
  // normalized text (normalizing is local: a substring normalizes to a substring). Candidates
  // whose text is new there are introduced without matching either whole file.
  bool may_be_old = false;
  if (scope == Scope::introduced && change.old_source) {
    std::string old_text = normalize_code(*change.old_source);
    for (const auto& text : texts) {
      if (old_text.find(text) != std::string::npos) {
        may_be_old = true;
        break;
      }
    }
  }
  if (may_be_old) {
    // How many more times each fingerprint occurs after the change than before it: this needs
    // the whole file on both sides.
    std::map<std::string, long> surplus;
    for (const auto& fp : fingerprints)
      surplus.emplace(fp, 0);
    for (const auto& m : rules::match_rules(rules, tree, change.new_source)) {
      auto it =
          surplus.find(fingerprint_of(*rules[m.rule], change.path, change.new_source, m.match));
      if (it != surplus.end())
        ++it->second;
    }
    lang::Tree old_tree = parser.parse(*change.language, *change.old_source);
    for (const auto& m : rules::match_rules(rules, old_tree, *change.old_source)) {
      auto it =
          surplus.find(fingerprint_of(*rules[m.rule], change.path, *change.old_source, m.match));
      if (it != surplus.end())
        --it->second;
    }
    for (std::size_t i = 0; i < kept.size(); ++i) {
      long& left = surplus[fingerprints[i]];
      if (left > 0) {
        --left;
      } else {
        report[i] = false;
      }
    }
  }

  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (!report[i])
      continue;
    const rules::Rule& rule = *rules[kept[i]->rule];
    const rules::Match& match = kept[i]->match;
    Finding f;
    f.rule = &rule;
    f.message = rules::interpolate(rule.message, match);
    f.path = std::string(change.path);
    f.line = match.start_row + 1;
    f.column = match.start_column + 1;
    f.end_line = match.end_row + 1;
    f.end_column = match.end_column + 1;
    f.fingerprint = std::move(fingerprints[i]);
    f.source_line = std::string(line_at(change.new_source, match.start_byte));
    findings.push_back(std::move(f));
  }
  return findings;
}

bool on_added_line(std::uint32_t line, std::span<const git::LineRange> added) {
  return std::any_of(added.begin(), added.end(),
                     [&](const git::LineRange& r) { return r.first <= line && line <= r.last; });
}

// Whether some rule matches code that `s` covers: then the suppression is in use even if the
// finding it covers was not introduced here.
bool suppresses_a_match(const Suppression& s, std::span<const rules::Rule* const> rules,
                        const lang::Tree& tree, std::string_view source) {
  std::vector<git::LineRange> lines{{s.line, s.last_line()}};
  std::vector<rules::ByteRange> within = added_bytes(source, lines);
  for (const auto& m : rules::match_rules(rules, tree, source, within)) {
    if (s.covers(rules[m.rule]->id, m.match.start_row + 1))
      return true;
  }
  return false;
}

// Why `s` suppresses nothing, beyond being misplaced: ids no loaded rule has, ids whose rule
// does not apply to this file. Empty when every id applies.
std::string unused_because(const Suppression& s, std::span<const rules::Rule* const> rules,
                           std::span<const rules::Rule* const> loaded) {
  if (!s.all_rules && s.ids.empty())
    return "it names no rule";
  std::vector<std::string_view> loaded_ids;
  loaded_ids.reserve(loaded.size());
  for (const rules::Rule* rule : loaded)
    loaded_ids.push_back(rule->id);
  std::string why;
  for (const auto& id : s.ids) {
    auto has = [&](const rules::Rule* rule) { return rule->id == id; };
    std::string note;
    if (std::none_of(loaded.begin(), loaded.end(), has)) {
      note = "no rule is called '" + id + "'" + did_you_mean(id, loaded_ids);
    } else if (std::none_of(rules.begin(), rules.end(), has)) {
      note = "rule '" + id + "' does not apply to this file";
    }
    if (!note.empty())
      why += (why.empty() ? "" : "; ") + note;
  }
  return why;
}

// Marks the findings that a suppression comment covers, and adds an info finding for each
// suppression on an added line that covers nothing.
void apply_suppressions(std::vector<Finding>& findings, const FileChange& change,
                        std::span<const rules::Rule* const> rules,
                        std::span<const rules::Rule* const> loaded, const lang::Tree& tree) {
  std::vector<Suppression> suppressions = find_suppressions(tree, change.new_source);
  std::vector<bool> used(suppressions.size(), false);
  for (auto& finding : findings) {
    for (std::size_t i = 0; i < suppressions.size(); ++i) {
      if (!suppressions[i].covers(finding.rule->id, finding.line))
        continue;
      // Two comments may cover one finding: the first one with a reason gives it.
      if (finding.suppression_reason.empty())
        finding.suppression_reason = suppressions[i].reason;
      finding.suppressed = true;
      used[i] = true;
    }
  }
  for (std::size_t i = 0; i < suppressions.size(); ++i) {
    const Suppression& s = suppressions[i];
    // Old comments are not the commit's to answer for, whatever the scope.
    if (used[i] || !on_added_line(s.line, change.added) ||
        suppresses_a_match(s, rules, tree, change.new_source)) {
      continue;
    }
    std::string why = unused_because(s, rules, loaded);
    Finding f;
    f.rule = &unused_suppression_rule();
    f.message = "`" + s.directive + "` suppresses nothing here" + (why.empty() ? "" : ": " + why);
    f.path = std::string(change.path);
    f.line = s.line;
    f.column = s.column;
    f.end_line = s.line;
    f.end_column = s.end_column;
    f.fingerprint = fingerprint(f.rule->id, change.path, s.directive);
    std::vector<git::LineRange> line{{s.line, s.line}};
    auto bytes = added_bytes(change.new_source, line);
    f.source_line =
        bytes.empty() ? std::string() : std::string(line_at(change.new_source, bytes[0].start));
    findings.push_back(std::move(f));
  }
}

}  // namespace

const rules::Rule& unused_suppression_rule() {
  static const rules::Rule rule = [] {
    rules::Rule r;
    r.id = "unused-suppression";
    r.severity = rules::Severity::info;
    r.message = "the suppression comment suppresses nothing here";
    r.skill = "code-review";
    r.lesson =
        "A `mentor: ignore[...]` comment that covers no finding is noise, and it will hide a "
        "future finding nobody decided to accept. Check the rule ids, then remove the comment "
        "or move it where it belongs: at the end of the line it is about, or alone on the line "
        "above it.\n";
    return r;
  }();
  return rule;
}

std::vector<Finding> review_file(const FileChange& change,
                                 std::span<const rules::Rule* const> rules, Scope scope,
                                 lang::Parser& parser, std::span<const rules::Rule* const> loaded) {
  if (rules.empty() || change.language == nullptr)
    return {};
  lang::Tree tree = parser.parse(*change.language, change.new_source);
  std::vector<Finding> findings = attributed_findings(change, rules, scope, parser, tree);
  apply_suppressions(findings, change, rules, loaded.empty() ? rules : loaded, tree);
  std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.line, a.column, a.end_line, a.end_column, a.rule->id) <
           std::tie(b.line, b.column, b.end_line, b.end_column, b.rule->id);
  });
  return findings;
}

}  // namespace mentor::review
