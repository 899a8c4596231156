// Findings in one changed file: the pure core of a review, free of git and threads.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "git/diff_reader.hpp"
#include "lang/parser.hpp"
#include "review/finding.hpp"
#include "review/scope.hpp"

namespace mentor::review {

struct FileChange {
  std::string_view path;
  const lang::Language* language = nullptr;
  std::string_view new_source;
  // The parent's version; nullopt when the commit added the file.
  std::optional<std::string_view> old_source;
  std::span<const git::LineRange> added;  // sorted, disjoint, 1-based
};

// Runs `rules` over `change.new_source` and keeps the matches that `scope` attributes to the
// change. Under Scope::introduced the parent's version is parsed only when some match overlaps
// an added line, and a fingerprint that occurs k times before and n times after yields at most
// n - k findings. Returned findings have every field set except commit and author, sorted by
// position then rule id.
// Suppression comments (see suppression.hpp) mark the findings they cover as suppressed; one on
// an added line that covers nothing yields an info finding of unused_suppression_rule(), whatever
// the scope. `loaded` is every rule of the run, so that its message can tell an id no rule has
// from one whose rule does not apply to this file; empty means `rules`.
std::vector<Finding> review_file(const FileChange& change,
                                 std::span<const rules::Rule* const> rules, Scope scope,
                                 lang::Parser& parser,
                                 std::span<const rules::Rule* const> loaded = {});

// The rule of "this suppression comment suppresses nothing" findings (severity info).
const rules::Rule& unused_suppression_rule();

}  // namespace mentor::review
