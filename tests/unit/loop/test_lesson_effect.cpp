// Which lessons work, over plain inputs: one mentee's lesson, a rule's lessons across mentees
// and the flag, and the lessons as summarize finds them (verdicts, opportunities).
#include <deque>
#include <map>

#include <catch2/catch.hpp>

#include "loop/lesson_effect.hpp"
#include "summary/summary.hpp"
#include "unit/summary/summary_fixture.hpp"

using namespace mentor;
using loop::LessonSeries;
using test::SummaryInput;

namespace {

// A mentee's relevant commits from a pattern, one character per commit: '.' no occurrence,
// 'x' an occurrence, 'c' a confirmed occurrence, '2' two occurrences.
class Series {
 public:
  LessonSeries make(const std::string& email, const std::string& pattern) {
    LessonSeries out;
    out.name = email.substr(0, email.find('@'));
    out.email = email;
    for (char p : pattern) {
      loop::CommitInput& c = commits_.emplace_back();
      c.id = std::string(39, 'a') + std::to_string(commits_.size() % 10);
      c.time = 1704067200 + static_cast<std::int64_t>(commits_.size()) * 86400;
      loop::RelevantCommit r;
      r.commit = &c;
      r.occurrences = p == '.' ? 0u : p == '2' ? 2u : 1u;
      r.confirmed = p == 'c' ? 1u : 0u;
      out.commits.push_back(r);
    }
    return out;
  }

 private:
  std::deque<loop::CommitInput> commits_;  // stable addresses
};

const loop::LessonEffect* lesson_of(const std::vector<loop::LessonEffect>& lessons,
                                    const std::string& rule) {
  for (const auto& l : lessons) {
    if (l.rule == rule)
      return &l;
  }
  return nullptr;
}

}  // namespace

TEST_CASE(
    "which lessons work: a mentee's lesson is the first confirmed finding, compared before and "
    "after",
    "[summary][lesson-effect]") {
  Series s;
  // Two commits before (one occurrence), the lesson, four after with a repeat in the third.
  LessonSeries series = s.make("ann@example.org", "x.c2.x.c.");
  auto lesson = loop::mentee_lesson(series, 10);
  REQUIRE(lesson);
  CHECK(lesson->name == "ann");
  CHECK(lesson->lesson_commit == series.commits[2].commit->id);
  CHECK(lesson->lesson_time == series.commits[2].commit->time);
  CHECK(lesson->before_commits == 2);
  CHECK(lesson->before_occurrences == 1);
  CHECK(lesson->after_commits == 6);
  CHECK(lesson->after_occurrences == 4);  // 2 + 1 + 1: a later confirmation is no new lesson
  REQUIRE(lesson->first_repeat);
  CHECK(*lesson->first_repeat == 1);
  CHECK(lesson->repeated);

  // The window counts relevant commits after the lesson.
  lesson = loop::mentee_lesson(s.make("ben@example.org", "c..x"), 3);
  CHECK(*lesson->first_repeat == 3);
  CHECK(lesson->repeated);
  CHECK(loop::mentee_repeat_label(*lesson, 3) == "repeated after 3 commits");
  lesson = loop::mentee_lesson(s.make("ben@example.org", "c..x"), 2);
  CHECK(*lesson->first_repeat == 3);
  CHECK_FALSE(lesson->repeated);
  CHECK(loop::mentee_repeat_label(*lesson, 2) == "repeated after 3 commits (outside the window)");

  // No repeat; nothing after the lesson; never confirmed: no lesson at all.
  lesson = loop::mentee_lesson(s.make("cat@example.org", "xc...."), 10);
  CHECK_FALSE(lesson->first_repeat);
  CHECK_FALSE(lesson->repeated);
  CHECK(lesson->after_commits == 4);
  CHECK(loop::mentee_repeat_label(*lesson, 10) == "not repeated in 4 commits");
  lesson = loop::mentee_lesson(s.make("cat@example.org", "..c"), 10);
  CHECK(lesson->after_commits == 0);
  CHECK(loop::mentee_repeat_label(*lesson, 10) == "no relevant commit since");
  CHECK_FALSE(loop::mentee_lesson(s.make("dan@example.org", "xx.x"), 10));
}

TEST_CASE("which lessons work: a lesson does not stick when more than half the mentees repeat it",
          "[summary][lesson-effect]") {
  Series s;
  std::map<std::string, std::vector<LessonSeries>> by_rule;
  // Both taught mentees repeat it: flagged.
  by_rule["repeats"] = {s.make("ann@example.org", "x.c.x.."), s.make("ben@example.org", "cx...")};
  // Neither does.
  by_rule["sticks"] = {s.make("ann@example.org", "xxc...."), s.make("ben@example.org", ".c...")};
  // One mentee is not enough to judge a lesson.
  by_rule["one"] = {s.make("ann@example.org", "cxxx")};
  // Exactly half is not more than half; a mentee without commits since does not count.
  by_rule["half"] = {s.make("ann@example.org", "cx"), s.make("ben@example.org", "c."),
                     s.make("cat@example.org", "xc")};
  // Two of three repeat: flagged. A mentee never confirmed is not taught.
  by_rule["most"] = {s.make("ann@example.org", "c.x"), s.make("ben@example.org", "cx"),
                     s.make("cat@example.org", "c..."), s.make("dan@example.org", "xxxx")};
  // Only unconfirmed findings: no lesson to judge.
  by_rule["untaught"] = {s.make("ann@example.org", "xxx")};

  std::vector<loop::LessonEffect> lessons = loop::lesson_effects(by_rule, 10);
  REQUIRE(lessons.size() == 5);
  CHECK(lesson_of(lessons, "untaught") == nullptr);
  // Flagged first, then most mentees followed.
  CHECK(lessons[0].rule == "most");
  CHECK(lessons[1].rule == "repeats");
  CHECK(lessons[2].rule == "half");  // as many followed as "sticks": by rule
  CHECK(lessons[3].rule == "sticks");

  const auto* repeats = lesson_of(lessons, "repeats");
  CHECK(repeats->taught == 2);
  CHECK(repeats->followed == 2);
  CHECK(repeats->repeated == 2);
  CHECK(repeats->flagged);
  // Before: ann 1 in 2, ben 0 in 0; after: ann 1 in 4, ben 1 in 4.
  CHECK(*repeats->before_rate == Approx(0.5));
  CHECK(*repeats->after_rate == Approx(0.25));
  CHECK(loop::repeat_label(*repeats, 10) == "2 of 2 mentees repeat it within 10 commits");
  REQUIRE(repeats->mentees.size() == 2);
  CHECK(repeats->mentees[0].email == "ann@example.org");

  const auto* sticks = lesson_of(lessons, "sticks");
  CHECK(sticks->repeated == 0);
  CHECK_FALSE(sticks->flagged);
  CHECK(*sticks->before_rate == Approx(2.0 / 3.0));
  CHECK(*sticks->after_rate == 0);

  const auto* one = lesson_of(lessons, "one");
  CHECK(one->repeated == 1);
  CHECK_FALSE(one->flagged);
  CHECK_FALSE(one->before_rate);
  CHECK(loop::repeat_label(*one, 1) == "1 of 1 mentee repeats it within 1 commit");

  const auto* half = lesson_of(lessons, "half");
  CHECK(half->taught == 3);
  CHECK(half->followed == 2);
  CHECK(half->repeated == 1);
  CHECK_FALSE(half->flagged);

  const auto* most = lesson_of(lessons, "most");
  CHECK(most->taught == 3);
  CHECK(most->followed == 3);
  CHECK(most->repeated == 2);
  CHECK(most->flagged);

  // A narrower window: ann's repeat in "repeats" (two commits after) no longer counts.
  lessons = loop::lesson_effects(by_rule, 1);
  CHECK(lesson_of(lessons, "repeats")->repeated == 1);
  CHECK_FALSE(lesson_of(lessons, "repeats")->flagged);
}

TEST_CASE("which lessons work: summarize counts occurrences and opportunities as the tallies do",
          "[summary][lesson-effect]") {
  SummaryInput in;
  // ann: an unconfirmed print, then a confirmed one (the lesson), a JavaScript commit (not
  // relevant to a Python rule), a dismissed print (not an occurrence), a clean Python commit,
  // then a print again.
  in.commit("ann@example.org", 0);
  in.finding("no-print", "readability");
  in.commit("ann@example.org", 7);
  in.verdict(in.finding("no-print", "readability"), record::Verdict::confirmed);
  in.commit("ann@example.org", 8, {"javascript"});
  in.last().paths = {"web/app.js"};
  in.commit("ann@example.org", 14);
  in.verdict(in.finding("no-print", "readability"), record::Verdict::dismissed);
  in.commit("ann@example.org", 21);
  in.commit("ann@example.org", 28);
  in.finding("no-print", "readability");
  // ben: the lesson in his first commit, then prints again; a praise rule confirmed by mistake
  // teaches nothing (praise is no mistake).
  in.commit("ben@example.org", 1);
  in.verdict(in.finding("no-print", "readability"), record::Verdict::confirmed);
  in.verdict(in.finding("good-with", "files", "app.py", "praise"), record::Verdict::confirmed);
  in.commit("ben@example.org", 2);
  in.finding("no-print", "readability");
  // cat: prints, never confirmed: not taught.
  in.commit("cat@example.org", 3);
  in.finding("no-print", "readability");

  summary::Summary s = in.summarize();
  REQUIRE(s.lessons.size() == 1);
  const loop::LessonEffect& l = s.lessons[0];
  CHECK(l.rule == "no-print");
  CHECK(l.skill == "readability");
  CHECK(l.severity == "warning");
  CHECK(l.taught == 2);
  CHECK(l.followed == 2);
  CHECK(l.repeated == 2);
  CHECK(l.flagged);
  REQUIRE(l.mentees.size() == 2);
  const loop::MenteeLesson& ann = l.mentees[0];
  CHECK(ann.email == "ann@example.org");
  CHECK(ann.lesson_time == in.input().commits[1].time);
  CHECK(ann.before_commits == 1);
  CHECK(ann.before_occurrences == 1);
  CHECK(ann.after_commits == 3);  // days 14, 21 and 28: not the JavaScript commit
  CHECK(ann.after_occurrences == 1);
  CHECK(*ann.first_repeat == 3);
  const loop::MenteeLesson& ben = l.mentees[1];
  CHECK(ben.before_commits == 0);
  CHECK(*ben.first_repeat == 1);
  REQUIRE(l.before_rate);
  REQUIRE(l.after_rate);
  CHECK(*l.before_rate == Approx(1.0));       // ann's 1 in 1
  CHECK(*l.after_rate == Approx(2.0 / 4.0));  // ann's 1 in 3, ben's 1 in 1

  // The window is a setting.
  summary::Settings narrow;
  narrow.lesson_window = 2;
  summary::Summary n = in.summarize(narrow);
  CHECK(n.lessons[0].repeated == 1);
  CHECK_FALSE(n.lessons[0].flagged);
}
