// The summary's computation over plain inputs: trends, recurring, weights, verdicts, rule health.
#include <catch2/catch.hpp>

#include "summary/summary.hpp"
#include "unit/summary/summary_fixture.hpp"
#include "util/dates.hpp"

using namespace mentor;
using summary::Trend;
using test::SummaryInput;

namespace {

summary::Tally trend_of(std::vector<double> weights, summary::Settings settings = {}) {
  summary::Tally tally;
  summary::compute_trend(weights, settings, tally);
  return tally;
}

}  // namespace

TEST_CASE("summary trend: mastered after N clean relevant commits", "[summary]") {
  summary::Tally t = trend_of({1, 1, 1, 0, 0, 0, 0, 0});
  CHECK(t.trend == Trend::mastered);
  CHECK(t.clean_since_last == 5);
  CHECK(t.relevant_commits == 8);
  // One clean commit fewer is not mastery: the halves decide (early 3/4, late 0/4).
  t = trend_of({1, 1, 1, 0, 0, 0, 0});
  CHECK(t.clean_since_last == 4);
  CHECK(t.trend == Trend::improving);
  // mastered_after is configurable.
  summary::Settings settings;
  settings.mastered_after = 4;
  CHECK(trend_of({1, 1, 1, 0, 0, 0, 0}, settings).trend == Trend::mastered);
  // Never had an occurrence: nothing to master.
  CHECK(trend_of({0, 0, 0, 0, 0, 0}).trend == Trend::steady);
  // One occurrence is not enough: mastered_min_occurrences (2).
  CHECK(trend_of({1, 0, 0, 0, 0, 0, 0}).trend == Trend::steady);
  settings.mastered_min_occurrences = 1;
  CHECK(trend_of({1, 0, 0, 0, 0, 0, 0}, settings).trend == Trend::mastered);
}

TEST_CASE("summary trend: too little evidence does not move a trend", "[summary]") {
  // One hint (0.25) in the newest commit, one info (0.5): steady, not worsening.
  CHECK(trend_of({0, 0, 0, 0.25}).trend == Trend::steady);
  CHECK(trend_of({0, 0, 0, 0.5}).evidence == Approx(0.5));
  CHECK(trend_of({0, 0, 0, 0.5}).trend == Trend::steady);
  // One error (2): enough.
  CHECK(trend_of({0, 0, 0, 2}).trend == Trend::worsening);
  summary::Settings low;
  low.trend_min_weight = 0.25;
  CHECK(trend_of({0, 0, 0, 0.25}, low).trend == Trend::worsening);
  CHECK(summary::severity_weight("error") == 2.0);
  CHECK(summary::severity_weight("warning") == 1.0);
  CHECK(summary::severity_weight("info") == 0.5);
  CHECK(summary::severity_weight("hint") == 0.25);
}

TEST_CASE("summary trend: the later half's rate against the earlier half's", "[summary]") {
  summary::Tally worse = trend_of({0, 0, 0, 1, 1, 1});
  CHECK(worse.trend == Trend::worsening);
  CHECK(worse.earlier_rate == 0);
  CHECK(worse.later_rate == 1);
  CHECK(trend_of({1, 1, 0, 0, 1, 0}).trend == Trend::improving);  // 2/3 then 1/3
  CHECK(trend_of({1, 0, 1, 0, 1, 0, 1, 0}).trend == Trend::steady);
  // An odd count: the middle commit belongs to the later half.
  summary::Tally odd = trend_of({1, 0, 1, 1, 0});
  CHECK(odd.earlier_rate == Approx(0.5));
  CHECK(odd.later_rate == Approx(2.0 / 3.0));
  CHECK(odd.trend == Trend::worsening);  // 0.667 > 0.5 * (1 + 0.25)
}

TEST_CASE("summary trend: the margin decides what counts as a change", "[summary]") {
  // Rates 0.4 then 0.3: a drop of exactly the margin (25%) is steady.
  summary::Tally edge = trend_of({1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1});
  CHECK(edge.earlier_rate == Approx(0.4));
  CHECK(edge.later_rate == Approx(0.3));
  CHECK(edge.trend == Trend::steady);
  // Rates 0.4 then 0.2: improving, unless the margin is wider than the drop.
  std::vector<double> drop = {1, 0, 1, 0, 0, 0, 1, 0, 0, 0};
  summary::Tally t = trend_of(drop);
  CHECK(t.earlier_rate == Approx(0.4));
  CHECK(t.later_rate == Approx(0.2));
  CHECK(t.trend == Trend::improving);
  summary::Settings wide;
  wide.trend_margin = 0.6;
  CHECK(trend_of(drop, wide).trend == Trend::steady);
  // A single commit has no halves to compare.
  CHECK(trend_of({2}).trend == Trend::steady);
}

TEST_CASE("summary: occurrences, distinct commits, first and last seen, recurring", "[summary]") {
  SummaryInput in;
  in.commit("m@example.com", 0);
  in.finding("py-bare-except");
  in.finding("py-bare-except");  // twice in one commit: two occurrences, one commit
  in.commit("m@example.com", 1);
  in.commit("m@example.com", 2);
  in.finding("py-bare-except");
  in.commit("m@example.com", 3);
  in.finding("no-print", "readability");

  summary::Summary s = in.summarize();
  REQUIRE(s.mentees.size() == 1);
  const auto& m = s.mentees[0];
  CHECK(m.email == "m@example.com");
  CHECK(m.reviewed == 4);
  CHECK(m.clean == 1);
  const auto* bare = test::rule_of(m, "py-bare-except");
  REQUIRE(bare != nullptr);
  CHECK(bare->occurrences == 3);
  CHECK(bare->commits == 2);
  CHECK(bare->first_seen.commit == s.mentees[0].rules[0].first_seen.commit);
  CHECK(summary::format_date(bare->first_seen.time) == "2024-01-01");
  CHECK(summary::format_date(bare->last_seen.time) == "2024-01-03");
  CHECK_FALSE(bare->recurring);  // two commits, three needed

  summary::Settings two;
  two.recurring = 2;
  summary::Summary s2 = in.summarize(two);
  CHECK(test::rule_of(s2.mentees[0], "py-bare-except")->recurring);
  CHECK_FALSE(test::rule_of(s2.mentees[0], "no-print")->recurring);
  // Recurring rules come first.
  CHECK(s2.mentees[0].rules[0].rule == "py-bare-except");

  in.commit("m@example.com", 4);
  in.finding("py-bare-except");
  summary::Summary s3 = in.summarize();
  CHECK(test::rule_of(s3.mentees[0], "py-bare-except")->recurring);
  CHECK(test::skill_of(s3.mentees[0], "error-handling")->recurring);
  CHECK_FALSE(test::skill_of(s3.mentees[0], "readability")->recurring);
}

TEST_CASE("summary: dismissed findings are excluded, confirmed ones weigh more", "[summary]") {
  SummaryInput in;
  in.commit("m@example.com", 0);
  std::string confirmed = in.finding("py-bare-except");
  in.commit("m@example.com", 1);
  std::string dismissed = in.finding("py-bare-except");
  in.commit("m@example.com", 2);
  in.finding("py-bare-except");
  in.commit("m@example.com", 3);
  std::string only_dismissed = in.finding("no-print", "readability");
  in.verdict(confirmed, record::Verdict::confirmed);
  in.verdict(dismissed, record::Verdict::dismissed);
  in.verdict(only_dismissed, record::Verdict::dismissed);

  summary::Summary s = in.summarize();
  const auto& m = s.mentees[0];
  const auto* bare = test::rule_of(m, "py-bare-except");
  REQUIRE(bare != nullptr);
  CHECK(bare->occurrences == 2);
  CHECK(bare->confirmed == 1);
  CHECK(bare->commits == 2);
  CHECK(bare->weight == Approx(3.0));              // confirmed 2 + unreviewed 1
  CHECK(test::rule_of(m, "no-print") == nullptr);  // every finding dismissed
  CHECK(test::skill_of(m, "readability") == nullptr);
  CHECK(m.clean == 2);  // the commit with a dismissed finding only counts as clean

  // The confirmation does not change the trend: early confirmed against late unreviewed is the
  // same mistake, as often.
  SummaryInput w;
  w.commit("m@example.com", 0);
  std::string early = w.finding("py-bare-except");
  w.commit("m@example.com", 1);
  w.finding("py-bare-except");
  w.verdict(early, record::Verdict::confirmed);
  const auto summary = w.summarize();  // kept: rule_of points into it
  const auto* both = test::rule_of(summary.mentees[0], "py-bare-except");
  CHECK(both->weight == Approx(3.0));
  CHECK(both->earlier_rate == Approx(both->later_rate));
  CHECK(both->trend == Trend::steady);
}

TEST_CASE("summary: suppressed findings count only when confirmed, praise apart", "[summary]") {
  SummaryInput in;
  in.commit("m@example.com", 0);
  in.finding("py-bare-except");
  in.last().findings.back().suppressed = true;
  in.commit("m@example.com", 1);
  std::string confirmed = in.finding("py-bare-except");
  in.last().findings.back().suppressed = true;
  in.verdict(confirmed, record::Verdict::confirmed);
  in.finding("py-with-open", "resources", "app.py", "praise");
  in.commit("m@example.com", 2);
  std::string praised = in.finding("no-print", "readability");
  in.verdict(praised, record::Verdict::praised);

  summary::Summary s = in.summarize();
  const auto& m = s.mentees[0];
  CHECK(test::rule_of(m, "py-bare-except")->occurrences == 1);
  CHECK(test::rule_of(m, "py-with-open") == nullptr);  // praise is not a mistake
  CHECK(test::rule_of(m, "no-print") == nullptr);      // a praised finding is not a mistake
  REQUIRE(m.praise.size() == 1);
  CHECK(m.praise[0].rule == "py-with-open");
  CHECK(m.praise[0].occurrences == 1);
  CHECK(m.clean == 2);
  CHECK(test::health_of(s, "py-bare-except")->suppressed == 2);
}

TEST_CASE("summary: mastery counts only the commits that touched the rule's language",
          "[summary]") {
  SummaryInput in;
  in.commit("m@example.com", 0, {"python"});
  in.finding("py-bare-except");
  in.commit("m@example.com", 1, {"python"});
  in.finding("py-bare-except");
  for (int day = 2; day < 12; ++day)
    in.commit("m@example.com", day, {"javascript"});  // ten clean commits, none in Python
  for (int day = 12; day < 16; ++day)
    in.commit("m@example.com", day, {"python"});  // four clean Python commits

  summary::Summary s = in.summarize();
  const auto* bare = test::rule_of(s.mentees[0], "py-bare-except");
  REQUIRE(bare != nullptr);
  CHECK(bare->relevant_commits == 6);
  CHECK(bare->clean_since_last == 4);
  CHECK(bare->languages == std::vector<std::string>{"python"});
  CHECK(bare->trend == Trend::improving);

  in.commit("m@example.com", 16, {"python", "javascript"});
  s = in.summarize();
  bare = test::rule_of(s.mentees[0], "py-bare-except");
  CHECK(bare->clean_since_last == 5);
  CHECK(bare->trend == Trend::mastered);
}

TEST_CASE("summary: a skill's trend spans the languages of all its rules", "[summary]") {
  SummaryInput in;
  in.commit("m@example.com", 0, {"python"});
  in.finding("py-bare-except");
  in.commit("m@example.com", 1, {"javascript"});
  in.finding("js-empty-catch", "error-handling", "app.js");
  for (int day = 2; day < 7; ++day)
    in.commit("m@example.com", day, {"javascript"});

  summary::Summary s = in.summarize();
  const auto& m = s.mentees[0];
  // Python alone: only one relevant commit, no clean Python commit since.
  CHECK(test::rule_of(m, "py-bare-except")->relevant_commits == 1);
  CHECK(test::rule_of(m, "py-bare-except")->trend == Trend::steady);
  // One occurrence is not enough to call it mastered; the skill had two.
  CHECK(test::rule_of(m, "js-empty-catch")->clean_since_last == 5);
  CHECK(test::rule_of(m, "js-empty-catch")->trend == Trend::steady);
  const auto* skill = test::skill_of(m, "error-handling");
  REQUIRE(skill != nullptr);
  CHECK(skill->occurrences == 2);
  CHECK(skill->commits == 2);
  CHECK(skill->relevant_commits == 7);
  CHECK(skill->clean_since_last == 5);
  CHECK(skill->trend == Trend::mastered);
  CHECK(skill->rules == std::vector<std::string>{"js-empty-catch", "py-bare-except"});
  CHECK(skill->languages == std::vector<std::string>{"javascript", "python"});
}

TEST_CASE("summary: findings in files of no known language make the rule language-agnostic",
          "[summary]") {
  SummaryInput in;
  in.commit("m@example.com", 0, {});
  in.finding("odd-rule", "misc", "notes.xyz");
  in.finding("odd-rule", "misc", "other.xyz");
  for (int day = 1; day < 6; ++day)
    in.commit("m@example.com", day, {"javascript"});
  summary::Summary s = in.summarize();
  const auto* odd = test::rule_of(s.mentees[0], "odd-rule");
  CHECK(odd->relevant_commits == 6);
  CHECK(odd->trend == Trend::mastered);
}

TEST_CASE("summary: mentees are told apart by email, in time order", "[summary]") {
  SummaryInput in;
  in.commit("b@example.com", 5);
  in.finding("py-bare-except");
  in.commit("a@example.com", 3);
  in.commit("A@Example.com", 1);  // the same mentee
  in.last().author_name = "older name";
  in.commit("a@example.com", 2);
  in.last().reviewed = false;  // not reviewed: counts as a commit only

  summary::Summary s = in.summarize();
  REQUIRE(s.mentees.size() == 2);
  CHECK(s.commits == 4);
  CHECK(s.reviewed == 3);
  const auto& a = s.mentees[0];
  CHECK(a.name == "a");  // the newest commit's name
  CHECK(a.commits == 3);
  CHECK(a.reviewed == 2);
  CHECK(a.clean == 2);
  CHECK(summary::format_date(a.first_commit) == "2024-01-02");
  CHECK(summary::format_date(a.last_commit) == "2024-01-04");
  CHECK(a.rules.empty());
  CHECK(s.mentees[1].email == "b@example.com");
  CHECK(s.mentees[1].rules.size() == 1);
}

TEST_CASE("summary: a finding without a reviewed line still counts as reviewed", "[summary]") {
  SummaryInput in;
  in.commit("m@example.com", 0);
  in.finding("py-bare-except");
  in.last().reviewed = false;
  summary::Summary s = in.summarize();
  CHECK(s.reviewed == 1);
  CHECK(s.mentees[0].rules.size() == 1);
}

TEST_CASE("summary: rule health counts verdicts and flags rules mentors keep dismissing",
          "[summary]") {
  SummaryInput in;
  in.commit("m@example.com", 0);
  std::string n1 = in.finding("noisy-rule", "style");
  std::string n2 = in.finding("noisy-rule", "style");
  std::string n3 = in.finding("noisy-rule", "style");
  std::string g1 = in.finding("good-rule");
  std::string g2 = in.finding("good-rule");
  std::string lone = in.finding("lonely-rule");
  in.commit("o@example.com", 1);
  std::string n4 = in.finding("noisy-rule", "style");
  in.verdict(n1, record::Verdict::dismissed, {{"2026-01-01T00:00:00.000Z", "old note"}});
  in.verdict(n2, record::Verdict::dismissed,
             {{"2026-01-03T00:00:00.000Z", "generated code"}, {"2026-01-02T00:00:00.000Z", ""}});
  in.verdict(n3, record::Verdict::confirmed);
  in.verdict(n4, record::Verdict::noted, {{"2026-01-04T00:00:00.000Z", "hmm"}});
  in.verdict(g1, record::Verdict::confirmed);
  in.verdict(g2, record::Verdict::dismissed);
  in.verdict(lone, record::Verdict::dismissed);

  summary::Summary s = in.summarize();
  const auto* noisy = test::health_of(s, "noisy-rule");
  REQUIRE(noisy != nullptr);
  CHECK(noisy->findings == 4);  // across mentees
  CHECK(noisy->confirmed == 1);
  CHECK(noisy->dismissed == 2);
  CHECK(noisy->unreviewed == 1);  // a note is not a verdict
  REQUIRE(noisy->dismissal_rate);
  CHECK(*noisy->dismissal_rate == Approx(2.0 / 3.0));
  CHECK(noisy->flagged);
  CHECK(noisy->dismissal_notes == std::vector<std::string>{"generated code", "old note"});
  const auto* good = test::health_of(s, "good-rule");
  CHECK(*good->dismissal_rate == Approx(0.5));
  CHECK_FALSE(good->flagged);  // not above the threshold
  const auto* lonely = test::health_of(s, "lonely-rule");
  CHECK(*lonely->dismissal_rate == Approx(1.0));
  CHECK_FALSE(lonely->flagged);                  // one verdict is not enough
  CHECK(s.rule_health[0].rule == "noisy-rule");  // flagged first

  summary::Settings strict;
  strict.dismissal_threshold = 0.4;
  strict.min_verdicts = 1;
  summary::Summary s2 = in.summarize(strict);
  CHECK(test::health_of(s2, "good-rule")->flagged);
  CHECK(test::health_of(s2, "lonely-rule")->flagged);
}

TEST_CASE("summary: the timeline buckets reviewed commits and counts findings per skill",
          "[summary]") {
  SummaryInput in;
  for (int day = 0; day < 30; ++day) {
    in.commit("m@example.com", day);
    if (day < 10)
      in.finding("py-bare-except");
    if (day % 10 == 9)
      in.finding("no-print", "readability");
  }
  summary::Settings settings;
  settings.chart_points = 4;
  summary::Summary s = in.summarize(settings);
  const auto& m = s.mentees[0];
  REQUIRE(m.timeline.size() == 4);
  std::size_t commits = 0;
  std::size_t errors = 0;
  for (const auto& b : m.timeline) {
    commits += b.commits;
    errors += b.findings.at("error-handling");
    CHECK(b.findings.count("readability") == 1);
  }
  CHECK(commits == 30);
  CHECK(errors == 10);
  CHECK(m.timeline[0].commits == 7);
  CHECK(m.timeline[0].findings.at("error-handling") == 7);
  CHECK(m.timeline[3].findings.at("error-handling") == 0);
  CHECK(summary::format_date(m.timeline[3].to) == "2024-01-30");
  // Fewer commits than points: one point per commit.
  SummaryInput few;
  few.commit("m@example.com", 0);
  few.finding("py-bare-except");
  CHECK(few.summarize().mentees[0].timeline.size() == 1);
}

TEST_CASE("summary --since dates", "[summary]") {
  CHECK(util::parse_date("2024-01-01", 0) == 1704067200);
  CHECK(util::parse_date("2024-02-29T12:30", 0) == 1704067200 + 59 * 86400 + 45000);
  CHECK(util::parse_date("2024-01-01T01:00:00+01:00", 0) == 1704067200);
  CHECK(util::parse_date("2024-01-01T00:00:00Z", 0) == 1704067200);
  CHECK(util::parse_date("3 days ago", 1000000) == 1000000 - 3 * 86400);
  CHECK(util::parse_date("2.weeks.ago", 2000000) == 2000000 - 14 * 86400);
  CHECK(util::parse_date("1 month", 3000000) == 3000000 - 30 * 86400);
  CHECK_FALSE(util::parse_date("2023-02-29", 0));
  CHECK_FALSE(util::parse_date("2024-13-01", 0));
  CHECK_FALSE(util::parse_date("yesterday", 0));
  CHECK_FALSE(util::parse_date("2024-01-01 junk", 0));
  CHECK_FALSE(util::parse_date("", 0));
  CHECK(summary::format_time(1704067200) == "2024-01-01T00:00:00Z");
}
