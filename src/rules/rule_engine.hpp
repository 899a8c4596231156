// Runs compiled rules over one parsed file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "lang/parser.hpp"
#include "rules/rule.hpp"

namespace mentor::rules {

// Bytes [start, end) of a source text.
struct ByteRange {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
};

struct RuleMatch {
  std::size_t rule = 0;  // index into the `rules` span given to match_rules
  Match match;
};

// Runs every rule in `rules` (all for tree.language()) over one parse of `source`, walking the
// tree once for pattern/kind rules. With `within` (sorted, disjoint), only nodes that intersect
// one of those ranges are tried, and subtrees outside them are never visited: the cost follows
// the size of the change, not of the file. Empty `within` means the whole file. Returns matches
// sorted by (start_byte, end_byte, rule index), without duplicates. Thread-safe for distinct
// trees.
std::vector<RuleMatch> match_rules(std::span<const Rule* const> rules, const lang::Tree& tree,
                                   std::string_view source, std::span<const ByteRange> within = {});

}  // namespace mentor::rules
