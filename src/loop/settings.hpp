// The knobs of the loop's and the summary's definitions (docs/mentoring.md, "Reading a summary").
#pragma once

namespace mentor::loop {

// The knobs of the definitions; `summary:` in .git-mentor.yaml and the command's options set them.
struct Settings {
  unsigned recurring = 3;       // a rule/skill is recurring in at least this many distinct commits
  unsigned mastered_after = 5;  // mastered: this many clean opportunities after the last one
  unsigned mastered_min_occurrences = 2;  // ... after at least this many occurrences
  double dismissal_threshold = 0.5;       // a rule is flagged when its dismissal rate is above this
  unsigned min_verdicts = 2;              // ... and mentors gave at least this many verdicts on it
  double confirmed_weight = 2.0;  // weight of a confirmed finding (an unreviewed one weighs 1)
  double trend_margin = 0.25;     // improving/worsening: the rates differ by more than this
  double trend_min_weight = 2.0;  // improving/worsening: at least this much severity weight
  unsigned chart_points = 12;     // points per line in the HTML chart (commit buckets)
  unsigned lesson_window = 10;    // a lesson is repeated within this many relevant commits
};

}  // namespace mentor::loop
