// Which lessons work, end to end: histories over weeks recorded with `check --record`, lessons
// given by a mentor's `review confirm`, then `git mentor summary` in every format through the
// binary and in-process.
#include <algorithm>
#include <map>
#include <regex>

#include "e2e/check_fixture.hpp"
#include "e2e/history_fixture.hpp"

namespace mentor::test {

namespace {

constexpr const char* kLessonRules = R"(id: bare-except
language: python
severity: warning
message: bare except
skill: error-handling
rule:
  kind: except_clause
  regex: '^except\s*:'
---
id: no-print
language: python
severity: warning
message: print left in
skill: readability
rule:
  pattern: print($$$A)
)";

const std::string kBare = "try:\n    v = int(s)\nexcept:\n    v = 0\n";
const std::string kClean = "w = 1\n";

std::string print_call(const std::string& tag) {
  return "print('" + tag + "')\n";
}

// Two mentees taught both rules, weekly commits, each in a new file (nothing is moved code):
//   Ann: a0 bare except + print (the print confirmed: its lesson), a1 bare except (confirmed:
//        its lesson), a2 clean, a3 print (a repeat, 3 commits after its lesson), a4-a7 clean.
//   Ben: b0 clean, b1 bare except + print (both confirmed), b2 print (a repeat, the next commit),
//        b3 clean, b4 print (dismissed: not an occurrence), b5-b7 clean.
//   Cat: c0 print (never confirmed: not taught), c1 clean.
// So the bare except's lesson sticks (neither repeats it) and the print's does not (both do).
struct LessonFixture {
  TestRepo repo;
  RuleFile rules{kLessonRules};
  std::string dir = repo.path().string();
  std::vector<std::string> ids;
  std::map<std::string, std::size_t> index;  // "a3" -> index in ids

  LessonFixture() {
    std::vector<Change> changes;
    changes.push_back({"Mentor", "mentor@example.net", 0, {{"README.md", "lessons\n"}}});
    auto add = [&](const std::string& key, const std::string& name, int day,
                   const std::string& code) {
      std::string email = name == "Ann" ? "ann@example.org" : "ben@example.org";
      if (name == "Cat")
        email = "cat@example.org";
      changes.push_back({name, email, day, {{key + ".py", code}}});
    };
    const std::vector<std::string> ann = {
        kBare + print_call("a0"), kBare, kClean, print_call("a3"), kClean, kClean, kClean, kClean};
    const std::vector<std::string> ben = {kClean,           kBare + print_call("b1"),
                                          print_call("b2"), kClean,
                                          print_call("b4"), kClean,
                                          kClean,           kClean};
    for (int i = 0; i < 8; ++i) {
      add("a" + std::to_string(i), "Ann", 1 + 7 * i, ann[static_cast<std::size_t>(i)]);
      add("b" + std::to_string(i), "Ben", 4 + 7 * i, ben[static_cast<std::size_t>(i)]);
    }
    add("c0", "Cat", 5, print_call("c0"));
    add("c1", "Cat", 12, kClean);
    std::stable_sort(changes.begin(), changes.end(),
                     [](const Change& a, const Change& b) { return a.day < b.day; });
    for (std::size_t i = 1; i < changes.size(); ++i) {
      const std::string& path = changes[i].files[0].first;  // "a3.py"
      index[path.substr(0, path.size() - 3)] = i;
    }
    ids = import_history(repo, changes);
    MentorRun record = run_in_process(
        {"-C", dir, "check", "--record", "-q", "--rules", rules.path(), ids[0] + "..HEAD"});
    INFO(record.err);
    REQUIRE(record.code == 0);

    // The mentor's session: the lessons.
    repo.git({"config", "user.name", "Mentor One"});
    repo.git({"config", "user.email", "mentor@example.net"});
    MentorRun start = run_in_process({"-C", dir, "review", "start", ids[0] + "..HEAD"});
    INFO(start.err);
    REQUIRE(start.code == 0);
    verdict("confirm", "no-print", "a0");
    verdict("confirm", "bare-except", "a1");
    verdict("confirm", "bare-except", "b1");
    verdict("confirm", "no-print", "b1");
    verdict("dismiss", "no-print", "b4", "a command-line entry point");
  }

  const std::string& id(const std::string& key) const { return ids.at(index.at(key)); }

  // Gives `verdict` on the finding of `rule` in commit `key`.
  void verdict(const std::string& verdict, const std::string& rule, const std::string& key,
               const std::string& note = "") {
    MentorRun list = run_in_process({"-C", dir, "review", "list", "--format", "json"});
    REQUIRE(list.code == 0);
    std::string review_id;
    const nlohmann::json listed = nlohmann::json::parse(list.out);
    for (const auto& f : listed["findings"]) {
      if (f["rule"] == rule && f["commit"] == id(key))
        review_id = f["review_id"].get<std::string>();
    }
    REQUIRE_FALSE(review_id.empty());
    std::vector<std::string> args{"-C", dir, "review", verdict, review_id};
    if (!note.empty())
      args.insert(args.end(), {"--note", note});
    MentorRun run = run_in_process(args);
    INFO(run.err);
    REQUIRE(run.code == 0);
  }

  MentorRun summary(const std::string& format) {
    MentorRun run = run_mentor({"-C", dir, "summary", "--format", format});
    INFO(run.err);
    REQUIRE(run.code == 0);
    return run;
  }
};

const nlohmann::json& lesson_of(const nlohmann::json& summary, const std::string& rule) {
  for (const auto& l : summary["lessons"]) {
    if (l["rule"] == rule)
      return l;
  }
  FAIL("no lesson of " << rule << " in " << summary["lessons"].dump());
  static nlohmann::json none;
  return none;
}

const nlohmann::json& mentee_of(const nlohmann::json& lesson, const std::string& email) {
  for (const auto& m : lesson["mentees"]) {
    if (m["email"] == email)
      return m;
  }
  FAIL("no mentee " << email << " in " << lesson.dump());
  static nlohmann::json none;
  return none;
}

}  // namespace

TEST_CASE("which lessons work: a lesson that sticks and one that does not, in json and text",
          "[e2e][summary][lesson-effect]") {
  LessonFixture fx;
  nlohmann::json s = nlohmann::json::parse(fx.summary("json").out);
  CHECK(s["settings"]["lesson_window"] == 10);
  REQUIRE(s["lessons"].size() == 2);
  CHECK(s["lessons"][0]["rule"] == "no-print");  // flagged first

  const auto& print = lesson_of(s, "no-print");
  CHECK(print["skill"] == "readability");
  CHECK(print["severity"] == "warning");
  CHECK(print["taught"] == 2);  // Cat's print was never confirmed
  CHECK(print["followed"] == 2);
  CHECK(print["repeated"] == 2);
  CHECK(print["flagged"] == true);
  CHECK(print["before_rate"] == 0.0);                            // Ben's b0; Ann had nothing before
  CHECK(print["after_rate"].get<double>() == Approx(2.0 / 13));  // a3 and b2 over a1-a7, b2-b7
  const auto& ann = mentee_of(print, "ann@example.org");
  CHECK(ann["name"] == "Ann");
  CHECK(ann["lesson"]["commit"] == fx.id("a0"));
  CHECK(ann["lesson"]["date"] == "2024-01-02T10:00:00Z");
  CHECK(ann["before_commits"] == 0);
  CHECK(ann["after_commits"] == 7);
  CHECK(ann["after_occurrences"] == 1);
  CHECK(ann["first_repeat"] == 3);
  CHECK(ann["repeated"] == true);
  const auto& ben = mentee_of(print, "ben@example.org");
  CHECK(ben["lesson"]["commit"] == fx.id("b1"));
  CHECK(ben["before_commits"] == 1);
  CHECK(ben["before_occurrences"] == 0);
  CHECK(ben["after_commits"] == 6);
  CHECK(ben["after_occurrences"] == 1);  // b4's print was dismissed
  CHECK(ben["first_repeat"] == 1);

  const auto& bare = lesson_of(s, "bare-except");
  CHECK(bare["skill"] == "error-handling");
  CHECK(bare["taught"] == 2);
  CHECK(bare["followed"] == 2);
  CHECK(bare["repeated"] == 0);
  CHECK(bare["flagged"] == false);
  CHECK(bare["before_rate"] == 0.5);  // Ann's unconfirmed a0 before her lesson in a1; Ben's b0
  CHECK(bare["after_rate"] == 0.0);
  const auto& ann_bare = mentee_of(bare, "ann@example.org");
  CHECK(ann_bare["lesson"]["commit"] == fx.id("a1"));
  CHECK(ann_bare["before_commits"] == 1);
  CHECK(ann_bare["before_occurrences"] == 1);
  CHECK(ann_bare["after_commits"] == 6);
  CHECK(ann_bare["first_repeat"].is_null());
  CHECK(ann_bare["repeated"] == false);

  MentorRun text = fx.summary("text");
  CHECK(text.out.find("\nLessons (a lesson: a mentee's first confirmed finding of the rule; "
                      "flagged: at least 2 mentees with commits since, more than half repeat it "
                      "within 10 relevant commits)\n") != std::string::npos);
  CHECK(std::regex_search(
      text.out, std::regex("\n  no-print +2 +2 +2 +0\\.00 +0\\.15 +the lesson does not stick: 2 "
                           "of 2 mentees repeat it within 10 commits\n")));
  CHECK(std::regex_search(text.out, std::regex("\n  bare-except +2 +2 +0 +0\\.50 +0\\.00 +0 of 2 "
                                               "mentees repeat it within 10 commits\n")));
  CHECK(std::regex_search(
      text.out,
      std::regex("\n  no-print +ann@example\\.org +2024-01-02 " + fx.id("a0").substr(0, 12) +
                 " +0 in 0 commits +1 in 7 commits +repeated after 3 commits\n")));
  CHECK(std::regex_search(
      text.out,
      std::regex("\n  bare-except +ben@example\\.org +2024-01-12 " + fx.id("b1").substr(0, 12) +
                 " +0 in 1 commit +0 in 6 commits +not repeated in 6 commits\n")));
  // Next to rule health.
  CHECK(text.out.find("Rule health") < text.out.find("\nLessons"));
}

TEST_CASE("which lessons work: markdown and html show them, the window is lesson_window",
          "[e2e][summary][lesson-effect]") {
  LessonFixture fx;
  MentorRun md = fx.summary("markdown");
  CHECK(md.out.find("\n### Lessons\n") != std::string::npos);
  CHECK(md.out.find("| no\\-print | readability | 2 | 2 | 2 | 0.00 | 0.15 | **the lesson does not "
                    "stick**: 2 of 2 mentees repeat it within 10 commits |\n") !=
        std::string::npos);
  CHECK(md.out.find("| bare\\-except | error\\-handling | 2 | 2 | 0 | 0.50 | 0.00 | 0 of 2 mentees "
                    "repeat it within 10 commits |\n") != std::string::npos);

  MentorRun html = fx.summary("html");
  const auto section = html.out.find("<section id=\"lessons\">\n<h2>Lessons</h2>\n");
  REQUIRE(section != std::string::npos);
  CHECK(html.out.find("<section id=\"rule-health\">") < section);
  const std::string lessons =
      html.out.substr(section, html.out.find("</section>", section) - section);
  CHECK(lessons.find("<tr class=\"flagged\"><td><code>no-print</code></td><td>readability</td>"
                     "<td class=\"n\">2</td><td class=\"n\">2</td><td class=\"n\">2</td>"
                     "<td class=\"n\">0.00</td><td class=\"n\">0.15</td><td><span "
                     "class=\"flag\">the lesson does not stick</span>: 2 of 2 mentees repeat it "
                     "within 10 commits</td>") != std::string::npos);
  CHECK(lessons.find("<tr><td><code>bare-except</code>") != std::string::npos);
  CHECK(lessons.find("<div>ann@example.org: taught 2024-01-02 <code>" + fx.id("a0").substr(0, 12) +
                     "</code>, before 0 in 0, after 1 in 7; repeated after 3 commits</div>") !=
        std::string::npos);
  CHECK(html.out.find("<script") == std::string::npos);

  // A window of two commits: Ann's repeat, three commits after her lesson, no longer counts.
  fx.repo.write(".git-mentor.yaml", "summary:\n  lesson_window: 2\n");
  nlohmann::json s = nlohmann::json::parse(fx.summary("json").out);
  CHECK(s["settings"]["lesson_window"] == 2);
  const auto& print = lesson_of(s, "no-print");
  CHECK(print["repeated"] == 1);
  CHECK(print["flagged"] == false);
  CHECK(mentee_of(print, "ann@example.org")["first_repeat"] == 3);
  CHECK(mentee_of(print, "ann@example.org")["repeated"] == false);
  MentorRun text = fx.summary("text");
  CHECK(text.out.find("1 of 2 mentees repeat it within 2 commits\n") != std::string::npos);
  CHECK(text.out.find("repeated after 3 commits (outside the window)\n") != std::string::npos);

  fx.repo.write(".git-mentor.yaml", "summary:\n  lesson_window: 0\n");
  MentorRun bad = run_mentor({"-C", fx.dir, "summary"});
  CHECK(bad.code == 2);
  CHECK(bad.err ==
        ".git-mentor.yaml:2:18: error: summary.lesson_window must be a positive whole "
        "number\n");
}

TEST_CASE("which lessons work: nothing confirmed, no lessons", "[e2e][summary][lesson-effect]") {
  TestRepo repo;
  RuleFile rules(kLessonRules);
  std::vector<Change> changes;
  changes.push_back({"Ann", "ann@example.org", 0, {{"a.py", kClean}}});
  changes.push_back({"Ann", "ann@example.org", 7, {{"b.py", print_call("b")}}});
  changes.push_back({"Ann", "ann@example.org", 14, {{"c.py", print_call("c")}}});
  std::vector<std::string> ids = import_history(repo, changes);
  const std::string dir = repo.path().string();
  REQUIRE(run_in_process(
              {"-C", dir, "check", "--record", "-q", "--rules", rules.path(), ids[0] + "..HEAD"})
              .code == 0);
  MentorRun json = run_mentor({"-C", dir, "summary", "--format", "json"});
  CHECK(nlohmann::json::parse(json.out)["lessons"].empty());
  MentorRun text = run_mentor({"-C", dir, "summary"});
  CHECK(text.out.find("Lessons") == std::string::npos);
  MentorRun html = run_mentor({"-C", dir, "summary", "--format", "html"});
  CHECK(html.out.find("id=\"lessons\"") == std::string::npos);
}

}  // namespace mentor::test
