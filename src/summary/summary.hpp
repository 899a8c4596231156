// A summary of what the record holds about each mentee: recurring mistakes and their trend per
// rule and per skill, and the health of each rule (how often mentors dismiss its findings).
// docs/mentoring.md ("Reading a summary") defines every number computed here.
//
// The computation is pure: it works on plain inputs (commits with their recorded findings, a
// verdict look-up, a path -> language function), so it is tested without a repository.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "loop/commits.hpp"
#include "loop/goal_progress.hpp"
#include "loop/lesson_effect.hpp"
#include "loop/mentor_load.hpp"
#include "loop/practice.hpp"
#include "loop/settings.hpp"
#include "record/findings_record.hpp"
#include "record/reviews_record.hpp"

namespace mentor::summary {

// How the weighted rate of a rule's (or skill's) findings evolves over the mentee's commits.
enum class Trend { improving, steady, worsening, mastered };
std::string_view trend_name(Trend trend);

// The record as the loop reads it (loop/commits.hpp), under the names the summary always used.
using loop::CommitInput;
using loop::FindingVerdict;
using loop::Input;
using loop::MentorNote;
using loop::RuleApplies;
using loop::Scope;
using loop::severity_weight;
using loop::VerdictLookup;

// How a finding counts and what a skill is about (loop/occurrence.hpp).
using loop::rule_languages;
using loop::Settings;
using loop::skill_scope;
using loop::weigh;
using loop::Weighed;

// A commit where something was seen.
struct Seen {
  std::string commit;
  std::int64_t time = 0;
};

// The numbers of one rule or one skill for one mentee.
struct Tally {
  std::size_t occurrences = 0;  // findings counted (dismissed, praised and suppressed excluded)
  std::size_t confirmed = 0;    // of which a mentor confirmed
  // Severity weight of the occurrences, a confirmed one times confirmed_weight: orders tables.
  double weight = 0;
  std::size_t commits = 0;  // distinct commits with an occurrence
  Seen first_seen;
  Seen last_seen;
  bool recurring = false;  // commits >= recurring
  Trend trend = Trend::steady;
  std::size_t relevant_commits = 0;    // opportunities and commits with an occurrence
  std::size_t clean_since_last = 0;    // opportunities after the last occurrence
  double evidence = 0;                 // the severity weight the trend stands on (verdicts aside)
  double earlier_rate = 0;             // severity weight per relevant commit, earlier half
  double later_rate = 0;               // severity weight per relevant commit, later half
  std::vector<std::string> languages;  // the languages its findings were in (empty: unknown)
};

// Where a finding was: the commit and the line.
struct Place {
  std::string commit;
  std::int64_t time = 0;
  std::string path;
  std::uint32_t line = 0;
};

struct RuleTally : Tally {
  std::vector<Place> places;  // its occurrences, oldest first
  std::string rule;
  std::string skill;
  std::string severity;
  std::string message;  // of the newest occurrence
};

struct SkillTally : Tally {
  std::string skill;  // may be empty (rules without a skill)
  std::vector<std::string> rules;
  std::vector<std::string> worsening_rules;  // its rules whose own trend is worsening
};

// Findings of `praise` rules: good practice seen, counted apart from mistakes.
struct PraiseTally {
  std::string rule;
  std::string skill;
  std::size_t occurrences = 0;
};

// One point of a mentee's chart: consecutive reviewed commits, oldest first.
struct TimelineBucket {
  std::int64_t from = 0;  // author time of the first and the last commit of the bucket
  std::int64_t to = 0;
  std::size_t commits = 0;
  std::map<std::string, std::size_t> findings;  // skill -> occurrences in these commits
};

struct MenteeSummary {
  std::string name;
  std::string email;
  std::size_t commits = 0;        // in the selection
  std::size_t reviewed = 0;       // of which reviewed (the denominator of everything below)
  std::size_t clean = 0;          // reviewed with no occurrence
  std::int64_t first_commit = 0;  // author time of the first and last reviewed commit
  std::int64_t last_commit = 0;
  std::vector<SkillTally> skills;  // most weight first
  std::vector<RuleTally> rules;    // recurring first, then most weight
  std::vector<PraiseTally> praise;
  std::vector<TimelineBucket> timeline;
};

// Teaching adjustment: how mentors judge a rule's findings.
struct RuleHealth {
  std::string rule;
  std::string skill;
  std::string severity;
  std::size_t findings = 0;  // every recorded finding of the rule in the selection
  std::size_t confirmed = 0;
  std::size_t dismissed = 0;  // the rule was wrong here
  std::size_t praised = 0;
  std::size_t not_the_mentees = 0;       // dismissed as not the mentee's code: not the rule's fault
  std::size_t unreviewed = 0;            // no verdict (notes only count here)
  std::size_t suppressed = 0;            // covered by a `mentor: ignore[...]` comment
  std::optional<double> dismissal_rate;  // dismissed / verdicts; none without verdicts
  bool flagged = false;                  // rate above the threshold with enough verdicts
  std::vector<std::string> dismissal_notes;  // mentors' notes on dismissed findings, newest first
};

struct Summary {
  Settings settings;
  std::size_t commits = 0;                  // selected
  std::size_t reviewed = 0;                 // of which reviewed
  std::vector<MenteeSummary> mentees;       // by name, then email
  std::vector<RuleHealth> rule_health;      // flagged first, then highest dismissal rate
  std::vector<loop::LessonEffect> lessons;  // rules mentors taught: flagged (does not stick) first
  // The goals of the selection's mentees with their state (loop/goals.hpp; set by the caller).
  std::vector<loop::GoalProgress> goals;
  // The mentor's side of the loop (loop/mentor_load.hpp; set by the caller).
  std::vector<loop::MentorLoad> mentors;
  // The repositories read (`--repo`), as given; empty: the current one.
  std::vector<std::string> repositories;
  // Practice per mentee and skill (loop/practice.hpp; set by the caller).
  std::vector<loop::PracticeTally> practice;
  // What was asked for, for the reports' headers (set by the caller).
  std::vector<std::string> ranges;
  std::string mentee;
  std::optional<std::int64_t> since;
};

// The trend of a series: the severity weight of the occurrences in each relevant commit, oldest
// first. Fills trend, relevant_commits, clean_since_last, evidence, earlier_rate and later_rate
// of `tally`; mastery also needs tally.occurrences (or as many commits with an occurrence).
void compute_trend(std::span<const double> weights, const Settings& settings, Tally& tally);

// Summarizes `input`. Findings of commits without a `reviewed` line still count (they were
// reviewed); commits with neither count only in `commits`.
Summary summarize(const Input& input, const Settings& settings);

// "2024-01-31" and "2024-01-31T08:00:00Z" (UTC).
std::string format_date(std::int64_t seconds);
std::string format_time(std::int64_t seconds);

}  // namespace mentor::summary
