// Reviews of commits kept between runs, in the repository (the pre-push hook's): a commit's
// review depends only on its content, which its id names (tree and parents), on the rules and
// on the options, so a commit reviewed once is read back instead of diffed, parsed and matched
// again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "review/reviewer.hpp"
#include "review/rule_set.hpp"

namespace mentor::review {

// One file per commit in a directory, each holding the key it was made under and a checksum of
// its content. An entry is used only when both match and it reads back whole; anything else is
// a miss (and is overwritten by the next store). Not shared between threads.
class ReviewCache {
 public:
  static constexpr std::size_t kMaxEntries = 2048;
  static constexpr std::uintmax_t kMaxBytes = 16u << 20;
  static constexpr std::size_t kMaxEntryBytes = 1u << 20;  // a larger review is not kept

  // Entries in `directory` (created by the first store) for reviews by this build of the
  // program (version and executable) with `rules` (RuleSet::source_digest) and `options`
  // (scope, file size limit, ignores, languages).
  ReviewCache(std::string directory, const RuleSet& rules, const ReviewOptions& options);

  // The stored review of `commit` (40-hex), its findings pointing at `rules`' rules.
  std::optional<CommitReview> find(const std::string& commit) const;

  // Stores `review`: written to a new file renamed into place, so that a reader sees a whole
  // entry or none. It is a cache: failing to write is not an error.
  void store(const CommitReview& review);

  // Past kMaxEntries or kMaxBytes in the directory, removes the oldest files down to three
  // quarters of the bounds. Once after the stores of a run.
  void trim() const;

  // What an entry must have been made under (40-hex).
  const std::string& key() const { return key_; }

 private:
  std::string directory_;
  const RuleSet& rules_;
  std::string key_;
};

}  // namespace mentor::review
