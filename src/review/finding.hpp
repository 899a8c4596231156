// A rule match attributed to a commit: the unit every report and record works with.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "rules/rule.hpp"

namespace mentor::review {

// A rule's suggested rewrite of a finding's code (ast-grep's `fix`, after `transform`,
// `expandStart` and `expandEnd`): the bytes [start_byte, end_byte) of the file's version that was
// reviewed become `replacement`. Positions follow Finding's conventions.
struct Fix {
  std::uint32_t start_byte = 0;
  std::uint32_t end_byte = 0;
  std::uint32_t line = 0;  // of start_byte, 1-based
  std::uint32_t column = 0;
  std::uint32_t end_line = 0;  // of end_byte
  std::uint32_t end_column = 0;
  std::string original;     // the replaced bytes
  std::string replacement;  // what replaces them
  // The whole lines line..end_line as they are, and as they read once the fix is applied: what a
  // diff, a SARIF replacement of whole lines or a GitHub suggestion block shows.
  std::string old_lines;
  std::string new_lines;
};

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
  // The rule's suggested fix, when it has one and it could be computed within the limits.
  std::optional<Fix> fix;
};

}  // namespace mentor::review
