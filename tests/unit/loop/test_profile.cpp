// The needs assessment's computation over plain inputs: rates per 100 opportunities, the team,
// the earlier period, what is suggested and why.
#include <catch2/catch.hpp>

#include "loop/profile.hpp"
#include "unit/summary/summary_fixture.hpp"

using namespace mentor;
using test::SummaryInput;

namespace {

const std::string kMentee = "mentee@example.com";

loop::Profile profile_of(const SummaryInput& in, const summary::Settings& settings = {}) {
  return loop::profile(
      in.input(), [](const summary::CommitInput& c) { return c.author_email == kMentee; },
      settings);
}

const loop::SkillProfile& skill(const loop::Profile& p, const std::string& name) {
  for (const auto& s : p.skills) {
    if (s.skill == name)
      return s;
  }
  FAIL("no skill " << name);
  static loop::SkillProfile none;
  return none;
}

// `count` commits by `email` from `day`, one a day; those whose index is in `with` have a finding
// of `rule` (skill `skill`).
void commits(SummaryInput& in, const std::string& email, int day, int count,
             std::initializer_list<int> with, const std::string& rule = "no-print",
             const std::string& skill = "readability") {
  for (int i = 0; i < count; ++i) {
    in.commit(email, day + i);
    if (std::find(with.begin(), with.end(), i) != with.end())
      in.finding(rule, skill);
  }
}

}  // namespace

TEST_CASE("profile: rates per 100 opportunities, the mentee's beside the team's", "[profile]") {
  SummaryInput in;
  // The mentee: 10 Python commits, print() in the first 4 and the last; a JavaScript-only
  // commit, which could not have had a Python mistake.
  commits(in, kMentee, 0, 10, {0, 1, 2, 3, 9});
  in.commit(kMentee, 20, {"javascript"});
  // The team: two authors, 20 Python commits, print() in 2.
  commits(in, "other@example.com", 30, 10, {4});
  commits(in, "third@example.com", 40, 10, {7});

  loop::Profile p = profile_of(in);
  CHECK(p.commits == 11);
  CHECK(p.reviewed == 11);
  CHECK(p.team_commits == 20);
  CHECK(p.team_reviewed == 20);
  CHECK(p.team_authors == 2);
  CHECK(p.authors == std::vector<std::string>{"mentee <mentee@example.com>"});
  REQUIRE(p.skills.size() == 1);
  const auto& r = p.skills[0];
  CHECK(r.skill == "readability");
  CHECK(r.rules == std::vector<std::string>{"no-print"});
  // 5 mistakes in 5 of the 10 Python commits.
  CHECK(r.mentee.occurrences == 5);
  CHECK(r.mentee.commits == 5);
  CHECK(r.mentee.opportunities == 10);
  CHECK(*r.mentee.per_100() == Approx(50));
  CHECK(r.team.occurrences == 2);
  CHECK(r.team.opportunities == 20);
  CHECK(*r.team.per_100() == Approx(10));
  CHECK(*r.ratio == Approx(5));
  CHECK(r.suggested);
  CHECK(p.suggestions == std::vector<std::string>{"readability"});
}

TEST_CASE("profile: the earlier period is the older half of the mentee's commits", "[profile]") {
  SummaryInput in;
  // 7 commits: the earlier period is the first 3, the later the last 4 (the middle one's).
  commits(in, kMentee, 0, 7, {0, 1, 2, 5});
  commits(in, "other@example.com", 10, 4, {});
  loop::Profile p = profile_of(in);
  CHECK(p.earlier_commits == 3);
  CHECK(p.later_commits == 4);
  CHECK(p.first_commit == 1704067200);
  CHECK(p.earlier_to == 1704067200 + 2 * 86400);
  CHECK(p.later_from == 1704067200 + 3 * 86400);
  CHECK(p.last_commit == 1704067200 + 6 * 86400);
  const auto& r = skill(p, "readability");
  CHECK(r.earlier.occurrences == 3);
  CHECK(r.earlier.opportunities == 3);
  CHECK(*r.earlier.per_100() == Approx(100));
  CHECK(r.later.occurrences == 1);
  CHECK(r.later.opportunities == 4);
  CHECK(*r.later.per_100() == Approx(25));
  // The team never made it: its rate (0) is compared as the floor, 1 per 100.
  CHECK(*r.team.per_100() == 0);
  CHECK(*r.ratio == Approx(4.0 / 7.0 * 100));
  CHECK(r.suggested);
}

TEST_CASE("profile: a skill the team gets as wrong as the mentee is not suggested", "[profile]") {
  SummaryInput in;
  commits(in, kMentee, 0, 10, {0, 3, 6, 9}, "py-eval", "security");
  commits(in, "other@example.com", 10, 10, {1, 4, 7, 8}, "py-eval", "security");
  loop::Profile p = profile_of(in);
  const auto& s = skill(p, "security");
  CHECK(*s.mentee.per_100() == Approx(40));
  CHECK(*s.team.per_100() == Approx(40));
  CHECK(*s.ratio == Approx(1));
  CHECK_FALSE(s.suggested);
  CHECK(p.suggestions.empty());
}

TEST_CASE("profile: the margin above the team's rate", "[profile]") {
  // The mentee 5 in 20 (25 per 100) against the team 5 in 25 (20 per 100): exactly 1.25x, the
  // margin (25%) itself, is not above it.
  SummaryInput in;
  commits(in, kMentee, 0, 20, {0, 1, 2, 3, 4});
  commits(in, "other@example.com", 30, 25, {0, 1, 2, 3, 4});
  loop::Profile p = profile_of(in);
  CHECK(*skill(p, "readability").ratio == Approx(1.25));
  CHECK(p.suggestions.empty());
  summary::Settings narrow;
  narrow.trend_margin = 0.2;
  CHECK(profile_of(in, narrow).suggestions == std::vector<std::string>{"readability"});
}

TEST_CASE("profile: one bad commit is not enough evidence", "[profile]") {
  SummaryInput in;
  // Five mistakes, all in one commit, and two more commits with one: 3 commits is the minimum
  // (summary.recurring).
  in.commit(kMentee, 0);
  for (int i = 0; i < 5; ++i)
    in.finding("no-input", "interaction");
  commits(in, kMentee, 1, 9, {});
  commits(in, "other@example.com", 20, 10, {});
  loop::Profile p = profile_of(in);
  const auto& s = skill(p, "interaction");
  CHECK(s.mentee.occurrences == 5);
  CHECK(s.mentee.commits == 1);
  CHECK(*s.ratio == Approx(50));
  CHECK_FALSE(s.suggested);

  SummaryInput two;
  commits(two, kMentee, 0, 10, {0, 5});
  commits(two, "other@example.com", 20, 10, {});
  CHECK(profile_of(two).suggestions.empty());
  summary::Settings settings;
  settings.recurring = 2;
  CHECK(profile_of(two, settings).suggestions == std::vector<std::string>{"readability"});
  SummaryInput three;
  commits(three, kMentee, 0, 10, {0, 5, 7});
  commits(three, "other@example.com", 20, 10, {});
  CHECK(profile_of(three).suggestions == std::vector<std::string>{"readability"});
}

TEST_CASE("profile: at most three suggestions, the highest ratio first", "[profile]") {
  SummaryInput in;
  // Four skills the mentee gets wrong in 3, 4, 5 and 6 of 10 commits; the team, in 20 commits,
  // once each, except "d" (four times).
  const std::vector<std::pair<std::string, int>> skills{{"a", 3}, {"b", 4}, {"c", 5}, {"d", 6}};
  for (int i = 0; i < 10; ++i) {
    in.commit(kMentee, i);
    for (const auto& [name, n] : skills) {
      if (i < n)
        in.finding("rule-" + name, name);
    }
  }
  for (int i = 0; i < 20; ++i) {
    in.commit("other@example.com", 20 + i);
    for (const auto& [name, n] : skills) {
      if (i == 0 || (name == "d" && i < 4))
        in.finding("rule-" + name, name);
    }
  }
  loop::Profile p = profile_of(in);
  // Ratios: a 30/5 = 6, b 8, c 10, d 60/20 = 3.
  CHECK(*skill(p, "d").ratio == Approx(3));
  CHECK(p.suggestions == std::vector<std::string>{"c", "b", "a"});
  CHECK_FALSE(skill(p, "d").suggested);
  // The table lists the highest rate first.
  CHECK(p.skills.front().skill == "d");
}

TEST_CASE("profile: what counts as a mistake is what the summary counts", "[profile]") {
  SummaryInput in;
  for (int i = 0; i < 6; ++i) {
    in.commit(kMentee, i);
    const std::string f = in.finding("no-print", "readability");
    if (i == 0)
      in.verdict(f, record::Verdict::dismissed);
    if (i == 1)
      in.verdict(f, record::Verdict::praised);
    if (i == 2)
      in.last().findings.back().suppressed = true;
    if (i == 3)
      in.verdict(f, record::Verdict::confirmed);
  }
  // A praise rule's finding is good practice, never a mistake.
  in.finding("uses-logging", "readability", "app.py", "praise");
  commits(in, "other@example.com", 10, 4, {});
  loop::Profile p = profile_of(in);
  const auto& r = skill(p, "readability");
  CHECK(r.mentee.occurrences == 3);  // commits 3, 4 and 5
  CHECK(r.mentee.commits == 3);
  CHECK(r.mentee.opportunities == 6);
  CHECK(r.rules == std::vector<std::string>{"no-print"});
  // A confirmed one weighs twice (summary.confirmed_weight).
  CHECK(r.weight == Approx(4));
}

TEST_CASE("profile: examples are the mentee's newest mistakes, one per commit", "[profile]") {
  SummaryInput in;
  for (int i = 0; i < 5; ++i) {
    in.commit(kMentee, i);
    in.finding("no-print", "readability", "m" + std::to_string(i) + ".py", "warning",
               "print left in " + std::to_string(i));
    in.finding("no-print", "readability", "m" + std::to_string(i) + ".py");
  }
  in.commit("other@example.com", 10);
  in.finding("no-print", "readability", "team.py");
  loop::Profile p = profile_of(in);
  const auto& r = skill(p, "readability");
  REQUIRE(r.examples.size() == 3);
  CHECK(r.examples[0].path == "m4.py");
  CHECK(r.examples[0].commit == in.input().commits[4].id);
  CHECK(r.examples[1].path == "m3.py");
  CHECK(r.examples[2].path == "m2.py");
  CHECK(r.examples[2].rule == "no-print");
  CHECK(r.examples[2].line == 1);
}

TEST_CASE("profile: languages decide the opportunities, for mentee and team alike", "[profile]") {
  SummaryInput in;
  // console.log() in JavaScript: Python-only commits say nothing about it.
  for (int i = 0; i < 4; ++i) {
    in.commit(kMentee, i, {"javascript"});
    in.finding("no-console-log", "readability", "app.js");
  }
  commits(in, kMentee, 10, 6, {});
  in.commit("other@example.com", 20, {"javascript"});
  commits(in, "other@example.com", 21, 9, {});
  loop::Profile p = profile_of(in);
  const auto& r = skill(p, "readability");
  CHECK(r.mentee.opportunities == 4);
  CHECK(*r.mentee.per_100() == Approx(100));
  CHECK(r.team.opportunities == 1);
  CHECK(*r.team.per_100() == 0);
}

TEST_CASE("profile: without a team, rates stand alone", "[profile]") {
  SummaryInput in;
  commits(in, kMentee, 0, 10, {0, 1, 2}, "no-print", "");
  loop::Profile p = profile_of(in);
  CHECK(p.team_commits == 0);
  const auto& r = skill(p, "");
  CHECK_FALSE(r.team.per_100());
  CHECK_FALSE(r.ratio);
  // 30 per 100 against the floor: enough to start with.
  CHECK(r.suggested);
  CHECK(p.suggestions == std::vector<std::string>{""});
}

TEST_CASE("profile: unreviewed commits count nowhere", "[profile]") {
  SummaryInput in;
  commits(in, kMentee, 0, 4, {0});
  in.commit(kMentee, 5).reviewed = false;
  loop::Profile p = profile_of(in);
  CHECK(p.commits == 5);
  CHECK(p.reviewed == 4);
  CHECK(skill(p, "readability").mentee.opportunities == 4);
}
