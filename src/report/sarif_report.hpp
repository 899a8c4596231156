// SARIF 2.1.0 output of a review, for code scanning (GitHub, GitLab, IDE viewers).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <span>
#include <string>

#include "review/reviewer.hpp"

namespace mentor::report {

// What a mentor decided about a finding in a review session (the reviews record), as far as
// SARIF is concerned.
struct MentorVerdict {
  enum class Kind { confirmed, dismissed, praised };
  Kind kind = Kind::confirmed;
  std::string mentor;  // "Name <email>"
  std::string note;    // why; may be empty
  std::string time;    // UTC, as recorded
};

struct SarifOptions {
  std::string tool_version;  // tool.driver.version
  // The text (without terminator) of line `line` of the file a finding is in, as reviewed;
  // nullopt when unknown. Needed only for a finding that ends on another line than it starts,
  // to turn its end column into UTF-16 code units (the start line's text is in the finding).
  // Unset or nullopt: such a region has no endColumn, which SARIF reads as "to the end of
  // endLine".
  std::function<std::optional<std::string>(const review::Finding&, std::uint32_t line)> line_text;
  // A mentor's verdict on a finding, if any. Unset: none.
  std::function<std::optional<MentorVerdict>(const review::Finding&)> verdict;
};

// Writes one SARIF 2.1.0 log with one run of tool "git-mentor":
// - tool.driver.rules: the rules that have findings, sorted by id, each with its message as
//   shortDescription, its lesson as fullDescription and help (text and markdown), its url as
//   helpUri when it is an absolute URI, defaultConfiguration.level, and properties {skill,
//   severity, tags: [skill, language]};
// - one result per finding, in review order: ruleId, ruleIndex, message, level (error → error,
//   warning → warning, info and hint → note); praise is kind "pass" with level "none" (SARIF
//   requires "none" for any kind other than "fail"; a praise is not a problem to fix) and the
//   property praise: true;
// - its location: the path relative to uriBaseId SRCROOT (the repository root), percent-encoded
//   as a URI reference, and a region whose columns are UTF-16 code units (run.columnKind
//   "utf16CodeUnits", SARIF's default and what its viewers index by) converted from
//   git-mentor's byte columns; endColumn is one past the last character, as in SARIF;
// - partialFingerprints {"findingId/v1": the finding's fingerprint}, stable across line moves;
// - for a finding with a suggested fix, fixes: one fix {description, artifactChanges: [{the
//   same artifactLocation, replacements: [{deletedRegion: the fix's range (UTF-16 columns,
//   endColumn one past its last character), insertedContent.text: the replacement}]}]};
// - suppressions, always present since git-mentor knows them ([] means "not suppressed"): an
//   inline `mentor: ignore` is {kind: inSource, status: accepted, justification: its reason};
//   a mentor's dismissal is {kind: external, status: accepted, justification: the mentor's
//   note};
// - properties {commit, author, skill, severity} and, when a mentor judged it, verdict
//   (confirmed / dismissed / praised), verdictBy, verdictNote, verdictTime.
// Bytes that are not valid UTF-8 are replaced by U+FFFD so the output is always valid JSON.
void write_sarif(std::ostream& out, std::span<const review::CommitReview> reviews,
                 const SarifOptions& options);

// `path` (relative, '/'-separated) as a relative URI reference: every byte other than an
// unreserved character (RFC 3986: letters, digits, - . _ ~), '/', '@' and the sub-delimiters
// ! $ & ' ( ) * + , ; = is percent-encoded, so spaces, '%', '#', '?', ':' (which would make the
// first segment a scheme) and non-ASCII bytes stay part of the path.
std::string path_to_uri(std::string_view path);

}  // namespace mentor::report
