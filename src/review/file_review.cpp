// Findings in one changed file.
#include "review/file_review.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <tuple>

#include "review/fingerprint.hpp"
#include "review/suggested_fix.hpp"
#include "review/suppression.hpp"
#include "rules/match_limits.hpp"
#include "rules/rule_engine.hpp"
#include "util/excerpt.hpp"
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

// Where each line of a text starts.
class LineStarts {
 public:
  explicit LineStarts(std::string_view text) : size_(text.size()) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n')
        starts_.push_back(static_cast<std::uint32_t>(i + 1));
    }
  }
  // The offset of 1-based `line`; nullopt past the end of the text.
  std::optional<std::uint32_t> start(std::uint32_t line) const {
    if (line == 0 || line > starts_.size() || starts_[line - 1] >= size_)
      return std::nullopt;
    return starts_[line - 1];
  }
  // The text of 1-based `line` of `text` (the text this was made from), without its terminator;
  // empty past the end.
  const std::vector<std::uint32_t>& starts() const { return starts_; }
  std::string_view line(std::string_view text, std::uint32_t line) const {
    std::optional<std::uint32_t> begin = start(line);
    if (!begin)
      return {};
    std::size_t end = line < starts_.size() ? starts_[line] - 1 : size_;
    std::string_view out = text.substr(*begin, end - *begin);
    if (!out.empty() && out.back() == '\r')
      out.remove_suffix(1);
    return out;
  }

 private:
  std::vector<std::uint32_t> starts_;
  std::size_t size_;
};

// The matches of one file that `scope` may attribute to the change: on added lines, or (file)
// all of them; each with its code's identity.
struct Candidates {
  std::vector<rules::RuleMatch> matches;
  std::vector<CodeIdentity> identities;  // parallel to matches
};

Candidates candidates_in(const FileChange& change, Scope scope, const lang::Tree& tree) {
  Candidates out;
  // Under added/introduced only nodes on added lines can be findings: try those alone.
  std::vector<rules::ByteRange> within;
  if (scope != Scope::file) {
    within = added_bytes(change.new_source, change.added);
    if (within.empty())
      return out;
  }
  std::size_t covered = 0;
  for (auto& m : rules::match_rules(change.rules, tree, change.new_source, within)) {
    if (scope == Scope::file || overlaps_added(m.match, change.added)) {
      covered += m.match.end_byte - m.match.start_byte;
      if (covered > kMaxMatchedBytes) {
        throw rules::MatchLimitExceeded("its matches cover more than " +
                                        std::to_string(kMaxMatchedBytes >> 20) +
                                        " MiB of code (deeply nested matches)");
      }
      out.matches.push_back(std::move(m));
    }
  }
  out.identities.reserve(out.matches.size());
  for (const auto& m : out.matches)
    out.identities.push_back(code_identity(tree, change.new_source, m.match));
  return out;
}

// The UTF-16 code units before each excerpt of a file, counted once for all of them: findings
// come in order of their start, so each line is counted from where the last one stopped.
class UnitCounter {
 public:
  std::size_t before(std::string_view line, std::size_t offset) {
    if (line.data() != line_ || offset < offset_) {
      line_ = line.data();
      offset_ = 0;
      units_ = 0;
    }
    units_ += util::utf16_units(line.substr(offset_, offset - offset_));
    offset_ = offset;
    return units_;
  }

 private:
  const char* line_ = nullptr;
  std::size_t offset_ = 0;
  std::size_t units_ = 0;
};

// `f.source_line` and its excerpt fields: line `line` of the text (bounded), around the bytes
// [from, to) of it.
void set_source_line(Finding& f, std::string_view line, std::size_t from, std::size_t to,
                     UnitCounter& units) {
  util::Excerpt excerpt = util::excerpt(line, from, to);
  f.source_line = std::move(excerpt.text);
  f.excerpt_start = static_cast<std::uint32_t>(excerpt.start);
  f.excerpt_cut = excerpt.cut_end;
  f.excerpt_start_units =
      excerpt.start == 0 ? 0 : static_cast<std::uint32_t>(units.before(line, excerpt.start));
}

Finding finding_of(const FileChange& change, const rules::RuleMatch& m,
                   const CodeIdentity& identity, const LineStarts& lines, UnitCounter& units) {
  const rules::Rule& rule = *change.rules[m.rule];
  const rules::Match& match = m.match;
  Finding f;
  f.rule = &rule;
  f.message = rules::interpolate(rule.message, match);
  f.path = std::string(change.path);
  f.line = match.start_row + 1;
  f.column = match.start_column + 1;
  f.end_line = match.end_row + 1;
  f.end_column = match.end_column + 1;
  f.fingerprint = fingerprint_normalized(rule.id, change.path, identity.code);
  f.code = identity.code;
  std::string_view line = lines.line(change.new_source, match.start_row + 1);
  std::size_t to = match.end_row == match.start_row ? match.end_column : line.size();
  set_source_line(f, line, match.start_column, to, units);
  if (match.fix)
    f.fix = suggested_fix(change.new_source, lines.starts(), *match.fix);
  return f;
}

bool on_added_line(std::uint32_t line, std::span<const git::LineRange> added) {
  return std::any_of(added.begin(), added.end(),
                     [&](const git::LineRange& r) { return r.first <= line && line <= r.last; });
}

// For each of `suppressions`, whether some rule matches code that it covers: then it is in use
// even if the finding it covers was not introduced here. One match_rules call for them all.
std::vector<bool> suppress_a_match(std::span<const Suppression* const> suppressions,
                                   std::span<const rules::Rule* const> rules,
                                   const lang::Tree& tree, std::string_view source) {
  std::vector<bool> out(suppressions.size(), false);
  std::vector<git::LineRange> lines;
  for (const Suppression* s : suppressions)
    lines.push_back({s->line, s->last_line()});
  std::sort(lines.begin(), lines.end(),
            [](const git::LineRange& a, const git::LineRange& b) { return a.first < b.first; });
  std::vector<git::LineRange> merged;
  for (const auto& range : lines) {
    if (!merged.empty() && range.first <= merged.back().last + 1)
      merged.back().last = std::max(merged.back().last, range.last);
    else
      merged.push_back(range);
  }
  if (merged.empty())
    return out;
  // The suppressions by the lines they cover.
  std::multimap<std::uint32_t, std::size_t> by_line;
  for (std::size_t i = 0; i < suppressions.size(); ++i) {
    by_line.emplace(suppressions[i]->line, i);
    if (suppressions[i]->next_line != 0)
      by_line.emplace(suppressions[i]->next_line, i);
  }
  std::vector<rules::ByteRange> within = added_bytes(source, merged);
  for (const auto& m : rules::match_rules(rules, tree, source, within)) {
    auto [first, last] = by_line.equal_range(m.match.start_row + 1);
    for (auto it = first; it != last; ++it) {
      if (suppressions[it->second]->covers(rules[m.rule]->id, m.match.start_row + 1))
        out[it->second] = true;
    }
  }
  return out;
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
  std::multimap<std::uint32_t, std::size_t> by_line;  // the suppressions by the lines they cover
  for (std::size_t i = 0; i < suppressions.size(); ++i) {
    by_line.emplace(suppressions[i].line, i);
    if (suppressions[i].next_line != 0 && suppressions[i].next_line != suppressions[i].line)
      by_line.emplace(suppressions[i].next_line, i);
  }
  for (auto& finding : findings) {
    auto [first, last] = by_line.equal_range(finding.line);
    for (auto it = first; it != last; ++it) {
      std::size_t i = it->second;
      if (!suppressions[i].covers(finding.rule->id, finding.line))
        continue;
      // Two comments may cover one finding: the first one with a reason gives it.
      if (finding.suppression_reason.empty())
        finding.suppression_reason = suppressions[i].reason;
      finding.suppressed = true;
      used[i] = true;
    }
  }
  // Old comments are not the commit's to answer for, whatever the scope.
  std::vector<const Suppression*> unused;
  for (std::size_t i = 0; i < suppressions.size(); ++i) {
    if (!used[i] && on_added_line(suppressions[i].line, change.added))
      unused.push_back(&suppressions[i]);
  }
  std::vector<bool> matching = suppress_a_match(unused, rules, tree, change.new_source);
  LineStarts lines(change.new_source);
  for (std::size_t i = 0; i < unused.size(); ++i) {
    if (matching[i])
      continue;
    const Suppression& s = *unused[i];
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
    UnitCounter units;
    set_source_line(f, lines.line(change.new_source, s.line), s.column - 1, s.end_column - 1,
                    units);
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

std::vector<Finding> review_change_set(std::span<const FileChange> files,
                                       std::span<const Side> sides, Scope scope, Versions& versions,
                                       lang::Parser& parser,
                                       std::span<const rules::Rule* const> loaded,
                                       std::vector<git::SkippedFile>* skipped) {
  // Parse every file and find its candidates, then attribute them all at once: code moved
  // between the commit's files is old code.
  std::vector<std::unique_ptr<lang::Tree>> trees;  // the trees parsed here
  std::vector<const lang::Tree*> parsed;           // each file's tree; null: not reviewed
  std::vector<Candidates> found;
  trees.reserve(files.size());
  parsed.reserve(files.size());
  found.reserve(files.size());
  for (const FileChange& change : files) {
    if (change.rules.empty() || change.language == nullptr) {
      trees.emplace_back();
      parsed.push_back(nullptr);
      found.emplace_back();
      continue;
    }
    const lang::Tree* tree = change.tree;
    if (tree == nullptr) {
      trees.push_back(
          std::make_unique<lang::Tree>(parser.parse(*change.language, change.new_source)));
      tree = trees.back().get();
    } else {
      trees.emplace_back();
    }
    versions.add_parsed(std::string(change.blob), change.new_source, *tree);
    try {
      found.push_back(candidates_in(change, scope, *tree));
      parsed.push_back(tree);
    } catch (const rules::MatchLimitExceeded& e) {
      if (skipped == nullptr)
        throw;
      skipped->push_back({std::string(change.path), e.what()});
      found.emplace_back();
      parsed.push_back(nullptr);
    }
  }

  std::vector<bool> keep;
  if (scope == Scope::introduced) {
    std::vector<Candidate> all;
    for (std::size_t i = 0; i < files.size(); ++i) {
      for (std::size_t j = 0; j < found[i].matches.size(); ++j)
        all.push_back({files[i].rules[found[i].matches[j].rule], found[i].identities[j]});
    }
    keep = introduced(all, sides, versions);
  }

  std::vector<Finding> findings;
  std::size_t next = 0;  // index into keep
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (parsed[i] == nullptr)
      continue;
    std::vector<Finding> in_file;
    UnitCounter units;
    LineStarts lines(files[i].new_source);
    for (std::size_t j = 0; j < found[i].matches.size(); ++j) {
      if (keep.empty() || keep[next++]) {
        in_file.push_back(
            finding_of(files[i], found[i].matches[j], found[i].identities[j], lines, units));
      }
    }
    try {
      apply_suppressions(in_file, files[i], files[i].rules,
                         loaded.empty() ? files[i].rules : loaded, *parsed[i]);
    } catch (const rules::MatchLimitExceeded& e) {
      if (skipped == nullptr)
        throw;
      skipped->push_back({std::string(files[i].path), e.what()});
      continue;
    }
    std::sort(in_file.begin(), in_file.end(), [](const Finding& a, const Finding& b) {
      return std::tie(a.line, a.column, a.end_line, a.end_column, a.rule->id) <
             std::tie(b.line, b.column, b.end_line, b.end_column, b.rule->id);
    });
    std::move(in_file.begin(), in_file.end(), std::back_inserter(findings));
  }
  return findings;
}

std::vector<Finding> review_file(const FileChange& change,
                                 std::span<const rules::Rule* const> rules, Scope scope,
                                 lang::Parser& parser, std::span<const rules::Rule* const> loaded) {
  static const std::string kOld = "old";
  static const std::string kNew = "new";
  FileChange file = change;
  file.rules = rules;
  file.blob = kNew;
  Side side;
  if (change.old_source)
    side.before.push_back({std::string(change.path), kOld, change.language});
  side.after.push_back({std::string(change.path), kNew, change.language});
  ParseCache nothing_kept(parser, 0);
  Versions versions(
      [&](const std::string& blob) -> std::optional<std::string> {
        if (blob == kOld && change.old_source)
          return std::string(*change.old_source);
        return std::nullopt;
      },
      nothing_kept);
  return review_change_set({&file, 1}, {&side, 1}, scope, versions, parser,
                           loaded.empty() ? rules : loaded);
}

}  // namespace mentor::review
