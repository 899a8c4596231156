// Matches with the nodes each metavariable is bound to: what a tool shows to explain a match
// (`git mentor rules try`), where a review needs only the captured text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lang/parser.hpp"
#include "rules/rule.hpp"

namespace mentor::rules {

// Where a bound node is. Rows and columns are 0-based, columns in bytes.
struct NodeRange {
  std::uint32_t start_byte = 0;
  std::uint32_t end_byte = 0;
  std::uint32_t start_row = 0;
  std::uint32_t start_column = 0;
  std::uint32_t end_row = 0;
  std::uint32_t end_column = 0;
};

// A node a metavariable is bound to: its whole text, whether it is named, and where it is
// (nullopt for the captures of a query rule, whose matches keep only their text).
struct BoundNode {
  std::string text;
  bool named = true;
  std::optional<NodeRange> range;
};

// One metavariable of a match: $NAME holds one node, $$$NAME (multi) a sequence of sibling
// nodes, possibly empty, with the anonymous ones (`,`) the matcher took in.
struct MetaVariable {
  std::string name;  // without sigils
  bool multi = false;
  std::vector<BoundNode> nodes;
};

struct DetailedMatch {
  std::size_t rule = 0;  // index into the `rules` given
  Match match;
  std::vector<MetaVariable> variables;  // in the order they were bound
};

// The matches match_rules finds for `rules` over a whole parse of `source` (the same ones, in
// the same order), each with its metavariables' nodes. Throws MatchLimitExceeded as match_rules
// does. Walks the tree with a cursor.
std::vector<DetailedMatch> match_rules_detailed(std::span<const Rule* const> rules,
                                                const lang::Tree& tree, std::string_view source);

}  // namespace mentor::rules
