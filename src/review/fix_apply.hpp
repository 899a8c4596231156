// Applying rules' suggested fixes (review::Fix) to the text of one file: pure, no I/O.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "review/finding.hpp"

namespace mentor::review {

struct FixSkip {
  std::size_t index = 0;  // into the fixes given
  std::string reason;     // "overlaps another fix", "the file changed there since the review"
};

struct FixOutcome {
  std::string text;                  // the text with the applied fixes
  std::vector<std::size_t> applied;  // indices into the fixes given, in increasing byte order
  std::vector<FixSkip> skipped;      // in the order given
};

// Applies `fixes` (all of one file, whose byte ranges refer to the reviewed version) to `text`,
// the file as it is now. A fix is applied only where `text` still holds its `original` bytes at
// [start_byte, end_byte); one whose range leaves the text, or whose bytes differ, is skipped.
// Fixes are taken in order of start_byte (then as given); one that overlaps a fix already taken
// (or inserts at the start of one) is skipped, and one identical to a fix already taken (same
// range, same replacement: two findings proposing the same edit) is dropped without a skip.
// The edits are made from the end of the text backwards, so every range stays valid; bytes
// outside the ranges (line endings, invalid UTF-8) are kept as they are.
FixOutcome apply_fixes(std::string_view text, std::span<const Fix> fixes);

}  // namespace mentor::review
