// The reviews record: review sessions and mentors' verdicts and notes, one JSON line each, in
// the notes of refs/notes/mentor-reviews (docs/storage.md is the specification).
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "git/repository.hpp"
#include "record/findings_record.hpp"

namespace mentor::record {

inline constexpr std::string_view kReviewsRef = "refs/notes/mentor-reviews";

// What a mentor said of a finding. `noted` adds a note without judging.
enum class Verdict { confirmed, dismissed, praised, noted };
std::string_view verdict_name(Verdict verdict);  // "confirmed", ...
std::optional<Verdict> parse_verdict(std::string_view name);

// A finding as reviews refer to it: its commit and its fingerprint id. Two matches with the same
// fingerprint in one commit (the same code twice) share their verdict.
struct FindingKey {
  std::string commit;   // 40-hex
  std::string finding;  // RecordedFinding::id
  auto operator<=>(const FindingKey&) const = default;
};
FindingKey key_of(const RecordedFinding& finding);

// The 40-hex review id of a finding (sha-1 of "commit:finding"); users type a unique prefix.
std::string review_id(const FindingKey& key);

// One verdict or note, as stored on the note of the finding's commit.
struct Annotation {
  std::string session;  // the session it was given in; empty outside sessions
  FindingKey key;
  std::string rule;
  Verdict verdict = Verdict::noted;
  // A dismissal because the code is not the mentee's (moved code, a merge, a wrong author): an
  // attribution mistake, which says nothing about the rule. Stored as "dismissal":
  // "not-the-mentees"; absent (older records too), a dismissal says the rule was wrong here.
  bool not_the_mentees = false;
  std::string note;    // free text, any bytes (stored as `note`, or `note_base64` when not UTF-8)
  std::string mentor;  // "Name <email>", the configured git identity
  std::string time;    // UTC, "2026-11-23T11:09:24.123Z"; orders the history
};

// A review session: opened over the commits of a range, closed with an optional summary note.
struct Session {
  std::string id;    // 12-hex
  std::string head;  // the commit its lines are stored on (the range's newest commit)
  std::vector<std::string> ranges;   // as the mentor typed them
  std::string mentee;                // --mentee, when given
  std::vector<std::string> commits;  // the range resolved when opened, oldest first
  std::string mentor;
  std::string opened;                 // time
  std::optional<std::string> closed;  // time, once closed
  std::string closed_by;
  std::string summary;  // the closing note
};

// A goal a mentor set for a mentee: no mistake of a skill (or a rule) at or above a severity in
// the mentee's relevant commits of a window (docs/mentoring.md, "Goals"). Only its definition
// and its closing are stored; whether it is met is computed from the record (loop/goals.hpp).
struct Goal {
  std::string id;      // 12-hex
  std::string head;    // the commit its `add` line is stored on (HEAD when it was added)
  bool added = false;  // its `add` line was read (a `close` line alone defines no goal)
  std::string mentee;  // as typed: an email, a name or a glob (.mailmap applies)
  std::string skill;
  std::string rule;                     // "" = every rule of the skill
  std::string severity = "warning";     // the threshold: findings at or above it count
  std::string from;                     // the window's start, UTC "YYYY-MM-DDTHH:MM:SSZ"
  std::string until;                    // the window's end, included, same form
  std::optional<std::uint64_t> within;  // the window ends after this many relevant commits
  std::string mentor;                   // who set it
  std::string time;                     // when, as stored ("2026-11-23T11:09:24.123Z")
  std::string note;
  std::optional<std::string> closed;  // when a mentor closed it (the first close counts)
  std::string closed_by;
  std::string close_note;
  std::string close_head;  // the commit its `close` line is stored on
};

// One attempt at an exercise cut from a recurring finding (`git mentor practice check`), stored
// on the note of the commit the exercise came from.
struct PracticeAttempt {
  std::string exercise;  // 12-hex: the exercise's id (its folder may be renamed)
  std::string commit;    // the exercise's source commit: the note holding the line
  std::string rule;
  std::string skill;
  std::string mentee;   // the source commit's author (email, after .mailmap)
  std::string finding;  // RecordedFinding::id of the finding it was cut around
  bool passed = false;
  std::uint64_t praise = 0;  // matches of praise rules of the skill in the attempt
  std::string reason;        // why it failed, or what passed ("the mistake is gone")
  std::string by;            // who checked it: the configured git identity, "Name <email>"
  std::string time;          // as stored ("2026-11-23T11:09:24.123Z")
  auto operator<=>(const PracticeAttempt&) const = default;
};

// Everything mentors said about one finding.
struct FindingReview {
  std::optional<Verdict> verdict;   // the newest confirmed/dismissed/praised; none when only noted
  bool not_the_mentees = false;     // the newest verdict dismissed it as not the mentee's code
  std::vector<Annotation> history;  // oldest first, notes included
};

struct ReviewsRecord {
  std::map<std::string, Session> sessions;  // by id
  std::map<std::string, Goal> goals;        // by id; those with `added` false are not goals
  std::map<FindingKey, FindingReview> findings;
  std::vector<PracticeAttempt> practice;  // in time order, repeats removed

  const FindingReview* find(const FindingKey& key) const;
};

// An annotation as JSON for output: verdict, note (or note_base64), mentor, time, session.
nlohmann::ordered_json annotation_json(const Annotation& annotation);

// A finding's history as a JSON array of annotation_json (empty when `review` is null).
nlohmann::ordered_json history_json(const FindingReview* review);

// The reviews record held by `notes` (each annotated commit with the lines of its note, in stored
// order): what read_reviews makes of the ref once it has read it. Lines that are not git-mentor
// lines are skipped with a warning naming the commit and the line number.
ReviewsRecord reviews_from_notes(const std::map<std::string, std::vector<std::string>>& notes,
                                 const Warn& warn);

// Reads the whole reviews ref. Lines that are not git-mentor lines are skipped with a warning.
// An annotation is keyed by the commit whose note holds it (a note git carried to a rewritten
// commit keys the new commit), and repeated annotations count once.
ReviewsRecord read_reviews(const git::Repository& repo, const Warn& warn);

// Verdicts follow findings to rewritten commits: for each record that was carried from other
// commits (CommitRecord::rewritten_from), the history of each of its findings on those commits
// is added to the finding's history on the record's commit (repeats removed, verdict taken
// again). The histories on the old commits are left as they are.
void carry_verdicts(ReviewsRecord& reviews, const std::map<std::string, CommitRecord>& records);

// Adds `from` (another repository's record) to `into`: sessions and goals it does not hold yet,
// and each finding's history (repeats removed, verdict taken again: a fork shares commits).
void merge_reviews(ReviewsRecord& into, ReviewsRecord from);

// Appends annotations (compare-and-swap, as the findings record).
void add_annotations(const git::Repository& repo, std::span<const Annotation> annotations,
                     const Warn& warn);

// Stores a session's opening line, or (when `session.closed` is set) its closing line.
void store_session_open(const git::Repository& repo, const Session& session, const Warn& warn);
void store_session_close(const git::Repository& repo, const Session& session, const Warn& warn);

// Stores a goal's `add` line on the note of `goal.head`, or its `close` line (`goal.closed` set)
// on the note of `goal.close_head`.
void store_goal_add(const git::Repository& repo, const Goal& goal, const Warn& warn);
void store_goal_close(const git::Repository& repo, const Goal& goal, const Warn& warn);

// Stores practice attempts, each on the note of its `commit` (compare-and-swap).
void store_practice_attempts(const git::Repository& repo, std::span<const PracticeAttempt> attempts,
                             const Warn& warn);

// The current time as stored ("2026-11-23T11:09:24.123Z").
std::string now_utc();

}  // namespace mentor::record
