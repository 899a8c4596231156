// Holding fixes back until a mistake repeats.
#include "review/fix_gate.hpp"

namespace mentor::review {

bool fix_shown(std::uint32_t fix_after, std::size_t earlier) {
  return fix_after <= 1 || earlier + 1 >= fix_after;
}

void withhold_fixes(std::span<CommitReview> reviews, const PriorFindings& prior,
                    const std::function<std::uint32_t(const rules::Rule&)>& fix_after,
                    const std::function<std::string(const std::string&)>& identity) {
  PriorFindings seen = prior;
  for (auto& review : reviews) {
    for (auto& f : review.findings) {
      if (f.suppressed)
        continue;
      std::size_t& count = seen[{f.rule->id, identity ? identity(f.author) : f.author}];
      if (f.fix && !fix_shown(fix_after(*f.rule), count))
        f.fix.reset();
      ++count;
    }
  }
}

}  // namespace mentor::review
