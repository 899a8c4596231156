// A rule match attributed to a commit: the unit every report and record works with.
#pragma once

#include <cstdint>
#include <string>

#include "rules/rule.hpp"

namespace mentor::review {

struct Finding {
  const rules::Rule* rule = nullptr;  // owned by the RuleSet the review ran with
  std::string message;                // metavariables interpolated
  std::string path;
  // 1-based; columns count bytes; end_column is one past the last byte (SARIF's convention).
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::uint32_t end_line = 0;
  std::uint32_t end_column = 0;
  std::string commit;       // 40-hex
  std::string author;       // "Name <email>"
  std::string fingerprint;  // see fingerprint.hpp
  // The text of `line` without its line terminator; of a line longer than
  // util::kMaxExcerptBytes, only a window of it around the match (see util::excerpt), which
  // starts at byte `excerpt_start` of the line and ends before the line does when `excerpt_cut`.
  std::string source_line;
  std::uint32_t excerpt_start = 0;
  bool excerpt_cut = false;
  std::uint32_t excerpt_start_units = 0;  // UTF-16 code units of the line before the window
  std::string code;  // its code as attribution sees it (CodeIdentity::code); not stored
  // An inline `mentor: ignore[rule-id] reason` comment covers this finding: it is still
  // reported and recorded, marked suppressed, and never blocks.
  bool suppressed = false;
  std::string suppression_reason;  // the comment's text after the rule list; may be empty
  // A later commit of what was reviewed removed it: its code is no longer at any reviewed head
  // that descends from its commit (see tip.hpp). Shown and recorded, never blocking.
  bool fixed_later = false;
};

}  // namespace mentor::review
