// The code a match covers as its identity sees it: without the comments inside it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lang/parser.hpp"

namespace mentor::rules {

struct MatchCode {
  // source[start, end) with every comment node that lies inside it (and does not hold the whole
  // range: a match that is a comment keeps its text) replaced by one space.
  std::string text;
  // The text of each leaf node (token) in the range, comments left out, in order; views into
  // the source.
  std::vector<std::string_view> tokens;
};

// Walks the nodes of `tree` (parsed from `source`) that overlap [start, end) with a cursor:
// memory and stack stay constant whatever the depth of the tree.
MatchCode match_code(const lang::Tree& tree, std::string_view source, std::uint32_t start,
                     std::uint32_t end);

}  // namespace mentor::rules
