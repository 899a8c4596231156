// The record as the mentoring loop reads it: the selected commits with their recorded findings,
// what mentors said of each finding, and where rules apply. Filled by the command layer
// (cli::read_summary_source) and read by every evaluation of a mentee: opportunities,
// occurrences, lessons, and the summary.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loop/opportunity.hpp"
#include "record/findings_record.hpp"
#include "record/reviews_record.hpp"

namespace mentor::loop {

// A mentor's note on a finding.
struct MentorNote {
  std::string time;  // as stored, "2026-11-23T11:09:24.123Z": orders notes
  std::string text;
};

// What mentors said of one finding, as far as the loop is concerned.
struct FindingVerdict {
  std::optional<record::Verdict> verdict;  // the newest confirmed/dismissed/praised
  bool not_the_mentees = false;   // dismissed because the code is not the mentee's (attribution)
  std::vector<MentorNote> notes;  // the notes given on it
};
using VerdictLookup = std::function<FindingVerdict(const record::RecordedFinding&)>;

// One commit of the selection, with what the record holds about it.
struct CommitInput {
  std::string id;  // 40-hex
  std::string author_name;
  std::string author_email;            // the author after .mailmap; mentees are told apart by email
  std::int64_t time = 0;               // author time, seconds since the epoch
  bool reviewed = false;               // a `reviewed` line was recorded
  std::vector<std::string> languages;  // languages of the files it changed
  std::vector<std::string> paths;      // the files it changed (when known: opportunities use them)
  std::vector<record::RecordedFinding> findings;  // as recorded
};

struct Input {
  // The selected commits, oldest first (the order breaks ties between equal author times).
  std::vector<CommitInput> commits;
  // Verdicts; unset means no finding was reviewed by a mentor.
  VerdictLookup verdicts;
  // The language of a path ("" when none); unset means languages are unknown.
  std::function<std::string(std::string_view path)> language_of;
  // Whether a rule applies to a path by its globs; unset: every file of its languages.
  RuleApplies rule_applies;
};

// Who authored `commit`, as mentees are told apart: the email in lower case, or (when there is
// none) a newline and the name, which no email can be.
std::string author_key(const CommitInput& commit);

// How much one finding of `severity` weighs: error 2, warning 1, info 0.5, hint 0.25.
double severity_weight(std::string_view severity);

}  // namespace mentor::loop
