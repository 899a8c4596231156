// A needs assessment of one mentee (`git mentor profile`): per skill, the mentee's rate of
// mistakes per 100 commits that could have had them, beside the team's and the mentee's own
// earlier rate, and the skills to focus on first. docs/mentoring.md ("Assessment: where to
// start") defines every number.
//
// Pure like summarize(): it counts over the same loop::Input with the summary's own notions
// (loop::weigh for what counts as a mistake, loop::relevant_commits for the commits that
// could have had one, or had one).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loop/occurrence.hpp"
#include "loop/settings.hpp"

namespace mentor::loop {

// At most this many skills are suggested, and this many examples given for each.
inline constexpr std::size_t kMaxSuggestions = 3;
inline constexpr std::size_t kMaxExamples = 3;
// A rate below this many mistakes per 100 commits is compared as this many: a team that
// (almost) never makes a mistake does not make one slip of the mentee's look infinitely worse.
inline constexpr double kRateFloor = 1.0;

// One group's numbers for one skill: the mentee, the team, the mentee's earlier or later period.
struct SkillRate {
  std::size_t occurrences = 0;    // mistakes counted (as the summary counts them)
  std::size_t commits = 0;        // distinct commits with one
  std::size_t opportunities = 0;  // commits that could have had one (or had one)
  // 100 * occurrences / opportunities; none without opportunities.
  std::optional<double> per_100() const;
};

// A mistake of the mentee's, shown as evidence.
struct Example {
  std::string commit;  // 40-hex
  std::int64_t time = 0;
  std::string path;
  std::uint32_t line = 0;
  std::string rule;
  std::string severity;
  std::string message;
};

struct SkillProfile {
  std::string skill;               // may be empty (rules without a skill)
  std::vector<std::string> rules;  // its rules with a mistake in the selection (anyone's)
  SkillRate mentee;                // every reviewed commit of the mentee's
  SkillRate team;                  // every reviewed commit of the other authors
  SkillRate earlier;               // the mentee's earlier period (Profile::earlier_commits)
  SkillRate later;                 // the rest of the mentee's commits
  double weight = 0;               // the mentee's mistakes' severity weight (as the summary's)
  // The mentee's rate over the team's, each at least kRateFloor; none when either has no
  // opportunities.
  std::optional<double> ratio;
  bool suggested = false;
  std::vector<Example> examples;  // the mentee's newest, one per commit, at most kMaxExamples
};

struct Profile {
  std::vector<std::string> authors;  // the mentee as "Name <email>", each identity once
  std::size_t commits = 0;           // the mentee's commits in the selection
  std::size_t reviewed = 0;          // of which reviewed (the denominator of everything)
  std::size_t team_commits = 0;      // the other authors' commits
  std::size_t team_reviewed = 0;
  std::size_t team_authors = 0;  // distinct other authors (by email, by name when none)
  // The mentee's reviewed commits split in time: the older half (the middle one, for an odd
  // count, goes to the later period), and when each period starts and ends.
  std::size_t earlier_commits = 0;
  std::size_t later_commits = 0;
  std::int64_t first_commit = 0;     // author time of the mentee's first reviewed commit
  std::int64_t earlier_to = 0;       // ... of the last of the earlier period (0 when it is empty)
  std::int64_t later_from = 0;       // ... of the first of the later period
  std::int64_t last_commit = 0;      // ... of the last
  std::vector<SkillProfile> skills;  // highest mentee rate first, then by skill
  std::vector<std::string> suggestions;  // skills to focus on, the first first
  Settings settings;
};

// The profile of the mentee (the commits of `input` for which `is_mentee` holds) against every
// other author of `input`. A skill is listed when anyone's mistake of it is in the selection; it
// is suggested when the mentee made it in at least settings.recurring distinct commits and the
// mentee's rate exceeds the team's by more than settings.trend_margin (ratio > 1 + margin); the
// suggestions are the kMaxSuggestions highest ratios (then higher rate, more weight, skill name).
Profile profile(const Input& input, const std::function<bool(const CommitInput&)>& is_mentee,
                const Settings& settings);

}  // namespace mentor::loop
