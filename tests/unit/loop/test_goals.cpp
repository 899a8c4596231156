// Goals' states over plain inputs: met, missed, open, closed; verdicts, severities, windows.
#include <catch2/catch.hpp>

#include "loop/goals.hpp"
#include "unit/summary/summary_fixture.hpp"

using namespace mentor;
using loop::GoalState;
using test::SummaryInput;

namespace {

constexpr std::int64_t kJan1 = 1704067200;  // 2024-01-01T00:00:00Z
constexpr std::int64_t kDay = 86400;
const std::string kSam = "sam@example.org";

record::Goal goal(int from_day, int until_day, std::optional<std::uint64_t> within = {}) {
  record::Goal g;
  g.id = "0123456789ab";
  g.added = true;
  g.mentee = kSam;
  g.skill = "readability";
  g.from = summary::format_time(kJan1 + from_day * kDay);
  g.until = summary::format_time(kJan1 + until_day * kDay);
  g.within = within;
  return g;
}

const std::vector<loop::ConfiguredRule> kRules{{"no-print", "readability", "python"},
                                               {"py-eval", "security", "python"}};

loop::GoalProgress evaluate(const record::Goal& g, const SummaryInput& in, int now_day) {
  summary::Input input = in.input();
  loop::Scope scope = loop::goal_scope(g, input, kRules);
  return loop::evaluate_goal(
      g, input, scope, [](const summary::CommitInput& c) { return c.author_email == kSam; },
      kJan1 + now_day * kDay);
}

}  // namespace

TEST_CASE("goal: met when the window is over and every relevant commit is clean", "[goals]") {
  SummaryInput in;
  in.commit(kSam, 1);  // before the window
  in.finding("no-print", "readability");
  in.commit(kSam, 3);                  // relevant, clean
  in.commit(kSam, 4, {"javascript"});  // another language: not an opportunity
  in.commit("other@example.org", 5);   // someone else's
  in.commit(kSam, 6);
  in.finding("py-eval", "security");  // another skill's finding: still clean
  in.commit(kSam, 8);
  loop::GoalProgress p = evaluate(goal(2, 10), in, 12);
  CHECK(p.state == GoalState::met);
  CHECK(p.window_over);
  CHECK(p.relevant == 3);
  CHECK(p.clean == 3);
  CHECK(p.target == 3);
  CHECK(loop::goal_progress_label(p) == "3 of 3 clean relevant commits");
  CHECK(p.days_left == 0);
}

TEST_CASE("goal: missed by a confirmed or unreviewed finding, not a dismissed one", "[goals]") {
  SummaryInput in;
  in.commit(kSam, 3);
  std::string f = in.finding("no-print", "readability");
  in.commit(kSam, 4);
  SECTION("unreviewed") {
    loop::GoalProgress p = evaluate(goal(2, 10), in, 5);
    CHECK(p.state == GoalState::missed);  // missed before the window is over
    CHECK(p.missed_in == std::vector<std::string>{in.input().commits[0].id});
    CHECK(p.clean == 1);
    CHECK(p.relevant == 2);
  }
  SECTION("confirmed") {
    in.verdict(f, record::Verdict::confirmed);
    CHECK(evaluate(goal(2, 10), in, 12).state == GoalState::missed);
  }
  SECTION("dismissed, praised, noted") {
    in.verdict(f, record::Verdict::dismissed);
    CHECK(evaluate(goal(2, 10), in, 12).state == GoalState::met);
    in.verdict(f, record::Verdict::praised);
    CHECK(evaluate(goal(2, 10), in, 12).state == GoalState::met);
    in.verdict(f, record::Verdict::noted);  // a note is no verdict
    CHECK(evaluate(goal(2, 10), in, 12).state == GoalState::missed);
  }
  SECTION("suppressed, unless confirmed") {
    summary::Input input = in.input();
    record::Goal g = goal(2, 10);
    record::RecordedFinding suppressed = input.commits[0].findings[0];
    suppressed.suppressed = true;
    CHECK_FALSE(loop::counts_against(g, suppressed, {}));
    CHECK(loop::counts_against(g, suppressed, {record::Verdict::confirmed, false, {}}));
  }
}

TEST_CASE("goal: the severity threshold and the rule", "[goals]") {
  record::Goal g = goal(0, 10);
  record::RecordedFinding f;
  f.rule = "no-print";
  f.skill = "readability";
  f.severity = "info";
  CHECK_FALSE(loop::counts_against(g, f, {}));  // below warning
  g.severity = "info";
  CHECK(loop::counts_against(g, f, {}));
  f.severity = "error";
  CHECK(loop::counts_against(g, f, {}));  // above counts too
  f.severity = "praise";
  CHECK_FALSE(loop::counts_against(g, f, {}));
  f.severity = "error";
  g.rule = "other-rule";  // a goal on one rule ignores the skill's other rules
  CHECK_FALSE(loop::counts_against(g, f, {}));
  g.rule = "no-print";
  CHECK(loop::counts_against(g, f, {}));
  f.skill = "security";
  g.rule.clear();
  CHECK_FALSE(loop::counts_against(g, f, {}));
}

TEST_CASE("goal: within N ends the window at the N-th relevant commit", "[goals]") {
  SummaryInput in;
  in.commit(kSam, 3);
  in.commit(kSam, 4, {"javascript"});  // not relevant
  in.commit(kSam, 5);
  in.commit(kSam, 6);
  in.finding("no-print", "readability");  // after the window: does not count
  loop::GoalProgress p = evaluate(goal(2, 30, 2), in, 8);
  CHECK(p.state == GoalState::met);
  CHECK(p.window_over);
  CHECK(p.target == 2);
  CHECK(p.clean == 2);
  // Three: the finding is in the window.
  p = evaluate(goal(2, 30, 3), in, 8);
  CHECK(p.state == GoalState::missed);
  CHECK(loop::goal_progress_label(p) == "2 of 3 clean relevant commits");
  // Four: open, with progress and days left.
  SummaryInput clean;
  clean.commit(kSam, 3);
  clean.commit(kSam, 5);
  p = evaluate(goal(2, 30, 4), clean, 8);
  CHECK(p.state == GoalState::open);
  CHECK_FALSE(p.window_over);
  CHECK(loop::goal_progress_label(p) == "2 of 4 clean relevant commits");
  CHECK(p.days_left == 22);
  CHECK(loop::goal_state_label(p) == "open, 22 days left");
}

TEST_CASE("goal: commits not recorded keep it open, and a closed goal keeps its state", "[goals]") {
  SummaryInput in;
  in.commit(kSam, 3);
  in.commit(kSam, 5).reviewed = false;  // never recorded: not known to be clean
  loop::GoalProgress p = evaluate(goal(2, 10), in, 12);
  CHECK(p.state == GoalState::open);
  CHECK(p.window_over);
  CHECK(p.not_reviewed.size() == 1);
  CHECK(loop::goal_state_label(p) == "open, waiting for reviews");

  SummaryInput later;
  later.commit(kSam, 3);
  later.commit(kSam, 8);
  later.finding("no-print", "readability");
  record::Goal g = goal(2, 10);
  g.closed = summary::format_time(kJan1 + 5 * kDay);  // before the finding, before the end
  p = evaluate(g, later, 12);
  CHECK(p.state == GoalState::closed);
  CHECK(p.state_at_close == GoalState::open);
  CHECK(p.relevant == 1);  // judged as it stood when closed
  CHECK(loop::goal_state_label(p) == "closed (was open)");
  g.closed = summary::format_time(kJan1 + 11 * kDay);  // closed after its window: missed stands
  CHECK(evaluate(g, later, 12).state == GoalState::missed);
}

TEST_CASE("goal: its scope is the configured rules' languages and its findings'", "[goals]") {
  SummaryInput in;
  in.commit(kSam, 3, {"javascript"});
  in.finding("no-console-log", "readability", "web/app.js");
  loop::Scope scope = loop::goal_scope(goal(0, 10), in.input(), kRules);
  CHECK(scope.languages == std::set<std::string>{"javascript", "python"});
  CHECK(scope.rules == std::vector<std::string>{"no-console-log", "no-print"});
  // A rule of no known language: every file.
  std::vector<loop::ConfiguredRule> unknown{{"r", "readability", ""}};
  CHECK(loop::goal_scope(goal(0, 10), SummaryInput().input(), unknown).languages.empty());
}
