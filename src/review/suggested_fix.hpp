// A rule's fix of one match as a Finding carries it: byte range, line/column range and the
// whole lines before and after.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "review/finding.hpp"
#include "rules/rule.hpp"

namespace mentor::review {

// The Fix that `edit` makes to `source`, whose 0-based line start offsets are `line_starts`
// (line_starts[0] == 0, ascending). nullopt when the edit is out of `source` or replaces more
// than rules::kMaxFixBytes bytes. old_lines / new_lines run from the start of the fix's first
// line to the end of its last line, without that line's terminator.
std::optional<Fix> suggested_fix(std::string_view source,
                                 std::span<const std::uint32_t> line_starts,
                                 const rules::FixEdit& edit);

}  // namespace mentor::review
