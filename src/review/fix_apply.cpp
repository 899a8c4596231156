// Applying suggested fixes to one file's text.
#include "review/fix_apply.hpp"

#include <algorithm>
#include <numeric>

namespace mentor::review {

FixOutcome apply_fixes(std::string_view text, std::span<const Fix> fixes) {
  FixOutcome outcome;
  std::vector<std::size_t> order(fixes.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return fixes[a].start_byte < fixes[b].start_byte;
  });
  std::vector<FixSkip> skipped;
  for (std::size_t i : order) {
    const Fix& fix = fixes[i];
    if (fix.start_byte > fix.end_byte || fix.end_byte > text.size() ||
        text.substr(fix.start_byte, fix.end_byte - fix.start_byte) != fix.original) {
      skipped.push_back({i, "the file changed there since it was reviewed"});
      continue;
    }
    if (!outcome.applied.empty()) {
      const Fix& last = fixes[outcome.applied.back()];
      if (fix.start_byte == last.start_byte && fix.end_byte == last.end_byte &&
          fix.replacement == last.replacement)
        continue;
      if (fix.start_byte < last.end_byte || fix.start_byte == last.start_byte) {
        skipped.push_back({i, "overlaps another fix"});
        continue;
      }
    }
    outcome.applied.push_back(i);
  }
  outcome.text = std::string(text);
  for (auto it = outcome.applied.rbegin(); it != outcome.applied.rend(); ++it) {
    const Fix& fix = fixes[*it];
    outcome.text.replace(fix.start_byte, fix.end_byte - fix.start_byte, fix.replacement);
  }
  std::sort(skipped.begin(), skipped.end(),
            [](const FixSkip& a, const FixSkip& b) { return a.index < b.index; });
  outcome.skipped = std::move(skipped);
  return outcome;
}

}  // namespace mentor::review
