// git mentor profile: a history over six weeks by a mentee and two other authors, whose rates
// are known by construction, reviewed and recorded by the profile itself; then read back from
// the record, as text and JSON, in-process and through the binary.
#include <algorithm>
#include <set>
#include <sstream>

#include "e2e/check_fixture.hpp"
#include "e2e/history_fixture.hpp"

namespace mentor::test {

namespace {

// print() (readability), eval() (security), input() (interaction).
const std::string kProfileRules = kPrintEvalRules + R"(---
id: no-input
language: python
severity: warning
message: input() blocks a script
skill: interaction
rule:
  pattern: input($$$ARGS)
)";

bool in(std::initializer_list<int> set, int i) {
  return std::find(set.begin(), set.end(), i) != set.end();
}

// The mentee writes 20 commits on even days (0 to 38), each a new file: print() in commits 0-5
// (the earlier period, its first 10 commits) and 12 and 16 (the later period), eval() in 7, 9,
// 14 and 18, two input() calls in 8. The team (Other and Third, alternately) writes 20 commits
// on odd days: print() in 3 and 11, eval() in 1, 5, 13 and 17. So, per 100 commits:
//   readability  mentee 40 (earlier 60, later 20), team 10: 4x, suggested
//   security     mentee 20 (earlier 20, later 20), team 20: as bad, not suggested
//   interaction  mentee 10, in one commit only, team 0: not enough evidence
// Commit 16's file has an escape sequence in its name.
struct ProfileFixture {
  TestRepo repo;
  RuleFile rules{kProfileRules};
  std::string dir = repo.path().string();
  std::vector<std::string> ids;  // in the order of `changes`: the mentee's at even indices
  std::string evil_path = "evil\x1b[2J.py";

  ProfileFixture() {
    std::vector<Change> changes;
    for (int i = 0; i < 20; ++i) {
      std::string body = "x = " + std::to_string(i) + "\n";
      if (in({0, 1, 2, 3, 4, 5, 12, 16}, i))
        body += "print(" + std::to_string(i) + ")\n";
      if (in({7, 9, 14, 18}, i))
        body += "y = eval(\"1\")\n";
      if (i == 8)
        body += "a = input()\nb = input()\n";
      const std::string path = i == 16 ? evil_path : "m" + std::to_string(i) + ".py";
      changes.push_back({"Mentee Example", "mentee@example.com", 2 * i, {{path, body}}});
      std::string team = "t = " + std::to_string(i) + "\n";
      if (in({3, 11}, i))
        team += "print('t')\n";
      if (in({1, 5, 13, 17}, i))
        team += "z = eval(\"2\")\n";
      const bool other = i % 2 == 0;
      changes.push_back({other ? "Other Dev" : "Third Dev",
                         other ? "other@example.com" : "third@example.com",
                         2 * i + 1,
                         {{"t" + std::to_string(i) + ".py", team}}});
    }
    ids = import_history(repo, changes);
  }

  std::vector<std::string> args(std::vector<std::string> extra) const {
    std::vector<std::string> out{"-C", dir, "profile", "--mentee", "mentee@example.com"};
    out.insert(out.end(), extra.begin(), extra.end());
    return out;
  }

  // Records the whole history through `profile` itself.
  MentorRun record() {
    MentorRun run = run_in_process(args({"--rules", rules.path(), "--format", "json"}));
    INFO(run.err);
    REQUIRE(run.code == 0);
    return run;
  }

  nlohmann::json profile_json(std::vector<std::string> extra = {}) {
    extra.insert(extra.end(), {"--no-review", "--format", "json"});
    MentorRun run = run_mentor(args(extra));
    INFO(run.err);
    REQUIRE(run.code == 0);
    CHECK(run.err.empty());
    return nlohmann::json::parse(run.out);
  }

  std::size_t reviewed_lines() {
    std::size_t n = 0;
    CommandResult list = repo.try_git({"notes", "--ref", "refs/notes/mentor", "list"});
    std::istringstream notes(list.out);
    std::string blob;
    std::string commit;
    while (notes >> blob >> commit) {
      std::string note = repo.git({"cat-file", "-p", blob});
      for (std::size_t at = note.find("\"type\":\"reviewed\""); at != std::string::npos;
           at = note.find("\"type\":\"reviewed\"", at + 1))
        ++n;
    }
    return n;
  }
};

const nlohmann::json& skill_of(const nlohmann::json& profile, const std::string& skill) {
  for (const auto& s : profile["skills"]) {
    if (s["skill"] == skill)
      return s;
  }
  FAIL("no skill " << skill << " in " << profile.dump());
  static nlohmann::json none;
  return none;
}

void check_rate(const nlohmann::json& rate, int occurrences, int commits, int opportunities,
                double per_100) {
  INFO(rate.dump());
  CHECK(rate["occurrences"] == occurrences);
  CHECK(rate["commits"] == commits);
  CHECK(rate["opportunities"] == opportunities);
  CHECK(rate["per_100"].get<double>() == Approx(per_100));
}

}  // namespace

TEST_CASE("profile: reviews and records what is not recorded, then assesses", "[e2e][profile]") {
  ProfileFixture fx;
  // --no-review reads the record alone: nothing is recorded yet, and nothing gets recorded.
  MentorRun bare = run_mentor(fx.args({"--no-review"}));
  CHECK(bare.code == 0);
  CHECK(bare.out.find("0 of 20 commits reviewed") != std::string::npos);
  CHECK(bare.out.find("Nothing recorded for this mentee") != std::string::npos);
  CHECK(fx.reviewed_lines() == 0);

  // The profile reviews every author's 40 commits first, as `check --record` would.
  MentorRun first = fx.record();
  CHECK(first.err.find("git-mentor: 20 findings of 40 commits recorded in refs/notes/mentor") !=
        std::string::npos);
  CHECK(fx.reviewed_lines() == 40);
  nlohmann::json p = nlohmann::json::parse(first.out);
  CHECK(p["reviewed"] == 20);
  CHECK(p["team"]["reviewed"] == 20);

  // Recorded once: the next run reviews nothing and says nothing.
  MentorRun again = run_mentor(fx.args({"--format", "json"}));
  CHECK(again.code == 0);
  CHECK(again.err.empty());
  CHECK(nlohmann::json::parse(again.out) == p);
  CHECK(fx.reviewed_lines() == 40);
}

TEST_CASE("profile: rates per skill beside the team's, and where to start", "[e2e][profile]") {
  ProfileFixture fx;
  fx.record();
  nlohmann::json p = fx.profile_json();
  CHECK(p["mentee"] == "mentee@example.com");
  CHECK(p["authors"] == nlohmann::json::array({"Mentee Example <mentee@example.com>"}));
  CHECK(p["commits"] == 20);
  CHECK(p["reviewed"] == 20);
  CHECK(p["team"] == nlohmann::json{{"authors", 2}, {"commits", 20}, {"reviewed", 20}});
  CHECK(p["periods"]["earlier"]["commits"] == 10);
  CHECK(p["periods"]["earlier"]["from"] == "2024-01-01T10:00:00Z");
  CHECK(p["periods"]["earlier"]["to"] == "2024-01-19T10:00:00Z");
  CHECK(p["periods"]["later"]["from"] == "2024-01-21T10:00:00Z");
  CHECK(p["periods"]["later"]["to"] == "2024-02-08T10:00:00Z");

  // Readability: many more mistakes than the team's, and improving.
  const auto& readability = skill_of(p, "readability");
  check_rate(readability["mentee"], 8, 8, 20, 40);
  check_rate(readability["team"], 2, 2, 20, 10);
  check_rate(readability["earlier"], 6, 6, 10, 60);
  check_rate(readability["later"], 2, 2, 10, 20);
  CHECK(readability["ratio"].get<double>() == Approx(4));
  CHECK(readability["suggested"] == true);
  CHECK(readability["rules"] == nlohmann::json::array({"no-print"}));
  // The newest three, with their commits and lines.
  REQUIRE(readability["examples"].size() == 3);
  CHECK(readability["examples"][0]["commit"] == fx.ids[2 * 16]);
  CHECK(readability["examples"][0]["path"] == fx.evil_path);
  CHECK(readability["examples"][0]["line"] == 2);
  CHECK(readability["examples"][0]["rule"] == "no-print");
  CHECK(readability["examples"][0]["message"] == "print(16) left in");
  CHECK(readability["examples"][1]["commit"] == fx.ids[2 * 12]);
  CHECK(readability["examples"][1]["path"] == "m12.py");
  CHECK(readability["examples"][2]["path"] == "m5.py");

  // Security: the team is as bad.
  const auto& security = skill_of(p, "security");
  check_rate(security["mentee"], 4, 4, 20, 20);
  check_rate(security["team"], 4, 4, 20, 20);
  CHECK(security["ratio"].get<double>() == Approx(1));
  CHECK(security["suggested"] == false);

  // Interaction: ten times the team's rate, in one commit only.
  const auto& interaction = skill_of(p, "interaction");
  check_rate(interaction["mentee"], 2, 1, 20, 10);
  CHECK(interaction["team"]["per_100"] == 0.0);
  CHECK(interaction["ratio"].get<double>() == Approx(10));
  CHECK(interaction["suggested"] == false);

  CHECK(p["suggestions"] == nlohmann::json::array({"readability"}));
  // The highest rate first.
  CHECK(p["skills"][0]["skill"] == "readability");
  CHECK(p["skills"][1]["skill"] == "security");
  CHECK(p["skills"][2]["skill"] == "interaction");
}

TEST_CASE("profile: the JSON's keys are stable", "[e2e][profile]") {
  ProfileFixture fx;
  fx.record();
  MentorRun run = run_mentor(fx.args({"--no-review", "--format", "json"}));
  REQUIRE(run.code == 0);
  // In the order written.
  nlohmann::ordered_json p = nlohmann::ordered_json::parse(run.out);
  auto keys = [](const nlohmann::ordered_json& object) {
    std::vector<std::string> out;
    for (const auto& [key, value] : object.items())
      out.push_back(key);
    return out;
  };
  CHECK(keys(p) == std::vector<std::string>{"version", "tool_version", "mentee", "ranges", "since",
                                            "settings", "authors", "commits", "reviewed", "team",
                                            "periods", "skills", "suggestions"});
  CHECK(p["version"] == 1);
  CHECK(keys(p["settings"]) ==
        std::vector<std::string>{"recurring", "trend_margin", "rate_floor", "max_suggestions"});
  CHECK(keys(p["skills"][0]) == std::vector<std::string>{"skill", "rules", "mentee", "team",
                                                         "earlier", "later", "weight", "ratio",
                                                         "suggested", "examples"});
  CHECK(keys(p["skills"][0]["mentee"]) ==
        std::vector<std::string>{"occurrences", "commits", "opportunities", "per_100"});
  CHECK(keys(p["skills"][0]["examples"][0]) ==
        std::vector<std::string>{"commit", "date", "path", "line", "rule", "severity", "message"});
  CHECK(keys(p["periods"]["earlier"]) == std::vector<std::string>{"commits", "from", "to"});
}

TEST_CASE("profile: the text report, terminal-safe", "[e2e][profile]") {
  ProfileFixture fx;
  fx.record();
  MentorRun run = run_mentor(fx.args({"--no-review"}));
  REQUIRE(run.code == 0);
  const std::string& out = run.out;
  INFO(out);
  CHECK(out.find("git-mentor profile of mentee@example.com over HEAD's history: 20 of 20 commits "
                 "reviewed; the team: 2 other authors, 20 of 20 commits reviewed\n") == 0);
  CHECK(out.find("\n  author: Mentee Example <mentee@example.com>\n") != std::string::npos);
  CHECK(out.find("  earlier: 10 commits from 2024-01-01 to 2024-01-19; later: 10 commits from "
                 "2024-01-21 to 2024-02-08\n") != std::string::npos);
  CHECK(out.find("SKILL        MENTEE  MISTAKES  COMMITS  OF  TEAM  VS TEAM  EARLIER  LATER") !=
        std::string::npos);
  CHECK(out.find("readability    40.0         8        8  20  10.0     4.0x     60.0   20.0  "
                 "FOCUS\n") != std::string::npos);
  CHECK(out.find("security       20.0         4        4  20  20.0     1.0x     20.0   20.0\n") !=
        std::string::npos);
  CHECK(out.find("\n  1. readability: 40.0 per 100 (8 mistakes in 8 of 20 commits that could "
                 "have had one)\n     the team: 10.0 per 100 (2 mistakes in 2 of 20 commits that "
                 "could have had one); the mentee's is 4.0x\n") != std::string::npos);
  CHECK(out.find("     " + fx.ids[2 * 12].substr(0, 12) +
                 " m12.py:2 no-print: print(12) left in\n") != std::string::npos);
  CHECK(out.find("2. ") == std::string::npos);
  // The path with an escape sequence is shown escaped.
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find(fx.ids[2 * 16].substr(0, 12) + " evil") != std::string::npos);
}

TEST_CASE("profile: a range and --since select the commits", "[e2e][profile]") {
  ProfileFixture fx;
  fx.record();
  // From day 20 on: the mentee's later period alone, which now splits in two.
  nlohmann::json p = fx.profile_json({"--since", "2024-01-21"});
  CHECK(p["since"] == "2024-01-21T00:00:00Z");
  CHECK(p["reviewed"] == 10);
  CHECK(p["team"]["reviewed"] == 10);
  const auto& readability = skill_of(p, "readability");
  check_rate(readability["mentee"], 2, 2, 10, 20);
  check_rate(readability["team"], 1, 1, 10, 10);
  CHECK(p["suggestions"].empty());
  // A range: the first 20 commits (days 0 to 19).
  nlohmann::json early = fx.profile_json({fx.ids[19]});
  CHECK(early["ranges"] == nlohmann::json::array({fx.ids[19]}));
  CHECK(early["reviewed"] == 10);
  check_rate(skill_of(early, "readability")["mentee"], 6, 6, 10, 60);
}

TEST_CASE("profile: the mentee is matched after .mailmap", "[e2e][profile]") {
  ProfileFixture fx;
  fx.record();
  // Other Dev's commits are the mentee's under another address.
  fx.repo.write(".mailmap", "Mentee Example <mentee@example.com> <other@example.com>\n");
  nlohmann::json p = fx.profile_json();
  CHECK(p["authors"] == nlohmann::json::array({"Mentee Example <mentee@example.com>"}));
  CHECK(p["commits"] == 30);
  CHECK(p["team"]["authors"] == 1);
  CHECK(p["team"]["commits"] == 10);
  // Other Dev made no mistake (the team's are all Third Dev's): the mentee's 8 print() calls,
  // over 30 commits now.
  check_rate(skill_of(p, "readability")["mentee"], 8, 8, 30, 100.0 * 8 / 30);
}

TEST_CASE("profile: progress on a terminal's stderr while reviewing", "[e2e][profile]") {
  ProfileFixture fx;
  std::ostringstream out;
  std::ostringstream err;
  int code = cli::run(fx.args({"--rules", fx.rules.path()}), cli::Streams{out, err, false, true});
  CHECK(code == 0);
  CHECK(err.str().find("\rgit-mentor: reviewed 40/40 commits") != std::string::npos);
  CHECK(fx.reviewed_lines() == 40);
}

TEST_CASE("profile: bad input", "[e2e][profile][errors]") {
  ProfileFixture fx;
  // --mentee is required.
  MentorRun none = run_mentor({"-C", fx.dir, "profile"});
  CHECK(none.code == 2);
  CHECK(none.out.empty());
  CHECK(none.err.find("--mentee is required") != std::string::npos);
  // Nobody by that name.
  MentorRun nobody =
      run_mentor({"-C", fx.dir, "profile", "--mentee", "mentee@exampel.com", "--no-review"});
  CHECK(nobody.code == 2);
  CHECK(nobody.out.empty());
  CHECK(nobody.err ==
        "git-mentor: error: --mentee 'mentee@exampel.com' authored none of the 40 commits of "
        "HEAD's history; its authors: Mentee Example <mentee@example.com>, Other Dev "
        "<other@example.com>, Third Dev <third@example.com> (did you mean "
        "'mentee@example.com'?)\n");
  // ... and nothing is reviewed for them.
  MentorRun unknown = run_in_process({"-C", fx.dir, "profile", "--mentee", "nobody"});
  CHECK(unknown.code == 2);
  CHECK(fx.reviewed_lines() == 0);
  MentorRun later = run_mentor(fx.args({"--since", "2030-01-01", "--no-review"}));
  CHECK(later.code == 2);
  CHECK(later.err.find("authored none of the 0 commits of HEAD's history since "
                       "2030-01-01T00:00:00Z") != std::string::npos);
  // A bad range, a bad date, a bad format.
  MentorRun range = run_mentor(fx.args({"nope..HEAD", "--no-review"}));
  CHECK(range.code == 2);
  CHECK(range.out.empty());
  CHECK(range.err.find("nope") != std::string::npos);
  MentorRun date = run_mentor(fx.args({"--since", "yesterday-ish"}));
  CHECK(date.code == 2);
  CHECK(date.err.find("--since: 'yesterday-ish' is not a date") != std::string::npos);
  MentorRun format = run_mentor(fx.args({"--format", "xml"}));
  CHECK(format.code == 2);
  CHECK(fx.reviewed_lines() == 0);
}

}  // namespace mentor::test
