// git mentor goal add|list|close on a real repository whose history spans weeks (exact author
// dates, relative to now), with findings recorded by `check --record` and verdicts given with
// `git mentor review`; goals in `summary`, `log` and the pre-push hook.
#include <ctime>
#include <map>
#include <regex>
#include <sstream>

#include "e2e/check_fixture.hpp"
#include "e2e/history_fixture.hpp"
#include "summary/summary.hpp"
#include "util/dates.hpp"

namespace mentor::test {

namespace {

constexpr std::int64_t kDay = 86400;

struct DatedChange {
  int day = 0;  // authored at 10:00 UTC, `day` days after the fixture's first day
  std::vector<std::pair<std::string, std::string>> files;  // path -> whole new content
};

// The goal ids `goal add` printed ("added goal ID: ...").
std::string added_id(const MentorRun& run) {
  std::smatch m;
  REQUIRE(std::regex_search(run.out, m, std::regex("^added goal ([0-9a-f]{12}):")));
  return m[1];
}

const nlohmann::json& goal_by_id(const nlohmann::json& goals, const std::string& id) {
  for (const auto& g : goals) {
    if (g["id"] == id)
      return g;
  }
  FAIL("no goal " << id << " in " << goals.dump());
  static nlohmann::json none;
  return none;
}

// Sam's history over three weeks, ending five days ago (all at 10:00 UTC, Sam as author):
//   day  0  the mentor's rules and app.py          (not recorded: the base)
//   day  2, 4  app.py, clean                        day 6   print(6): confirmed by the mentor
//   day  8  app.py, clean                           day 10  web/app.js, clean (readability: JS)
//   day 12  notes.txt (no rule's language)          day 14  app.py, clean
//   day 16  print(16): dismissed by the mentor      day 18  app.py, clean
//   day 20  app.py, clean, never recorded
struct GoalFixture {
  TestRepo repo;
  std::string dir = repo.path().string();
  std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  std::int64_t day0 = (now / kDay - 25) * kDay;
  std::vector<std::string> ids;
  std::string until = summary::format_date(now + 14 * kDay);

  GoalFixture() {
    repo.git({"config", "user.name", "Maya Mentor"});
    repo.git({"config", "user.email", "maya@example.org"});
    std::string py = "x = 0\n";
    std::vector<DatedChange> changes;
    changes.push_back({0,
                       {{".git-mentor.yaml", "rules: [.mentor]\n"},
                        {".mentor/rules.yaml", kSummaryRules},
                        {"app.py", py}}});
    auto python = [&](int day, const std::string& line) {
      py += line + "\n";
      changes.push_back({day, {{"app.py", py}}});
    };
    python(2, "a = 2");
    python(4, "b = 4");
    python(6, "print(6)");
    python(8, "c = 8");
    changes.push_back({10, {{"web/app.js", "let x = 10;\n"}}});
    changes.push_back({12, {{"notes.txt", "notes\n"}}});
    python(14, "d = 14");
    python(16, "print(16)");
    python(18, "e = 18");
    python(20, "f = 20");
    ids = import(changes, "");
    MentorRun record =
        run_in_process({"-C", dir, "check", "--record", "-q", ids[0] + ".." + ids[9]});
    INFO(record.err);
    REQUIRE(record.code == 0);
  }

  // Commits `changes` on main (after `parent` when not empty) with exact author dates.
  std::vector<std::string> import(const std::vector<DatedChange>& changes,
                                  const std::string& parent) {
    std::string stream;
    for (std::size_t i = 0; i < changes.size(); ++i) {
      const DatedChange& c = changes[i];
      const std::string when = std::to_string(day0 + c.day * kDay + 36000) + " +0000";
      const std::string message = "change on day " + std::to_string(c.day) + "\n";
      stream += "commit refs/heads/main\n";
      stream += "author Sam Mentee <sam@example.org> " + when + "\n";
      stream += "committer Sam Mentee <sam@example.org> " + when + "\n";
      stream += "data " + std::to_string(message.size()) + "\n" + message;
      if (i == 0 && !parent.empty())
        stream += "from " + parent + "\n";
      for (const auto& [path, content] : c.files) {
        stream += "M 100644 inline " + path + "\ndata " + std::to_string(content.size()) + "\n" +
                  content + "\n";
      }
    }
    REQUIRE(repo.try_git({"fast-import", "--quiet"}, stream).exit_code == 0);
    repo.git({"reset", "-q", "--hard", "main"});
    std::istringstream listed(repo.git({"rev-list", "--reverse", "main"}));
    std::vector<std::string> all;
    for (std::string id; listed >> id;)
      all.push_back(id);
    REQUIRE(all.size() >= changes.size());
    return std::vector<std::string>(all.end() - static_cast<std::ptrdiff_t>(changes.size()),
                                    all.end());
  }

  std::string date(int day) const { return summary::format_date(day0 + day * kDay); }

  // `goal add` for Sam; returns the goal's id.
  std::string add(std::vector<std::string> extra) {
    std::vector<std::string> args{"-C", dir, "goal", "add", "--mentee", "sam@example.org"};
    args.insert(args.end(), extra.begin(), extra.end());
    MentorRun run = run_in_process(args);
    INFO(run.err);
    REQUIRE(run.code == 0);
    return added_id(run);
  }

  // Confirms the finding of day 6 and dismisses the one of day 16, in a review session.
  void judge() {
    REQUIRE(run_in_process({"-C", dir, "review", "start", ids[0] + ".." + ids[9]}).code == 0);
    MentorRun list = run_in_process({"-C", dir, "review", "list", "--format", "json"});
    REQUIRE(list.code == 0);
    std::map<std::string, std::string> by_commit;
    const nlohmann::json listed = nlohmann::json::parse(list.out);
    for (const auto& f : listed["findings"])
      by_commit[f["commit"].get<std::string>()] = f["review_id"].get<std::string>();
    REQUIRE(by_commit.size() == 2);
    MentorRun confirm = run_in_process({"-C", dir, "review", "confirm", by_commit.at(ids[3])});
    INFO(confirm.err);
    REQUIRE(confirm.code == 0);
    REQUIRE(run_in_process({"-C", dir, "review", "dismiss", by_commit.at(ids[8]), "--note",
                            "a script's output, on purpose"})
                .code == 0);
    REQUIRE(run_in_process({"-C", dir, "review", "close"}).code == 0);
  }
};

}  // namespace

TEST_CASE("goals: met, missed, met once the bad finding is dismissed, open, closed",
          "[e2e][goals]") {
  GoalFixture fx;
  fx.judge();
  // Days 8, 10 (JavaScript: a readability rule's language) and 14 are the first three relevant
  // commits from day 7; day 12 touches no rule's language.
  std::string met = fx.add({"--skill", "readability", "--from", fx.date(7), "--within", "3",
                            "--until", fx.until, "--note", "Three clean commits"});
  // From day 5: day 6 has the confirmed print().
  std::string missed = fx.add(
      {"--skill", "readability", "--from", fx.date(5), "--within", "2", "--until", fx.until});
  // From day 15: day 16's print() was dismissed, day 18 is clean.
  std::string dismissed = fx.add({"--skill", "readability", "--rule", "no-print", "--from",
                                  fx.date(15), "--within", "2", "--until", fx.until});
  // From day 17 until the date: day 18 clean, day 20 not recorded.
  std::string open = fx.add({"--skill", "readability", "--from", fx.date(17), "--until", fx.until});
  std::string closed = fx.add({"--skill", "security", "--from", fx.date(1), "--until", fx.until});
  MentorRun close =
      run_in_process({"-C", fx.dir, "goal", "close", closed.substr(0, 6), "--note", "Moving on"});
  INFO(close.err);
  REQUIRE(close.code == 0);
  CHECK(close.out ==
        "closed goal " + closed + ": closed (was open); 7 of 7 clean relevant commits\n");

  MentorRun list = run_mentor({"-C", fx.dir, "goal", "list", "--all", "--format", "json"});
  INFO(list.err);
  REQUIRE(list.code == 0);
  nlohmann::json goals = nlohmann::json::parse(list.out);
  REQUIRE(goals.size() == 5);
  const auto& g_met = goal_by_id(goals, met);
  CHECK(g_met["state"] == "met");
  CHECK(g_met["clean"] == 3);
  CHECK(g_met["target"] == 3);
  CHECK(g_met["relevant"] == 3);
  CHECK(g_met["note"] == "Three clean commits");
  CHECK(g_met["mentor"] == "Maya Mentor <maya@example.org>");
  const auto& g_missed = goal_by_id(goals, missed);
  CHECK(g_missed["state"] == "missed");
  CHECK(g_missed["missed_in"] == nlohmann::json::array({fx.ids[3]}));
  CHECK(g_missed["clean"] == 1);
  CHECK(g_missed["target"] == 2);
  const auto& g_dismissed = goal_by_id(goals, dismissed);
  CHECK(g_dismissed["state"] == "met");
  CHECK(g_dismissed["rule"] == "no-print");
  CHECK(g_dismissed["clean"] == 2);
  const auto& g_open = goal_by_id(goals, open);
  CHECK(g_open["state"] == "open");
  CHECK(g_open["clean"] == 1);
  CHECK(g_open["target"] == 1);
  CHECK(g_open["not_reviewed"] == nlohmann::json::array({fx.ids[10]}));
  CHECK(g_open["days_left"].get<int>() >= 14);
  CHECK(g_open["days_left"].get<int>() <= 15);
  const auto& g_closed = goal_by_id(goals, closed);
  CHECK(g_closed["state"] == "closed");
  CHECK(g_closed["state_at_close"] == "open");
  CHECK(g_closed["closed"]["note"] == "Moving on");

  // Without --all the closed goal is not listed; the text says what is missing.
  MentorRun text = run_mentor({"-C", fx.dir, "goal", "list"});
  REQUIRE(text.code == 0);
  CHECK(text.out.find("goal " + closed) == std::string::npos);
  CHECK(text.out.find("goal " + met + "  sam@example.org  readability, warning or above  " +
                      fx.date(7) + ".." + fx.until + " (first 3 relevant commits)  met\n") !=
        std::string::npos);
  CHECK(text.out.find("  1 of 2 clean relevant commits; not clean: " + fx.ids[3].substr(0, 12)) !=
        std::string::npos);
  CHECK(text.out.find("  1 commit not reviewed yet: git mentor check --record\n") !=
        std::string::npos);
  CHECK(text.out.find("4 goals\n") != std::string::npos);

  // The summary, in every format.
  MentorRun json = run_mentor({"-C", fx.dir, "summary", "--format", "json"});
  INFO(json.err);
  REQUIRE(json.code == 0);
  nlohmann::json s = nlohmann::json::parse(json.out);
  REQUIRE(s["goals"].size() == 5);
  CHECK(goal_by_id(s["goals"], met)["state"] == "met");
  CHECK(goal_by_id(s["goals"], missed)["state"] == "missed");
  CHECK(goal_by_id(s["goals"], open)["state"] == "open");
  MentorRun summary_text = run_mentor({"-C", fx.dir, "summary"});
  CHECK(summary_text.out.find("\nGoals\n") != std::string::npos);
  CHECK(summary_text.out.find(met.substr(0, 8) +
                              " sam@example.org: readability, warning or above (" + fx.date(7) +
                              " to " + fx.until +
                              ", first 3 relevant commits): met\n    3 of 3 clean relevant "
                              "commits\n") != std::string::npos);
  MentorRun markdown = run_mentor({"-C", fx.dir, "summary", "--format", "markdown"});
  CHECK(markdown.out.find("### Goals") != std::string::npos);
  CHECK(markdown.out.find("| **missed** | 1 of 2 clean relevant commits") != std::string::npos);
  MentorRun html = run_mentor({"-C", fx.dir, "summary", "--format", "html"});
  CHECK(html.out.find("<section id=\"goals\">") != std::string::npos);
  CHECK(html.out.find("<span class=\"trend trend-mastered\">met</span>") != std::string::npos);

  // The log shows when each goal was set and closed, beside HEAD then.
  MentorRun log = run_mentor({"-C", fx.dir, "log"});
  REQUIRE(log.code == 0);
  CHECK(log.out.find("  goal " + met + " set by Maya Mentor <maya@example.org> on ") !=
        std::string::npos);
  CHECK(log.out.find(" for sam@example.org: readability, warning or above, " + fx.date(7) + " to " +
                     fx.until + ", first 3 relevant commits: Three clean commits\n") !=
        std::string::npos);
  CHECK(log.out.find("  goal " + closed + " closed by Maya Mentor <maya@example.org> on ") !=
        std::string::npos);

  // Closing again says so.
  MentorRun again = run_mentor({"-C", fx.dir, "goal", "close", closed});
  CHECK(again.code == 2);
  CHECK(again.err.find("goal " + closed + " was already closed by Maya Mentor") !=
        std::string::npos);
}

TEST_CASE("goals: the pre-push hook mentions an open goal a push touches", "[e2e][goals][hook]") {
  GoalFixture fx;
  fx.add({"--skill", "readability", "--from", fx.date(17), "--until", fx.until});
  // Met already (within reached): not mentioned.
  fx.add({"--skill", "readability", "--from", fx.date(7), "--within", "1", "--until", fx.until});
  auto push = [&](const std::string& from, const std::string& to) {
    std::istringstream in("refs/heads/main " + to + " refs/heads/main " + from + "\n");
    std::ostringstream out;
    std::ostringstream err;
    int code = cli::run({"-C", fx.dir, "hook", "pre-push", "origin", "url"},
                        cli::Streams{out, err, false, false, &in});
    CHECK(code == 0);
    return err.str();
  };
  // A Python commit (authored yesterday): the push touches readability.
  std::string base = fx.ids.back();
  std::string python = fx.import({{24, {{"app.py", "x = 0\ng = 25\n"}}}}, base).back();
  std::string err = push(base, python);
  CHECK(err ==
        "git-mentor: goal (readability, until " + fx.until +
            "): 2 of 2 relevant commits clean so far, " +
            std::to_string((util::parse_date(fx.until, 0).value() + kDay - 1 - fx.now + kDay - 1) /
                           kDay) +
            " days left\n");
  // A push of a text file touches no skill: nothing.
  std::string text = fx.import({{24, {{"notes.txt", "more notes\n"}}}}, python).back();
  std::string quiet = push(python, text);
  CHECK(quiet.empty());
}

TEST_CASE("goals: bad input exits 2 with a clear message", "[e2e][goals][errors]") {
  GoalFixture fx;
  auto fails = [&](std::vector<std::string> args, const std::string& message) {
    std::vector<std::string> all{"-C", fx.dir, "goal"};
    all.insert(all.end(), args.begin(), args.end());
    MentorRun run = run_mentor(all);
    CHECK(run.code == 2);
    INFO(run.err);
    CHECK(run.err.find(message) != std::string::npos);
  };
  fails({"add", "--mentee", "sam@example.org", "--skill", "readabilty", "--until", fx.until},
        "no configured rule trains skill 'readabilty' (did you mean 'readability'?)");
  fails({"add", "--mentee", "sam@example.org", "--skill", "readability", "--rule", "py-eval",
         "--until", fx.until},
        "rule 'py-eval' trains skill 'security', not 'readability'");
  fails({"add", "--mentee", "sam@example.org", "--skill", "readability", "--until", "soon"},
        "--until: 'soon' is not a date (YYYY-MM-DD");
  fails({"add", "--mentee", "sam@example.org", "--skill", "readability", "--until", fx.date(3)},
        "is in the past");
  fails({"add", "--mentee", "sam@example.org", "--skill", "readability", "--until", fx.until,
         "--within", "0"},
        "--within");
  fails({"close", "ffff"}, "no goal has id ffff");
  fails({"close", "ab"}, "'ab' is not a goal id");
  fails({"add", "--skill", "readability", "--until", fx.until}, "--mentee is required");
}

}  // namespace mentor::test
