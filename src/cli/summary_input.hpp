// What the record says about a selection of commits, read once for every command that evaluates
// it (`summary`, and what builds on the summary's notions: opportunities, verdicts).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cli.hpp"
#include "cli/workspace.hpp"
#include "record/reviews_record.hpp"
#include "review/rule_set.hpp"
#include "summary/summary.hpp"

namespace mentor::cli {

// Which commits to read.
struct Selection {
  std::vector<std::string> ranges;  // as `git log`: a plain commit means its history
  std::string mentee;  // only this author (email, name or glob; .mailmap applies); "" = mentees
  bool all_authors = false;           // every author, mentee or not (`mentee` is then ignored)
  std::optional<std::int64_t> since;  // only commits authored at or after this time
};

// The summary's input with what its functions refer to. Not movable: `input`'s look-ups point
// into the other members.
struct SummarySource {
  SummarySource() = default;
  SummarySource(const SummarySource&) = delete;
  SummarySource& operator=(const SummarySource&) = delete;

  summary::Input input;
  review::RuleSet rules;          // as configured: their `files:`/`ignores:` define opportunities
  record::ReviewsRecord reviews;  // verdicts, notes and sessions; mentors after .mailmap
  std::vector<std::string> commits;  // every commit the ranges resolved to, oldest first
};

// Reads the commits of `selection` from `workspace` into `out`: each selected commit with its
// recorded findings and, when it was reviewed, its changed files and their languages; the
// verdicts; the configured rules (a warning, and languages alone for opportunities, when they
// cannot be loaded). Progress on stderr when it is a terminal. Throws mentor::Error on a bad
// range.
void read_summary_source(const Workspace& workspace, const std::string& directory,
                         const Selection& selection, Streams& streams, SummarySource& out);

// The verdicts and mentors' notes of each finding, as `reviews` holds them (which must outlive
// the look-up).
summary::VerdictLookup verdict_lookup(const record::ReviewsRecord& reviews);

// A date option (`--since`, and goals' `--until` and `--from`) read with util::parse_date,
// relative dates counted back from `now`. Throws mentor::Error naming the option and the forms it
// takes when `text` is none of them.
std::int64_t parse_date_option(std::string_view option, const std::string& text, std::int64_t now);

}  // namespace mentor::cli
