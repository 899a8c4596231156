// The findings record: one JSON line per finding in the note of its commit, under
// refs/notes/mentor (docs/storage.md is the specification).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
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

// What the record holds about one commit. A record carried from the commit it was recorded on to
// a rewrite of it (rebase, amend) is the new commit's record: its findings name the new commit.
struct CommitRecord {
  bool reviewed = false;                  // a review of it was recorded
  std::vector<RecordedFinding> findings;  // in stored order, duplicates removed
  // The commits its lines were recorded on when that is not this one: the old commits of a note
  // git carried here (their ids are in the lines' "commit"), and recorded commits found to be the
  // same change by patch-id. Verdicts given on them apply here too (carry_verdicts).
  std::set<std::string> rewritten_from;
};

// Warnings (foreign lines, stale locks) go to this; may be empty.
using Warn = std::function<void(const std::string&)>;

// Records `reviews` in `repo`: each finding's line and a reviewed line per commit, added to the
// notes with compare-and-swap (see NotesRef). Returns false when everything was already there.
bool record_reviews(const git::Repository& repo, std::span<const review::CommitReview> reviews,
                    std::string_view tool_version, const Warn& warn);

// The records of `commits`, or of every annotated commit when `commits` is empty, by commit.
// A record belongs to the commit whose note holds it: a line whose "commit" names another
// commit (git copied the note there when rewriting that commit) is read as this commit's. A
// commit of `commits` without a note takes the records of the annotated commits that are the
// same change (same_changes: author, author time, patch-id), for rewrites that did not carry
// the note. Lines that are not git-mentor lines are skipped with a warning naming the commit and
// line; they stay in the notes. Blank lines and repeated lines (git's `concatenate` rewrite mode
// joins two notes with a blank line) are read as one.
std::map<std::string, CommitRecord> read_records(const git::Repository& repo,
                                                 const std::vector<std::string>& commits,
                                                 const Warn& warn);

// read_records of every annotated commit and, in addition, of `commits` (with the patch-id
// look-up for those without a note): what review sessions read.
std::map<std::string, CommitRecord> read_all_records(const git::Repository& repo,
                                                     const std::vector<std::string>& commits,
                                                     const Warn& warn);

}  // namespace mentor::record
