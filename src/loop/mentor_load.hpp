// The mentor's side of the loop: how soon each mentor's verdicts follow a commit, how many verdicts
// a session holds, and which findings still wait for a verdict (docs/mentoring.md, "The mentors").
// Pure: computed from the record the summary read (loop/commits.hpp and the reviews record).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loop/commits.hpp"
#include "loop/settings.hpp"
#include "record/reviews_record.hpp"

namespace mentor::loop {

// The median (the mean of the two middle values of an even sample) and the 90th percentile (by
// nearest rank: the smallest value at least 90% of the sample is at or below) of a sample.
struct Spread {
  std::size_t count = 0;
  std::optional<double> median;  // none for an empty sample
  std::optional<double> p90;
};
Spread spread(std::vector<double> sample);

// One mentor's part of the loop; the line with an empty `mentor` holds the waiting findings of
// mentees no mentor has reviewed.
struct MentorLoad {
  std::string mentor;  // "Name <email>", as the record names the mentor (after .mailmap)
  // Seconds from a finding's commit (its author time) to the first verdict on it, over the
  // selection's findings this mentor gave the first verdict on (notes are no verdicts).
  Spread latency;
  std::size_t sessions = 0;          // the mentor's sessions over commits of the selection
  std::size_t session_verdicts = 0;  // verdicts given in them
  Spread verdicts_per_session;       // verdicts given in each of them
  std::vector<std::string> mentees;  // emails (names when none) of the mentees reviewed, sorted
  // Findings of those mentees with no verdict yet that wait for one (a mistake as the summary
  // counts them: praise, suppressed findings and the tool's own rule wait for none).
  std::size_t waiting = 0;
  std::optional<std::int64_t> oldest_waiting;  // author time of the oldest waiting one's commit
  std::string oldest_waiting_commit;
  std::int64_t oldest_waiting_age = 0;  // seconds from that time to `now`
};

// Each mentor who gave a verdict on a finding of `input` or opened a session over its commits,
// by mentor, then the unassigned line when a finding waits for no one in particular. A mentor
// has reviewed a mentee who authored a finding they gave a verdict on, a commit of a session
// they opened, or whom a session's --mentee names. Each mentor's waiting findings are those of
// the mentees they reviewed (a finding of a mentee two mentors reviewed waits for both).
// `names_mentee` says whether a session's --mentee pattern names a commit's author (unset: a
// session's pattern names no one).
using NamesMentee = std::function<bool(std::string_view pattern, const CommitInput& commit)>;
std::vector<MentorLoad> mentor_loads(const Input& input, const record::ReviewsRecord& reviews,
                                     const Settings& settings, const NamesMentee& names_mentee,
                                     std::int64_t now);

// A duration for people: "40 min", "5.5 hours", "3.2 days", "45 days".
std::string duration_label(double seconds);

}  // namespace mentor::loop
