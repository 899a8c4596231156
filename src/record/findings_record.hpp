// The findings record: one JSON line per finding in the note of its commit, under
// refs/notes/mentor (docs/storage.md is the specification).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "git/repository.hpp"
#include "record/json_line.hpp"
#include "review/reviewer.hpp"

namespace mentor::record {

inline constexpr std::string_view kFindingsRef = "refs/notes/mentor";

// A finding as stored: what `log`, review sessions and summaries read back.
struct RecordedFinding {
  std::string id;  // the fingerprint: rule + path + normalized matched text
  std::string rule;
  std::string severity;
  std::string skill;
  std::string path;
  std::uint32_t line = 0;  // 1-based; columns count bytes; end_col is one past the last byte
  std::uint32_t col = 0;
  std::uint32_t end_line = 0;
  std::uint32_t end_col = 0;
  std::string message;
  std::string author;  // "Name <email>", after .mailmap
  std::string commit;  // 40-hex
  std::string tool_version;
  bool suppressed = false;
  std::string suppression_reason;
};

// The fields of a recorded finding as JSON, in the stored order (without `v` and `type`):
// what `git mentor log --format json` prints.
nlohmann::ordered_json finding_json(const RecordedFinding& finding);

// The stored line of `finding`: canonical JSON (fixed key order, no spaces), so the same finding
// always gives the same bytes and recording again adds nothing.
std::string finding_line(const review::Finding& finding, std::string_view tool_version);

// The line saying commit `commit` was reviewed (with or without findings).
std::string reviewed_line(std::string_view commit, std::string_view tool_version);

// One stored line, read back.
struct ParsedLine {
  enum class Kind { finding, reviewed, foreign };
  Kind kind = Kind::foreign;
  RecordedFinding finding;  // when kind == finding
  std::string problem;      // when kind == foreign: why it was not understood
};
ParsedLine parse_line(std::string_view line);

// What the record holds about one commit.
struct CommitRecord {
  bool reviewed = false;                  // a review of it was recorded
  std::vector<RecordedFinding> findings;  // in stored order, duplicates removed
};

// Warnings (foreign lines, stale locks) go to this; may be empty.
using Warn = std::function<void(const std::string&)>;

// Records `reviews` in `repo`: each finding's line and a reviewed line per commit, added to the
// notes with compare-and-swap (see NotesRef). Returns false when everything was already there.
bool record_reviews(const git::Repository& repo, std::span<const review::CommitReview> reviews,
                    std::string_view tool_version, const Warn& warn);

// The records of `commits` (all annotated commits when empty). Lines that are not git-mentor
// lines are skipped with a warning naming the commit and line; they stay in the notes.
std::map<std::string, CommitRecord> read_records(const git::Repository& repo,
                                                 const std::vector<std::string>& commits,
                                                 const Warn& warn);

}  // namespace mentor::record
