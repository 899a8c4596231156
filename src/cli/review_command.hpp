// `git mentor review`: a mentor's review session over the recorded findings of a range.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli/rule_sources.hpp"
#include "record/reviews_record.hpp"

namespace mentor::cli {

struct ReviewArgs {
  std::string directory;  // -C
  // start, list, sessions, confirm, dismiss, praise, note, close; "interactive" for -i.
  std::string action;
  std::vector<std::string> ranges;  // start, -i
  std::string mentee;               // start, -i
  RuleSources rules;                // start, -i: --rules and --utils, for recording
  std::string session;              // list
  std::string format = "text";      // list
  std::vector<std::string> ids;     // verdicts: review ids (unique prefixes)
  // Verdicts on many findings of the open session at once: by rule, by commit (a revision or a
  // range) and by mentee (--mentee); only findings without a verdict are judged.
  std::string rule;                 // --rule ID (also filters review -i)
  std::string commit;               // --commit REV
  bool yes = false;                 // --yes: judge many without asking
  bool not_the_mentees = false;     // dismiss --not-the-mentees: attribution, not the rule
  bool outside_session = false;     // --outside-session: store a verdict outside any session
  std::optional<std::string> note;  // --note TEXT
  std::string note_file;            // --note-file FILE ("-": standard input)
};

// Under a finding on a terminal: each verdict and note, oldest first ("confirmed by M on
// 2026-11-23 11:09: note"), indented by `indent`; control characters shown as '?'.
// (A dismissal as not the mentee's code reads "dismissed (not the mentee's code) by ...".)
void print_review_history(std::ostream& out, const record::FindingReview* review,
                          std::string_view indent);

// Runs one review action. Returns 0; throws mentor::Error for exit code 2.
// The mentor: the configured git identity as "Name <email>". Throws mentor::Error when none is
// set (verdicts, sessions and goals are signed with it).
std::string mentor_of(const git::Repository& repo);

int run_review_command(const ReviewArgs& args, Streams& streams);

}  // namespace mentor::cli
