// Markdown output of a review: a compact report for a pull or merge request comment, or a CI
// job summary.
#pragma once

#include <cstddef>
#include <functional>
#include <ostream>
#include <span>

#include "review/reviewer.hpp"

namespace mentor::report {

struct MarkdownOptions {
  // The report stops adding findings before it grows past this many bytes (GitHub refuses
  // comments over 65,536 characters) and says how many it left out.
  std::size_t max_bytes = 60000;
  // Whether a finding's lines read at the head of the pull request as in the version it was
  // found in (so that a GitHub suggestion of those line numbers replaces the right lines).
  // Unset: none does.
  std::function<bool(const review::Finding&)> at_head = {};
};

// Writes a heading with the tally, then per commit with findings a line (short id, subject,
// author) and a table: Location (path:line:column), Severity, Rule, Message. A suppressed
// finding's severity reads "warning, suppressed" and its message ends with the reason. A closed
// <details> block lists the lessons: each rule's id, skill, the first line of its lesson and a
// link to its url (http and https urls only).
// Each finding with a suggested fix (not suppressed, not fixed later) is then shown under
// "Suggested fixes": its place and rule, and a fenced block: a ```suggestion block holding
// Fix::new_lines (the replacement of lines line..end_line) when `at_head` says its lines are
// those of the head, else a ```diff block (- old lines, + new lines) that suggests nothing.
// GitHub applies a suggestion only from a review comment on those lines; in a plain comment it
// shows as the proposed code.
// Everything that comes from the repository or the rules (paths, messages, subjects, names,
// rule ids, lessons, reasons) is escaped with markdown_escape, so it shows as written.
void write_markdown(std::ostream& out, std::span<const review::CommitReview> reviews,
                    const MarkdownOptions& options = {});

}  // namespace mentor::report
