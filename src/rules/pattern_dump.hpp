// Compiled patterns as text: what `git mentor rules try --debug=pattern` prints.
#pragma once

#include <string>
#include <vector>

#include "lang/language.hpp"
#include "rules/pattern.hpp"
#include "rules/rule.hpp"

namespace mentor::rules {

// The pattern as the matcher sees it, one node a line, two spaces per level (ast-grep's
// --debug-query=pattern): an inner node's kind; a named leaf's kind and text; an anonymous
// leaf's text; `MetaVar $A` (with `$$A`, `$_`, `$$$`, `$$$A` spelled as in the pattern) and
// what it matches. First lines say, when they apply, which kind `selector` picked out of the
// context and the strictness. Text is util::terminal_safe. Iterative.
std::string dump_pattern(const Pattern& pattern, const lang::Language& language);

// Every pattern of `rule`'s rule tree, in the order the rule is written: in `all`, `any`, `not`,
// relations (and their stopBy) and nthChild's ofRule, and in the utility rules `matches` names
// (each once). Empty for a query rule. The patterns are owned by the rule's matcher.
std::vector<const Pattern*> patterns_of(const Rule& rule);

}  // namespace mentor::rules
