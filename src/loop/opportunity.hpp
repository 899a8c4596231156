// An opportunity: a commit where a rule's mistake could have been made. The one definition, used
// by trends and mastery (docs/mentoring.md, "Opportunities").
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace mentor::loop {

struct CommitInput;

// Whether a rule applies to a path by its `files:` and `ignores:` globs; nullopt when the rule is
// not known (only its findings are: the rule was removed or renamed since).
using RuleApplies =
    std::function<std::optional<bool>(std::string_view rule, std::string_view path)>;

// What a rule (or a skill, through all its rules) is about.
struct Scope {
  std::set<std::string> languages;  // of its findings' files; empty: no language is known
  std::vector<std::string> rules;   // the rule ids, whose `files:` globs narrow the paths
};

// A commit is an opportunity for `scope` when it changed a file of one of the scope's languages
// (any file when none is known) that one of its rules applies to by `files:` and `ignores:`
// (every such file when the rule is not known). A commit that only touches other languages, or
// files outside the rule's globs, says nothing about the mistake.
bool is_opportunity(const CommitInput& commit, const Scope& scope,
                    const std::function<std::string(std::string_view)>& language_of,
                    const RuleApplies& applies);

}  // namespace mentor::loop
