// Runs compiled rules over one parsed file.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "lang/parser.hpp"
#include "rules/rule.hpp"

namespace mentor::rules {

struct RuleMatch {
  std::size_t rule = 0;  // index into the `rules` span given to match_rules
  Match match;
};

// Runs every rule in `rules` (all for tree.language()) over one parse of `source`, walking the
// tree once for pattern/kind rules. Returns matches sorted by (start_byte, end_byte, rule index),
// without duplicates. Thread-safe for distinct trees.
std::vector<RuleMatch> match_rules(std::span<const Rule* const> rules, const lang::Tree& tree,
                                   std::string_view source);

}  // namespace mentor::rules
